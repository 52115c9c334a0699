"""Values computed once per build from the data collections, for templates to display.

Templates never compute facts: durations, the merged timeline and lookups are made here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .validate import SiteContent


@dataclass(frozen=True)
class TimelineEvent:
    date: dt.date
    text: str
    topic: str
    url: str  # the article the event comes from
    title: str


def duration_days(start, end) -> float | None:
    """Days between two instants (or dates, counted from midnight UTC), to a tenth of a day."""
    if start is None or end is None:
        return None
    def as_dt(value):
        if isinstance(value, dt.datetime):
            return value
        return dt.datetime.combine(value, dt.time(), tzinfo=dt.UTC)
    return round((as_dt(end) - as_dt(start)).total_seconds() / 86400, 1)


def build_views(site: SiteContent, settings) -> dict:
    article_url = settings.get("ARTICLE_URL", "{slug}/")
    flights = [
        {"flight": f, "duration_days": duration_days(f.launch, f.landing)}
        for f in site.data.get("flights", [])
    ]
    timeline = sorted(
        (
            TimelineEvent(e.date, e.text, a.category, article_url.format(slug=a.slug), a.title)
            for a in site.articles.values()
            if a.status == "published"
            for e in a.events
        ),
        key=lambda e: (e.date, e.title),
    )
    return {
        "topics": site.collection("topics"),
        "agencies": site.collection("agencies"),
        "missions": site.collection("missions"),
        "flights": flights,
        "glossary": site.data.get("terms", []),
        "timeline": timeline,
    }
