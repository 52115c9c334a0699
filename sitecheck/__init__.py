"""sitecheck: an offline checker for a built static site (the Pelican output folder).

In the spirit of html-proofer and htmltest, but in Python, offline and tuned to this site:
broken links and fragments, missing images and assets, third-party loads, head metadata,
headings and accessible names, Pelican's leftover {filename} links, the numbered citations,
and the sitemap, feeds and robots.txt. Every problem is reported, not just the first.

    site = load_site(Path("output"), site_url="https://orbit-exchange.github.io")
    for finding in run_checks(site, only={"links", "fragments"}):
        print(finding)

Checks, in report order (each in sitecheck/checks/, each proven by a fixture in
tests/sites/sitecheck/): links, fragments, images, assets, metadata (head tags, plus the body
rules in structure.py), opengraph, leftovers, citations, sitefiles.
From the shell: python -m sitecheck OUTPUT_DIR [--site-url URL] [--only a,b]; timing:
python -m sitecheck.bench N.
"""

import sys
from pathlib import Path

# The anchors and link markers the checks look for are the site's contract, defined once in
# plugins/orbit_contract.py beside this package; `python -m sitecheck` finds it from here.
_PLUGINS = str(Path(__file__).resolve().parent.parent / "plugins")
if _PLUGINS not in sys.path:
    sys.path.append(_PLUGINS)

from . import checks  # noqa: E402, F401  (registers every check)
from .finding import Finding  # noqa: E402
from .registry import CHECKS, run_checks  # noqa: E402
from .site import Page, Site, load_site  # noqa: E402

__all__ = ["CHECKS", "Finding", "Page", "Site", "load_site", "run_checks"]
