"""Trust rules beyond the one-line error fixtures: warnings that never fail the check."""

from __future__ import annotations

from conftest import SITES, overlay_site
from orbit_content.validate import validate_content


def test_a_source_without_a_kind_is_a_warning_naming_the_file_once(tmp_path):
    content = overlay_site(SITES / "valid", tmp_path)
    article = content / "articles" / "first-article.md"
    article.write_text(article.read_text().replace("    kind: agency\n", "").replace("    kind: wire\n", ""))
    site = validate_content(content)
    assert site.problems == []
    assert [str(w) for w in site.warnings] == [
        "content/articles/first-article.md:19: sources[0].id: 2 source(s) in this file have no "
        "kind, the first here — add kind: agency, official, wire, press, reference, reprint or "
        "other (see CONTRIBUTING.md)"
    ]


def test_the_valid_fixture_site_has_no_warnings():
    assert validate_content(SITES / "valid" / "content").warnings == []
