"""The seat-swap flights: one row per flight with computed durations, and their summary."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter

from orbit_content.schema import day
from orbit_content.validate import SiteContent, stale
from orbit_contract import SHOWN_WHEN_OFF_BY, duration_days

from .format import clock, iso, utc_time
from .wording import Words


def durations_differ(computed: float | None, reported: int | None) -> bool:
    """True when the reported whole-day figure is not the computed one rounded."""
    if computed is None or reported is None:
        return False
    return abs(computed - reported) >= SHOWN_WHEN_OFF_BY


def flights_topic(site: SiteContent) -> str | None:
    """The one topic all seat-swap flights file under: the commonest category of the article
    events that name any of the flights' missions."""
    flight_missions = {
        m for f in site.data.get("flights", []) for m in (f.launch_mission, f.return_mission) if m
    }
    counts = Counter(
        a.category for a in site.articles.values() for e in a.events if e.mission in flight_missions
    )
    return counts.most_common(1)[0][0] if counts else None


def duration_cells(
    computed: float | None, so_far: float | None, reported, differ: bool, words: Words
):
    """(figure, note) for the "Days in space" cell: a tenth of a day, with "so far" for a flight
    still up and the reported whole days beneath when they differ from the computed ones."""
    if computed is not None:
        return f"{computed:.1f}", words("flight-days-reported", days=reported) if differ else None
    if so_far is not None:
        return f"{so_far:.1f}", words("flight-days-so-far")
    return "—", None


def landing_cells(status_label: str, expected: dict | None) -> tuple[str, str | None]:
    """(text, note) for the landing cell of a flight not yet home: the status with its planned
    date beneath, or only the planned date, worded as unconfirmed, once that date has passed."""
    if expected and expected["overdue"]:
        return expected["text"], None
    return status_label, expected["text"] if expected else None


def flight_rows(site: SiteContent, today: dt.date, expected: dict | None = None) -> list[dict]:
    """Every seat-swap flight with its computed duration, newest last. `expected` holds the
    planned-date notes by flight key (freshness.flight_notes)."""
    expected = expected or {}
    missions = site.collection("missions")
    agencies = site.collection("agencies")
    words = Words.of(site)
    rows = []
    for f in site.data.get("flights", []):
        computed = duration_days(f.launch, f.landing)
        so_far = None
        if f.landing is None and f.launch is not None and f.status == "in-progress":
            so_far = duration_days(f.launch, f.as_of or today)
        agency = agencies.get(f.agency)
        up = missions.get(f.launch_mission)
        down = missions.get(f.return_mission) if f.return_mission else None
        differ = durations_differ(computed, f.duration_reported_days)
        days, days_note = duration_cells(computed, so_far, f.duration_reported_days, differ, words)
        status_label = words(f"flight-status-{f.status}")
        landing_status, landing_note = landing_cells(status_label, expected.get(f.key))
        rows.append(
            {
                "key": f.key,
                "person": f.person,
                "agency": f.agency,
                "agency_name": agency.abbreviation if agency else f.agency,
                "launch_mission": up.name if up else f.launch_mission,
                "return_mission": down.name if down else (f.return_mission or ""),
                "same_vehicle": f.return_mission in (None, f.launch_mission),
                "launch": f.launch,
                "landing": f.landing,
                "launch_text": utc_time(f.launch),
                "landing_text": utc_time(f.landing),
                "launch_day": iso(day(f.launch)),
                "launch_clock": clock(f.launch),
                "landing_day": iso(day(f.landing)),
                "landing_clock": clock(f.landing),
                "launch_iso": iso(f.launch),
                "landing_iso": iso(f.landing),
                "duration_days": computed,
                "duration_so_far": so_far,
                "duration_reported_days": f.duration_reported_days,
                "durations_differ": differ,
                "days_text": days,
                "days_note": days_note,
                "agreement": f.agreement,
                "agreement_inferred": f.agreement_inferred,
                "status": f.status,
                "status_label": status_label,
                "landing_status": landing_status,
                "landing_note": landing_note,
                # Expected to launch or land by now, with nothing recorded (the stale rule).
                "overdue": stale.overdue(f, today),
                "as_of": f.as_of,
                "crewmates": f.crewmates,
                "notes": f.notes,
                "planned_days": f.planned_days,
                "planned_launch": f.planned_launch,
                "sources": f.sources,
            }
        )
    rows.sort(key=lambda r: (day(r["launch"]) or dt.date.max, r["person"]))
    return rows


def longest_days(row: dict | None) -> int | None:
    """The longest stay as its sources report it; else the computed one to a whole day, half a
    day rounding up as readers round (Python's round() would go to even)."""
    if row is None:
        return None
    return row["duration_reported_days"] or math.floor(row["duration_days"] + 0.5)


def flight_summary(rows: list[dict]) -> dict:
    flown = [r for r in rows if r["status"] != "planned"]
    done = [r for r in rows if r["duration_days"] is not None]
    longest = max(done, key=lambda r: r["duration_days"], default=None)
    by_agency = Counter(r["agency_name"] for r in flown)
    return {
        "count": len(flown),
        "planned": len(rows) - len(flown),
        "completed": len(done),
        "by_agency": sorted(by_agency.items()),
        "longest": longest,
        "longest_days": longest_days(longest),
        "first": flown[0] if flown else None,
        "as_of": max((r["as_of"] for r in rows if r["as_of"]), default=None),
    }
