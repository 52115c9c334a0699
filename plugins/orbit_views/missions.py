"""Missions: the lunar landers side by side, and the topic each mission files under."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from orbit_content.schema import day
from orbit_content.validate import SiteContent
from orbit_contract import duration_days

from .format import iso, latitude, long_date, longitude

# What a reader sees for each state in the data; the keys are the schema's literals.
OUTCOME_LABELS = {
    "success": "Success",
    "partial": "Partial success",
    "failure": "Failure",
    "ongoing": "Under way",
    "planned": "Planned",
}


SITE_KIND_LABELS = {"landing": "Landing site", "impact": "Impact site", "target": "Target site"}


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
                "outcome_label": OUTCOME_LABELS[m.outcome],
                "summary": m.summary,
                "days": duration_days(day(m.launch), day(m.end)) if m.launch and m.end else None,
                "sites": [
                    {
                        "name": s.name,
                        "kind": s.kind,
                        "kind_label": SITE_KIND_LABELS[s.kind],
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


def comparison_caption(rows: list[dict]) -> str:
    """The side-by-side table's caption: "Luna 25 beside Chandrayaan-3"."""
    return " beside ".join(r["name"] for r in rows)


def comparison(rows: list[dict]) -> list[dict]:
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
        {"label": "Agency", "cells": [", ".join(r["agencies"]) for r in rows]},
        {"label": "Launched", "cells": [r["launch_text"] or "—" for r in rows]},
        {"label": "Mission ended", "cells": [r["end_text"] or "—" for r in rows]},
        {"label": "Outcome", "cells": [r["outcome_label"] for r in rows]},
        {"label": "Aimed for", "cells": [site_of(r, {"target"}) for r in rows]},
        {"label": "Came down at", "cells": [site_of(r, {"landing", "impact"}) for r in rows]},
        {"label": "In brief", "cells": [r["summary"] for r in rows]},
    ]
