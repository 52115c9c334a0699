"""Files written after Pelican has rendered every page: robots.txt and the search index.

- robots.txt names the sitemap with the build's own SITEURL, so a publish build names the
  public address and a preview build a local one.
- Pagefind indexes the rendered pages (only what the theme marks data-pagefind-body) into
  output/pagefind/, which the search page loads on demand.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

log = logging.getLogger(__name__)


def write_robots(pelican):
    site_url = pelican.settings.get("SITEURL", "") or ""
    (Path(pelican.output_path) / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n\nSitemap: {site_url}/sitemap.xml\n", encoding="utf-8"
    )


def pagefind(folder: Path, exclude=()) -> subprocess.CompletedProcess:
    """Index a built folder for search (into folder/pagefind/), leaving out what `exclude`
    selects (boilerplate the theme repeats on every page: ORBIT_PAGEFIND_EXCLUDE)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(folder),
            "--silent",
            *(arg for selector in exclude for arg in ("--exclude-selectors", selector)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )


def run_pagefind(pelican):
    if not pelican.settings.get("ORBIT_PAGEFIND", True):
        return
    result = pagefind(Path(pelican.output_path), pelican.settings.get("ORBIT_PAGEFIND_EXCLUDE", ()))
    if result.returncode != 0:
        # Logged as an error, which the build runner turns into a failed build.
        log.error("pagefind failed: %s", (result.stderr or result.stdout).strip()[-500:])


def sitemap_dates_from_content(generators):
    """Date the sitemap's list pages (home, topics, tags, archives) by the newest content.

    pelican-sitemap gives every page without a date of its own the time of the build, so no two
    builds of the same content were equal; the newest date or modified date of what is
    published is when those lists last changed.
    """
    from pelican.plugins.sitemap import sitemap

    dates = [
        getattr(item, "modified", None) or item.date
        for generator in generators
        for item in [*getattr(generator, "articles", []), *getattr(generator, "pages", [])]
        if getattr(item, "date", None)
    ]
    if dates:
        sitemap.generator.now = max(dates)
