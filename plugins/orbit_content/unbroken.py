"""Names joined to their numbers stay on one line in the text of every article and page.

Chromium breaks a line after the hyphen of "Luna-25" or "Chandrayaan-3", which leaves "Luna-"
at the end of a line on a phone and "25" at the start of the next. Each such name in the text
is set in a span of class "nowrap" (the rule headlines use; orbit_contract.NAME_NUMBER). A
non-breaking hyphen would change what a reader copies and searches for; the span does not.
Code is left as written.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from orbit_contract import NAME_NUMBER, NOWRAP_CLASS

CODE = frozenset({"code", "pre", "kbd", "samp", "script", "style"})


def _spans(text: str) -> tuple[str, list[etree.Element]]:
    """`text` as what stays before the first name, and a span per name (each holding the text
    up to the next name as its tail)."""
    matches = list(NAME_NUMBER.finditer(text))
    if not matches:
        return text, []
    spans = []
    for i, match in enumerate(matches):
        span = etree.Element("span", {"class": NOWRAP_CLASS})
        span.text = match.group(0)
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        span.tail = text[match.end() : end]
        spans.append(span)
    return text[: matches[0].start()], spans


def _wrap(element: etree.Element, in_code: bool) -> None:
    in_code = in_code or element.tag in CODE
    if not in_code and element.text:
        element.text, spans = _spans(element.text)
        for i, span in enumerate(spans):
            element.insert(i, span)
    for child in list(element):
        if child.get("class") == NOWRAP_CLASS and child.tag == "span":
            continue  # one of ours (its tail is already split)
        _wrap(child, in_code)
        if not in_code and child.tail:
            child.tail, spans = _spans(child.tail)
            at = list(element).index(child) + 1
            for i, span in enumerate(spans):
                element.insert(at + i, span)


class UnbrokenTreeprocessor(Treeprocessor):
    def run(self, root):
        _wrap(root, False)


class UnbrokenExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        md.registerExtension(self)
        # Last: after the glossary's marking (-10), which must see each name whole and counts
        # the words before any span splits a text, and after the validator's collection (4).
        md.treeprocessors.register(UnbrokenTreeprocessor(md), "orbit_unbroken", -20)


def makeExtension(**kwargs):  # noqa: N802
    return UnbrokenExtension(**kwargs)
