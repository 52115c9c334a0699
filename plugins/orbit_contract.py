"""What several stages (and sitecheck) must agree on, defined once and imported, never copied.

The citation grammar and the anchors it produces, the `{filename}`-style link pattern, the date
format readers see, flight-duration arithmetic and its tolerance, and the page budgets. This
module imports nothing heavier than the standard library, so `./site check` and sitecheck can
use it without loading Pelican.
"""

from __future__ import annotations

import datetime as dt
import re

# -- citations ---------------------------------------------------------------------------------

# A source id as a citation may write it; the schema's ids are a subset (kebab-case keys).
CITE_ID = r"[A-Za-z0-9][A-Za-z0-9_.:-]*"
# In the Markdown body: `[@id]` or `[@one; @two]`. The loose form finds everything that looks
# like a citation (so a malformed one is reported); the strict form is what the extension renders.
CITATION = re.compile(r"\[@([^\]\n]+)\]")
CITED_ID = re.compile(rf"^@?({CITE_ID})$")
CITATION_PATTERN = rf"\[@({CITE_ID}(?:\s*;\s*@{CITE_ID})*)\]"
# The anchors written into the HTML: each source's list item, and each use of it in the text.
SOURCE_PREFIX, CITE_PREFIX = "source-", "cite-"
CITE_ANCHOR = re.compile(rf'id="{CITE_PREFIX}([A-Za-z0-9_.:-]+)-(\d+)"')


def source_anchor(ident: str) -> str:
    """The id of a source's entry in the page's source list."""
    return f"{SOURCE_PREFIX}{ident}"


def cite_anchor(ident: str, use: int) -> str:
    """The id of the `use`-th citation of a source in the text (from 1)."""
    return f"{CITE_PREFIX}{ident}-{use}"


# -- internal links ----------------------------------------------------------------------------

# Pelican's intra-site link markers. In the Markdown source a contributor writes these three;
# after a build, any marker left in the output is a link Pelican could not resolve.
INTERNAL_LINK = re.compile(r"\{(filename|static|attach)\}([^)\s\"'>]*)")
LEFTOVER = re.compile(r"\{(?:filename|static|attach|index|tag|category|author)\}")
LEFTOVER_ENCODED = re.compile(
    r"%7B(?:filename|static|attach|index|tag|category|author)%7D", re.IGNORECASE
)

# -- dates and durations -----------------------------------------------------------------------

# How a date reads on the site ("4 October 2023"); also DEFAULT_DATE_FORMAT in pelican.conf.py.
DATE_FORMAT = "%-d %B %Y"


def duration_days(start, end) -> float | None:
    """Days between two instants (or dates, counted from midnight UTC), to a tenth of a day."""
    if start is None or end is None:
        return None

    def as_dt(value):
        if isinstance(value, dt.datetime):
            return value
        return dt.datetime.combine(value, dt.time(), tzinfo=dt.UTC)

    return round((as_dt(end) - as_dt(start)).total_seconds() / 86400, 1)
