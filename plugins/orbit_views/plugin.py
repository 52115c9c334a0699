"""Stage 2's Pelican receivers: each page's `view` while Pelican reads, then the site-wide
`orbit` values once it has read everything, from its own content objects and URLs."""

from __future__ import annotations

from pelican import signals

from orbit_content import state

from . import citeus, corrections, freshness, theme_words
from .context import build_views
from .links import Links
from .page import enrich_content, place_figures
from .templates import share_compiled_theme

# Every list of articles Pelican's article generator keeps: the preview renders drafts too.
ARTICLE_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
)


def add_context(generators):
    """Give every template the views computed from the content and Pelican's URLs."""
    build = state.of(generators[0]) if generators else None
    if build is None:
        return
    views = build_views(
        build.site,
        Links.from_generators(generators),
        generators[0].settings,
        build.today,
        freshness.flight_notes(build.site, build.today),
    )
    views["data_as_of"] = freshness.data_as_of(build.site)
    place_figures(
        (a for g in generators for kind in ARTICLE_LISTS for a in getattr(g, kind, [])),
        views["article_figures"],
    )
    for generator in generators:  # they share one context; set it on each all the same
        if isinstance(getattr(generator, "context", None), dict):
            generator.context["orbit"] = views


def register():
    signals.initialized.connect(share_compiled_theme)
    signals.generator_init.connect(theme_words.install)  # say() and the date filters
    signals.content_object_init.connect(enrich_content)  # after stage 1's: needs .model
    signals.content_object_init.connect(freshness.attach)
    signals.content_object_init.connect(corrections.attach)
    signals.all_generators_finalized.connect(add_context)
    signals.article_writer_finalized.connect(citeus.write_files)  # cite.bib, cite.json
