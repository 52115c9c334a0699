"""metadata (body rules): the page's outline and names work for assistive technology.

Screen-reader users navigate by headings, so a page has exactly one h1 and never skips a level
going down (h2 then h4 hides a level). Duplicate ids break fragment links and aria
references. A link or button with no text, aria-label, aria-labelledby, title or alt-bearing
image is announced as just "link". A data table needs a caption (what it is) and th cells
(what each column or row means). Registered under "metadata", as the brief groups them.
"""

from __future__ import annotations

from collections.abc import Iterator

from bs4 import Tag

from ..finding import Finding
from ..markup import text_of
from ..registry import per_page
from ..site import Page, Site

CHECK = "metadata"
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
NAMELESS_INPUTS = {"button"}  # submit and reset have a default name


@per_page(CHECK)
def headings(site: Site, page: Page) -> Iterator[Finding]:
    """Exactly one h1, and no level skipped going down."""
    h1s = page.tags("h1")
    if not h1s:
        yield page.finding(CHECK, page.soup.body or "<body>", "no <h1>")
    for extra in h1s[1:]:
        yield page.finding(CHECK, extra, "more than one <h1> (a page has exactly one)")
    previous = None
    for tag in page.tags(*HEADINGS):
        level = int(tag.name[1])
        if previous is not None and level > previous + 1:
            yield page.finding(
                CHECK,
                tag,
                f"<{tag.name}> follows <h{previous}>: skips heading level h{previous + 1}",
            )
        previous = level


@per_page(CHECK)
def duplicate_ids(site: Site, page: Page) -> Iterator[Finding]:
    """Every id is unique on its page."""
    counts = page.id_counts
    if all(n == 1 for n in counts.values()):
        return
    seen: set[str] = set()
    for tag in page.elements:
        ident = tag.get("id")
        if not ident or counts[ident] == 1:
            continue
        if ident in seen:
            yield page.finding(
                CHECK, tag, f'duplicate id "{ident}" ({counts[ident]} elements share it)'
            )
        seen.add(ident)


@per_page(CHECK)
def accessible_names(site: Site, page: Page) -> Iterator[Finding]:
    """Every link and button has a name a screen reader can announce."""
    for tag in page.tags("a", "button", "input"):
        if tag.name == "a" and not tag.has_attr("href"):
            continue
        if tag.name == "input":
            if (tag.get("type") or "").lower() not in NAMELESS_INPUTS:
                continue
            if (tag.get("value") or "").strip():
                continue
        if not _has_name(page, tag):
            kind = "link" if tag.name == "a" else "button"
            yield page.finding(
                CHECK,
                tag,
                f"{kind} has no accessible name (no text, aria-label, "
                "aria-labelledby, title or img alt)",
            )


def _has_name(page: Page, tag: Tag) -> bool:
    if (tag.get("aria-label") or "").strip() or (tag.get("title") or "").strip():
        return True
    for ident in (tag.get("aria-labelledby") or "").split():
        if ident in page.by_id and text_of(page.by_id[ident]):
            return True
    if text_of(tag):
        return True
    for inner in tag.find_all(True):
        if inner.name == "img" and (inner.get("alt") or "").strip():
            return True
        if (inner.get("aria-label") or "").strip():  # e.g. an inline <svg aria-label>
            return True
    return False


@per_page(CHECK)
def tables(site: Site, page: Page) -> Iterator[Finding]:
    """Each data table (not role=presentation) has a caption and header cells."""
    for table in page.tags("table"):
        if (table.get("role") or "").lower() in ("presentation", "none"):
            continue
        caption = table.find("caption")
        if caption is None or not text_of(caption):
            yield page.finding(CHECK, table, "table has no <caption>")
        if table.find("th") is None:
            yield page.finding(CHECK, table, "table has no <th> header cells")
