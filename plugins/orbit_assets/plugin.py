"""Stage 3's Pelican receivers: stylesheet versions for the templates, then the files written
after every page: the data downloads, the stylesheets, robots.txt and the search index."""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from .datasets import write_datasets
from .sitefiles import run_pagefind, write_robots
from .stylesheets import stylesheet_versions, write_stylesheets


def add_versions(generator):
    """A hash per stylesheet bundle, for the templates' stylesheet links."""
    if "css_versions" not in generator.context:
        generator.context["css_versions"] = stylesheet_versions(Path(generator.settings["THEME"]))


def register():
    signals.generator_init.connect(add_versions)
    signals.all_generators_finalized.connect(write_datasets)
    signals.finalized.connect(write_stylesheets)
    signals.finalized.connect(write_robots)
    signals.finalized.connect(run_pagefind)
