"""The site's figures and datasets, assembled once per build from the views' rows.

A figure here is everything the theme needs to show one: both layouts' geometry (figures.py),
its title and caption, the source line, the date its data is true as of, its data table and
the downloads of the dataset behind it. A dataset is one table of records written at build
as CSV and JSON (datasets.py writes them), each row naming its source, with documented
columns, so the chart, its table, the download and the /data/ page can never disagree.
"""

from __future__ import annotations

import datetime as dt
import math

from orbit_content.schema import day

from . import figures

DATA_DIR = "data"
LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}


def downloads(dataset: str) -> list[dict]:
    return [
        {"label": "CSV", "url": f"{DATA_DIR}/{dataset}.csv"},
        {"label": "JSON", "url": f"{DATA_DIR}/{dataset}.json"},
    ]


def first_source(sources) -> tuple[str, str]:
    return (sources[0].publisher, sources[0].url) if sources else ("", "")


def all_sources(sources) -> str:
    return " ; ".join(f"{s.publisher} <{s.url}>" for s in sources)


def latest_accessed(items) -> dt.date | None:
    dates = [s.accessed for item in items for s in getattr(item, "sources", [])]
    return max(dates, default=None)


def status_text(status: str, as_of: str) -> str:
    """'In space as of 1 March 2026' for a table cell, from a dataset row's status and as_of."""
    when = dt.date.fromisoformat(as_of).strftime("%-d %B %Y") if as_of else ""
    label = {"in-progress": "In space", "planned": "Planned", "completed": "Landed"}[status]
    return f"{label} as of {when}" if when else label


# ---- datasets ------------------------------------------------------------------------------------


def flights_dataset(site, rows: list[dict], as_of: dt.date | None) -> dict:
    by_key = {f.key: f for f in site.data.get("flights", [])}
    records = []
    for r in rows:
        f = by_key[r["key"]]
        publisher, url = first_source(f.sources)
        records.append(
            {
                "key": r["key"],
                "person": r["person"],
                "agency": r["agency_name"],
                "lane": "NASA astronaut on Soyuz"
                if r["agency"] == "nasa"
                else "Cosmonaut on Crew Dragon",
                "launch_vehicle": r["launch_mission"],
                "return_vehicle": r["return_mission"] or "",
                "launch_utc": r["launch_iso"],
                "landing_utc": r["landing_iso"],
                "days_in_space": r["duration_days"] if r["duration_days"] is not None else "",
                "days_reported": r["duration_reported_days"] or "",
                "planned_days": f.planned_days or "",
                "planned_launch": (
                    f.planned_launch.strftime("%Y-%m")
                    if f.planned_launch and f.planned_launch_precision == "month"
                    else f.planned_launch.isoformat()
                    if f.planned_launch
                    else ""
                ),
                "status": r["status"],
                "as_of": r["as_of"].isoformat() if r["as_of"] else "",
                "agreement": r["agreement"],
                "agreement_inferred": r["agreement_inferred"],
                "source": publisher,
                "source_url": url,
                "all_sources": all_sources(f.sources),
            }
        )
    return {
        "key": "flights",
        "title": "Seat-swap flights",
        "description": "Every person-flight under the NASA–Roscosmos integrated-crew (seat swap) "
        "agreement, one row per person and flight, from content/data/flights.yaml.",
        "columns": [
            ("key", "Our identifier for the flight"),
            ("person", "Who flew"),
            ("agency", "Their agency"),
            ("lane", "Which direction of the swap"),
            ("launch_vehicle", "Spacecraft they launched on"),
            ("return_vehicle", "Spacecraft they came home on (empty until they return)"),
            ("launch_utc", "Launch, UTC (ISO 8601; a bare date when only the day is known)"),
            ("landing_utc", "Landing, UTC (empty until they land)"),
            ("days_in_space", "Computed from launch and landing, to a tenth of a day"),
            ("days_reported", "Whole days as the agencies reported them"),
            ("planned_days", "The stay planned at launch, where a source gives it"),
            (
                "planned_launch",
                "For a planned flight: the launch announced (YYYY-MM when only the month is known)",
            ),
            ("status", "completed, in-progress or planned"),
            ("as_of", "The date the status was true"),
            ("agreement", "Which agreement or supplement covered the seat"),
            ("agreement_inferred", "true where no source says and this is our reading"),
            ("source", "Publisher of the row's first source"),
            ("source_url", "Its address"),
            ("all_sources", "Every source for the row: publisher <address>, separated by ' ; '"),
        ],
        "rows": records,
        "as_of": as_of,
    }


def plans_dataset(site, as_of: dt.date | None) -> dict:
    records = []
    for p in sorted(site.data.get("plans", []), key=lambda p: (p.announced, p.subject)):
        kind, plotted = figures.qualifier(p.named, p.named_year)
        publisher, url = first_source(p.sources)
        records.append(
            {
                "key": p.key,
                "announced": (
                    p.announced.strftime("%Y-%m")
                    if p.announced_precision == "month"
                    else p.announced.isoformat()
                ),
                "subject": p.subject,
                "named": p.named,
                "named_year": p.named_year,
                "bound": kind,
                "plotted_at": round(plotted, 2),
                "source": publisher,
                "source_url": url,
                "all_sources": all_sources(p.sources),
            }
        )
    return {
        "key": "plans",
        "title": "Russia’s station and ISS plans",
        "description": "Each announcement of when Russia leaves the ISS, when the ISS ends and "
        "when the first module of Russia's station launches, in date order, from "
        "content/data/plans.yaml.",
        "columns": [
            ("key", "Our identifier for the announcement"),
            ("announced", "When it was said (YYYY-MM when only the month is known)"),
            ("subject", "Which plan"),
            ("named", "What was named, in the source's words"),
            ("named_year", "The year named"),
            ("bound", "lower (after, at least), upper (by) or point"),
            ("plotted_at", "Where the chart draws it on the year axis (2028.5 is mid-2028)"),
            ("source", "Publisher of the first source"),
            ("source_url", "Its address"),
            ("all_sources", "Every source: publisher <address>, separated by ' ; '"),
        ],
        "rows": records,
        "as_of": as_of,
    }


def sites_dataset(sites: list[dict], as_of: dt.date | None) -> dict:
    return {
        "key": "lunar-sites",
        "title": "Lunar south-pole sites",
        "description": "Where each 2023 lander aimed and where it came down, from "
        "content/data/missions.yaml, with Luna-25's probable impact crater from "
        "content/data/craters.yaml. A site without coordinates in our sources has "
        "empty lat and lon.",
        "columns": [
            ("mission", "The mission"),
            ("kind", "target, landing or impact"),
            ("name", "The site, in words"),
            ("lat", "Latitude, decimal degrees, south negative"),
            ("lon", "Longitude, decimal degrees, east positive"),
            ("km_from_pole", "Distance from the south pole along the surface, km (computed)"),
            ("source", "Publisher of the first source"),
            ("source_url", "Its address"),
        ],
        "rows": [
            {
                "mission": s["mission"],
                "kind": s["kind"],
                "name": s["name"],
                "lat": s["lat"] if s["lat"] is not None else "",
                "lon": s["lon"] if s["lon"] is not None else "",
                "km_from_pole": s["km_from_pole"] if s["km_from_pole"] is not None else "",
                "source": s["source"],
                "source_url": s["source_url"],
            }
            for s in sites
        ],
        "as_of": as_of,
    }


def craters_dataset(site, as_of: dt.date | None) -> dict:
    rows = []
    for c in site.data.get("craters", []):
        publisher, url = first_source(c.sources)
        rows.append(
            {
                "key": c.key,
                "name": c.name,
                "lat": c.lat,
                "lon": c.lon,
                "diameter_km": c.diameter_km,
                "made_by": c.mission or "",
                "source": publisher,
                "source_url": url,
            }
        )
    return {
        "key": "craters",
        "title": "Named craters on the south-pole map",
        "description": "The craters drawn on the south-pole map, with centres and diameters as "
        "listed in the IAU Gazetteer of Planetary Nomenclature, from "
        "content/data/craters.yaml.",
        "columns": [
            ("key", "Our identifier"),
            ("name", "IAU name"),
            ("lat", "Centre latitude, decimal degrees, south negative"),
            ("lon", "Centre longitude, decimal degrees, east positive"),
            ("diameter_km", "Rim diameter, km"),
            ("made_by", "For a crater a spacecraft made: the mission"),
            ("source", "Publisher of the source"),
            ("source_url", "Its address"),
        ],
        "rows": rows,
        "as_of": as_of,
    }


# ---- the south-pole sites ------------------------------------------------------------------------


def km_from_pole(lat: float | None) -> int | None:
    return None if lat is None else round(math.radians(90 + lat) * figures.MOON_RADIUS_KM)


def map_sites(site, landers: list[dict]) -> list[dict]:
    """Every lander site, located where a source gives coordinates: the mission's own, or a
    crater in craters.yaml the mission made (Luna-25's, found by NASA's LRO team)."""
    made = {c.mission: c for c in site.data.get("craters", []) if c.mission}
    missions = {m.key: m for m in site.data.get("missions", [])}
    out = []
    for row in landers:
        mission = missions[row["key"]]
        for s in row["sites"]:
            lat, lon, sources = s["lat"], s["lon"], mission.sources
            located_by = ""
            if lat is None and s["kind"] == "impact" and row["key"] in made:
                crater = made[row["key"]]
                lat, lon, sources = crater.lat, crater.lon, crater.sources
                located_by = crater.sources[0].original or crater.sources[0].publisher
            publisher, url = first_source(sources)
            dist = km_from_pole(lat)
            when = (
                row["end_text"]
                if s["kind"] in ("impact", "landing") and row["outcome"] == "failure"
                else ""
            )
            note = {
                "target": [f"{row['name']}'s target"],
                "landing": [f"{row['name']} landed", f"{dist:,} km from the pole" if dist else ""],
                "impact": [f"{row['name']} crashed", when or "probable impact site"],
            }[s["kind"]]
            out.append(
                {
                    "mission": row["name"],
                    "mission_key": row["key"],
                    "kind": s["kind"],
                    "kind_label": s["kind_label"],
                    "name": s["name"],
                    "lat": lat,
                    "lon": lon,
                    "lat_text": latitude(lat) if lat is not None else "",
                    "lon_text": longitude(lon) if lon is not None else "",
                    "where": (
                        f"{latitude(lat)}, {longitude(lon)}"
                        if lat is not None
                        else "No coordinates in our sources"
                    ),
                    "km_from_pole": dist,
                    "located_by": located_by,
                    "note_lines": [n for n in note if n],
                    "source": publisher,
                    "source_url": url,
                }
            )
    return out


def latitude(value: float) -> str:
    return f"{abs(value):.2f}° {'S' if value < 0 else 'N'}"


def longitude(value: float) -> str:
    return f"{abs(value):.2f}° {'W' if value < 0 else 'E'}"


# ---- figures -------------------------------------------------------------------------------------


def build(
    site,
    settings,
    flights: list[dict],
    flight_as_of,
    landers: list[dict],
    plans: list[dict],
    today: dt.date,
    data_page: str,
) -> dict:
    """The figures (by name), what each article shows, and the datasets behind them."""
    crew_page = "crew-exchange/"
    out: dict = {}
    sets: dict = {}
    if flights:
        as_of = flight_as_of or today
        sets["flights"] = flights_dataset(site, flights, as_of)
        rubio = next((f for f in flights if f["key"].startswith("rubio")), None)
        wide = figures.seat_lanes(flights, today, as_of)
        caption = (
            "Each bar is one flight, from launch to landing; "
            "the pale line above each lane shows when someone was aboard. "
        )
        caption += (
            "In both lanes each crew arrived before the one before it left, "
            "so the seat was never empty."
            if not wide["breaks"]
            else "Each crew arrived before the one before it left, except where a dashed box marks "
            "the seat empty ("
            + "; ".join(b["text"].removeprefix("empty ") for b in wide["breaks"])
            + ")."
        )
        if rubio and rubio["duration_reported_days"]:
            planned = next(
                (f.planned_days for f in site.data["flights"] if f.key == rubio["key"]), None
            )
            if planned:
                caption += (
                    f" The tick on {rubio['person']}'s bar marks the end of the {planned} days "
                    f"he was meant to stay; he flew {rubio['duration_reported_days']}."
                )
        caption += " Outlined bars are planned; the dotted line is the date the data stops."
        out["seat_lanes"] = {
            "key": "seat-lanes",
            "id": "figure-seat-swap",
            "kind": "seat_lanes",
            "title": "The seat swap, lane by lane.",
            "caption": caption,
            "wide": wide,
            "narrow": figures.seat_lanes(flights, today, as_of, narrow=True),
            "source": "the sources of each flight, in our flight table",
            "source_url": crew_page,
            "as_of": as_of,
            "downloads": downloads("flights"),
            "dataset": "flights",
            "data_page": data_page,
            "table": {
                "caption": "The flights in this figure",
                "head": ["Crew member", "Lane", "Launch", "Landing", "Days", "Planned days"],
                "rows": [
                    [
                        r["person"],
                        r["lane"],
                        r["launch_utc"][:10] or r["planned_launch"] or "—",
                        r["landing_utc"][:10] or status_text(r["status"], r["as_of"]),
                        r["days_reported"]
                        or (round(r["days_in_space"]) if r["days_in_space"] != "" else "—"),
                        r["planned_days"] or "—",
                    ]
                    for r in sets["flights"]["rows"]
                ],
            },
        }
    if plans:
        as_of = latest_accessed(site.data.get("plans", [])) or today
        sets["plans"] = plans_dataset(site, as_of)
        out["plans"] = {
            "key": "plans",
            "id": "figure-plans",
            "kind": "plans",
            "title": "Russia's plans, announcement by announcement.",
            "caption": "Each point is an announcement: when it was made, and the year it named. "
            "A line that climbs means the plan slipped. A ring with an arrow is a "
            "bound: “after” or “at least” points later, “by” points earlier.",
            "wide": figures.plans_chart(plans, today),
            "narrow": figures.plans_chart(plans, today, narrow=True),
            "source": "each announcement's source, in the table below",
            "source_url": "",
            "as_of": as_of,
            "downloads": downloads("plans"),
            "dataset": "plans",
            "data_page": data_page,
            "table": {
                "caption": "Announcements in date order",
                "head": ["Announced", "Plan", "Year named", "Drawn as", "Source"],
                "rows": [
                    [
                        p["announced_label"],
                        p["subject"],
                        p["label"],
                        {"lower": "lower bound", "upper": "upper bound", "point": "a year"}[
                            figures.qualifier(p["label"], p["year"])[0]
                        ],
                        {"text": p["source"].publisher, "href": p["source"].url}
                        if p.get("source")
                        else "—",
                    ]
                    for p in sorted(plans, key=lambda p: p["announced"])
                ],
            },
        }
    sites = map_sites(site, landers)
    craters = [
        {
            "name": c.name,
            "lat": c.lat,
            "lon": c.lon,
            "diameter_km": c.diameter_km,
            "mission": c.mission,
        }
        for c in site.data.get("craters", [])
    ]
    if any(s["lat"] is not None for s in sites):
        as_of = max(
            filter(
                None,
                [
                    latest_accessed(site.data.get("craters", [])),
                    latest_accessed(
                        [m for m in site.data.get("missions", []) if m.kind == "lunar-lander"]
                    ),
                ],
            ),
            default=today,
        )
        sets["lunar-sites"] = sites_dataset(sites, as_of)
        if craters:
            sets["craters"] = craters_dataset(site, latest_accessed(site.data["craters"]))
        out["south_pole"] = {
            "key": "south-pole",
            "id": "figure-south-pole",
            "kind": "south_pole",
            "title": "Near the south pole, not at it.",
            "caption": "Where each 2023 lander aimed and came down, on a polar stereographic map "
            "(0° longitude at the top). Grey circles are named craters at their listed "
            "size. Diamond: landed; ring: target; cross: probable impact.",
            "wide": figures.south_pole_map(sites, craters),
            "narrow": figures.south_pole_map(sites, craters, narrow=True),
            "source": "mission sources and the IAU crater list, in the table below",
            "source_url": "",
            "as_of": as_of,
            "downloads": downloads("lunar-sites")
            + [{"label": "craters CSV", "url": f"{DATA_DIR}/craters.csv"}]
            if craters
            else downloads("lunar-sites"),
            "dataset": "lunar-sites",
            "data_page": data_page,
            "sites": sites,
            "table": {
                "caption": "Sites on the map",
                "head": ["Mission", "Site", "Where", "From the pole", "Source"],
                "rows": [
                    [
                        s["mission"],
                        f"{s['kind_label']}: {s['name']}",
                        s["where"],
                        f"{s['km_from_pole']:,} km" if s["km_from_pole"] is not None else "—",
                        {"text": s["source"], "href": s["source_url"]} if s["source_url"] else "—",
                    ]
                    for s in sites
                ],
            },
        }
    article = {
        slug: [out[name] for name in names if name in out]
        for slug, names in settings.get("ORBIT_ARTICLE_FIGURES", {}).items()
    }
    return {
        "figures": out,
        "article_figures": article,
        "datasets": list(sets.values()),
        "map_sites": sites,
    }


def key_numbers(flights: list[dict], plans: list[dict], sites: list[dict], site) -> list[dict]:
    """The home page's numbers, each computed from the data and linked to where it is shown."""
    numbers = []
    rubio = max(
        (f for f in flights if f["duration_reported_days"]),
        key=lambda f: f["duration_days"] or 0,
        default=None,
    )
    if rubio:
        numbers.append(
            {
                "value": f"{rubio['duration_reported_days']}",
                "unit": "days",
                "text": f"{rubio['person']}'s stay: the origin of the extra Soyuz seat",
                "url": "extra-soyuz-seat/#figure-seat-swap",
            }
        )
    flown = [f for f in flights if f["status"] != "planned"]
    if flown:
        numbers.append(
            {
                "value": str(len(flown)),
                "unit": "flights",
                "text": f"in the seat swap since {day(flown[0]['launch']).strftime('%B %Y')}",
                "url": "crew-exchange/",
            }
        )
    burned = next(
        (m for m in site.data.get("missions", []) if m.burn_actual_s and m.burn_planned_s), None
    )
    if burned:
        numbers.append(
            {
                "value": f"{burned.burn_actual_s:g} s",
                "unit": f"vs {burned.burn_planned_s:g} s",
                "text": f"{burned.name}'s last engine burn, as it ran and as planned",
                "url": f"{burned.key}/",
            }
        )
    landed = next((s for s in sites if s["kind"] == "landing" and s["lat"] is not None), None)
    if landed:
        numbers.append(
            {
                "value": f"{abs(landed['lat']):.1f}° S",
                "unit": "",
                "text": (
                    f"where {landed['mission']} landed, {landed['km_from_pole']:,} km from the pole"
                ),
                "url": "lunar-south-pole/#figure-south-pole",
            }
        )
    module = sorted(
        (p for p in plans if p["subject"].startswith("First module")), key=lambda p: p["announced"]
    )
    if module:
        numbers.append(
            {
                "value": str(module[-1]["year"]),
                "unit": "",
                "text": (
                    "first module of Russia's station, as announced "
                    + module[-1]["announced_label"]
                ),
                "url": "russian-orbital-station/#figure-plans",
            }
        )
    return numbers
