"""The build runner: atomic output, clear failures, no traceback, last good output/ kept."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from conftest import SITES, orbit_cli, overlay_site
from orbit_cli.build import leftover_links


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build(content: Path, out: Path, *extra: str):
    """`orbit_cli build --quiet` of a content folder into `out`, with any further options."""
    return orbit_cli("build", "--content", str(content), "--output", str(out), "--quiet", *extra)


BROKEN_THEME = ("--theme", str(SITES / "broken-theme"))


@pytest.fixture(scope="module")
def valid_build(tmp_path_factory) -> Path:
    """The valid fixture site, built once for the tests that each need a good output/."""
    folder = tmp_path_factory.mktemp("valid")
    out = folder / "output"
    result = build(overlay_site(SITES / "valid", folder), out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def good_output(valid_build: Path, tmp_path: Path) -> tuple[Path, dict]:
    """A good output/ of this test's own (a copy of one build), and its files' hashes."""
    out = tmp_path / "output"
    shutil.copytree(valid_build, out)
    return out, snapshot(out)


def test_valid_site_builds_every_kind_of_page(good_output):
    out, files = good_output
    for page in (
        "index.html",
        "404.html",
        "first-article/index.html",
        "about/index.html",
        "topics/station/index.html",
        "tags/soyuz/index.html",
        "archives/index.html",
    ):
        assert page in files
    # Each stylesheet bundle once, named by its content's hash (no ?v= cache-buster).
    assert sorted(
        re.sub(r"\.[0-9a-f]{10}\.", ".", f) for f in files if f.startswith("theme/css/")
    ) == [
        "theme/css/data.css",
        "theme/css/figures.css",
        "theme/css/glossary.css",
        "theme/css/home.css",
        "theme/css/lists.css",
        "theme/css/main.css",
        "theme/css/sources.css",
        "theme/css/tables.css",
        "theme/css/timeline.css",
    ]
    html = (out / "first-article" / "index.html").read_text()
    assert re.search(r'href="/theme/css/main\.[0-9a-f]{10}\.css"', html) and "?v=" not in html


BROKEN = [
    "bad-date",
    "misspelt-field",
    "unknown-citation",
    "broken-filename-link",
    "unclosed-front-matter",
    "tab-indent",
    "empty-link-target",
]


@pytest.mark.parametrize("case", BROKEN)
def test_failed_build_reports_lines_exits_non_zero_and_keeps_output(case, good_output, tmp_path):
    out, before = good_output
    content = overlay_site(SITES / "errors" / case, tmp_path / "bad")
    result = build(content, out)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    expected = (SITES / "errors" / case / "expected.txt").read_text().splitlines()
    for line in expected:
        assert line.replace("content/", "", 1) in result.stderr
    assert "output/ kept as it was" in result.stderr
    assert snapshot(out) == before
    assert not list(out.parent.glob(".output.*")), "staging folder left behind"


def test_check_command_reports_without_rendering(tmp_path):
    content = overlay_site(SITES / "errors" / "unknown-agency", tmp_path)
    result = orbit_cli("check", "--content", str(content))
    assert result.returncode == 1
    assert "agencies[0]: unknown key 'nasaa' — did you mean 'nasa'?" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "output").exists()


def test_leftover_link_scanner_catches_literal_placeholders():
    found = leftover_links(SITES / "leftover-links")
    assert found == [
        "page.html:3: unresolved link '{filename}'",
        "page.html:4: unresolved link '{static}'",
    ]


def test_wrong_usage_exits_3():
    result = orbit_cli("deploy")
    assert result.returncode == 3
    assert "invalid choice: 'deploy'" in result.stderr


def test_real_site_content_is_valid():
    result = orbit_cli("check")
    assert result.returncode == 0, result.stderr


def test_theme_error_is_one_line_with_exit_2_and_keeps_output(good_output, tmp_path):
    out, before = good_output
    content = overlay_site(SITES / "valid", tmp_path / "again")
    result = build(content, out, *BROKEN_THEME)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "page.html:4: template error: Encountered unknown tag 'endblok'" in result.stderr
    assert snapshot(out) == before


def _mtimes(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*.html")}


def _cached_build(content, out, cache):
    result = build(content, out, "--cache", str(cache))
    assert result.returncode == 0, result.stderr
    return _mtimes(out)


def test_warm_build_shows_every_edit_on_every_page_it_reaches(tmp_path):
    content = overlay_site(SITES / "valid", tmp_path)
    out, cache = tmp_path / "output", tmp_path / "cache"
    _cached_build(content, out, cache)
    _cached_build(content, out, cache)  # with everything cached from the build before
    second_article = content / "articles" / "second-article.md"
    second_article.write_text(second_article.read_text().replace("More.", "More, edited."))
    _cached_build(content, out, cache)
    assert "More, edited." in (out / "second-article" / "index.html").read_text()

    # A title shows on other pages (related links, cards), which must show the new one.
    second_article.write_text(
        second_article.read_text().replace(
            'title: "A second article"', 'title: "A renamed article"'
        )
    )
    _cached_build(content, out, cache)
    assert "A renamed article" in (out / "first-article" / "index.html").read_text()
    assert "A renamed article" in (out / "index.html").read_text()


def test_failed_build_keeps_the_last_good_output(tmp_path):
    content = overlay_site(SITES / "valid", tmp_path)
    out, cache = tmp_path / "output", tmp_path / "cache"
    _cached_build(content, out, cache)
    broken = build(content, out, "--cache", str(cache), *BROKEN_THEME)
    assert broken.returncode == 2
    assert (out / "first-article" / "index.html").is_file()
    # The next build in the same process (as a preview's) is whole again, sitemap included.
    _cached_build(content, out, cache)
    assert (out / "sitemap.xml").is_file()


def test_a_build_reuses_compiled_templates_and_compiles_an_edited_one_again(tmp_path, monkeypatch):
    """Every build keeps the theme's compiled templates (orbit_cli/caches.py): a second build
    compiles none, and a template edited since is compiled again and shows in the pages."""
    import jinja2

    from conftest import SETTINGS
    from orbit_cli.build import build as build_in_process

    theme = tmp_path / "theme"
    shutil.copytree(Path(SETTINGS).parent / "theme", theme)
    content = overlay_site(SITES / "valid", tmp_path)
    compiled: list[str] = []
    compile_template = jinja2.Environment.compile

    def counting(env, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return compile_template(env, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    overrides = {"PATH": str(content), "THEME": str(theme)}
    for expected in ("some", "none"):
        compiled.clear()
        assert build_in_process(SETTINGS, str(tmp_path / "out"), overrides, quiet=True) == 0
        assert bool(compiled) == (expected == "some"), compiled
    base = theme / "templates" / "base.html"
    base.write_text(
        base.read_text().replace('<meta charset="utf-8">', '<meta charset="utf-8"><!--edited-->'),
        encoding="utf-8",
    )
    compiled.clear()
    assert build_in_process(SETTINGS, str(tmp_path / "out"), overrides, quiet=True) == 0
    assert compiled == ["base.html"]
    assert "<!--edited-->" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
