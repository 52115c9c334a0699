"""assets: everything a page loads is in the output folder, and nothing comes from elsewhere.

A missing stylesheet or script fails silently in the browser. A file from another origin
(a CDN script, a web font, a hot-linked image) tells that origin about every reader, can
change or vanish without a build, and breaks offline copies: the site ships everything it
needs. Stylesheets are read too, for the url() and @import they load. og:image is checked for
existence when it points into the site (it is fetched by link previews, not by the page, so
an absolute address elsewhere is not a third-party load).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from bs4 import Tag

from ..finding import Finding, clip
from ..markup import has_leftover, srcset_urls, tokens
from ..registry import per_page, register
from ..site import Page, Site

CHECK = "assets"
LOADING_RELS = {
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "apple-touch-icon-precomposed",
    "manifest",
    "mask-icon",
    "preload",
    "modulepreload",
}
# Elements that load a file, with the attribute naming it; img is checked for existence
# by "images", so here only for where it comes from.
LOADERS = {
    "script": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "iframe": ("src",),
}
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
CSS_URL = re.compile(
    r"""(?P<imp>@import\s+)?url\(\s*(?:"(?P<u1>[^"]*)"|'(?P<u2>[^']*)'|(?P<u3>[^)\s]*))\s*\)"""
    r"""|(?P<imp2>@import)\s+(?:"(?P<u4>[^"]*)"|'(?P<u5>[^']*)')"""
)
PREVIEW_IMAGES = {"og:image", "og:image:url", "og:image:secure_url", "twitter:image"}


@per_page(CHECK)
def assets(site: Site, page: Page) -> Iterator[Finding]:
    """Stylesheets, scripts, icons, media and og:image exist; none come from another origin."""
    for tag in page.tags("link"):
        rels = tokens(tag, "rel")
        if rels & LOADING_RELS and tag.has_attr("href"):
            what = "stylesheet" if "stylesheet" in rels else min(rels & LOADING_RELS)
            yield from _load(page, tag, tag["href"], what)
    for name, attrs in LOADERS.items():
        for tag in page.tags(name):
            for attr in attrs:
                if tag.has_attr(attr):
                    yield from _load(page, tag, tag[attr], name if attr != "poster" else "poster")
    for tag in page.tags("source"):
        if tag.has_attr("src"):
            yield from _load(page, tag, tag["src"], "media source")
    for tag in page.tags("input"):
        if (tag.get("type") or "").lower() == "image" and tag.has_attr("src"):
            yield from _load(page, tag, tag["src"], "image button")
    for tag in page.tags("img", "source"):
        urls = [tag["src"]] if tag.name == "img" and tag.get("src") else []
        for url in urls + srcset_urls(tag.get("srcset") or ""):
            yield from _origin(page, tag, url, "image")
    for tag in page.tags("meta"):
        key = (tag.get("property") or tag.get("name") or "").lower()
        if key in PREVIEW_IMAGES and (tag.get("content") or "").strip():
            ref = page.resolve(tag["content"])
            if ref.kind == "internal" and ref.target is None:
                yield page.finding(CHECK, tag, f"{key} {tag['content'].strip()} does not exist")
    for tag in page.tags("style"):
        for _, message in _css_problems(site, page.url, tag.get_text()):
            yield page.finding(CHECK, tag, message)
    for tag in page.elements:
        style = tag.get("style")
        if isinstance(style, str) and "url(" in style:
            for _, message in _css_problems(site, page.url, style):
                yield page.finding(CHECK, tag, message)


def _load(page: Page, tag: Tag, url: str, what: str) -> Iterator[Finding]:
    if has_leftover(url):
        return
    ref = page.resolve(url)
    if ref.kind == "empty":
        yield page.finding(CHECK, tag, f"{what} has an empty URL")
    elif ref.kind == "internal" and ref.target is None:
        yield page.finding(CHECK, tag, f"{what} {url.strip()} does not exist")
    elif ref.kind == "special" and ref.scheme != "data":
        yield page.finding(CHECK, tag, f"{what} {url.strip()} is a {ref.scheme}: URL")
    else:
        yield from _origin(page, tag, url, what)


def _origin(page: Page, tag: Tag, url: str, what: str) -> Iterator[Finding]:
    if has_leftover(url):
        return
    ref = page.resolve(url)
    if ref.kind == "external":
        hint = ""
        if ref.host == _canonical_host(page):
            hint = ": if that is this site's own address, pass site_url"
        yield page.finding(
            CHECK, tag, f"{what} loaded from another origin ({ref.host or url}){hint}"
        )


def _canonical_host(page: Page) -> str:
    """The host of the page's own canonical address (a publish build writes it absolute)."""
    for link in page.tags("link"):
        if "canonical" in tokens(link, "rel") and link.get("href"):
            return urlsplit(link["href"].strip()).hostname or ""
    return ""


@register(CHECK)
def stylesheets(site: Site) -> Iterator[Finding]:
    """url() and @import in every stylesheet the pages link (once each, following imports)."""
    todo = []
    for page in site.pages.values():
        for tag in page.tags("link"):
            if "stylesheet" in tokens(tag, "rel") and tag.get("href"):
                ref = page.resolve(tag["href"])
                if ref.kind == "internal" and ref.target:
                    todo.append(ref.target)
    seen: set[str] = set()
    while todo:
        rel = todo.pop()
        if rel in seen:
            continue
        seen.add(rel)
        base = site.url_of(rel)
        text = site.read_text(rel)
        for matched, message in _css_problems(site, base, text):
            yield Finding(rel, CHECK, clip(matched), message)
        for url, is_import, _ in _css_urls(text):
            ref = site.resolve(base, url)
            if is_import and ref.kind == "internal" and ref.target:
                todo.append(ref.target)


def _css_urls(text: str) -> Iterator[tuple[str, bool, str]]:
    """(url, is it an @import, the text matched) for each url() and @import in CSS."""
    for match in CSS_URL.finditer(CSS_COMMENT.sub("", text)):
        url = next(
            (match.group(g) for g in ("u1", "u2", "u3", "u4", "u5") if match.group(g) is not None),
            "",
        )
        is_import = bool(match.group("imp") or match.group("imp2"))
        yield url.strip(), is_import, match.group(0)


def _css_problems(site: Site, base: str, text: str) -> Iterator[tuple[str, str]]:
    """(the CSS text at fault, what is wrong) for url()s that are missing or load from elsewhere."""
    for url, _, matched in _css_urls(text):
        if not url or url.startswith("#") or has_leftover(url):
            continue
        ref = site.resolve(base, url)
        if ref.kind == "internal" and ref.target is None:
            yield matched, f"CSS url {url} does not exist"
        elif ref.kind == "external":
            yield matched, f"CSS loads {url} from another origin ({ref.host})"
        elif ref.kind == "special" and ref.scheme != "data":
            yield matched, f"CSS url {url} is a {ref.scheme}: URL"
