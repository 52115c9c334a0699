"""citations: the numbered citations and the source list agree, both ways.

orbit_content.citations writes each `[@id]` as `<sup class="cite"><a href="#source-id"
id="cite-id-N">`; the theme lists each source as `<li id="source-id">` with one
`<a class="backref" href="#cite-id-N">` per use. A citation to a source that is not listed,
a source with no way back to the text, a backlink to nowhere, or a listed source that nothing
cites all mean the page's evidence trail is broken, whatever the Markdown said.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from ..finding import Finding
from ..markup import CITE, SOURCE, tokens
from ..registry import per_page
from ..site import Page, Site

CHECK = "citations"


@per_page(CHECK)
def citations(site: Site, page: Page) -> Iterator[Finding]:
    """Citations name listed sources; sources link back to real citations and are all cited."""
    if SOURCE not in page.text:
        return  # no citations and no source list: one substring test, no tree walk
    sources = {li["id"]: li for li in page.tags("li") if (li.get("id") or "").startswith(SOURCE)}
    cites: list[Tag] = []
    backrefs: dict[str, list[Tag]] = {source_id: [] for source_id in sources}
    for a in page.tags("a"):
        href = a.get("href") or ""
        if href.startswith(f"#{SOURCE}") and _in_cite_sup(a):
            cites.append(a)
        elif href.startswith(f"#{CITE}") and "backref" in tokens(a, "class"):
            li = _source_item(a)
            if li is not None:
                backrefs[li["id"]].append(a)
    backlinked = {a["href"][1:] for links in backrefs.values() for a in links}
    cited: set[str] = set()
    for a in cites:
        source_id = a["href"][1:]
        ident = source_id[len(SOURCE) :]
        cited.add(source_id)
        cite_id = a.get("id") or ""
        if not re.fullmatch(rf"{re.escape(CITE + ident)}-\d+", cite_id):
            yield page.finding(CHECK, a, f'citation id should be "{CITE}{ident}-N"')
        if source_id not in sources:
            yield page.finding(
                CHECK, a, f"cites {source_id}, which is not in this page's source list"
            )
        elif cite_id and backrefs[source_id] and cite_id not in backlinked:
            # (a source with no backlinks at all is reported once, below)
            yield page.finding(CHECK, a, f"{source_id} has no backlink to this citation")
    for source_id, li in sources.items():
        if not backrefs[source_id]:
            yield page.finding(
                CHECK, li, 'source has no backlink (<a class="backref" href="#cite-…">) to the text'
            )
        for a in backrefs[source_id]:
            target = a["href"][1:]
            if target not in page.by_id:
                yield page.finding(CHECK, a, f"backlink target #{target} is not on this page")
        if source_id not in cited:
            yield page.finding(CHECK, li, "source is listed but never cited on this page")


def _in_cite_sup(a: Tag) -> bool:
    return a.parent is not None and a.parent.name == "sup" and "cite" in tokens(a.parent, "class")


def _source_item(a: Tag) -> Tag | None:
    """The source list item a backlink sits in, if any."""
    for parent in a.parents:
        if parent.name == "li":
            return parent if (parent.get("id") or "").startswith(SOURCE) else None
    return None
