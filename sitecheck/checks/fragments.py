"""fragments: every #fragment lands on an element with that id on its target page.

A missing id does not fail loudly: the browser just shows the top of the page, so readers
following "see the timeline" silently lose their place. Checked strictly: a bare "#" goes
nowhere, and "#top" needs an element with id="top" (browsers special-case it; other readers
and tools do not). Citation and backlink anchors are left to the "citations" check, which
says more about them; links to missing pages are left to "links".
"""

from __future__ import annotations

from collections.abc import Iterator

from ..finding import Finding
from ..markup import has_leftover, is_citation_link
from ..registry import per_page
from ..site import Page, Site

CHECK = "fragments"


@per_page(CHECK)
def fragments(site: Site, page: Page) -> Iterator[Finding]:
    """Each a/area href with a fragment names an id (or a[name]) on the page it lands on."""
    for tag in page.tags("a", "area"):
        href = tag.get("href")
        if href is None or "#" not in href or has_leftover(href) or is_citation_link(tag):
            continue
        ref = page.resolve(href)
        if ref.kind != "internal" or ref.target is None:
            continue
        raw = href.split("#", 1)[1]
        if ref.fragment == "":
            message = (
                "bare '#' link goes nowhere"
                if href.strip() == "#"
                else "link ends in an empty fragment '#'"
            )
            yield page.finding(CHECK, tag, message)
            continue
        if ref.fragment.startswith(":~:"):  # a text fragment, not an id
            continue
        target = site.pages.get(ref.target)
        if target is None:  # not an HTML page (a PDF, an image): nothing to look in
            continue
        if ref.fragment in target.anchors or raw in target.anchors:
            continue
        where = "this page" if target is page else target.rel
        yield page.finding(CHECK, tag, f"#{ref.fragment} is not an id on {where}")
