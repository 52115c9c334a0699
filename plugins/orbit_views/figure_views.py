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

from . import figures
from .format import long_date, month_year
from .wording import Words

DATA_DIR = "data"
LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}

# Each dataset's columns, in order; what each one holds is described in labels.yaml.
FLIGHT_COLUMNS = (
    "key",
    "person",
    "agency",
    "lane",
    "launch_vehicle",
    "return_vehicle",
    "launch_utc",
    "landing_utc",
    "days_in_space",
    "days_reported",
    "planned_days",
    "planned_launch",
    "status",
    "as_of",
    "agreement",
    "agreement_inferred",
    "source",
    "source_url",
    "all_sources",
)
PLAN_COLUMNS = (
    "key",
    "announced",
    "subject",
    "named",
    "named_year",
    "bound",
    "plotted_at",
    "source",
    "source_url",
    "all_sources",
)
SITE_COLUMNS = ("mission", "kind", "name", "lat", "lon", "km_from_pole", "source", "source_url")
CRATER_COLUMNS = ("key", "name", "lat", "lon", "diameter_km", "made_by", "source", "source_url")


def downloads(dataset: str, words: Words) -> list[dict]:
    return [
        {"label": words("download-csv"), "url": f"{DATA_DIR}/{dataset}.csv"},
        {"label": words("download-json"), "url": f"{DATA_DIR}/{dataset}.json"},
    ]


def first_source(sources) -> tuple[str, str]:
    return (sources[0].publisher, sources[0].url) if sources else ("", "")


def all_sources(sources) -> str:
    return " ; ".join(f"{s.publisher} <{s.url}>" for s in sources)


def latest_accessed(items) -> dt.date | None:
    dates = [s.accessed for item in items for s in getattr(item, "sources", [])]
    return max(dates, default=None)


def status_text(status: str, as_of: str, words: Words) -> str:
    """'In space as of 1 March 2026' for a table cell, from a dataset row's status and as_of."""
    when = long_date(dt.date.fromisoformat(as_of)) if as_of else ""
    label = words(f"figure-status-{status}")
    return words("figure-status-as-of", status=label, date=when) if when else label


def described(dataset: str, columns: tuple[str, ...], words: Words) -> dict:
    """A dataset's title, description and documented columns, in the site's words
    (labels.yaml: dataset-<key>-title, -description and one label per column). Each dataset
    still writes its "key" out: the check reads the views' literal keys to know the data
    page's ids (orbit_content/validate/generated_ids.py)."""
    return {
        "title": words(f"dataset-{dataset}-title"),
        "description": words(f"dataset-{dataset}-description"),
        "columns": [(c, words(f"dataset-{dataset}-{c.replace('_', '-')}")) for c in columns],
    }


# ---- datasets ------------------------------------------------------------------------------------


def flights_dataset(site, rows: list[dict], as_of: dt.date | None) -> dict:
    words = Words.of(site)
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
                "lane": words("lane-soyuz" if r["agency"] == "nasa" else "lane-dragon"),
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
        **described("flights", FLIGHT_COLUMNS, words),
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
        **described("plans", PLAN_COLUMNS, Words.of(site)),
        "rows": records,
        "as_of": as_of,
    }


def sites_dataset(sites: list[dict], as_of: dt.date | None, words: Words) -> dict:
    return {
        "key": "lunar-sites",
        **described("lunar-sites", SITE_COLUMNS, words),
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
        **described("craters", CRATER_COLUMNS, Words.of(site)),
        "rows": rows,
        "as_of": as_of,
    }


# ---- the south-pole sites ------------------------------------------------------------------------


def km_from_pole(lat: float | None) -> int | None:
    return None if lat is None else round(math.radians(90 + lat) * figures.MOON_RADIUS_KM)


def map_sites(site, landers: list[dict]) -> list[dict]:
    """Every lander site, located where a source gives coordinates: the mission's own, or a
    crater in craters.yaml the mission made (Luna-25's, found by NASA's LRO team)."""
    words = Words.of(site)
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
            name = row["name"]
            note = {
                "target": [words("south-pole-note-target", mission=name)],
                "landing": [
                    words("south-pole-note-landed", mission=name),
                    words("south-pole-note-from-pole", km=f"{dist:,}") if dist else "",
                ],
                "impact": [
                    words("south-pole-note-crashed", mission=name),
                    when or words("south-pole-note-probable"),
                ],
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
                        else words("south-pole-no-coordinates")
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
    words = Words.of(site)
    out: dict = {}
    sets: dict = {}
    if flights:
        as_of = flight_as_of or today
        sets["flights"] = flights_dataset(site, flights, as_of)
        rubio = next((f for f in flights if f["key"].startswith("rubio")), None)
        wide = figures.seat_lanes(flights, today, as_of, words)
        caption = [
            words("seat-lanes-caption"),
            words(
                "seat-lanes-caption-breaks",
                breaks="; ".join(b["dates"] for b in wide["breaks"]),
            )
            if wide["breaks"]
            else words("seat-lanes-caption-unbroken"),
        ]
        if rubio and rubio["duration_reported_days"]:
            planned = next(
                (f.planned_days for f in site.data["flights"] if f.key == rubio["key"]), None
            )
            if planned:
                caption.append(
                    words(
                        "seat-lanes-caption-tick",
                        person=rubio["person"],
                        planned=planned,
                        days=rubio["duration_reported_days"],
                    )
                )
        caption.append(words("seat-lanes-caption-end"))
        overdue = {f["key"]: f for f in flights if f["overdue"]}
        if overdue:
            caption.append(words("seat-lanes-caption-overdue"))
        out["seat_lanes"] = {
            "key": "seat-lanes",
            "id": "figure-seat-swap",
            "kind": "seat_lanes",
            "title": words("seat-lanes-title"),
            "caption": " ".join(caption),
            "wide": wide,
            "narrow": figures.seat_lanes(flights, today, as_of, words, narrow=True),
            "source": words("seat-lanes-source"),
            "source_url": crew_page,
            "as_of": as_of,
            "downloads": downloads("flights", words),
            "dataset": "flights",
            "data_page": data_page,
            "table": {
                "caption": words("seat-lanes-table-caption"),
                "head": [
                    words(f"seat-lanes-head-{h}")
                    for h in ("person", "lane", "launch", "landing", "days", "planned-days")
                ],
                "rows": [
                    [
                        r["person"],
                        r["lane"],
                        r["launch_utc"][:10] or r["planned_launch"] or "—",
                        r["landing_utc"][:10]
                        or (
                            words(
                                "figure-status-overdue",
                                date=long_date(overdue[r["key"]]["as_of"]),
                            )
                            if r["key"] in overdue and overdue[r["key"]]["as_of"]
                            else status_text(r["status"], r["as_of"], words)
                        ),
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
            "title": words("plans-title"),
            "caption": words("plans-caption"),
            "wide": figures.plans_chart(plans, today, words),
            "narrow": figures.plans_chart(plans, today, words, narrow=True),
            "source": words("plans-source"),
            "source_url": "",
            "as_of": as_of,
            "downloads": downloads("plans", words),
            "dataset": "plans",
            "data_page": data_page,
            "table": {
                "caption": words("plans-table-caption"),
                "head": [
                    words(f"plans-head-{h}")
                    for h in ("announced", "plan", "year", "drawn-as", "source")
                ],
                "rows": [
                    [
                        p["announced_label"],
                        p["subject"],
                        words(
                            "plans-year-overdue",
                            named=p["label"],
                            date=long_date(p["last_reported"]),
                        )
                        if p.get("overdue")
                        else p["label"],
                        words(f"plans-drawn-{figures.qualifier(p['label'], p['year'])[0]}"),
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
        sets["lunar-sites"] = sites_dataset(sites, as_of, words)
        if craters:
            sets["craters"] = craters_dataset(site, latest_accessed(site.data["craters"]))
        out["south_pole"] = {
            "key": "south-pole",
            "id": "figure-south-pole",
            "kind": "south_pole",
            "title": words("south-pole-title"),
            "caption": words("south-pole-caption"),
            "wide": figures.south_pole_map(sites, craters, words),
            "narrow": figures.south_pole_map(sites, craters, words, narrow=True),
            "source": words("south-pole-source"),
            "source_url": "",
            "as_of": as_of,
            "downloads": downloads("lunar-sites", words)
            + [{"label": words("download-craters-csv"), "url": f"{DATA_DIR}/craters.csv"}]
            if craters
            else downloads("lunar-sites", words),
            "dataset": "lunar-sites",
            "data_page": data_page,
            "sites": sites,
            "table": {
                "caption": words("south-pole-table-caption"),
                "head": [
                    words(f"south-pole-head-{h}")
                    for h in ("mission", "site", "where", "from-pole", "source")
                ],
                "rows": [
                    [
                        s["mission"],
                        words("south-pole-table-site", kind=s["kind_label"], name=s["name"]),
                        s["where"],
                        words("km", km=f"{s['km_from_pole']:,}")
                        if s["km_from_pole"] is not None
                        else "—",
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
    words = Words.of(site)
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
                "unit": words("key-number-stay-unit"),
                "text": words("key-number-stay", person=rubio["person"]),
                "url": "extra-soyuz-seat/#figure-seat-swap",
            }
        )
    flown = [f for f in flights if f["status"] != "planned"]
    if flown:
        numbers.append(
            {
                "value": str(len(flown)),
                "unit": words("key-number-flights-unit"),
                "text": words("key-number-flights", month=month_year(flown[0]["launch"])),
                "url": "crew-exchange/",
            }
        )
    burned = next(
        (m for m in site.data.get("missions", []) if m.burn_actual_s and m.burn_planned_s), None
    )
    if burned:
        numbers.append(
            {
                "value": words("key-number-burn-value", actual=f"{burned.burn_actual_s:g}"),
                "unit": words("key-number-burn-unit", planned=f"{burned.burn_planned_s:g}"),
                "text": words("key-number-burn", mission=burned.name),
                "url": f"{burned.key}/",
            }
        )
    landed = next((s for s in sites if s["kind"] == "landing" and s["lat"] is not None), None)
    if landed:
        numbers.append(
            {
                "value": f"{abs(landed['lat']):.1f}° S",
                "unit": "",
                "text": words(
                    "key-number-landing",
                    mission=landed["mission"],
                    km=f"{landed['km_from_pole']:,}",
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
                "text": words("key-number-module", when=module[-1]["announced_label"]),
                "url": "russian-orbital-station/#figure-plans",
            }
        )
    return numbers
