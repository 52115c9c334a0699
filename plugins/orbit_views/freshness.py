"""The dates readers judge freshness by, derived from the sources rather than typed.

"Facts as of" on a page is the newest `accessed` date among its sources: the last day its facts
were checked against them. It is never a separate field, so it cannot claim a check that did
not happen (the validator also keeps `reviewed` from running ahead of it). Data pages and charts
say "data as of" the same way, from their collection's sources. What is past due is judged
against the build's "today" (ORBIT_TODAY pins it for tests).
"""

from __future__ import annotations

import datetime as dt

from orbit_content import expected
from orbit_content.validate import stale

from .figure_views import latest_accessed
from .wording import Words

# The data collections whose pages and charts carry a "data as of" date.
DATA_COLLECTIONS = ("flights", "missions", "plans")


def page_dates(model) -> dict:
    """Published, last changed, and facts as of (with the oldest reading when they differ)."""
    accessed = sorted({s.accessed for s in getattr(model, "sources", [])})
    changes = [
        d
        for d in (model.date, model.modified, *(c.date for c in getattr(model, "corrections", [])))
        if d
    ]
    return {
        "published": model.date,
        "changed": max(changes) if changes else None,
        "facts_as_of": accessed[-1] if accessed else None,
        # When sources were read on different days, say so: not every fact was checked that day.
        "first_read": accessed[0] if len(accessed) > 1 else None,
    }


def data_as_of(site) -> dict[str, dt.date | None]:
    """For each data collection, the newest `accessed` date among its entries' sources (the
    same rule the figures' "data as of" line uses)."""
    return {name: latest_accessed(site.data.get(name, [])) for name in DATA_COLLECTIONS}


def attach(content):
    """Pelican receiver: give each article and page its `freshness` dates."""
    model = getattr(content, "model", None)
    if model is not None:
        content.freshness = page_dates(model)


def flight_notes(site, today: dt.date) -> dict[str, dict]:
    """What each unfinished flight says about its date, by flight key, for its table row.

    "Launch planned for June 2026" while it is ahead; once the date has passed with nothing
    recorded, "…; we have not yet confirmed what happened", so a page never goes on calling
    something planned that should have happened already.
    """
    words = Words.of(site)
    notes = {}
    for f in site.data.get("flights", []):
        if f.expected_by and f.status != "completed":
            step = "expected-launch" if f.status == "planned" else "expected-return"
            notes[f.key] = _note(step, f.expected_by, f, today, words)
    return notes


def fact_note(fact, today: dt.date, words: Words) -> dict | None:
    """The planned-date note of one key fact, or None when it names no date still open."""
    if fact.expected_by and fact.outcome is None:
        return _note("expected-fact", fact.expected_by, fact, today, words)
    return None


def _note(label: str, when: str, item, today: dt.date, words: Words) -> dict:
    late = stale.overdue(item, today)
    text = words(label, when=expected.label(when))
    return {"text": words("expected-unconfirmed", note=text) if late else text, "overdue": late}
