"""Missions: the lunar landers side by side, and the topic each mission files under."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from orbit_content.schema import day
from orbit_content.validate import SiteContent
from orbit_contract import duration_days

from .format import iso, latitude, long_date, longitude
from .wording import Words

# What a reader sees for each outcome and kind of site (the schema's literals) is in
# labels.yaml: outcome-<outcome> and site-kind-<kind>.


def mission_topics(site: SiteContent) -> dict[str, str]:
    """Each mission's topic: the commonest category of the articles whose events name it."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for a in site.articles.values():
        for e in a.events:
            if e.mission:
                counts[e.mission][a.category] += 1
    return {key: c.most_common(1)[0][0] for key, c in counts.items()}


def mission_rows(site: SiteContent, kind: str) -> list[dict]:
    agencies = site.collection("agencies")
    words = Words.of(site)
    rows = []
    for m in site.data.get("missions", []):
        if m.kind != kind:
            continue
        sites = [s for s in (m.target, m.site) if s is not None]
        rows.append(
            {
                "key": m.key,
                "name": m.name,
                "agencies": [agencies[a].abbreviation if a in agencies else a for a in m.agencies],
                "launch": m.launch,
                "launch_text": long_date(m.launch),
                "launch_iso": iso(day(m.launch)),
                "end": m.end,
                "end_text": long_date(m.end),
                "end_iso": iso(day(m.end)),
                "outcome": m.outcome,
                "outcome_label": words(f"outcome-{m.outcome}"),
                "summary": m.summary,
                "days": duration_days(day(m.launch), day(m.end)) if m.launch and m.end else None,
                "sites": [
                    {
                        "name": s.name,
                        "kind": s.kind,
                        "kind_label": words(f"site-kind-{s.kind}"),
                        "lat": s.lat,
                        "lon": s.lon,
                        "lat_text": latitude(s.lat) if s.lat is not None else None,
                        "lon_text": longitude(s.lon) if s.lon is not None else None,
                    }
                    for s in sites
                ],
                "sources": m.sources,
            }
        )
    rows.sort(key=lambda r: (day(r["launch"]) or dt.date.max, r["name"]))
    return rows


def comparison_caption(rows: list[dict], words: Words) -> str:
    """The side-by-side table's caption: "Luna 25 beside Chandrayaan-3"."""
    return f" {words('comparison-joiner')} ".join(r["name"] for r in rows)


def comparison(rows: list[dict], words: Words) -> list[dict]:
    """The side-by-side table: one row per attribute, one cell per mission."""
    if not rows:
        return []

    def site_of(row, kinds):
        found = [s for s in row["sites"] if s["kind"] in kinds]
        return (
            "; ".join(
                f"{s['name']} ({s['lat_text']}, {s['lon_text']})" if s["lat_text"] else s["name"]
                for s in found
            )
            or "—"
        )

    return [
        {"label": words(f"comparison-{key}"), "cells": cells}
        for key, cells in (
            ("agency", [", ".join(r["agencies"]) for r in rows]),
            ("launched", [r["launch_text"] or "—" for r in rows]),
            ("ended", [r["end_text"] or "—" for r in rows]),
            ("outcome", [r["outcome_label"] for r in rows]),
            ("aimed-for", [site_of(r, {"target"}) for r in rows]),
            ("came-down", [site_of(r, {"landing", "impact"}) for r in rows]),
            ("in-brief", [r["summary"] for r in rows]),
        )
    ]
