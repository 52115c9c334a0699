"""The contributor's path: scaffold, check, build; generated docs never drift from the schema."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import ROOT, SITES, orbit_cli, overlay_site
from orbit_cli.docs import json_schemas, updated_contributing
from orbit_cli.scaffold import ScaffoldError, scaffold
from orbit_content.validate import validate_content


def test_scaffold_passes_check_and_builds_as_a_draft(tmp_path):
    content = overlay_site(SITES / "valid", tmp_path)
    path = scaffold(content, "Why the lunar south pole?", "moon", today=dt.date(2026, 11, 25))
    assert path.name == "why-the-lunar-south-pole.md"
    assert validate_content(content).problems == []
    out = tmp_path / "output"
    result = orbit_cli("build", "--content", str(content), "--output", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    assert (out / "drafts" / "why-the-lunar-south-pole" / "index.html").is_file()
    assert "why-the-lunar-south-pole" not in (out / "index.html").read_text()


def test_scaffolded_page_passes_check(tmp_path):
    content = overlay_site(SITES / "valid", tmp_path)
    path = scaffold(content, "Press kit", "station", kind="page")
    assert path == content / "pages" / "press-kit.md"
    assert validate_content(content).problems == []


def test_scaffold_refuses_to_overwrite_or_reuse_a_slug(tmp_path):
    content = overlay_site(SITES / "valid", tmp_path)
    with pytest.raises(ScaffoldError, match="already exists"):
        scaffold(content, "First article", "station")
    (content / "articles" / "first-article.md").rename(content / "articles" / "renamed.md")
    with pytest.raises(ScaffoldError, match="slug 'first-article' is already used"):
        scaffold(content, "First article", "station")
    with pytest.raises(ScaffoldError, match="no letters or digits"):
        scaffold(content, "???", "station")


def test_scaffold_points_editors_at_the_schema(tmp_path):
    content = overlay_site(SITES / "valid", tmp_path)
    text = scaffold(content, "A new story", "moon").read_text()
    assert "# yaml-language-server: $schema=../../schemas/article.schema.json" in text


def test_contributing_field_table_is_up_to_date():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert text == updated_contributing(text), "stale: run ./site docs"


def test_stale_field_table_is_detected():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    stale = text.replace("| `summary` | yes |", "| `summary` |  |", 1)
    assert stale != text and updated_contributing(stale) != stale


def test_editor_schemas_are_up_to_date():
    for name, expected in json_schemas().items():
        committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == expected, f"schemas/{name} is stale: run ./site docs"
    article = json.loads(json_schemas()["article.schema.json"])
    assert "sources" in article["required"] and article["additionalProperties"] is False
