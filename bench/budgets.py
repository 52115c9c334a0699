"""Page budgets: requests and bytes per kind of page in a built site.

    python -m bench.budgets DIR               # a folder already built
    python -m bench.budgets --build           # build the real site (publish build) first
    python -m bench.budgets --build --dev     # … a development build instead

For each kind of page (home, article, page, timeline, crew-exchange, glossary, sources,
category, tag, 404, and the other generated views) it counts the requests a first visit with an
empty cache makes, same-origin only, and the bytes they transfer, raw, gzip (level 9) and
brotli (quality 11), the settings pelican-precompress uses in the publish build:

- the HTML itself;
- stylesheets (<link rel=stylesheet>) and what they load with url(): fonts, images, @import;
- scripts (<script src>), <link rel=preload|modulepreload|manifest>;
- images (<img>, <picture>, <video poster>, <object>, <embed>, <iframe>);
- the icon: a browser fetches one of the <link rel=icon> set, counted once (the first listed);
  apple-touch-icon is fetched only when a page is added to a home screen, so it is listed
  under "on demand" and not counted, as are dynamic imports (pagefind, on the search page).

It is a benchmark, not a test: it prints a table and flags what is over budget, and always
exits 0. The budgets are orbit_contract's, counted as the browser weight test counts them:
PAGE_BUDGETS per kind (an article: ≤ 4 requests, ≤ 70 KB raw, and FIGURE_BUDGET_BYTES more for
each build-time chart), DEFAULT_BUDGET for kinds without one, and the font files apart, all
faces together within FONT_BUDGET_BYTES.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import zlib
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import brotli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from orbit_contract import (  # noqa: E402 — needs the path above
    DEFAULT_BUDGET,
    FIGURE_BUDGET_BYTES,
    FONT_BUDGET_BYTES,
    KB,
)
from orbit_contract import PAGE_BUDGETS as BUDGETS  # noqa: E402

KINDS_IN_ORDER = [
    "home",
    "article",
    "page",
    "timeline",
    "crew-exchange",
    "glossary",
    "sources",
    "category",
    "tag",
    "404",
]
FIXED = {
    "index.html": "home",
    "404.html": "404",
    "timeline/index.html": "timeline",
    "crew-exchange/index.html": "crew-exchange",
    "glossary/index.html": "glossary",
    "sources/index.html": "sources",
}
ASSET_KINDS = {
    ".html": "HTML",
    ".htm": "HTML",
    ".css": "CSS",
    ".js": "JS",
    ".mjs": "JS",
    ".woff2": "fonts",
    ".woff": "fonts",
    ".ttf": "fonts",
    ".otf": "fonts",
    ".svg": "images",
    ".png": "images",
    ".jpg": "images",
    ".jpeg": "images",
    ".webp": "images",
    ".avif": "images",
    ".gif": "images",
    ".ico": "images",
    ".json": "other",
    ".webmanifest": "other",
}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)|@import\s+['\"]([^'\"]+)['\"]")
DYNAMIC_IMPORT = re.compile(
    r"import\(\s*['\"]([^'\"]+)['\"]\s*\)"
    r"|new URL\(\s*['\"]([^'\"]+)['\"]\s*,\s*import\.meta\.url"
)


class _Refs(HTMLParser):
    """What a page's markup asks the browser to fetch."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.loads: list[tuple[str, str]] = []  # (why, url)
        self.on_demand: list[tuple[str, str]] = []
        self.canonical = ""
        self.og_type = ""
        self.icon_seen = False
        self.in_picture = False
        self.picture_counted = False
        self.figures = 0  # build-time charts (figure.chart-figure), each with its allowance

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        rel = set(a.get("rel", "").lower().split())
        if tag == "link":
            href = a.get("href", "")
            if "canonical" in rel:
                self.canonical = href
            elif "stylesheet" in rel:
                self.loads.append(("stylesheet", href))
            elif rel & {"icon", "shortcut"}:
                (self.on_demand if self.icon_seen else self.loads).append(("icon", href))
                self.icon_seen = True
            elif rel & {"apple-touch-icon", "apple-touch-icon-precomposed", "mask-icon"}:
                self.on_demand.append(("touch icon", href))
            elif rel & {"preload", "modulepreload", "manifest"}:
                self.loads.append((sorted(rel)[0], href))
        elif tag == "figure" and "chart-figure" in a.get("class", "").split():
            self.figures += 1
        elif tag == "meta" and a.get("property") == "og:type":
            self.og_type = a.get("content", "")
        elif tag == "script" and a.get("src"):
            self.loads.append(("script", a["src"]))
        elif tag == "picture":
            self.in_picture, self.picture_counted = True, False
        elif tag in {"img", "source"} and (a.get("src") or a.get("srcset")):
            if self.in_picture and self.picture_counted:
                return
            url = a.get("src") or a["srcset"].split(",")[0].strip().split(" ")[0]
            if tag == "img" or self.in_picture:
                self.loads.append(("image", url))
                self.picture_counted = self.in_picture
        elif tag == "video" and a.get("poster"):
            self.loads.append(("image", a["poster"]))
        elif tag in {"object", "embed", "iframe"} and (a.get("data") or a.get("src")):
            self.loads.append((tag, a.get("data") or a.get("src")))

    def handle_endtag(self, tag):
        if tag == "picture":
            self.in_picture = False


@dataclass
class PageCost:
    path: str
    kind: str
    requests: list[tuple[str, str]] = field(default_factory=list)  # (why, file)
    on_demand: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    cross_origin: list[str] = field(default_factory=list)
    figures: int = 0

    def bytes_by(self, measure: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for _, file in self.requests:
            kind = ASSET_KINDS.get(Path(file).suffix.lower(), "other")
            out[kind] = out.get(kind, 0) + sizes(file)[measure]
        return out

    def total(self, measure: str) -> int:
        return sum(self.bytes_by(measure).values())

    # The budgets count font files apart (orbit_contract: FONT_BUDGET_BYTES for all faces
    # together), as the browser weight test does; the rest is the page's own weight.
    def page_requests(self) -> list[tuple[str, str]]:
        return [r for r in self.requests if ASSET_KINDS.get(Path(r[1]).suffix.lower()) != "fonts"]

    def page_bytes(self, measure: str) -> int:
        return self.total(measure) - self.bytes_by(measure).get("fonts", 0)

    def font_bytes(self) -> int:
        return self.bytes_by("raw").get("fonts", 0)


@cache
def sizes(file: str) -> dict[str, int]:
    data = Path(file).read_bytes()
    gz = zlib.compressobj(level=9, wbits=16 + zlib.MAX_WBITS)
    return {
        "raw": len(data),
        "gzip": len(gz.compress(data) + gz.flush()),
        "brotli": len(brotli.compress(data, mode=brotli.MODE_TEXT, quality=11)),
    }


def kind_of(rel: str, og_type: str) -> str:
    if rel in FIXED:
        return FIXED[rel]
    parts = rel.split("/")
    if len(parts) == 3 and parts[0] == "topics":
        return "category"
    if len(parts) == 3 and parts[0] == "tags":
        return "tag"
    if og_type == "article":
        return "article"
    return "page"


def _resolve(site: Path, page_url: str, ref: str, origins: set[str]) -> tuple[Path | None, bool]:
    """The file a reference loads, and whether it is same-origin (None for data: URIs)."""
    if ref.startswith(("data:", "#", "mailto:", "javascript:")):
        return None, True
    url = urlparse(urljoin(page_url, ref))
    if url.netloc and url.netloc not in origins:
        return None, False
    path = url.path
    target = site / path.lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, True


def page_cost(site: Path, page: Path, origins: set[str]) -> PageCost:
    rel = page.relative_to(site).as_posix()
    refs = _Refs()
    refs.feed(page.read_text(encoding="utf-8", errors="replace"))
    base_origin = next(iter(sorted(origins)), "")
    page_url = f"https://{base_origin}/{rel}" if base_origin else f"/{rel}"
    cost = PageCost(rel, kind_of(rel, refs.og_type), [("html", str(page))], figures=refs.figures)
    seen = {str(page)}
    queue = list(refs.loads)
    while queue:
        why, ref = queue.pop(0)
        target, same = _resolve(site, page_url, ref, origins)
        if not same:
            cost.cross_origin.append(ref)
            continue
        if target is None or str(target) in seen:
            continue
        seen.add(str(target))
        if not target.is_file():
            cost.missing.append(ref)
            continue
        cost.requests.append((why, str(target)))
        if target.suffix == ".css":  # fonts, images and @imports the stylesheet loads
            for m in CSS_URL.finditer(target.read_text(encoding="utf-8", errors="replace")):
                css_ref = m.group(1) or m.group(2)
                base = "/" + target.relative_to(site).as_posix()
                queue.append(("from css", urljoin(base, css_ref)))
        if target.suffix in {".js", ".mjs"}:
            text = target.read_text(encoding="utf-8", errors="replace")
            base = "/" + target.relative_to(site).as_posix()
            for m in DYNAMIC_IMPORT.finditer(text):
                url = urljoin(base, m.group(1) or m.group(2))
                file = site / url.lstrip("/")
                size = (
                    f" ({_kb(sizes(str(file))['raw'])} KB raw, "
                    f"{_kb(sizes(str(file))['brotli'])} KB brotli, and what it loads)"
                    if file.is_file()
                    else ""
                )
                cost.on_demand.append(f"import {url}{size}")
    cost.on_demand += [f"{why} {ref}" for why, ref in refs.on_demand]
    return cost


def origins_of(site: Path) -> set[str]:
    """Hosts that count as the site itself: those of the pages' canonical links."""
    found = set()
    for page in list(site.glob("*.html")) + list(site.glob("*/index.html"))[:20]:
        refs = _Refs()
        refs.feed(page.read_text(encoding="utf-8", errors="replace"))
        if refs.canonical and urlparse(refs.canonical).netloc:
            found.add(urlparse(refs.canonical).netloc)
    return found


def by_kind(costs: list[PageCost]) -> dict[str, list[PageCost]]:
    groups: dict[str, list[PageCost]] = {}
    for c in costs:
        groups.setdefault(c.kind, []).append(c)
    return groups


def analyse(site: Path, origins: set[str] | None = None) -> list[PageCost]:
    origins = origins if origins is not None else origins_of(site)
    pages = sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)
    return [page_cost(site, p, origins) for p in pages]


def over_budget(group: list[PageCost]) -> list[str]:
    """How pages of one kind break their budget (orbit_contract's, counted as the browser
    weight test counts them): the most requests, each page's raw bytes against its own
    allowance (its figures add to it), and the heaviest set of fonts; [] when within."""
    kind = group[0].kind
    requests, allowance = BUDGETS.get(kind, DEFAULT_BUDGET)
    most = max(group, key=lambda c: (len(c.page_requests()), c.page_bytes("raw")))
    over = []
    if len(most.page_requests()) > requests:
        over.append(f"requests {len(most.page_requests())} > {requests} ({most.path})")
    for c in group:
        allowed = allowance + FIGURE_BUDGET_BYTES * c.figures
        if c.page_bytes("raw") > allowed:
            over.append(
                f"raw {_kb(c.page_bytes('raw'))} KB > {_kb(allowed)} KB ({c.path}, "
                f"+{(c.page_bytes('raw') / allowed - 1):.0%})"
            )
    heaviest_fonts = max(group, key=lambda c: c.font_bytes())
    if heaviest_fonts.font_bytes() > FONT_BUDGET_BYTES:
        over.append(
            f"fonts {_kb(heaviest_fonts.font_bytes())} KB > {_kb(FONT_BUDGET_BYTES)} KB "
            f"({heaviest_fonts.path})"
        )
    return over


def _kb(n: float) -> str:
    return f"{n / KB:.1f}"


def report(costs: list[PageCost], site: Path) -> str:
    groups = by_kind(costs)
    kinds = [k for k in KINDS_IN_ORDER if k in groups] + sorted(set(groups) - set(KINDS_IN_ORDER))
    out = [
        f"Page budgets for {site} ({len(costs)} pages). Each kind's heaviest page is shown "
        "(the median over the kind's pages in brackets when it has several); KB = 1000 bytes.\n",
        "| kind | pages | example (heaviest) | requests (most; page if another) | raw KB "
        "| gzip KB | brotli KB | fonts raw KB "
        "| budget (fonts apart: ≤ " + _kb(FONT_BUDGET_BYTES) + " KB) | verdict |",
        "|---|---:|---|---:|---:|---:|---:|---:|---|---|",
    ]
    flagged = []
    for kind in kinds:
        group = groups[kind]
        worst = max(group, key=lambda c: (c.page_bytes("raw"), len(c.page_requests())))
        most = max(group, key=lambda c: (len(c.page_requests()), c.page_bytes("raw")))
        reqs = len(most.page_requests())
        reqs_text = str(reqs) if most is worst else f"{reqs} ({most.path})"

        def cell(measure, group=group, worst=worst):
            text = _kb(worst.page_bytes(measure))
            if len(group) > 1:
                text += f" ({_kb(statistics.median(c.page_bytes(measure) for c in group))})"
            return text

        budget = BUDGETS.get(kind, DEFAULT_BUDGET)
        over = over_budget(group)
        verdict = "OVER: " + "; ".join(over) if over else "ok"
        if over:
            flagged.append(kind)
        origin = "" if kind in BUDGETS else " (default)"
        figures = max(c.figures for c in group)
        extra = f" + {_kb(FIGURE_BUDGET_BYTES)} KB a figure" if figures else ""
        out.append(
            f"| {kind} | {len(group)} | {worst.path} | {reqs_text} | {cell('raw')} "
            f"| {cell('gzip')} | {cell('brotli')} | {_kb(max(c.font_bytes() for c in group))} "
            f"| ≤ {budget[0]} req, ≤ {_kb(budget[1])} KB{extra}{origin} | {verdict} |"
        )
    out.append("\nBytes of each kind's heaviest page by type of file, raw / gzip / brotli KB:\n")
    types = ["HTML", "CSS", "JS", "fonts", "images", "other"]
    out.append("| kind | " + " | ".join(types) + " | requests made |")
    out.append("|---|" + "---|" * (len(types) + 1))
    for kind in kinds:
        worst = max(groups[kind], key=lambda c: (c.total("raw"), len(c.requests)))
        raw, gz, br = worst.bytes_by("raw"), worst.bytes_by("gzip"), worst.bytes_by("brotli")
        cells = [f"{_kb(raw[t])} / {_kb(gz[t])} / {_kb(br[t])}" if t in raw else "—" for t in types]
        made = ", ".join(
            f"{why} {Path(f).relative_to(site).as_posix()}" for why, f in worst.requests
        )
        out.append(f"| {kind} | " + " | ".join(cells) + f" | {made} |")
    demand = sorted({d for c in costs for d in c.on_demand})
    if demand:
        out.append(
            "\nNot counted (fetched on demand, or one of a set of alternatives): "
            + "; ".join(demand[:12])
            + ("…" if len(demand) > 12 else "")
        )
    problems = sorted({f"{c.path}: missing {m}" for c in costs for m in c.missing})
    cross = sorted({x for c in costs for x in c.cross_origin})
    if problems:
        out.append("\nReferences to files not in the build: " + "; ".join(problems[:10]))
    if cross:
        out.append("\nCross-origin references (not counted): " + "; ".join(cross[:10]))
    out.append("\nOver budget: " + (", ".join(flagged) if flagged else "nothing") + ".")
    return "\n".join(out)


def build_site(publish: bool) -> Path:
    out = Path(tempfile.mkdtemp(prefix="orbit-budgets-")) / "output"
    args = [
        sys.executable,
        "-m",
        "orbit_cli",
        "build",
        "--output",
        str(out),
        "--quiet",
        "--settings",
        str(ROOT / "pelican.conf.py"),
    ]
    if publish:
        args.append("--publish")
    env_path = str(ROOT / "plugins")
    result = subprocess.run(
        args,
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": env_path},
    )
    if result.returncode:
        raise SystemExit(f"build failed:\n{result.stderr}")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.budgets", description=__doc__.split("\n")[0]
    )
    parser.add_argument("site", nargs="?", help="a built output folder")
    parser.add_argument("--build", action="store_true", help="build the real site first")
    parser.add_argument("--dev", action="store_true", help="with --build: a development build")
    parser.add_argument(
        "--origin",
        action="append",
        default=None,
        help="host that counts as same-origin (default: the canonical links' host)",
    )
    args = parser.parse_args(argv)
    if not args.site and not args.build:
        parser.error("give a built folder or --build")
    site = build_site(not args.dev) if args.build else Path(args.site)
    costs = analyse(site, set(args.origin) if args.origin else None)
    print(report(costs, site))
    return 0


if __name__ == "__main__":
    sys.exit(main())
