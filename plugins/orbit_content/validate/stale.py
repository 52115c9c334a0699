"""Statements about the future whose date has passed with nothing recorded: the stale list.

Planned flights and missions, flights in progress, plans with a target year, key facts that
are plans and timeline events dated after their source was read each say when they are due.
Once `today` is past that, the claim is listed with what to do. These are never errors: time
passing must not fail a build. `./site stale` lists them (and exits 1), `./site check` prints
them as warnings, and the built pages say "we have not yet confirmed what happened".
"""

from __future__ import annotations

import datetime as dt

from .. import expected
from ..problems import Problem, dotted
from .sources import _raw_positions

FIX = "record what happened, or move the date and cite the source"


def check_stale(v):
    """Append every past-due claim (as of v.today) to the site's stale list."""
    site, today = v.site, v.today
    found = []

    def add(doc, loc, message):
        found.append(Problem(v.rel(doc.path), doc.line_of(loc), dotted(loc), message, FIX))

    data_docs = {p.name: d for p, d in site.documents.items() if p.parent == site.root / "data"}
    missions = site.collection("missions")

    def flight_claim(flight) -> str:
        up = missions.get(flight.launch_mission)
        on = up.name if up else flight.launch_mission
        if flight.status == "planned":
            what, record = f"{flight.person}'s launch on {on}", "launch"
        else:
            what = f"{flight.person}'s return from the station (launched on {on})"
            record = "landing"
        return (
            f"{what} was expected by {expected.label(flight.expected_by)}, and no {record} is "
            "recorded"
        )

    def mission_claim(mission) -> str:
        what = "launch" if mission.outcome == "planned" else "end"
        return (
            f"{mission.name} is still {mission.outcome}; its {what} was expected by "
            f"{expected.label(mission.expected_by)}"
        )

    def plan_claim(plan) -> str:
        return (
            f"{plan.subject}: '{plan.named}' (announced {plan.announced}) was due by "
            f"{expected.label(plan_due(plan))}, and no outcome is recorded"
        )

    collections = (
        ("flights", site.data.get("flights", []), flight_claim),
        ("missions", site.data.get("missions", []), mission_claim),
        ("plans", current_plans(site.data.get("plans", [])), plan_claim),
    )
    for name, items, claim in collections:
        doc = data_docs.get(f"{name}.yaml")
        positions = _raw_positions(doc, name) if doc else {}
        for item in items:
            if item.key in positions and overdue(item, today):
                # A plan without its own expected_by is due by the end of its named year.
                field = "expected_by" if getattr(item, "expected_by", None) else "named_year"
                add(doc, (name, positions[item.key], field), claim(item))
    for path, article in site.articles.items():
        doc = site.documents[path]
        for i, fact in enumerate(article.key_facts):
            if overdue(fact, today):
                add(
                    doc,
                    ("key_facts", i, "expected_by"),
                    f"'{fact.label}: {fact.value}' was expected by "
                    f"{expected.label(fact.expected_by)}, and no outcome is recorded",
                )
        by_id = {s.id: s for s in article.sources}
        for i, event in enumerate(article.events):
            source = by_id.get(event.source)
            if source and source.accessed < event.date < today:
                add(
                    doc,
                    ("events", i, "date"),
                    f"'{event.text}' was still to come ({event.date}) when its source was last "
                    f"read on {source.accessed}",
                )
    site.stale = sorted(set(found), key=lambda p: (p.path, p.line or 0, p.field))


def plan_due(plan) -> str:
    """A plan's expected date: its own expected_by, else the year it named."""
    return plan.expected_by or str(plan.named_year)


def current_plans(plans) -> list:
    """The newest announcement of each plan: older ones were overtaken, not left unfulfilled."""
    newest: dict[str, object] = {}
    for plan in plans:
        if plan.subject not in newest or plan.announced >= newest[plan.subject].announced:
            newest[plan.subject] = plan
    return list(newest.values())


def overdue(item, today: dt.date) -> bool:
    """True when the item's expected date is before today and nothing has been recorded."""
    if hasattr(item, "status"):  # a flight: done once it has landed
        due, done = item.expected_by, item.status == "completed"
    elif hasattr(item, "named_year"):  # a plan
        due, done = plan_due(item), item.outcome is not None
    elif hasattr(item, "kind") and hasattr(item, "outcome"):  # a mission
        due, done = item.expected_by, item.outcome not in {"planned", "ongoing"}
    else:  # a key fact
        due, done = item.expected_by, item.outcome is not None
    return due is not None and not done and expected.deadline(due) < today
