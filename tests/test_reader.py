"""The build's reader takes the validator's Markdown conversion instead of converting again:
that is right only while the two conversions agree, which this proves on the real content."""

from __future__ import annotations

import re

import markdown
from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader
from pelican.settings import read_settings

from conftest import ROOT, SETTINGS, SITES, overlay_site
from orbit_cli.build import build
from orbit_content.citations import CitationExtension
from orbit_content.validate import validate_content
from orbit_content.yamlpos import read_markdown

# The validator's conversion also marks glossary terms in articles (glossary_marks); Pelican's
# own reader does not, and that is the only difference.
TERM_LINK = re.compile(
    r'<a class="term" href="[^"]*">(?:<abbr title="[^"]*">)?(.*?)(?:</abbr>)?</a>'
)


def test_validator_conversion_is_what_pelicans_reader_gives():
    settings = read_settings(SETTINGS)
    site = validate_content(ROOT / "content", settings["ORBIT_HTTP_HOSTS"], settings=settings)
    assert site.problems == []
    reader = YAMLMetadataReader(settings)
    assert site.rendered, "every article and page is converted by the validator"
    for path, (_, html, cited) in site.rendered.items():
        content, _ = reader.read(str(path))
        assert content == TERM_LINK.sub(r"\1", html), path.name
        [citations] = [
            e for e in reader._md.registeredExtensions if isinstance(e, CitationExtension)
        ]
        assert dict(citations.uses) == cited, path.name


def test_a_build_converts_each_body_once(tmp_path, monkeypatch):
    """The reader takes the validator's conversion: a build converts each article's and page's
    body once (the validator's), never a second time in Pelican's reader. (Pelican's YAML
    reader also converts each `summary:`; that is not a body.)"""
    content = overlay_site(SITES / "valid", tmp_path)
    bodies = [read_markdown(p).body.lstrip("\n") for p in sorted(content.rglob("*.md"))]
    converted = []
    convert = markdown.Markdown.convert

    def counting(md, text):
        converted.append(text.lstrip("\n"))
        return convert(md, text)

    monkeypatch.setattr(markdown.Markdown, "convert", counting)
    code = build(SETTINGS, str(tmp_path / "output"), {"PATH": str(content)}, quiet=True)
    assert code == 0
    assert len(bodies) >= 3 and [converted.count(body) for body in bodies] == [1] * len(bodies)


# -- the parse cache: a warm build converts only what changed ------------------------------------


def _counting_conversions(monkeypatch) -> list[str]:
    converted: list[str] = []
    convert = markdown.Markdown.convert

    def counting(md, text):
        converted.append(text.lstrip("\n"))
        return convert(md, text)

    monkeypatch.setattr(markdown.Markdown, "convert", counting)
    return converted


def _with_glossary_page(content):
    (content / "pages" / "glossary.md").write_text(
        '---\ntitle: "Glossary"\nslug: glossary\nsummary: "The terms the stories use."\ndate: 2026-11-25\n'
        "template: glossary\n---\nThe terms.\n",
        encoding="utf-8",
    )
    return content


def test_a_warm_check_converts_only_the_body_that_changed(tmp_path, monkeypatch):
    content = _with_glossary_page(overlay_site(SITES / "valid", tmp_path))
    cache = tmp_path / "cache"
    converted = _counting_conversions(monkeypatch)
    first = validate_content(content, cache=cache)
    assert first.problems == [] and len(converted) == len(first.rendered) >= 4
    article = content / "articles" / "second-article.md"
    article.write_text(article.read_text().replace("More.", "More, edited."), encoding="utf-8")
    converted.clear()
    second = validate_content(content, cache=cache)
    assert converted == [read_markdown(article).body.lstrip("\n")]
    assert second.problems == []
    for path, (digest, html, cited) in first.rendered.items():
        if path.name != article.name:  # the others are the same conversion, from the cache
            assert second.rendered[path] == (digest, html, cited)
            assert second.outlines[path] == first.outlines[path]
    assert "More, edited." in second.rendered[article.resolve()][1]


def test_a_cached_body_is_checked_again_so_its_problems_stay(tmp_path):
    """The cache keeps conversions, never verdicts: an unsafe body unchanged since the last
    build is reported again (its checks read the elements the cached conversion keeps)."""
    content = overlay_site(SITES / "errors" / "inline-style", tmp_path)
    expected = (SITES / "errors" / "inline-style" / "expected.txt").read_text().strip()
    cache = tmp_path / "cache"
    for _ in range(3):
        site = validate_content(content, cache=cache)
        assert [str(p) for p in site.problems] == [expected]


def test_a_changed_glossary_reaches_every_cached_body(tmp_path, monkeypatch):
    """Marking glossary terms is part of the conversion, so new terms are a new conversion
    of every article (and of no page), though no article file changed."""
    content = _with_glossary_page(overlay_site(SITES / "valid", tmp_path))
    cache = tmp_path / "cache"
    first = validate_content(content, cache=cache)
    assert not any("term-a-fact" in html for _, html, _ in first.rendered.values())
    glossary = content / "data" / "glossary.yaml"
    glossary.write_text(
        glossary.read_text() + "  - term: fact\n    definition: Something true.\n"
        "    see: second-article\n",
        encoding="utf-8",
    )
    converted = _counting_conversions(monkeypatch)
    second = validate_content(content, cache=cache)
    assert second.problems == []
    articles = sorted((content / "articles").glob("*.md"))
    assert sorted(converted) == sorted(read_markdown(p).body.lstrip("\n") for p in articles)
    second_article = second.rendered[(content / "articles" / "second-article.md").resolve()]
    assert 'href="{filename}/pages/glossary.md#term-fact"' in second_article[1]


def test_pelicans_content_cache_keeps_no_build_state(tmp_path):
    """Pelican's reader cache pickles each article's tags and category, which hold the build's
    settings; the build's state hung there (orbit_content/state.py) must not go with them: it
    was the whole validated site of the build before, written and read back by every warm
    rebuild, and read back it is not the next build's state."""
    import pickle

    from orbit_cli.caches import cache_settings

    content = overlay_site(SITES / "valid", tmp_path)
    overrides = {"PATH": str(content)} | cache_settings(tmp_path / "cache")
    assert build(SETTINGS, str(tmp_path / "output"), overrides, quiet=True) == 0
    [readers] = (tmp_path / "cache").glob("code-*/ArticlesGenerator-Readers")
    found: set[tuple[str, str]] = set()

    class Recording(pickle.Unpickler):
        def find_class(self, module, name):
            found.add((module, name))
            return super().find_class(module, name)

    with readers.open("rb") as handle:
        cached = Recording(handle).load()
    assert len(cached) == 2 and ("pelican.urlwrappers", "Category") in found
    assert not {(m, n) for m, n in found if m.startswith("orbit_")}, found
