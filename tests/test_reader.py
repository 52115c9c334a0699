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
