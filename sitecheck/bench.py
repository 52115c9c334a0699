"""`python -m sitecheck.bench N`: time the checker on N synthetic article pages.

A benchmark, not a test: it shows whether the cost per page stays flat as the site grows
(every page links to others by fragment, so a checker that re-parses or re-scans target pages
would grow quadratically). The synthetic pages are shaped like the theme's articles (header,
figure with srcset, key-facts table, numbered citations, source list) and are clean, so the
run measures the checks, not the printing of findings.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from . import load_site, run_checks

SITE_URL = "https://orbit-exchange.github.io"
CITATIONS = 12
LINKS = 30


def _page(i: int, n: int) -> str:
    slug = f"article-{i}"
    links = "\n".join(
        f'<li><a href="/article-{(i + k) % n}/#section-{k % 5}">Article {(i + k) % n}, '
        f"part {k % 5}</a></li>"
        for k in range(1, LINKS + 1)
    )
    cites = "".join(
        f'<p>Claim {c} about the station.<sup class="cite"><a href="#source-s{c}" '
        f'id="cite-s{c}-1" aria-label="Source {c}">[{c}]</a></sup></p>\n'
        for c in range(CITATIONS)
    )
    sources = "\n".join(
        f'<li id="source-s{c}"><cite><a href="https://www.nasa.gov/s{c}/">Source {c}</a></cite>. '
        f'<a class="backref" href="#cite-s{c}-1" aria-label="Back to citation {c}">↩</a></li>'
        for c in range(CITATIONS)
    )
    sections = "\n".join(
        f'<h2 id="section-{k}">Part {k}</h2>\n<p>Text of part {k}.</p>' for k in range(5)
    )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Article {i} · Orbit Exchange</title>
<meta name="description" content="Synthetic article {i} for the sitecheck benchmark.">
<link rel="canonical" href="{SITE_URL}/{slug}/">
<meta property="og:title" content="Article {i}">
<meta property="og:description" content="Synthetic article {i}.">
<meta property="og:url" content="{SITE_URL}/{slug}/">
<meta property="og:image" content="{SITE_URL}/images/card.png">
<link rel="stylesheet" href="/theme/css/main.css">
<link rel="icon" href="/favicon.ico">
</head>
<body>
<header><a class="skip-link" href="#main">Skip to content</a>
<nav aria-label="Site"><a href="/">Home</a> <a href="/article-0/">First article</a></nav></header>
<main id="main">
<h1>Article {i}</h1>
<figure><img src="/images/card.png" srcset="/images/card.png 1x, /images/card@2x.png 2x"
 alt="A docked capsule" width="640" height="360"><figcaption>Docking.</figcaption></figure>
<table><caption>Key facts</caption><tr><th scope="row">Launch</th><td>2022</td></tr></table>
{sections}
{cites}
<ul>
{links}
</ul>
<section class="sources" aria-labelledby="sources-heading">
<h2 id="sources-heading">Sources</h2>
<ol>
{sources}
</ol>
</section>
</main>
</body>
</html>
"""


def make_site(folder: Path, n: int) -> Path:
    """Write n clean synthetic article pages (plus assets and sitemap) into folder."""
    for name in ("images/card.png", "images/card@2x.png", "favicon.ico"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"placeholder")
    css = folder / "theme/css/main.css"
    css.parent.mkdir(parents=True, exist_ok=True)
    css.write_text("body { background: url(/images/card.png); }\n", encoding="utf-8")
    locs = []
    for i in range(n):
        page = folder / f"article-{i}" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(_page(i, n), encoding="utf-8")
        locs.append(f"<url><loc>{SITE_URL}/article-{i}/</loc></url>")
    index = _page(0, n).replace("<title>Article 0 ", "<title>Home ")
    (folder / "index.html").write_text(
        index.replace(f"{SITE_URL}/article-0/", f"{SITE_URL}/"), encoding="utf-8"
    )
    locs.append(f"<url><loc>{SITE_URL}/</loc></url>")
    (folder / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(locs)
        + "\n</urlset>\n",
        encoding="utf-8",
    )
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitecheck.bench", description=__doc__)
    parser.add_argument("pages", type=int, nargs="?", default=50, help="pages to generate")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sitecheck-bench-") as tmp:
        make_site(Path(tmp), args.pages)
        start = time.perf_counter()
        site = load_site(Path(tmp), site_url=SITE_URL, require_site_files=False)
        loaded = time.perf_counter()
        findings = run_checks(site)
        done = time.perf_counter()
    pages = len(site.pages)
    load_s, check_s = loaded - start, done - loaded
    print(f"{pages} pages, {len(findings)} findings")
    print(f"parse  {load_s:7.3f} s  ({load_s / pages * 1000:6.2f} ms/page)")
    print(f"checks {check_s:7.3f} s  ({check_s / pages * 1000:6.2f} ms/page)")
    print(f"total  {load_s + check_s:7.3f} s  ({(load_s + check_s) / pages * 1000:6.2f} ms/page)")
    for finding in findings[:10]:
        print(finding, file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
