"""images: every image shows, says what it is, and keeps its space while loading.

A missing src or srcset candidate shows a broken-image icon (and srcset candidates are only
fetched on some screens, so they break unnoticed). A missing alt makes screen readers read
the file name: alt="" is the way to say "decorative". Without width and height the text jumps
when the image arrives. Inline <svg> is not an <img>, so it is not checked here. Images from
another origin are the "assets" check's concern.
"""

from __future__ import annotations

from collections.abc import Iterator

from bs4 import Tag

from ..finding import Finding
from ..markup import has_leftover, srcset_urls
from ..registry import per_page
from ..site import Page, Site

CHECK = "images"


@per_page(CHECK)
def images(site: Site, page: Page) -> Iterator[Finding]:
    """img src and srcset candidates exist; alt is present; width and height are numbers."""
    for img in page.tags("img"):
        src = img.get("src")
        if src is None or not src.strip():
            yield page.finding(CHECK, img, "img has no src")
        else:
            yield from _exists(page, img, src, "image")
        for url in srcset_urls(img.get("srcset") or ""):
            yield from _exists(page, img, url, "srcset candidate")
        if not img.has_attr("alt"):
            yield page.finding(CHECK, img, 'img has no alt attribute (alt="" marks it decorative)')
        yield from _size(page, img)
    for source in page.tags("source"):
        if source.parent is not None and source.parent.name == "picture":
            for url in srcset_urls(source.get("srcset") or ""):
                yield from _exists(page, source, url, "srcset candidate")


def _exists(page: Page, tag: Tag, url: str, what: str) -> Iterator[Finding]:
    if has_leftover(url):
        return
    ref = page.resolve(url)
    if ref.kind == "internal" and ref.target is None:
        yield page.finding(CHECK, tag, f"{what} {url.strip()} does not exist")
    elif ref.kind == "special" and ref.scheme != "data":
        yield page.finding(CHECK, tag, f"{what} {url.strip()} is a {ref.scheme}: URL")


def _size(page: Page, img: Tag) -> Iterator[Finding]:
    missing = [a for a in ("width", "height") if not (img.get(a) or "").strip()]
    if missing:
        yield page.finding(
            CHECK, img, f"img has no {' or '.join(missing)} (the text jumps when it loads)"
        )
        return
    for attr in ("width", "height"):
        if not img[attr].strip().isdigit():
            yield page.finding(CHECK, img, f'{attr}="{img[attr]}" is not a whole number of pixels')
