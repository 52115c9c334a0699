"""Mark the first use of each glossary term in an article's HTML, linked to its definition.

Runs on the rendered HTML (not the Markdown) so it sees exactly the text a reader sees, and can
skip what must not change: links, headings, code, citations and existing abbreviations. An
abbreviation becomes <abbr title="expansion">, wrapped with the term in a link to the glossary
entry; a written-out term or alias becomes a link. Each entry is marked once per article, at
its first use, and at most one term per paragraph, so the text does not turn into a sea of
links. Never inside headings, links, citations, figures or tables.

Case: abbreviations and capitalised aliases match only as written ("ISS" is not "iss"); other
words in any case. Where case carries meaning, the stop list (content/data/glossary-stop.yaml)
names the ordinary form, matched exactly as written: "progress" there leaves the everyday
word alone while "Progress", the cargo ship, is still marked. The stop list also holds words
every reader knows ("the station", "astronauts", "NASA"); a stop phrase blocks any term that
starts where it starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.dammit import EntitySubstitution
from bs4.element import Comment
from bs4.formatter import HTMLFormatter

# Text inside these is never marked.
SKIP = {
    "a",
    "abbr",
    "dfn",
    "code",
    "pre",
    "kbd",
    "samp",
    "script",
    "style",
    "sup",
    "sub",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "button",
    "svg",
    "math",
    "title",
    "time",
    "figure",
    "figcaption",
    "table",
    "caption",
    "nav",
    "aside",
    "header",
}
# At most one term is marked per paragraph (or list item, cell…), so links do not cluster.
BLOCKS = {"p", "li", "dd", "dt", "td", "th", "blockquote", "figcaption", "caption"}
# Serialise as HTML (void elements without '/'), escaping only what must be escaped, so the
# article's text and entities come out as they went in.
FORMATTER = HTMLFormatter(
    entity_substitution=EntitySubstitution.substitute_xml,
    void_element_close_prefix=None,
    empty_attributes_are_booleans=True,
)


@dataclass(frozen=True)
class Entry:
    ident: str  # the glossary anchor, e.g. term-international-space-station
    term: str
    abbr: str | None


def _pattern(word: str, case_sensitive: bool) -> str:
    body = re.escape(word).replace(r"\ ", r"\s+")
    return body if case_sensitive else f"(?i:{body})"


def compile_terms(terms, ident, stop=()) -> tuple[re.Pattern | None, dict[str, Entry]]:
    """One regex for every way of writing every term, longest first; and each group's entry.

    An abbreviation, or an alias written in capitals, matches only as written (so 'ISS' does
    not match 'iss'); words match in any case. `ident(term)` gives the glossary anchor. No
    match starts with a `stop` phrase (exactly as written, then a word boundary).
    """
    alternatives: list[tuple[str, str, bool]] = []
    for t in terms:
        key = ident(t)
        if t.abbr:
            alternatives.append((t.abbr, key, True))
        for word in [t.term, *t.aliases]:
            alternatives.append((word, key, word.isupper()))
    if not alternatives:
        return None, {}
    alternatives.sort(key=lambda a: len(a[0]), reverse=True)
    groups, entries = [], {}
    by_key = {ident(t): t for t in terms}
    for i, (word, key, case) in enumerate(alternatives):
        name = f"g{i}"
        groups.append(f"(?P<{name}>{_pattern(word, case)})")
        t = by_key[key]
        entries[name] = Entry(key, t.term, t.abbr if word == t.abbr else None)
    phrases = sorted({p for p in stop if p}, key=len, reverse=True)
    blocked = (
        "(?!(?:" + "|".join(_pattern(p, True) for p in phrases) + r")(?![\w-]))" if phrases else ""
    )
    return re.compile(r"(?<![\w-])" + blocked + "(?:" + "|".join(groups) + r")(?![\w-])"), entries


def _skipped(node) -> bool:
    return any(parent.name in SKIP for parent in node.parents if isinstance(parent, Tag))


def mark_terms(html: str, pattern: re.Pattern | None, entries: dict[str, Entry], href: str) -> str:
    """The HTML with the first use of each entry wrapped; `href` + '#' + anchor links to it."""
    if pattern is None or not html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    mark_soup(soup, pattern, entries, href)
    return soup.decode(formatter=FORMATTER)


def mark_soup(soup, pattern, entries, href) -> None:
    """mark_terms on a parsed document, in place."""
    if pattern is None:
        return
    done: set[str] = set()
    blocks: set[int] = set()
    for text in list(soup.find_all(string=True)):
        if isinstance(text, Comment) or _skipped(text):
            continue
        block = next((p for p in text.parents if p.name in BLOCKS), text.parent)
        if id(block) in blocks:
            continue
        if _mark_text(soup, text, pattern, entries, href, done):
            blocks.add(id(block))


def _mark_text(soup, text: NavigableString, pattern, entries, href, done) -> bool:
    """Wrap the first new term in this text node; True if one was wrapped."""
    value = str(text)
    pieces: list = []
    position = 0
    for match in pattern.finditer(value):
        entry = entries[match.lastgroup]
        if entry.ident in done:
            continue
        done.add(entry.ident)
        pieces.append(value[position : match.start()])
        link = soup.new_tag("a", attrs={"class": "term", "href": f"{href}#{entry.ident}"})
        if entry.abbr:
            abbr = soup.new_tag("abbr", attrs={"title": entry.term})
            abbr.string = match.group(0)
            link.append(abbr)
        else:
            link.string = match.group(0)
        pieces.append(link)
        position = match.end()
        break
    if not pieces:
        return False
    pieces.append(value[position:])
    for piece in pieces:
        if isinstance(piece, str):
            if piece:
                text.insert_before(NavigableString(piece))
        else:
            text.insert_before(piece)
    text.extract()
    return True
