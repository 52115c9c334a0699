"""One build's shared state: created when the build starts, hung on its settings.

Pelican gives plugins no place of their own between signals, but every receiver reaches the
build's settings dict (the Pelican object, readers, generators and each content object carry
the same one), so the state lives there under one key instead of in module globals. A second
build, in the same process or not, starts with a fresh state.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .validate import SiteContent

KEY = "ORBIT_BUILD"


@dataclass
class BuildState:
    site: SiteContent  # the validated content (stage 1)
    today: dt.date  # "planned" and "so far" are relative to it; ORBIT_TODAY pins it

    def __reduce__(self):
        """Pickled as None. Pelican's content cache pickles each article's tags and category,
        and each of those holds the build's settings, so every warm rebuild wrote, and read
        back, the whole validated site of the build before (950 KB for seven articles; a
        fifth of a rebuild). Read back, the old state is not this build's: None says so."""
        return type(None), ()


def of(holder) -> BuildState | None:
    """The state of the build a settings dict (or anything with `.settings`) belongs to."""
    settings = holder if isinstance(holder, dict) else getattr(holder, "settings", None) or {}
    return settings.get(KEY)
