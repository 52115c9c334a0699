"""Stage 1's Pelican receivers: validate all content first, then let the reader reuse it.

Everything here is specific to this site's content model (DESIGN.md); general features come
from pelican-plugins packages listed in PLUGINS in pelican.conf.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pelican import signals

from . import state
from .problems import ContentError
from .reader import attach_model, install_reader
from .typography import smarten_site
from .validate import validate_content


def validate(pelican):
    """Check all content before Pelican reads it; stop the build with every problem found."""
    settings = pelican.settings
    root = Path(settings["PATH"]).resolve()
    cache = Path(settings.get("CACHE_PATH", "cache")) if settings.get("CACHE_CONTENT") else None
    site = validate_content(
        root,
        settings.get("ORBIT_HTTP_HOSTS", ()),
        Path(settings["THEME"]) / "templates",
        cache,
        settings=settings,
    )
    if site.problems:
        raise ContentError(site.problems)
    smarten_site(site, settings)  # curly quotes in front matter and data, as the body has them
    # Bodies and line numbers serve only to report problems; there are none. (Memory.)
    for doc in site.documents.values():
        doc.body, doc.lines = "", {}
    today = settings.get("ORBIT_TODAY") or dt.date.today()
    settings[state.KEY] = state.BuildState(site=site, today=today)


def register():
    signals.readers_init.connect(install_reader)
    signals.initialized.connect(validate)
    signals.content_object_init.connect(attach_model)
