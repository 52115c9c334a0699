"""`[@source-id]` in Markdown becomes a numbered citation linking to the article's source list.

Written by hand because the Pandoc-style citation extensions for Python-Markdown expect a
BibTeX file; ours come from each article's own `sources:` front matter. Numbers follow the
order of first citation in the text, as in a printed explainer.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from orbit_contract import CITATION_PATTERN, cite_anchor, source_anchor


class CitationProcessor(InlineProcessor):
    def __init__(self, pattern, md, numbers, uses):
        super().__init__(pattern, md)
        self.numbers = numbers  # source id -> its number, for one document
        self.uses = uses  # source id -> how often it has been cited so far

    def handleMatch(self, match, data):  # noqa: N802 (Markdown's API name)
        sup = etree.Element("sup", {"class": "cite"})
        for ident in (part.strip().lstrip("@") for part in match.group(1).split(";")):
            number = self.numbers.setdefault(ident, len(self.numbers) + 1)
            uses = self.uses[ident] = self.uses.get(ident, 0) + 1
            link = etree.SubElement(
                sup,
                "a",
                {
                    "href": f"#{source_anchor(ident)}",
                    "id": cite_anchor(ident, uses),
                    "aria-label": f"Source {number}",
                },
            )
            # Atomic: no other inline pattern may read "[1]" (the link patterns tried to, at a
            # quarter of the conversion's time); it is the final text.
            link.text = AtomicString(f"[{number}]")
        return sup, match.start(0), match.end(0)


class CitationExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802
        self.numbers: dict[str, int] = {}
        self.uses: dict[str, int] = {}
        md.registerExtension(self)
        # Above 'link' (160) so '[@id]' is not read as a reference link.
        md.inlinePatterns.register(
            CitationProcessor(CITATION_PATTERN, md, self.numbers, self.uses), "orbit_citation", 175
        )

    def reset(self):
        self.numbers.clear()
        self.uses.clear()


def makeExtension(**kwargs):  # noqa: N802
    return CitationExtension(**kwargs)
