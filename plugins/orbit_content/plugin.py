"""Stage 1's Pelican receivers: validate all content first, then let the reader reuse it.

Everything here is specific to this site's content model (DESIGN.md); general features come
from pelican-plugins packages listed in PLUGINS in pelican.conf.py.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from .problems import ContentError
from .reader import attach_model, reuse_front_matter
from .validate import SiteContent, validate_content

# Pelican keeps no place for plugin state between signals, so the validated content of the
# current build lives here, keyed by content path (one build per path at a time).
_SITES: dict[Path, SiteContent] = {}


def validate(pelican):
    """Check all content before Pelican reads it; stop the build with every problem found."""
    settings = pelican.settings
    root = Path(settings["PATH"]).resolve()
    cache = Path(settings.get("CACHE_PATH", "cache")) if settings.get("CACHE_CONTENT") else None
    site = validate_content(
        root, settings.get("ORBIT_HTTP_HOSTS", ()), Path(settings["THEME"]) / "templates", cache
    )
    if site.problems:
        raise ContentError(site.problems)
    # Bodies and line numbers serve only to report problems; there are none. (Memory.)
    for doc in site.documents.values():
        doc.body, doc.lines = "", {}
    _SITES[root] = site


def current_site(settings) -> SiteContent | None:
    """The validated content of the build these settings belong to."""
    return _SITES.get(Path(settings["PATH"]).resolve())


def _reader(readers):
    reuse_front_matter(readers, current_site)


def _content(content):
    attach_model(content, current_site)


def register():
    signals.readers_init.connect(_reader)
    signals.initialized.connect(validate)
    signals.content_object_init.connect(_content)
