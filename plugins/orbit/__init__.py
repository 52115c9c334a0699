"""Orbit Exchange's Pelican plugin: validate content, load data collections, number citations.

Everything here is specific to this site's content model (DESIGN.md); general features come
from pelican-plugins packages listed in PLUGINS in pelican.conf.py.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from . import reuse
from .citations import CITE_ANCHOR, source_anchor
from .enrich import enrich_content, save_cache as save_enrich_cache, start_build
from .postbuild import run_pagefind, write_robots, write_stylesheets
from .problems import ContentError
from .validate import SiteContent, validate_content
from .views import build_views

log = logging.getLogger(__name__)

# Pelican keeps no place for plugin state between signals, so the validated content of the
# current build lives here, keyed by content path (one build per path at a time).
_SITES: dict[Path, SiteContent] = {}


def validate(pelican):
    """Check all content before Pelican reads it; stop the build with every problem found."""
    settings = pelican.settings
    root = Path(settings["PATH"]).resolve()
    cache = Path(settings.get("CACHE_PATH", "cache")) if settings.get("CACHE_CONTENT") else None
    site = validate_content(root, settings.get("ORBIT_HTTP_HOSTS", ()),
                            Path(settings["THEME"]) / "templates", cache)
    if site.problems:
        raise ContentError(site.problems)
    start_build(settings)
    # Bodies and line numbers serve only to report problems; there are none. (Memory.)
    for doc in site.documents.values():
        doc.body, doc.lines = "", {}
    _SITES[root] = site


def _site(settings) -> SiteContent | None:
    return _SITES.get(Path(settings["PATH"]).resolve())


def add_context(generator):
    """Give every template the data collections and the views computed from them."""
    site = _site(generator.settings)
    if site is not None and "orbit" not in generator.context:
        generator.context["orbit"] = build_views(site, generator.settings)


def attach_model(content):
    """Attach the validated front matter and the numbered source list to each article or page."""
    site = _site(content.settings)
    if site is None or not getattr(content, "source_path", None):
        return
    path = Path(content.source_path).resolve()
    model = site.articles.get(path) or site.pages.get(path)
    if model is None:
        return
    content.model = model
    by_id = {source.id: source for source in model.sources}
    order: dict[str, list[int]] = {}
    for ident, use in CITE_ANCHOR.findall(content._content or ""):
        order.setdefault(ident, []).append(int(use))
    content.citations = [
        {"number": n, "anchor": source_anchor(ident), "source": by_id[ident],
         "backrefs": [f"cite-{ident}-{use}" for use in uses]}
        for n, (ident, uses) in enumerate(order.items(), start=1)
        if ident in by_id
    ]


def reuse_front_matter(readers):
    """Let the Markdown reader take each file's front matter from the validator, which has
    already parsed it, instead of parsing the YAML a second time."""
    base = readers.reader_classes.get("md")
    if base is None or not hasattr(base, "_load_yaml_metadata"):
        return

    class ValidatedFrontMatterReader(base):
        def _load_yaml_metadata(self, text, source_path):
            site = _site(self.settings)
            doc = site.documents.get(Path(source_path).resolve()) if site else None
            if doc is None or not isinstance(doc.data, dict):
                return super()._load_yaml_metadata(text, source_path)
            return self._parse_yaml_metadata(dict(doc.data), source_path)

    for ext in base.file_extensions:
        readers.reader_classes[ext] = ValidatedFrontMatterReader


def register():
    signals.get_writer.connect(reuse.get_writer)
    signals.readers_init.connect(reuse_front_matter)
    signals.initialized.connect(validate)
    signals.generator_init.connect(add_context)
    signals.content_object_init.connect(attach_model)
    signals.content_object_init.connect(enrich_content)  # after attach_model: needs .model
    signals.finalized.connect(write_stylesheets)
    signals.finalized.connect(write_robots)
    signals.finalized.connect(run_pagefind)
    signals.finalized.connect(save_enrich_cache)
    signals.finalized.connect(reuse.save_keys)
