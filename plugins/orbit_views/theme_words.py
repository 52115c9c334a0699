"""What the theme's templates call: the site's words, its date formats, and the settings the
macros read.

Installed on each generator's Jinja environment as it is made (generator_init), as globals
and filters rather than in the `orbit` context, because the macros are imported without
context and show dates and labels too. `say(key, name=value)` is a label from labels.yaml
(wording.Words.markup; `say_plain` gives it as plain text, `say_script` with its {name}s
left for a script to fill in); the filters are format.py's, so a
template shows a date the way the rest of the site writes it and never spells a strftime
format of its own.

Pelican gives a template its settings in the render context only, which a macro imported
without context never sees: SITEURL was empty there (so a publish build linked figures' data,
timeline entries and story cards from the root, not from SITEURL) and LANGUAGE_NAMES too (so
a source in Russian read "In ru."). The settings the macros read are globals as well.
"""

from __future__ import annotations

from orbit_content import state
from orbit_content.unbroken import markup as unbroken

from .format import iso_day, long_date, month_year
from .wording import Words

FILTERS = {
    "long_date": long_date,
    "month_year": month_year,
    "iso_day": iso_day,
    # Names joined to their numbers kept on one line, in the spans article bodies get.
    "unbroken": unbroken,
}
MACRO_SETTINGS = ("SITEURL", "DEFAULT_LANG", "LANGUAGE_NAMES")


def prepare(env, site, settings: dict | None = None) -> None:
    """Give a Jinja environment the site's words (`say`), the date filters and the settings
    the macros read."""
    env.filters.update(FILTERS)
    words = Words.of(site)
    env.globals["say"] = words.markup
    # The same as plain text, for a value a filter escapes itself (urlencode in an address).
    env.globals["say_plain"] = words
    # With its {name}s left in, for a script that fills them in (theme/static/js).
    env.globals["say_script"] = words.script
    for name in MACRO_SETTINGS:
        if settings is not None and name in settings:
            env.globals[name] = settings[name]


def install(generator) -> None:
    env, build = getattr(generator, "env", None), state.of(generator)
    if env is not None and build is not None:
        prepare(env, build.site, generator.settings)
