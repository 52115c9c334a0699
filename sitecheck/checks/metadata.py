"""metadata: what search engines, tabs and bookmarks show for each page.

A page without a doctype renders in quirks mode; without <html lang> screen readers guess the
voice; the <title> is the tab, the bookmark and the search result, so it must exist and differ
between pages; the meta description is the search snippet (cut off past about 160
characters); rel=canonical tells search engines which address is the real one. The body rules
that share this check's name (one h1, headings, ids, names, tables) live in structure.py.
"""

from __future__ import annotations

from collections.abc import Iterator

from bs4 import Doctype, Tag

from ..finding import Finding, clip
from ..markup import text_of, tokens
from ..registry import per_page, register
from ..site import Page, Site

CHECK = "metadata"
MAX_DESCRIPTION = 160


def page_titles(page: Page) -> list[Tag]:
    """The document's <title> elements (an SVG's <title> is a label, not the page title)."""
    return [t for t in page.tags("title") if t.find_parent("svg") is None]


def head_of(page: Page) -> Tag | str:
    return page.soup.head or page.soup.html or "<html>"


@per_page(CHECK)
def head(site: Site, page: Page) -> Iterator[Finding]:
    """Doctype, lang, one non-empty title, a description of sensible length, a canonical link."""
    html = page.soup.html or "<html>"
    if not any(
        isinstance(node, Doctype) and node.strip().lower() == "html" for node in page.soup.contents
    ):
        yield page.finding(CHECK, html, "no <!doctype html> (the page renders in quirks mode)")
    if not isinstance(html, Tag) or not (html.get("lang") or "").strip():
        yield page.finding(CHECK, html, "has no lang attribute")
    titles = page_titles(page)
    if not titles:
        yield page.finding(CHECK, head_of(page), "no <title>")
    elif not text_of(titles[0]):
        yield page.finding(CHECK, titles[0], "empty <title>")
    for extra in titles[1:]:
        yield page.finding(CHECK, extra, "more than one <title>")
    descriptions = [m for m in page.tags("meta") if (m.get("name") or "").lower() == "description"]
    if not descriptions or not (descriptions[0].get("content") or "").strip():
        yield page.finding(
            CHECK, descriptions[0] if descriptions else head_of(page), "no meta description"
        )
    else:
        length = len(" ".join(descriptions[0]["content"].split()))
        if length > MAX_DESCRIPTION:
            yield page.finding(
                CHECK,
                descriptions[0],
                f"meta description is {length} characters (at most {MAX_DESCRIPTION})",
            )
    canonical = [link for link in page.tags("link") if "canonical" in tokens(link, "rel")]
    if not canonical or not (canonical[0].get("href") or "").strip():
        yield page.finding(
            CHECK, canonical[0] if canonical else head_of(page), 'no <link rel="canonical">'
        )


@register(CHECK)
def unique_titles(site: Site) -> Iterator[Finding]:
    """No two pages share a title (tabs, bookmarks and search results could not tell them apart)."""
    first: dict[str, str] = {}
    for page in site.pages.values():
        titles = page_titles(page)
        text = text_of(titles[0]) if titles else ""
        if not text:
            continue
        if text in first:
            yield page.finding(
                CHECK, titles[0], f"title '{clip(text, 60)}' is also the title of {first[text]}"
            )
        else:
            first[text] = page.rel
