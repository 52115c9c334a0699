"""sitefiles: sitemap.xml, the feeds and robots.txt agree with the pages that were built.

Search engines find pages through the sitemap, feed readers through the feeds, and both
through robots.txt. These files are written from settings, not from the pages, so they drift:
a sitemap that lists a renamed page or misses a new one, a feed entry linking to a slug that
changed, a robots.txt that forgets the sitemap. A missing file is only reported with
load_site(require_site_files=True), since a development build may not write them. 404.html is
never expected in the sitemap, and neither is a page marked noindex.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from lxml import etree

from ..finding import Finding, clip
from ..registry import register
from ..site import Site

CHECK = "sitefiles"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM_NS = "{http://www.w3.org/2005/Atom}"
NOT_IN_SITEMAP = {"404.html"}


def _finding(rel: str, element: str, message: str) -> Finding:
    return Finding(rel, CHECK, clip(element), message)


def _parse(site: Site, rel: str) -> tuple[etree._Element | None, Finding | None]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        return etree.parse(str(site.root / rel), parser).getroot(), None
    except etree.XMLSyntaxError as err:
        return None, _finding(rel, "", f"does not parse as XML: {err}")


def _locate(site: Site, rel: str, url: str) -> tuple[str | None, str]:
    """The output file a URL in sitemap/feed/robots names, or None and why not.

    These files hold absolute URLs; with no site_url known, the host is taken to be ours.
    """
    mapped = site.map_site_url(url.strip())
    parts = urlsplit(mapped)
    if parts.scheme or mapped.startswith("//"):
        if site.site_url:
            return None, f"{url} is not under {site.site_url}"
        mapped = parts.path or "/"
    ref = site.resolve(site.url_of(rel), mapped)
    if ref.kind != "internal" or ref.target is None:
        return None, f"{url} is not a file in the output"
    return ref.target, ""


def _missing(site: Site, rel: str, what: str) -> Iterator[Finding]:
    if site.require_site_files:
        yield _finding(rel, "", f"no {what} in the output")


@register(CHECK)
def sitemap(site: Site) -> Iterator[Finding]:
    """Every sitemap URL is a built file, and every page (but 404.html and noindex) is listed."""
    rel = "sitemap.xml"
    if not site.exists(rel):
        yield from _missing(site, rel, "sitemap.xml")
        return
    root, problem = _parse(site, rel)
    if problem:
        yield problem
        return
    if root.tag != f"{SITEMAP_NS}urlset":
        yield _finding(rel, f"<{etree.QName(root).localname}>", "root is not a sitemap <urlset>")
        return
    listed: set[str] = set()
    for loc in root.iter(f"{SITEMAP_NS}loc"):
        url = (loc.text or "").strip()
        target, why = _locate(site, rel, url)
        if target is None:
            yield _finding(rel, f"<loc>{url}</loc>", why)
        else:
            listed.add(target)
    for page_rel, page in site.pages.items():
        if (
            page_rel in NOT_IN_SITEMAP
            or page_rel in listed
            or _noindex(page)
            or page_rel.startswith("drafts/")
        ):  # previews only; left out on purpose
            continue
        yield _finding(rel, "<urlset>", f"does not list {page_rel}")


def _noindex(page) -> bool:
    return any(
        (m.get("name") or "").lower() == "robots" and "noindex" in (m.get("content") or "")
        for m in page.tags("meta")
    )


@register(CHECK)
def feeds(site: Site) -> Iterator[Finding]:
    """Each feeds/*.xml parses as Atom (or RSS) and every entry links to a built page."""
    found = sorted(f for f in site.files if f.startswith("feeds/") and f.endswith(".xml"))
    if not found:
        yield from _missing(site, "feeds/", "feed (feeds/*.xml)")
    for rel in found:
        root, problem = _parse(site, rel)
        if problem:
            yield problem
        elif root.tag == f"{ATOM_NS}feed":
            yield from _atom(site, rel, root)
        elif root.tag == "rss":
            yield from _rss(site, rel, root)
        else:
            yield _finding(rel, f"<{etree.QName(root).localname}>", "not an Atom or RSS feed")


def _atom(site: Site, rel: str, root: etree._Element) -> Iterator[Finding]:
    for entry in root.iter(f"{ATOM_NS}entry"):
        links = [
            link
            for link in entry.findall(f"{ATOM_NS}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if not links:
            title = entry.findtext(f"{ATOM_NS}title") or ""
            yield _finding(rel, f"<entry> {title}", "entry has no link to its page")
        for link in links:
            href = link.get("href") or ""
            target, why = _locate(site, rel, href)
            if target is None:
                yield _finding(rel, f'<link href="{href}">', why)


def _rss(site: Site, rel: str, root: etree._Element) -> Iterator[Finding]:
    for item in root.iter("item"):
        url = (item.findtext("link") or "").strip()
        target, why = _locate(site, rel, url) if url else (None, "item has no link to its page")
        if target is None:
            yield _finding(rel, f"<link>{url}</link>", why)


@register(CHECK)
def robots(site: Site) -> Iterator[Finding]:
    """robots.txt names the sitemap, and that URL is the built sitemap."""
    rel = "robots.txt"
    if not site.exists(rel):
        yield from _missing(site, rel, "robots.txt")
        return
    lines = [line.strip() for line in site.read_text(rel).splitlines()]
    named = [line.split(":", 1)[1].strip() for line in lines if line.lower().startswith("sitemap:")]
    if not named:
        yield _finding(rel, "", "does not name the sitemap (add a 'Sitemap: <url>' line)")
    for url in named:
        target, why = _locate(site, rel, url)
        if target is None:
            yield _finding(rel, f"Sitemap: {url}", why)
