"""Stage 3's Pelican receivers: the stylesheets and the data downloads, once Pelican has read
everything and before any page is rendered (pages link the stylesheets by their fingerprinted
names); then, after every page, robots.txt and the search index."""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from .datasets import write_datasets
from .sitefiles import run_pagefind, sitemap_dates_from_content, write_robots
from .stylesheets import write_stylesheets


def add_stylesheets(generators):
    """Write the stylesheet bundles and give the templates their paths (`stylesheets`)."""
    if not generators:
        return
    settings = generators[0].settings
    paths = write_stylesheets(
        Path(settings["THEME"]), Path(settings["OUTPUT_PATH"]), settings["THEME_STATIC_DIR"]
    )
    for generator in generators:  # they share one context; set it on each all the same
        if isinstance(getattr(generator, "context", None), dict):
            generator.context["stylesheets"] = paths


def register():
    signals.all_generators_finalized.connect(add_stylesheets)
    signals.all_generators_finalized.connect(write_datasets)
    signals.all_generators_finalized.connect(sitemap_dates_from_content)
    signals.finalized.connect(write_robots)
    signals.finalized.connect(run_pagefind)
