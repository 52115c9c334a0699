"""What a Markdown body cites, links and embeds, read from the Markdown parse the build renders.

The checker used to find citations and links with regular expressions of its own, so it and the
renderer disagreed: a citation inside an indented code block or a raw HTML block was counted as
cited but printed literally, and `[@no-such-id]` inside code was reported although it is only
shown. Here the body is converted by Python-Markdown with the site's own MARKDOWN settings (the
ones Pelican's reader uses) plus one treeprocessor that collects what the rendered tree holds:
citations (as the citation extension wrote them), links, images, element ids and every element
and attribute, and the raw HTML the parser set aside. Code spans, code blocks and raw HTML are
therefore what the build makes of them, by construction.

Python-Markdown keeps no source positions, so they are recovered from the parse itself: just
before inline processing, each block of the tree (a paragraph, a list item, a heading, a table
cell) still holds its raw Markdown, line for line; each of those lines is found in the body in
document order, after the last one found (_BlockLines). Once the inline patterns have run, an
element's line is its block's line plus the newlines before it inside the block, which inline
processing keeps (_element_lines). So a link written twice gets the line of each occurrence, and
a link's address also quoted in a code span earlier is not mistaken for it. Raw HTML chunks are
found the same way, from the placeholder that stands for them in the tree. Text search remains
only as the fallback for what is not in a block (footnote definitions moved to the end).
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from orbit_contract import SOURCE_PREFIX, slugify

from .. import glossary_marks
from ..problems import did_you_mean
from . import markdown_bounds, safety
from .fields import check_url
from .placeholders import check_placeholders

SOURCE_HREF = "#" + SOURCE_PREFIX  # each citation number links to its source (contract)
LITERAL_CITATION = re.compile(r"\[@[^\]\n]*\]?")
STASH = re.compile("\x02wzxhzdk:(\\d+)\x03")


@dataclass(frozen=True)
class Ref:
    """One thing the body points at: a citation id, a link's href or an image's src."""

    target: str
    line: int
    text: str = ""  # a link's text or an image's alt


@dataclass(frozen=True)
class Element:
    """One HTML element of the rendered body, with where it came from."""

    tag: str
    attrs: tuple[tuple[str, str], ...]
    line: int
    raw: bool  # written as raw HTML (True) or made by Markdown (False)


@dataclass
class Body:
    citations: list[Ref] = field(default_factory=list)
    links: list[Ref] = field(default_factory=list)
    images: list[Ref] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)  # element id -> line
    headings: list[Ref] = field(default_factory=list)  # id, line, heading text
    # '[@…' left as text in the page: malformed citations, or citations inside raw HTML.
    literal_citations: list[tuple[Ref, str]] = field(default_factory=list)
    # The conversion itself, which the build's reader reuses instead of converting again.
    html: str = ""
    cited: dict[str, int] = field(default_factory=dict)  # source id -> uses, in citation order
    outline: glossary_marks.Outline | None = None  # what the template shows besides the body
    parsed: bool = True  # False for a body refused before parsing (markdown_bounds)


class _Locator:
    """Line numbers for text found in the body, searched in document order."""

    def __init__(self, text: str, first_line: int):
        self.text, self.first = text, first_line
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.cursors: dict[str, int] = {}

    def line_at(self, offset: int) -> int:
        return self.first + bisect.bisect_right(self.starts, offset) - 1

    def find(self, needle: str | re.Pattern, kind: str) -> tuple[int, int]:
        """(line, offset) of the next occurrence after the last one found for this kind."""
        cursor = self.cursors.get(kind, 0)
        for start in (cursor, 0):
            if isinstance(needle, re.Pattern):
                match = needle.search(self.text, start)
                offset = match.start() if match else -1
            else:
                offset = self.text.find(needle, start) if needle else -1
            if offset >= 0:
                if start == cursor:
                    self.cursors[kind] = offset + 1
                return self.line_at(offset), offset
        return self.first, -1


class _RawHTML(HTMLParser):
    """Start tags of one raw HTML chunk, with their line inside the chunk; and '[@' text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list, int]] = []
        self.citations: list[tuple[str, int]] = []
        self.code = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs, self.getpos()[0]))
        if tag in {"code", "pre"}:
            self.code += 1

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs, self.getpos()[0]))

    def handle_endtag(self, tag):
        if tag in {"code", "pre"} and self.code:
            self.code -= 1

    def handle_data(self, data):
        if not self.code:
            for match in LITERAL_CITATION.finditer(data):
                self.citations.append((match.group(0), self.getpos()[0]))


class _Collect(Treeprocessor):
    def run(self, root):
        self.md.orbit_tree = root  # read by parse() once conversion has finished


class _BlockLines(Treeprocessor):
    """Before inline processing: the body line of each line of each block's raw text, and the
    first line of each stashed raw HTML chunk, found in document order."""

    def run(self, root):
        source = getattr(self.md, "orbit_source", None)
        self.md.orbit_blocks, self.md.orbit_chunks = {}, {}
        if source is None:  # a conversion not made by parse()
            return
        # As Python-Markdown's NormalizeWhitespace preprocessor sees the text.
        text = source.replace("\r\n", "\n").replace("\r", "\n").expandtabs(self.md.tab_length)
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        stash = self.md.htmlStash.rawHtmlBlocks
        offset = 0  # where the next search starts: just after the last line found

        def find(needle: str) -> int | None:
            nonlocal offset
            at = text.find(needle, offset)
            if at < 0:
                return None
            offset = at + len(needle)
            return bisect.bisect_right(starts, at) - 1

        for element in root.iter():
            raw = element.text
            if not isinstance(element.tag, str) or not raw or not raw.strip():
                continue
            placeholder = STASH.fullmatch(raw.strip())
            if placeholder:
                index = int(placeholder.group(1))
                chunk = str(stash[index]) if index < len(stash) else ""
                first = next((ln.strip() for ln in chunk.splitlines() if ln.strip()), "")
                line = find(first) if first else None
                if line is not None:
                    self.md.orbit_chunks[index] = line
                    offset = max(offset, starts[min(line + chunk.count("\n"), len(starts) - 1)])
                continue
            numbers: list[int] = []
            for piece in raw.split("\n"):
                line = find(piece.strip()) if piece.strip() else None
                if line is None:  # a blank line, or one a preprocessor changed
                    line = numbers[-1] + 1 if numbers else bisect.bisect_right(starts, offset) - 1
                numbers.append(line)
            self.md.orbit_blocks[element] = numbers


def _element_lines(blocks: dict, first_line: int) -> tuple[dict, dict, dict]:
    """After inline processing: the line where each element, its text and its tail start.

    Inside a block, inline processing keeps the newlines of the raw text (a link's text, a code
    span and emphasis keep theirs; a line break's newline is put back by 'prettify'), so the
    newlines before an element say which of its block's lines it is on."""
    start, text_at, tail_at = {}, {}, {}
    for block, numbers in blocks.items():
        lines = [first_line + n for n in numbers]
        _count_lines(block, blocks, lines, [0], (start, text_at, tail_at))
    return start, text_at, tail_at


def _count_lines(element, blocks, lines, seen, found) -> bool:
    """Give `element` and what it holds the line of `lines` their newlines so far reach;
    False where a block of its own begins (a paragraph in a list item has its own lines)."""
    start, text_at, tail_at = found
    start[element] = text_at[element] = lines[min(seen[0], len(lines) - 1)]
    seen[0] += (element.text or "").count("\n")
    for child in element:
        if child in blocks or not _count_lines(child, blocks, lines, seen, found):
            return False
        tail_at[child] = lines[min(seen[0], len(lines) - 1)]
        seen[0] += (child.tail or "").count("\n")
    return True


class _CollectExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        # Just before 'inline' (20), while each block still holds its raw Markdown lines.
        md.treeprocessors.register(_BlockLines(md), "orbit_block_lines", 21)
        # After 'toc' (5), which gives headings their ids, and 'inline' (20), which makes links.
        md.treeprocessors.register(_Collect(md), "orbit_collect", 4)


def markdown_for(config: dict) -> Markdown:
    """A Markdown converter configured as Pelican's reader is (readers.MarkdownReader)."""
    extensions = list(config.get("extensions", []))
    for name in config.get("extension_configs", {}):
        if name not in extensions:
            extensions.append(name)
    return Markdown(
        extensions=[*extensions, _CollectExtension()],
        extension_configs=config.get("extension_configs", {}),
        output_format=config.get("output_format", "html5"),
    )


def parse(md: Markdown, text: str, first_line: int = 1) -> Body:
    """Convert `text` (a body starting at `first_line` of its file) and collect what it holds."""
    md.reset()
    md.orbit_tree, md.orbit_source = None, text
    try:
        html = md.convert(text)
    finally:
        md.orbit_source = None
    cited = next((dict(e.uses) for e in md.registeredExtensions if hasattr(e, "uses")), {})
    body = Body(html=html, cited=cited, outline=glossary_marks.outline(md))
    where = _Locator(text, first_line)
    root = md.orbit_tree
    stash = list(md.htmlStash.rawHtmlBlocks)
    if root is None:
        return body
    start, text_at, tail_at = _element_lines(getattr(md, "orbit_blocks", {}), first_line)
    chunks = {i: first_line + n for i, n in getattr(md, "orbit_chunks", {}).items()}
    code_depth = _code_elements(root)
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag:
            continue
        attrs = tuple((k, str(v)) for k, v in element.attrib.items())
        line = start.get(element)
        if tag == "sup" and "cite" in element.get("class", "").split():
            for link in element.iter("a"):
                ident = link.get("href", "").removeprefix(SOURCE_HREF)
                at = line or where.find(re.compile(rf"@{re.escape(ident)}(?![\w.:-])"), "cite")[0]
                body.citations.append(Ref(ident, at))
            continue
        if element in code_depth:
            continue
        if tag == "a" and element.get("href") is not None and not _in_citation(element, root):
            href = element.get("href")
            line = line or where.find(href, "link")[0]
            body.links.append(Ref(href, line, "".join(element.itertext())))
        elif tag == "img":
            src = element.get("src", "")
            line = line or where.find(src, "link")[0]
            body.images.append(Ref(src, line, element.get("alt", "")))
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            heading = "".join(element.itertext()).strip()
            line = line or (where.find(heading[:40], "heading")[0] if heading else where.first)
            if element.get("id"):
                body.headings.append(Ref(element.get("id"), line, heading))
        elif element.get("id"):
            line = line or where.find(f'"{element.get("id")}"', "id")[0]
        line = line or where.first
        if element.get("id"):
            body.ids.setdefault(element.get("id"), line)
        if not (tag == "a" and element.get("id", "").startswith("cite-")):
            body.elements.append(Element(tag, attrs, line, False))
    _literal_text(root, False, where, body, text_at, tail_at)
    for index, chunk in enumerate(stash):
        _raw_html(str(chunk), where, body, chunks.get(index))
    return body


def _literal_text(element, in_code: bool, where: _Locator, body: Body, text_at, tail_at):
    """'[@' left in the text outside code: the citation pattern did not match it."""
    chunks = [] if in_code else [(element.text, text_at.get(element))]
    for child in element:
        inner = in_code or child.tag in {"code", "pre"}
        _literal_text(child, inner, where, body, text_at, tail_at)
        if not in_code:
            chunks.append((child.tail, tail_at.get(child)))
    for chunk, at in chunks:
        chunk = STASH.sub("", chunk or "")
        for match in LITERAL_CITATION.finditer(chunk):
            if at is None:
                line = where.find(match.group(0), "literal")[0]
            else:
                line = at + chunk[: match.start()].count("\n")
            body.literal_citations.append((Ref(match.group(0), line), "markdown"))


def _raw_html(chunk: str, where: _Locator, body: Body, base: int | None = None):
    parser = _RawHTML()
    try:
        parser.feed(chunk)
        parser.close()
    except Exception:  # noqa: BLE001 — html.parser is lenient; a failure only loses positions
        return
    if base is None:  # a chunk the tree holds no placeholder for where _BlockLines looked
        base, _ = where.find(chunk.lstrip().split("\n", 1)[0][:60], "html")
    # `base` is the line of the chunk's first text; html.parser counts blank lines before it.
    base -= chunk[: len(chunk) - len(chunk.lstrip())].count("\n")
    for tag, attrs, line in parser.tags:
        element = Element(tag, tuple((k, v or "") for k, v in attrs), base + line - 1, True)
        body.elements.append(element)
        for name, value in element.attrs:
            if name == "id":
                body.ids.setdefault(value, element.line)
            if tag == "a" and name == "href":
                body.links.append(Ref(value, element.line))
            if tag == "img" and name == "src":
                body.images.append(Ref(value, element.line, dict(element.attrs).get("alt", "")))
    for text, line in parser.citations:
        body.literal_citations.append((Ref(text, base + line - 1), "html"))


def _code_elements(root) -> set:
    """Every element inside <code> or <pre>: what is there is shown, never cited or linked."""
    inside = set()
    for element in root.iter():
        if element.tag in {"code", "pre"}:
            inside.update(e for e in element.iter() if e is not element)
            if element.tag == "code":
                inside.add(element)
    return inside


def _in_citation(link, root) -> bool:
    return (link.get("id") or "").startswith("cite-")


# -- the rules on one document's body ---------------------------------------------------------

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def conversion_key(markdown_settings: dict, marker: glossary_marks.Marker | None) -> bytes:
    """What a body's conversion reads besides the body itself: the build's Markdown settings
    and the glossary terms marked in it (with the page they link to). The code that converts
    is not in it: the parse cache lives in a folder named for the code's version."""
    terms = None if marker is None else marker.fingerprint()
    return repr((markdown_settings, terms)).encode()


def converted(v, doc) -> Body:
    """parse() of `doc`'s body, or, with the parse cache, its conversion in the last build
    when nothing the conversion reads has changed (a preview rebuild converts only the file
    that was saved)."""
    key = hashlib.blake2b(v.conversion, digest_size=16)
    key.update(f"\0{doc.body_start}\0".encode())
    key.update(doc.body.encode())
    return v.parsed.converted(key.digest(), lambda: parse(v.md, doc.body, doc.body_start))


def check_body(v, doc, item) -> Body:
    """Citations, sources, images' alt text and raw HTML of one article or page; returns its Body.

    `v` is the Validator: `v.report(doc_or_path, loc, message, fix, line=…)` records a problem,
    `v.md` is its Markdown converter (markdown_for the build's settings).
    """
    check_placeholders(v, doc)
    too_costly = markdown_bounds.problems(doc.body, doc.body_start)
    for line, message, fix in too_costly:
        v.report(doc.path, ("body",), message, fix, line=line)
    if too_costly:  # not parsed at all (that is what would take too long); the rest waits
        return Body(parsed=False)
    body = converted(v, doc)
    source_ids = {s.get("id") for s in doc.data.get("sources") or [] if isinstance(s, dict)}
    # Without a sources: field (already reported) every citation would be reported again.
    check_citations = "sources" in doc.data
    cited = {ref.target for ref in body.citations}
    for ref in body.citations:
        if check_citations and ref.target not in source_ids:
            v.report(
                doc.path,
                ("body",),
                f"cites unknown source '{ref.target}'",
                did_you_mean(ref.target, source_ids, "add it to sources: or fix the id"),
                line=ref.line,
            )
    for ref, origin in body.literal_citations:
        if origin == "html":
            v.report(
                doc.path,
                ("body",),
                f"citation '{ref.target}' is inside raw HTML, where it "
                "is shown as text, not numbered",
                "move it out of the HTML element, into the Markdown text",
                line=ref.line,
            )
        else:
            v.report(
                doc.path,
                ("body",),
                f"malformed citation '{ref.target}'",
                "write [@source-id] or [@one; @two]",
                line=ref.line,
            )
    for ref in body.images:
        if not ref.text.strip():
            v.report(
                doc.path,
                ("body",),
                f"image '{ref.target}' has no alt text",
                "describe the picture inside ![…]",
                line=ref.line,
            )
    for line, message, fix in safety.problems(body):
        v.report(doc.path, ("body",), message, fix, line=line)
    # Every element serves only the check above; the links, ids and headings stay for the
    # site-wide checks. Kept, they were about 30 MiB of a 1,000-article build's peak. (A copy
    # without them: the converted body may be the parse cache's, saved for the next build,
    # whose checks need its elements again.)
    body = dataclasses.replace(body, elements=[])
    if item is None:
        return body
    for index, source in enumerate(item.sources):
        check_url(v, doc, ("sources", index, "url"), source.url)
        if source.id not in cited:
            v.report(
                doc,
                ("sources", index, "id"),
                f"source '{source.id}' is never cited",
                f"cite it in the text with [@{source.id}] or remove it",
            )
    seen: dict[str, int] = {}
    for index, source in enumerate(item.sources):
        if source.id in seen:
            v.report(
                doc,
                ("sources", index, "id"),
                f"duplicate source id '{source.id}'",
                f"already used at line {seen[source.id]}; give each source its own id",
            )
        seen.setdefault(source.id, doc.line_of(("sources", index)))
    for name in ("key_facts", "events"):
        for index, entry in enumerate(getattr(item, name, [])):
            if entry.source not in source_ids:
                v.report(
                    doc,
                    (name, index, "source"),
                    f"unknown source '{entry.source}'",
                    did_you_mean(entry.source, source_ids, "use an id from sources:"),
                )
    stem = doc.path.stem
    if item.slug != stem:
        fixes = [f"rename the file to {item.slug}.md"]
        if KEBAB.match(stem):
            fixes.append(f"set slug: {stem}")
        else:
            # 'My Article.md': the file name is no slug itself, so suggest the one it makes
            # (by the contract's rule, hence a valid slug), never 'slug: My Article'.
            suggested = slugify(stem)
            if suggested and suggested != item.slug:
                fixes.append(f"rename it to {suggested}.md and set slug: {suggested}")
        v.report(
            doc,
            ("slug",),
            f"'{item.slug}' differs from the file name '{doc.path.name}'",
            " or ".join(fixes),
        )
    return body
