"""The site timeline: article events merged with flights and missions from the data files.

A claim about the future whose date has passed with nothing recorded (orbit_content's stale
rule) is marked "overdue — last reported …" with the day it was last reported: a flight or
mission gets an entry at its expected date, worded as what was planned ("… was due to launch
…", the `-due` labels), never in the present tense of what happened; an article event dated
after its source was read gets the mark on its own entry (its words are the author's).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from orbit_content import expected
from orbit_content.schema import day
from orbit_content.validate import SiteContent, stale
from orbit_contract import source_anchor

from .flights import flights_topic
from .format import long_date
from .links import Link, Links
from .missions import mission_topics
from .wording import Words


@dataclass(frozen=True)
class TimelineEvent:
    date: dt.date
    text: str
    topic: str | None
    url: str  # the page the event comes from (an article, or the page showing the data file)
    title: str  # that page's title
    source_url: str = ""
    source_label: str = ""
    kind: str = "article"  # article | flight | mission
    planned: bool = False
    date_text: str = ""  # as the date was given, when only a month or a year is known
    iso: str = ""  # the same, as an HTML date (2026-06)
    overdue: str = ""  # "overdue — last reported …" for a claim past its date


def data_event(when, text, topic, page: Link, source, kind: str, **more) -> TimelineEvent:
    """An event from a data file (a flight or a mission), told on `page`, citing `source`."""
    return TimelineEvent(
        when, text, topic, page.url, page.title, source.url, source.publisher, kind, **more
    )


def overdue_event(item, text, topic, page: Link, kind, reported: dt.date, words) -> TimelineEvent:
    """A flight or mission past its expected date with nothing recorded: an event at that date,
    marked overdue since the data was last reported (`reported`)."""
    return data_event(
        expected.start(item.expected_by),
        text,
        topic,
        page,
        item.sources[0],
        kind,
        date_text=expected.label(item.expected_by),
        iso=item.expected_by,
        overdue=words("timeline-overdue", date=long_date(reported)),
    )


def timeline(site: SiteContent, links: Links, today: dt.date) -> list[TimelineEvent]:
    """Every dated event: article events, then flights and missions from the data files.

    A data event is left out when an article already has an event for the same mission on
    the same day, so the timeline does not say the same thing twice.
    """
    words = Words.of(site)
    events: list[TimelineEvent] = []
    named: set[tuple[str, dt.date]] = set()
    for a in links.articles.values():
        by_id = {s.id: s for s in a.sources}
        url = links.article(a.slug)
        for e in a.events:
            source = by_id.get(e.source)
            late = source is not None and source.accessed < e.date < today
            events.append(
                TimelineEvent(
                    e.date,
                    e.text,
                    a.category,
                    url,
                    a.title,
                    f"{url}#{source_anchor(e.source)}",
                    source.publisher if source else "",
                    "article",
                    e.date > today,
                    overdue=words("timeline-overdue", date=long_date(source.accessed))
                    if late
                    else "",
                )
            )
            if e.mission:
                named.add((e.mission, e.date))
    topics = mission_topics(site)
    flight_topic = flights_topic(site)
    missions = site.collection("missions")
    agencies = site.collection("agencies")
    crew = links.view("crew-exchange") or Link("", "")
    moon = links.view("moon-missions") or Link("", "")
    flown_missions = set()
    for f in site.data.get("flights", []):
        flown_missions.update(m for m in (f.launch_mission, f.return_mission) if m)
        up, down = missions.get(f.launch_mission), missions.get(f.return_mission or "")
        who = (
            words("timeline-who", person=f.person, agency=agencies[f.agency].abbreviation)
            if f.agency in agencies
            else f.person
        )
        src = f.sources[0]
        for when, mission, text in (
            (
                f.launch,
                f.launch_mission,
                words(
                    "timeline-flight-launch", who=who, vehicle=up.name if up else f.launch_mission
                ),
            ),
            (
                f.landing,
                f.return_mission,
                words(
                    "timeline-flight-return",
                    who=who,
                    vehicle=down.name if down else f.return_mission,
                ),
            ),
        ):
            d = day(when)
            if d is None or (mission, d) in named:
                continue
            events.append(data_event(d, text, flight_topic, crew, src, "flight", planned=d > today))
        if stale.overdue(f, today):
            # Worded as what was planned ("… was due to launch …"): nothing says it happened.
            step = "timeline-flight-launch" if f.status == "planned" else "timeline-flight-return"
            vehicle = (down or up).name if (down or up) else f.launch_mission
            reported = expected.last_reported(f)
            text = words(f"{step}-due", who=who, vehicle=vehicle)
            events.append(overdue_event(f, text, flight_topic, crew, "flight", reported, words))
    for m in site.data.get("missions", []):
        if m.key in flown_missions:
            continue  # told through its flights
        src = m.sources[0]
        link = moon if m.kind == "lunar-lander" else Link("", "")
        end_text = words(
            {
                "partial": "timeline-mission-end-partial",
                "failure": "timeline-mission-end-failure",
            }.get(m.outcome, "timeline-mission-end"),
            mission=m.name,
        )
        launch_text = words("timeline-mission-launch", mission=m.name)
        topic = topics.get(m.key, flight_topic if m.kind == "crew-transport" else None)
        for when, text in ((m.launch, launch_text), (m.end, end_text)):
            d = day(when)
            if d is None or (m.key, d) in named:
                continue
            events.append(data_event(d, text, topic, link, src, "mission", planned=d > today))
        if stale.overdue(m, today):
            step = "timeline-mission-launch" if m.outcome == "planned" else "timeline-mission-end"
            text = words(f"{step}-due", mission=m.name)
            reported = expected.last_reported(m)
            events.append(overdue_event(m, text, topic, link, "mission", reported, words))
    events.sort(key=lambda e: (e.date, {"article": 0, "mission": 1, "flight": 2}[e.kind], e.text))
    return events


def timeline_years(
    events: list[TimelineEvent], topic_names: dict[str, str], other: str
) -> list[dict]:
    """The events by year; `other` names the topic of events no topic claims."""
    years: dict[int, list] = {}
    for e in events:
        years.setdefault(e.date.year, []).append(
            {
                "date": e.date,
                "iso": e.iso or e.date.isoformat(),
                "date_text": e.date_text or long_date(e.date),
                "text": e.text,
                "topic": e.topic or "other",
                "topic_name": topic_names.get(e.topic, other) if e.topic else other,
                "url": e.url,
                "title": e.title,
                "source_url": e.source_url,
                "source_label": e.source_label,
                "source_internal": e.kind == "article",
                "kind": e.kind,
                "planned": e.planned,
                "overdue": e.overdue,
            }
        )
    return [{"year": y, "events": evs} for y, evs in sorted(years.items())]
