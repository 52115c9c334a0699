"""What the theme's templates call: the site's words and its date formats.

Installed on each generator's Jinja environment as it is made (generator_init), as globals
and filters rather than in the `orbit` context, because the macros are imported without
context and show dates and labels too. `say(key, name=value)` is a label from labels.yaml
(wording.Words.markup); the filters are format.py's, so a template shows a date the way the
rest of the site writes it and never spells a strftime format of its own.
"""

from __future__ import annotations

from orbit_content import state

from .format import iso_day, long_date, month_year
from .wording import Words

FILTERS = {"long_date": long_date, "month_year": month_year, "iso_day": iso_day}


def prepare(env, site) -> None:
    """Give a Jinja environment the site's words (`say`) and the date filters."""
    env.filters.update(FILTERS)
    env.globals["say"] = Words.of(site).markup


def install(generator) -> None:
    env, build = getattr(generator, "env", None), state.of(generator)
    if env is not None and build is not None:
        prepare(env, build.site)
