"""leftovers: no Pelican link placeholder ({filename}, {static}, {attach}, …) reached the output.

Pelican replaces {filename}../x.md with the page's URL only when the target exists; otherwise
it warns and writes the placeholder verbatim, which the browser then requests as a path. Any
attribute or text holding one is a link that was meant to work and does not.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

from bs4 import Comment

from orbit_contract import LEFTOVER, LEFTOVER_ENCODED

from ..finding import Finding, clip
from ..registry import per_page
from ..site import Page, Site

CHECK = "leftovers"


@per_page(CHECK)
def leftovers(site: Site, page: Page) -> Iterator[Finding]:
    """Attributes and text with a literal {filename}/{static}/{attach}-style placeholder."""
    if not LEFTOVER.search(page.text) and not LEFTOVER_ENCODED.search(page.text):
        return  # the common case: one regex over the file, no tree walk
    for tag in page.elements:
        for name, raw in tag.attrs.items():
            value = " ".join(raw) if isinstance(raw, list) else str(raw)
            match = LEFTOVER.search(value) or LEFTOVER.search(unquote(value))
            if match:
                yield page.finding(CHECK, tag, f"{name} holds literal {match.group(0)}")
    for text in page.soup.find_all(string=LEFTOVER):
        if text.parent is None or isinstance(text, Comment):
            continue
        match = LEFTOVER.search(text)
        yield page.finding(
            CHECK, text.parent, f"text holds literal {match.group(0)}: '{clip(str(text), 60)}'"
        )
