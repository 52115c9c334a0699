"""opengraph: each page says how it looks when shared (og:title, og:description, og:url,
og:image).

Without these, chat apps and social sites build a preview from whatever they find, often the
site name and no image. A separate check from "metadata" so it can be left out
(only=...) until the theme writes the tags.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..finding import Finding
from ..registry import per_page
from ..site import Page, Site
from .metadata import head_of

CHECK = "opengraph"
REQUIRED = ("og:title", "og:description", "og:url", "og:image")


@per_page(CHECK)
def opengraph(site: Site, page: Page) -> Iterator[Finding]:
    """The four Open Graph properties every page needs, each with content."""
    present = {
        (m.get("property") or "").lower()
        for m in page.tags("meta")
        if (m.get("content") or "").strip()
    }
    for prop in REQUIRED:
        if prop not in present:
            yield page.finding(CHECK, head_of(page), f'no <meta property="{prop}"> with content')
