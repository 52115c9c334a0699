"""links: every link a reader can follow goes somewhere real.

Internal links must land on a file in the output (a reader gets GitHub's 404 otherwise).
Links to localhost or file: only work on the machine that built the site; an empty href
reloads the page; a malformed mailto:/tel: opens a broken draft or dialer; a plain http:// link
to another site is refused or warned about by browsers, so it must be allow-listed by host.
Fragments are the "fragments" check's job and {filename} leftovers the "leftovers" check's,
so each problem is reported once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

from bs4 import Tag

from ..finding import Finding
from ..markup import has_leftover, srcset_urls, tokens
from ..registry import per_page
from ..site import Page, Site

CHECK = "links"
# <link> elements that name another page rather than load something (assets covers those).
PAGE_RELS = {"canonical", "alternate", "prev", "next", "author", "license", "help", "search"}
LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1"}
WEB_SCHEMES = {"http", "https"}
EMAIL = re.compile(
    r"[^@\s,;:<>()\[\]\\\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
PHONE = re.compile(r"\+?\d{3,15}")
HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?|[0-9a-f:.]+")


@per_page(CHECK)
def links(site: Site, page: Page) -> Iterator[Finding]:
    """Anchors and page-naming <link>s resolve, with no local, file:, empty or plain-http URL."""
    for tag in page.tags("a", "area"):
        href = tag.get("href")
        if href is not None:
            yield from _check_href(site, page, tag, href)
    for tag in page.tags("link"):
        if tokens(tag, "rel") & PAGE_RELS and tag.get("href") is not None:
            yield from _check_href(site, page, tag, tag["href"])


def _check_href(site: Site, page: Page, tag: Tag, href: str) -> Iterator[Finding]:
    if has_leftover(href):
        return
    ref = page.resolve(href)
    if ref.kind == "empty":
        yield page.finding(CHECK, tag, "empty href (the link reloads this page)")
    elif ref.kind == "special":
        problem = _special_problem(ref.scheme, href.strip())
        if problem:
            yield page.finding(CHECK, tag, problem)
    elif ref.kind == "external":
        if not HOST.fullmatch(ref.host):
            yield page.finding(
                CHECK,
                tag,
                f"'{ref.host}' is not a valid host name" if ref.host else "URL has no host name",
            )
        elif ref.host in LOCAL_HOSTS or ref.host.endswith(".localhost"):
            yield page.finding(
                CHECK,
                tag,
                f"links to {ref.host}, which only exists on the machine that built the site",
            )
        elif ref.scheme == "http" and ref.host not in site.http_hosts:
            yield page.finding(
                CHECK,
                tag,
                f"plain http link to {ref.host}: use https, or allow-list the host (http_hosts)",
            )
    elif ref.target is None and not ref.same_page_only:
        yield page.finding(CHECK, tag, f"target {_shown(href)} does not exist")


def _shown(href: str) -> str:
    return href.strip().split("#", 1)[0].split("?", 1)[0] or href.strip()


def _special_problem(scheme: str, url: str) -> str | None:
    rest = url[len(scheme) + 1 :]
    if scheme == "file":
        return "file: link points at the disk of the machine that built the site"
    if scheme == "mailto":
        addresses = unquote(rest.partition("?")[0])
        if not addresses.strip():
            return "mailto: link has no address"
        for address in addresses.split(","):
            if not EMAIL.fullmatch(address.strip()):
                return f"mailto: address '{address.strip()}' is not an email address"
        return None
    if scheme == "tel":
        number = re.sub(r"[\s().\-]", "", unquote(rest).split(";", 1)[0])
        if not PHONE.fullmatch(number):
            return f"tel: number '{unquote(rest)}' is not a phone number"
        return None
    return f"unsupported URL scheme '{scheme}:' in a link"


@per_page(CHECK)
def relative_urls_on_404(site: Site, page: Page) -> Iterator[Finding]:
    """404.html is served at whatever address was missing, so its own URLs must not be relative."""
    if page.rel != "404.html" or page.soup.find("base", href=True):
        return
    for tag in page.elements:
        values = [tag.get(attr) for attr in ("href", "src", "poster")]
        values += srcset_urls(tag.get("srcset") or "")
        for value in values:
            if not isinstance(value, str) or not value.strip() or has_leftover(value):
                continue
            url = value.strip()
            if url.startswith(("/", "#")) or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", url):
                continue
            yield page.finding(
                CHECK,
                tag,
                f"relative URL '{url}' breaks on 404.html, which is "
                "served at any missing address: start it with /",
            )
