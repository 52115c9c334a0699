"""Load a built site once and answer "where does this URL go?" for every check.

Every check needs the same three things: each page parsed, the ids on each page, and whether a
URL written in a page lands on a file in the output folder. Doing that here, once, keeps the
checks small and keeps the whole run linear in the size of the site: pages are parsed once,
tags are grouped by name in one pass, the output folder is listed once (so "does this file
exist" is a set lookup, not a stat call), and URL resolution is cached.

URLs are resolved the way a browser would on the deployed site: relative to the page's own
address and any <base href>, dot segments removed, percent-encoding decoded, query strings
ignored, "/x/" served from x/index.html. Absolute links that start with the site's public
address (a publish build writes SITEURL into every link) are mapped back to the folder.
"""

from __future__ import annotations

import gc
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from .finding import Finding, snippet

# Links are resolved against this made-up origin; anything that leaves it left the site.
_ORIGIN = "https://sitecheck.invalid"
_HOST = "sitecheck.invalid"
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Ref:
    """A URL found in a page, resolved.

    kind is one of: "empty" (blank), "special" (mailto:, tel:, data:, any non-web scheme),
    "external" (another origin) or "internal" (this site; `target` is the file it lands on,
    None if there is none).
    """

    raw: str
    kind: str
    scheme: str = ""
    host: str = ""
    path: str = ""  # internal: the decoded path from the site root, e.g. "/seat-swap/"
    fragment: str | None = None  # decoded; None when the URL has no '#'
    target: str | None = None  # internal: existing file, relative to the output folder

    @property
    def same_page_only(self) -> bool:
        return self.raw.strip().startswith("#")


@dataclass
class Page:
    """One parsed HTML file and the indexes the checks share."""

    rel: str  # path relative to the output folder, '/' separators
    text: str  # the file as read, for cheap regex pre-checks
    soup: BeautifulSoup
    site: Site = field(repr=False)

    @cached_property
    def elements(self) -> list[Tag]:
        """Every element in document order (the one walk over the tree)."""
        return self.soup.find_all(True)

    @cached_property
    def by_name(self) -> dict[str, list[Tag]]:
        """Every element, grouped by tag name, in document order."""
        groups: dict[str, list[Tag]] = defaultdict(list)
        for tag in self.elements:
            groups[tag.name].append(tag)
        return groups

    def tags(self, *names: str) -> list[Tag]:
        """Elements with any of these names, in document order."""
        if len(names) == 1:
            return self.by_name.get(names[0], [])
        wanted = set(names)
        return [tag for tag in self.elements if tag.name in wanted]

    @cached_property
    def id_counts(self) -> Counter[str]:
        return Counter(tag["id"] for tag in self.elements if tag.get("id"))

    @cached_property
    def by_id(self) -> dict[str, Tag]:
        """The first element with each id (what a browser scrolls to)."""
        found: dict[str, Tag] = {}
        for tag in self.elements:
            ident = tag.get("id")
            if ident:
                found.setdefault(ident, tag)
        return found

    @cached_property
    def anchors(self) -> frozenset[str]:
        """Every fragment this page can be scrolled to: ids, and the old <a name>."""
        names = {a["name"] for a in self.tags("a") if a.get("name")}
        return frozenset(self.by_id) | names

    @cached_property
    def url(self) -> str:
        """The page's address on the made-up origin, after any <base href>."""
        own = f"{_ORIGIN}/{quote(self.rel)}"
        base = next((b for b in self.tags("base") if b.has_attr("href")), None)
        if base is None:
            return own
        return urljoin(own, self.site.map_site_url(base["href"].strip()))

    def resolve(self, raw: str) -> Ref:
        return self.site.resolve(self.url, raw)

    def finding(self, check: str, element: Tag | str | None, message: str) -> Finding:
        return Finding(self.rel, check, snippet(element), message)


@dataclass
class Site:
    """The output folder: every page parsed, every file listed, and what the checks were told."""

    root: Path
    pages: dict[str, Page]
    files: frozenset[str]
    dirs: frozenset[str]
    site_url: str = ""
    http_hosts: frozenset[str] = frozenset()
    require_site_files: bool = False
    _cache: dict[tuple[str, str], Ref] = field(default_factory=dict, repr=False)

    def exists(self, rel: str) -> bool:
        return rel in self.files

    def read_text(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8", errors="replace")

    def map_site_url(self, url: str) -> str:
        """An absolute URL on the site's public address, rewritten as a root-relative one."""
        if not self.site_url or not (url[:4].lower() == "http" or url.startswith("//")):
            return url
        base = urlsplit(self.site_url)
        parts = urlsplit(url)
        if url.startswith("//"):  # protocol-relative: takes the scheme of the page
            parts = urlsplit(f"{base.scheme}:{url}")
        elif parts.scheme.lower() != base.scheme.lower():
            return url
        if (parts.hostname or "") != (base.hostname or "") or parts.port != base.port:
            return url
        prefix = base.path.rstrip("/")
        if parts.path != prefix and not parts.path.startswith(prefix + "/"):
            return url
        rest = parts.path[len(prefix) :] or "/"
        if parts.query:
            rest += "?" + parts.query
        if parts.fragment or url.endswith("#"):
            rest += "#" + parts.fragment
        return rest

    def resolve(self, base_url: str, raw: str) -> Ref:
        """Resolve a URL written in the file at base_url (cached)."""
        # Root-relative and absolute URLs mean the same on every page: share their cache entry.
        shared = base_url.startswith(_ORIGIN + "/") and (
            (raw.startswith("/") and not raw.startswith("//")) or _ABSOLUTE.match(raw) is not None
        )
        key = ("" if shared else base_url, raw)
        ref = self._cache.get(key)
        if ref is None:
            ref = self._cache[key] = self._resolve(base_url, raw)
        return ref

    def _resolve(self, base_url: str, raw: str) -> Ref:
        url = raw.strip()
        if not url:
            return Ref(raw, "empty")
        url = self.map_site_url(url)
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme and scheme not in ("http", "https"):
            return Ref(raw, "special", scheme=scheme)
        absolute = urljoin(base_url, url)
        parts = urlsplit(absolute)
        fragment = unquote(parts.fragment) if "#" in url else None
        if (parts.hostname or "") != _HOST:
            return Ref(
                raw,
                "external",
                scheme=parts.scheme.lower(),
                host=(parts.hostname or "").lower(),
                fragment=fragment,
            )
        path = unquote(parts.path) or "/"
        return Ref(
            raw,
            "internal",
            scheme=scheme,
            path=path,
            fragment=fragment,
            target=self.find_file(path),
        )

    def find_file(self, path: str) -> str | None:
        """The file a static host serves for a decoded root-relative path, or None."""
        rel = path.lstrip("/")
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
            return rel if rel in self.files else None
        if rel in self.files:
            return rel
        if rel in self.dirs and f"{rel}/index.html" in self.files:
            return f"{rel}/index.html"  # hosts redirect /x to /x/
        return None

    def url_of(self, rel: str) -> str:
        """A file's address on the made-up origin, to resolve URLs written inside it (CSS, XML)."""
        return f"{_ORIGIN}/{quote(rel)}"


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building or walking parse trees.

    A parsed page is tens of thousands of objects in reference cycles (parent <-> child); with
    the collector on, each full collection walks every page parsed so far, so the cost per page
    grows with the site (measured: 2 ms/page at 50 pages, 4 ms/page at 1,000). Nothing freed in
    between is garbage anyway. The previous state is restored on exit.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _list_files(root: Path) -> tuple[frozenset[str], frozenset[str]]:
    files, dirs = set(), set()
    for folder, subdirs, names in os.walk(root):
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        dirs.update(prefix + d for d in subdirs)
        files.update(prefix + n for n in names)
    return frozenset(files), frozenset(dirs)


def load_site(
    root: Path | str, site_url: str = "", http_hosts=(), require_site_files: bool = False
) -> Site:
    """Parse every *.html under root once with BeautifulSoup(…, "lxml").

    site_url: the public address (e.g. "https://orbit-exchange.github.io"); absolute links
    that start with it are checked as internal links. http_hosts: hosts that may be linked
    over plain http. require_site_files: report a missing sitemap.xml, feed or robots.txt.
    """
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"{root} is not a folder")
    files, dirs = _list_files(root)
    site = Site(
        root=root,
        pages={},
        files=files,
        dirs=dirs,
        site_url=site_url.rstrip("/"),
        http_hosts=frozenset(h.lower() for h in http_hosts),
        require_site_files=require_site_files,
    )
    with paused_gc():
        for rel in sorted(f for f in files if f.endswith(".html")):
            text = site.read_text(rel)
            site.pages[rel] = Page(rel, text, BeautifulSoup(text, "lxml"), site)
    return site
