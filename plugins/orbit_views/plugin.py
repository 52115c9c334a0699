"""Stage 2's Pelican receivers: the `orbit` context, each page's `view`, and warm-build reuse."""

from __future__ import annotations

from pelican import signals

from orbit_content.plugin import current_site

from . import reuse
from .page import enrich_content, save_cache, start_build
from .views import build_views


def add_context(generator):
    """Give every template the data collections and the views computed from them."""
    site = current_site(generator.settings)
    if site is not None and "orbit" not in generator.context:
        generator.context["orbit"] = build_views(site, generator.settings)


def _start(pelican):
    start_build(pelican.settings)


def register():
    signals.get_writer.connect(reuse.get_writer)
    signals.initialized.connect(_start)  # after orbit_content's validation
    signals.generator_init.connect(add_context)
    signals.content_object_init.connect(enrich_content)  # after orbit_content's: needs .model
    signals.finalized.connect(save_cache)
    signals.finalized.connect(reuse.save_keys)
