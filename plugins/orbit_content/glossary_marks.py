"""Glossary terms marked, and each page's outline taken, inside the Markdown conversion.

The first use of each glossary term in an article links to its definition: an abbreviation
becomes <abbr title="expansion"> inside the link, a written-out term or alias a plain link.
Each entry is marked once per article, at its first use, and at most one term per paragraph
(or list item, cell …), so the text does not turn into a sea of links. Never inside headings,
links, code, citations, figures or tables; raw HTML written in the Markdown is left exactly as
written (its text still counts as words).

Case: abbreviations and capitalised aliases match only as written ("ISS" is not "iss"); other
words in any case. Where case carries meaning, the stop list (content/data/glossary-stop.yaml)
names the ordinary form, matched exactly as written: "progress" there leaves the everyday word
alone while "Progress", the cargo ship, is still marked. The stop list also holds words every
reader knows ("the station", "astronauts", "NASA"); a stop phrase blocks any term that starts
where it starts.

This used to run on the rendered HTML with BeautifulSoup (a second parse and serialisation of
every article, and the toc and word count from a third walk); as a Python-Markdown
treeprocessor it works on the element tree the conversion already has, after every built-in
treeprocessor, so it sees the text a reader sees. The same walk gives the page's outline (its
h2/h3 sections with ids, and its word count), kept on the extension for whoever converted the
page. Text a Markdown extension set aside in the HTML stash (smarty's quotes, entities, inline
raw HTML) is read from the stash, so words, term boundaries and the tags that open or close
around text are what the browser will see.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from orbit_contract import slugify

# Text inside these is never marked.
SKIP = frozenset(
    """a abbr dfn code pre kbd samp script style sup sub h1 h2 h3 h4 h5 h6 button svg math title
    time figure figcaption table caption nav aside header""".split()
)
# At most one term is marked per paragraph (or list item, cell…), so links do not cluster.
BLOCKS = frozenset("p li dd dt td th blockquote figcaption caption".split())
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
TOC_LEVELS = ("h2", "h3")


@dataclass(frozen=True)
class Entry:
    ident: str  # the glossary anchor, e.g. term-international-space-station
    term: str
    abbr: str | None


def term_anchor(term) -> str:
    """The glossary page's anchor for a term (the site's one slug rule)."""
    return "term-" + slugify(term.term)


def _pattern(word: str, case_sensitive: bool) -> str:
    body = re.escape(word).replace(r"\ ", r"\s+")
    return body if case_sensitive else f"(?i:{body})"


def compile_terms(terms, ident=term_anchor, stop=()) -> tuple[re.Pattern | None, dict[str, Entry]]:
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
    # Longest first, and alphabetically among the same length: from a set alone the order
    # would change with each process's string hashing, and with it the pattern, which is part
    # of the key of every cached conversion (so a check in a new process reused none).
    phrases = sorted({p for p in stop if p}, key=lambda p: (-len(p), p))
    blocked = (
        "(?!(?:" + "|".join(_pattern(p, True) for p in phrases) + r")(?![\w-]))" if phrases else ""
    )
    return re.compile(r"(?<![\w-])" + blocked + "(?:" + "|".join(groups) + r")(?![\w-])"), entries


# Where a term can start: a run of word characters not preceded by one (nor by '-').
WORD_RUN = re.compile(r"(?<![\w-])\w+")


@dataclass(frozen=True)
class Marker:
    """What to mark and where it links: the compiled terms and the glossary page.

    `runs` and `folded_runs` hold the first run of word characters of each way of writing a
    term (as written for the case-sensitive ones, lower-cased for the others): the one regex
    of every term is tried only where a word starts with one of them, instead of at every
    character (which was half the time of converting an article)."""

    pattern: re.Pattern
    entries: dict[str, Entry]
    href: str  # the glossary page as a {filename} link; '#' + the anchor is appended
    runs: frozenset[str] = frozenset()
    folded_runs: frozenset[str] = frozenset()

    def matches(self, text: str):
        """What `pattern.finditer(text)` gives, found faster."""
        if not self.runs and not self.folded_runs:
            yield from self.pattern.finditer(text)
            return
        position = 0
        for run in WORD_RUN.finditer(text):
            word = run.group()
            if run.start() < position or (
                word not in self.runs and word.lower() not in self.folded_runs
            ):
                continue
            match = self.pattern.match(text, run.start())
            if match is not None:
                yield match
                position = match.end()

    def fingerprint(self) -> tuple:
        """Everything marking reads, for telling whether a cached conversion still holds."""
        return self.pattern.pattern, self.pattern.flags, self.href, sorted(self.entries.items())

    @classmethod
    def for_site(cls, site) -> Marker | None:
        """The site's glossary (terms and stop list from content/data/), linked to the page
        whose template is `glossary`; None when there is no such page or no term."""
        page = next((p for p, m in site.pages.items() if m.template == "glossary"), None)
        terms = site.data.get("terms", [])
        if page is None or not terms:
            return None
        stop = [s.term for s in site.data.get("stop", [])]
        return cls.of(terms, "{filename}/" + Path(page).relative_to(site.root).as_posix(), stop)

    @classmethod
    def of(cls, terms, href: str, stop=(), ident=term_anchor) -> Marker | None:
        """Terms (with .term, .abbr, .aliases) linked to `href`; None when there is none."""
        pattern, entries = compile_terms(terms, ident, stop)
        if pattern is None:
            return None
        runs, folded = set(), set()
        for t in terms:
            for word, case in [(t.abbr, True)] * bool(t.abbr) + [
                (w, w.isupper()) for w in [t.term, *t.aliases]
            ]:
                first = WORD_RUN.match(word)
                if first is None:  # starts with no word character: try it everywhere
                    return cls(pattern, entries, href)
                (runs if case else folded).add(first.group() if case else first.group().lower())
        return cls(pattern, entries, href, frozenset(runs), frozenset(folded))


@dataclass
class Outline:
    """What a page's template shows about its body besides the body itself."""

    toc: list[dict] = field(default_factory=list)  # h2s with ids, each with its h3s
    words: int = 0  # words a reader reads (citation numbers left out)


class _RawEvents(HTMLParser):
    """Start tags, end tags and text of a piece of raw HTML, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag))

    def handle_startendtag(self, tag, attrs):
        pass  # a self-closing tag opens nothing

    def handle_endtag(self, tag):
        self.events.append(("end", tag))

    def handle_data(self, data):
        self.events.append(("text", data))


class _Walk:
    """One document's walk: marks terms in place and collects the outline.

    Text is read in "strings" as the browser's parser sees them: runs of characters between
    tags, stash entries that are characters or entities (smarty's quotes) joined into the run
    they sit in, and raw HTML ending the run (and opening or closing elements around the text
    that follows, tracked in `raw`)."""

    def __init__(self, stash: list, marker: Marker | None):
        self.stash = stash
        self.marker = marker
        self.done: set[str] = set()  # entries marked already
        self.marked_blocks: set[int] = set()  # blocks (by id) with a term marked
        self.words = 0
        self.toc: list[dict] = []
        self.raw: list[str] = []  # raw HTML elements open at this point of the text

    def tokens(self, text: str) -> list[tuple]:
        """A piece of tree text as ("text", pieces, shown) strings and ("raw", html) items;
        pieces are (shown start, shown end, raw start, raw end, literal) spans."""
        out: list[tuple] = []
        pieces: list[tuple[int, int, int, int, bool]] = []
        shown: list[str] = []
        size = position = 0

        def add(raw_start, raw_end, value, literal):
            nonlocal size
            pieces.append((size, size + len(value), raw_start, raw_end, literal))
            shown.append(value)
            size += len(value)

        for match in HTML_PLACEHOLDER_RE.finditer(text):
            if match.start() > position:
                add(position, match.start(), text[position : match.start()], True)
            index = int(match.group(1))
            item = self.stash[index] if index < len(self.stash) else ""
            if isinstance(item, str) and "<" not in item:
                add(match.start(), match.end(), html.unescape(item), False)  # an entity
            else:
                if shown:
                    out.append(("text", pieces, "".join(shown)))
                    pieces, shown, size = [], [], 0
                out.append(("raw", item))
            position = match.end()
        if position < len(text):
            add(position, len(text), text[position:], True)
        if shown:
            out.append(("text", pieces, "".join(shown)))
        return out

    def raw_html(self, item):
        """Raw HTML from the stash: the elements it opens and closes, and its words."""
        if not isinstance(item, str):
            return  # an element an extension stashed: shown as it is, nothing to read here
        for kind, value in _raw_events(item):
            if kind == "start" and value not in VOID:
                self.raw.append(value)
            elif kind == "end" and value in self.raw:
                del self.raw[len(self.raw) - 1 - self.raw[::-1].index(value) :]
            elif kind == "text" and "sup" not in self.raw:
                self.words += len(value.split())

    def element(self, elem, skip: bool, in_sup: bool, block):
        """Walk `elem`'s own text and children; `block` is the nearest paragraph-like element
        (or None), `skip` whether marking is off here, `in_sup` whether words are left out."""
        # Children as they are now: a term link added here is already counted where it is.
        children = list(elem)
        if elem.text:
            if isinstance(elem.tag, str):
                self.text(elem, None, skip, in_sup, block)
            elif not in_sup:  # a comment: read, never marked
                self.words += len(elem.text.split())
        for child in children:
            tag = child.tag if isinstance(child.tag, str) else ""
            self.element(
                child,
                skip or tag in SKIP,
                in_sup or tag == "sup",
                child if tag in BLOCKS else block,
            )
            if tag in TOC_LEVELS and child.get("id"):
                self.heading(child)
            if child.tail:
                self.text(elem, child, skip, in_sup, block)

    def text(self, owner, after, skip: bool, in_sup: bool, block):
        """The text of `owner` after its child `after` (or `owner`'s first text)."""
        raw = after.tail if after is not None else owner.text
        where = id(block if block is not None else owner)
        for token in self.tokens(raw):
            if token[0] == "raw":
                self.raw_html(token[1])
                continue
            _, pieces, shown = token
            strings = [shown]
            if (
                self.marker is not None
                and where not in self.marked_blocks
                and not skip
                and not any(tag in SKIP for tag in self.raw)
            ):
                found = self.mark(owner, after, raw, pieces, shown)
                if found is not None:
                    # A browser now reads three strings: before the term, the term, after it.
                    self.marked_blocks.add(where)
                    strings = [shown[: found[0]], shown[found[0] : found[1]], shown[found[1] :]]
            if not in_sup and "sup" not in self.raw:
                self.words += sum(len(s.split()) for s in strings)

    def mark(self, owner, after, raw, pieces, shown) -> tuple[int, int] | None:
        """Wrap the first use of a new entry in this string; where it is in `shown`, or None."""
        for match in self.marker.matches(shown):
            entry = self.marker.entries[match.lastgroup]
            if entry.ident in self.done:
                continue
            span = _raw_span(pieces, match.start(), match.end())
            if span is None:
                continue  # the match would cut through a stashed character
            self.done.add(entry.ident)
            start, end = span
            attrs = {"class": "term", "href": f"{self.marker.href}#{entry.ident}"}
            link = etree.Element("a", attrs)
            if entry.abbr:
                abbr = etree.SubElement(link, "abbr", {"title": entry.term})
                abbr.text = raw[start:end]
            else:
                link.text = raw[start:end]
            link.tail = raw[end:]
            if after is None:
                owner.text = raw[:start]
                owner.insert(0, link)
            else:
                after.tail = raw[:start]
                owner.insert(list(owner).index(after) + 1, link)
            return match.start(), match.end()
        return None

    def heading(self, elem):
        item = {"id": elem.get("id"), "text": self.heading_text(elem), "children": []}
        if elem.tag == "h2" or not self.toc:
            self.toc.append(item)
        else:
            self.toc[-1]["children"].append(item)

    def heading_text(self, elem) -> str:
        """The heading's strings, each stripped, joined with single spaces."""
        strings: list[str] = []

        def read(text):
            for token in self.tokens(text):
                if token[0] == "text":
                    strings.append(token[2].strip())
                elif isinstance(token[1], str):
                    strings.extend(v.strip() for k, v in _raw_events(token[1]) if k == "text")

        def walk(node):
            if node.text:
                read(node.text)
            for child in node:
                walk(child)
                if child.tail:
                    read(child.tail)

        walk(elem)
        return " ".join(s for s in strings if s)


def _raw_events(item: str) -> list[tuple[str, str]]:
    parser = _RawEvents()
    parser.feed(item)
    parser.close()
    return parser.events


def _raw_span(pieces, start: int, end: int) -> tuple[int, int] | None:
    """Where the shown text's [start, end) lies in the raw tree text; None when either end
    falls inside a stashed character."""
    raw_start = raw_end = None
    for shown_start, shown_end, piece_start, piece_end, literal in pieces:
        if raw_start is None and shown_start <= start < shown_end:
            if literal:
                raw_start = piece_start + start - shown_start
            elif start == shown_start:
                raw_start = piece_start
        if raw_end is None and shown_start < end <= shown_end:
            if literal:
                raw_end = piece_start + end - shown_start
            elif end == shown_end:
                raw_end = piece_end
    if raw_start is None or raw_end is None:
        return None
    return raw_start, raw_end


class GlossaryTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: GlossaryExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        walk = _Walk(self.md.htmlStash.rawHtmlBlocks, self.extension.marker)
        walk.element(root, False, False, None)
        self.extension.outline = Outline(walk.toc, walk.words)


class GlossaryExtension(Extension):
    """Marks `marker`'s terms (none while it is None) and leaves each converted document's
    Outline in `outline`."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.marker: Marker | None = None
        self.outline: Outline | None = None

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        md.registerExtension(self)
        # After every built-in treeprocessor (inline 20, toc 5, unescape 0): ids are set and
        # the text is final.
        md.treeprocessors.register(GlossaryTreeprocessor(md, self), "orbit_glossary", -10)

    def reset(self):
        self.outline = None


def use(md: Markdown, marker: Marker | None) -> GlossaryExtension:
    """Mark `marker`'s terms in what `md` converts from now on (None: mark nothing, still
    take outlines); adds the extension to `md` the first time."""
    found = next((e for e in md.registeredExtensions if isinstance(e, GlossaryExtension)), None)
    if found is None:
        found = GlossaryExtension()
        found.extendMarkdown(md)
    found.marker = marker
    return found


def outline(md: Markdown) -> Outline | None:
    """The outline of the document `md` converted last (None without this extension)."""
    found = next((e for e in md.registeredExtensions if isinstance(e, GlossaryExtension)), None)
    return found.outline if found else None


def makeExtension(**kwargs):  # noqa: N802
    return GlossaryExtension(**kwargs)
