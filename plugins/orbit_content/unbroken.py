"""Names joined to their numbers stay on one line in the text of every article and page.

Chromium breaks a line after the hyphen of "Luna-25" or "Chandrayaan-3", which leaves "Luna-"
at the end of a line on a phone and "25" at the start of the next. Each such name in the text
is set in a span of class "nowrap" (the rule headlines use; orbit_contract.NAME_NUMBER). A
non-breaking hyphen would change what a reader copies and searches for; the span does not.
Code is left as written.

The texts the theme shows from front matter and data (titles, sources, timeline entries,
definitions) are plain strings; `markup` sets the same spans in one of them, by the same
splitting (`parts`), for the theme's `unbroken` filter (orbit_views.theme_words).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from orbit_contract import NAME_NUMBER, NOWRAP_CLASS

CODE = frozenset({"code", "pre", "kbd", "samp", "script", "style"})
# An address written out as text ("https://example.org/luna-25/" in a citation): it is copied
# as a whole and breaks where the browser lets it, so a name inside it is left alone.
ADDRESS = re.compile(r"\w+://\S+")


def parts(text: str) -> tuple[str, list[tuple[str, str]]]:
    """`text` as what comes before its first name, then each name with the text after it up
    to the next name. A name inside an address (ADDRESS) is part of the text."""
    matches = list(NAME_NUMBER.finditer(text))
    if matches and "://" in text:
        addresses = [a.span() for a in ADDRESS.finditer(text)]
        matches = [m for m in matches if not any(a <= m.start() < b for a, b in addresses)]
    if not matches:
        return text, []
    ends = [m.start() for m in matches[1:]] + [len(text)]
    return text[: matches[0].start()], [
        (m.group(0), text[m.end() : end]) for m, end in zip(matches, ends, strict=True)
    ]


def markup(text) -> Markup:
    """A plain text as markup to show: escaped, each name in a nowrap span. Markup is returned
    as it is: whoever made it set its texts (and a second pass could wrap a name twice, or one
    inside an attribute)."""
    if isinstance(text, Markup) or not isinstance(text, str):
        return escape(text)  # markup itself; anything else as Jinja would show it
    before, names = parts(text)
    if not names:
        return escape(text)
    span = Markup(f'<span class="{NOWRAP_CLASS}">{{}}</span>{{}}')
    return escape(before) + Markup("").join(span.format(name, after) for name, after in names)


def _spans(text: str) -> tuple[str, list[etree.Element]]:
    """`text` as what stays before the first name, and a span per name (each holding the text
    up to the next name as its tail)."""
    before, names = parts(text)
    spans = []
    for name, after in names:
        span = etree.Element("span", {"class": NOWRAP_CLASS})
        span.text, span.tail = name, after
        spans.append(span)
    return before, spans


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
