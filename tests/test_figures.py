"""The figures as data: scales and markers, the lanes, the map, the datasets and their downloads.

Geometry is tested without a browser (figures.py returns plain numbers); the built site is
checked for what every figure must carry (number, permalink, caption, source, "data as of",
downloads), and the downloads for matching the data they come from.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import math

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from orbit_assets import datasets
from orbit_content.validate import validate_content
from orbit_views import figure_views, figures
from orbit_views import flights as FLIGHTS
from orbit_views.context import build_views
from orbit_views.links import Links
from orbit_views.wording import Words

TODAY = dt.date(2026, 12, 1)


@functools.cache
def words() -> Words:
    """The site's own words, as the real content gives them (content/data/labels.yaml)."""
    return Words.of(validate_content(ROOT / "content"))


@pytest.fixture(scope="module")
def content():
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelican.conf.py"))
    site = validate_content(ROOT / "content", settings["ORBIT_HTTP_HOSTS"])
    assert site.problems == []
    return site, settings


def links_of(site) -> Links:
    articles = {a.slug: a for a in site.articles.values() if a.status == "published"}
    pages = {p.slug: p for p in site.pages.values() if p.status != "draft"}
    return Links(articles, pages, {slug: f"{slug}/" for slug in [*articles, *pages]})


@pytest.fixture(scope="module")
def orbit(content):
    site, settings = content
    return build_views(site, links_of(site), settings, TODAY)


# ---- scales and markers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "named, year, kind, at",
    [
        ("after 2024", 2024, "lower", 2025.0),
        ("at least 2028", 2028, "lower", 2028.0),
        ("deorbit by 2030", 2030, "upper", 2031.0),
        ("end of 2027", 2027, "point", 2027.9),
        ("2028", 2028, "point", 2028.5),
    ],
)
def test_a_bound_is_not_a_point(named, year, kind, at):
    assert figures.qualifier(named, year) == (kind, pytest.approx(at))


def test_spread_keeps_labels_apart_and_in_bounds():
    placed = figures.spread([100, 101, 300], 20, 0, 310)
    assert placed[1] - placed[0] >= 20 and placed[2] == 300
    assert max(figures.spread([300, 305], 20, 0, 310)) <= 310


@pytest.mark.parametrize(
    "lat, lon, expected",
    [
        (-90, 0, (0.0, 0.0)),
        (-60, 0, (0.0, -2 * math.tan(math.radians(15)))),  # 0° longitude points up
        (-60, 90, (2 * math.tan(math.radians(15)), 0.0)),  # east is to the right
    ],
)
def test_stereographic_projection_of_the_south_pole(lat, lon, expected):
    x, y = figures.stereographic(lat, lon)
    assert x == pytest.approx(expected[0], abs=1e-9) and y == pytest.approx(expected[1], abs=1e-9)


def test_scale_bar_is_true_to_the_projection():
    # 1° of latitude is 30.3 km on the Moon; near the pole the projection barely enlarges it.
    assert figures.km_to_units(30.32, -89.5) == pytest.approx(math.radians(1), rel=1e-3)


# ---- the seat swap ---------------------------------------------------------------------------------


def row(key, agency, launch, landing=None, **extra):
    return {
        "key": key,
        "person": f"Ann {key.title()}",
        "agency": agency,
        "launch": launch,
        "landing": landing,
        "as_of": extra.pop("as_of", None),
        "launch_mission": "Soyuz MS-1",
        "duration_days": None,
        "duration_reported_days": None,
        **extra,
    }


def test_lanes_show_an_interlock_and_name_a_break():
    rows = [
        row("a", "nasa", dt.date(2023, 1, 1), dt.date(2023, 7, 1)),
        row("b", "nasa", dt.date(2023, 6, 1), dt.date(2024, 1, 1)),  # arrives before a leaves
        row("c", "roscosmos", dt.date(2023, 1, 1), dt.date(2023, 5, 1)),
        row("d", "roscosmos", dt.date(2023, 6, 1), dt.date(2023, 12, 1)),  # a month with nobody
    ]
    for narrow in (False, True):
        g = figures.seat_lanes(rows, TODAY, dt.date(2024, 3, 1), words(), narrow=narrow)
        assert len(g["bars"]) == 4 and {b["lane"] for b in g["bars"]} == {"soyuz", "dragon"}
        assert len(g["breaks"]) == 1
    assert (
        figures.seat_lanes(rows, TODAY, None, words())["breaks"][0]["text"]
        == "empty 1 May – 1 Jun 2023"
    )
    assert figures.seat_lanes(rows, TODAY, None, words(), narrow=True)["width"] == figures.NARROW


def test_planned_stays_and_planned_flights_are_drawn_as_planned():
    rows = [
        row(
            "rubio",
            "nasa",
            dt.date(2022, 9, 21),
            dt.date(2023, 9, 27),
            planned_days=188,
            duration_reported_days=371,
        ),
        row("menon", "nasa", None, planned_launch=dt.date(2026, 6, 1)),
        row("williams", "nasa", dt.date(2025, 11, 27), as_of=dt.date(2026, 3, 1), planned_days=242),
    ]
    g = figures.seat_lanes(rows, TODAY, dt.date(2026, 3, 1), words())
    bars = {b["key"]: b for b in g["bars"]}
    assert bars["rubio"]["ghost"]["w"] < bars["rubio"]["w"]  # 188 planned inside 371 flown
    assert "371 days; planned 188" in bars["rubio"]["lines"]
    assert bars["menon"]["planned_only"] and bars["menon"]["plan"]["open"]
    # Near the right edge the note may be wrapped, the date kept whole.
    assert bars["menon"]["lines"][0] == "Menon"
    assert " ".join(bars["menon"]["lines"][1:]) == "planned June 2026"
    assert "June 2026" in bars["menon"]["lines"]
    assert bars["williams"]["ongoing"] and bars["williams"]["plan"]["x"] == pytest.approx(
        bars["williams"]["x"] + bars["williams"]["w"], abs=0.2
    )


def test_real_lanes_cover_every_flight(orbit):
    f = orbit["figures"]["seat_lanes"]
    drawn = {b["key"] for b in f["wide"]["bars"]}
    assert drawn == {r["key"] for r in orbit["flights"] if r["launch"] or r["planned_launch"]}
    assert f["as_of"] == orbit["flight_summary"]["as_of"]


def label_boxes(g: dict) -> list[tuple[str, tuple]]:
    """Every text a seat-lanes layout places near the bars, as (text, box) in drawing units.

    Estimated here, not with figures.py's own helper: 0.55 em a character (Chromium measures
    the UI font at under 0.52), from a text size above the first baseline to 3 below the last,
    lines 15 apart; 14-unit names, 13-unit notes and axis text."""

    def box(x, y, lines, anchor, strong=1):
        w = max(len(t) * 0.55 * (14 if i < strong else 13) for i, t in enumerate(lines))
        x0 = x - w if anchor == "end" else x
        return (x0, y - 14, x0 + w, y + 15 * (len(lines) - 1) + 3)

    out = [
        (
            " / ".join(b["lines"]),
            box(b["label_x"], b["label_y"], b["lines"], b["anchor"], b.get("strong", 1)),
        )
        for b in g["bars"]
    ]
    a, pos = g["as_of"], g["as_of"]["pos"]
    where = (0, pos + 15, "start") if g["narrow"] else (pos - 4, 12, "end")  # where it once was
    x, y, anchor = a.get("x", where[0]), a.get("y", where[1]), a.get("anchor", where[2])
    out.append((a["label"], box(x, y, [a["label"]], anchor, strong=0)))
    out += [
        (k["text"], box(k["tx"], k["ty"], [k["text"]], k["anchor"]))
        for k in g["breaks"]
        if k["text"]
    ]
    return out


def label_clashes(g: dict) -> list[str]:
    """Labels that cross the "data as of" line (with 2 units to spare), overlap each other or
    another flight's bar, or leave the drawing."""
    pos, found = g["as_of"]["pos"], []
    boxes = label_boxes(g)
    for text, (x0, y0, x1, y1) in boxes:
        lo, hi = (y0, y1) if g["narrow"] else (x0, x1)
        if text != g["as_of"]["label"] and lo - 2 < pos < hi + 2:
            found.append(f"{text!r} on the line")
        if x0 < 0 or x1 > g["width"] or y0 < 0 or y1 > g["height"]:
            found.append(f"{text!r} outside the drawing")
    for i, (a, p) in enumerate(boxes):
        for b, q in boxes[i + 1 :]:
            if figures.overlaps(p, q):
                found.append(f"{a!r} over {b!r}")
    for b in g["bars"]:
        for other in g["bars"]:
            for r in (other, other.get("plan")) if other is not b else ():
                if r and figures.overlaps(
                    label_boxes({**g, "bars": [b], "breaks": []})[0][1],
                    (r["x"], r["y"], r["x"] + r["w"], r["y"] + r["h"]),
                ):
                    found.append(f"{' / '.join(b['lines'])!r} over {other['key']}'s bar")
    return found


@pytest.mark.parametrize("narrow", [False, True], ids=["wide", "narrow"])
def test_real_lane_labels_clear_the_as_of_line_and_each_other(orbit, narrow):
    g = orbit["figures"]["seat_lanes"]["narrow" if narrow else "wide"]
    assert label_clashes(g) == []


@pytest.mark.parametrize("narrow", [False, True], ids=["wide", "narrow"])
def test_labels_next_to_the_as_of_line_move_off_it(narrow):
    """The shape the real data had when the labels overprinted: a short flight ending at the
    as-of date, one in space past it, and a planned flight just after it, near the right edge."""
    as_of = dt.date(2026, 2, 25)
    rows = [
        row("a", "nasa", dt.date(2024, 9, 11), dt.date(2025, 4, 20)),
        row("b", "nasa", dt.date(2025, 4, 8), dt.date(2025, 12, 9)),
        row("c", "nasa", dt.date(2025, 11, 27), as_of=as_of, planned_days=242),
        row("d", "nasa", None, planned_launch=dt.date(2026, 6, 1)),
        row("e", "roscosmos", dt.date(2025, 8, 1), dt.date(2026, 2, 1)),
        row("f", "roscosmos", dt.date(2026, 2, 13), as_of=as_of),
    ]
    for r in rows:
        r["person"] = {"a": "Don Pettit", "b": "Jonny Kim", "c": "Chris Williams"}.get(
            r["key"], f"Ann {r['key'].title()}son"
        )
    g = figures.seat_lanes(rows, TODAY, as_of, words(), narrow=narrow)
    assert label_clashes(g) == []
    planned = next(b for b in g["bars"] if b["key"] == "d")
    assert planned["lines"][0] == "Dson" and any("June 2026" in line for line in planned["lines"])


# ---- Russia's plans ---------------------------------------------------------------------------------


POINTS = [
    {
        "announced": dt.date(2022, 7, 26),
        "subject": "Russia's ISS exit",
        "short": "Russia leaves ISS",
        "year": 2024,
        "label": "after 2024",
        "announced_label": "26 July 2022",
    },
    {
        "announced": dt.date(2023, 4, 25),
        "subject": "Russia's ISS exit",
        "short": "Russia leaves ISS",
        "year": 2028,
        "label": "at least 2028",
        "announced_label": "25 April 2023",
    },
    {
        "announced": dt.date(2022, 12, 26),
        "subject": "First module of Russia's station",
        "short": "First module",
        "year": 2028,
        "label": "2028",
        "announced_label": "26 December 2022",
    },
]


@pytest.mark.parametrize("narrow", [False, True])
def test_plans_chart_marks_bounds_labels_ends_and_today(narrow):
    g = figures.plans_chart(POINTS, TODAY, words(), narrow=narrow)
    kinds = [p["kind"] for line in g["lines"] for p in line["points"]]
    assert sorted(kinds) == ["lower", "lower", "point"]
    assert [e["lines"] for e in g["ends"]] == [
        ["Russia leaves ISS", "at least 2028"],
        ["First module", "2028"],
    ]
    lo, hi = (
        (g["plot"]["top"], g["plot"]["bottom"])
        if narrow
        else (g["plot"]["left"], g["plot"]["right"])
    )
    assert lo < g["today"]["pos"] <= hi
    assert g["when_title"] and g["value_title"]


def test_an_end_label_names_its_plan_by_the_newest_announcements_short_name():
    renamed = [{**POINTS[0], "short": "Old name"}, *POINTS[1:]]
    g = figures.plans_chart(renamed, TODAY, words())
    assert [e["lines"][0] for e in g["ends"]] == ["Russia leaves ISS", "First module"]
    # Without a short name (a subject short enough, which the schema allows), the subject.
    plain = [{k: v for k, v in p.items() if k != "short"} for p in POINTS]
    g = figures.plans_chart(plain, TODAY, words())
    assert g["ends"][0]["lines"][0] == "Russia's ISS exit"


def test_the_longest_short_name_the_schema_allows_fits_the_phone_layout():
    from orbit_content.schema import SHORT_SUBJECT

    longest = [{**p, "short": "n" * SHORT_SUBJECT} for p in POINTS]
    g = figures.plans_chart(longest, TODAY, words(), narrow=True)
    for e in g["ends"]:
        half = SHORT_SUBJECT * 0.55 * 14 / 2  # as wide as 17 average characters at 14 px
        assert 0 <= e["lx"] - half and e["lx"] + half <= g["width"]


def test_the_plans_short_names_come_from_plans_yaml(content):
    site, _ = content
    from orbit_views.charts import plan_points

    points = plan_points(site, TODAY)
    by_key = {p.key: p for p in site.data["plans"]}
    assert points and all(p["short"] for p in points)
    assert any(p["short"] != p["subject"] for p in points)
    assert [p["short"] for p in points] == [
        by_key[k].short_subject or by_key[k].subject for k in by_key
    ]


def leader_crossings(g) -> list[str]:
    """Where a leader of the phone layout runs through an axis title or another end label."""
    size = figures.AXIS_SIZE
    titles = {}
    for name, text in (("when", "↓ " + g["when_title"]), ("value", g["value_title"] + " →")):
        a, w = g[f"{name}_axis"], len(text) * figures.CHAR_EM * size
        x0 = a["x"] - w if a["anchor"] == "end" else a["x"]
        titles[text] = (x0, a["y"] - size, x0 + w, a["y"] + 3)
    found = []
    for e in g["ends"]:
        L = e["leader"]
        line = (L["x1"] - 1, L["y1"], L["x2"] + 1, L["y2"])
        others = {o["lines"][0]: figures.end_label_box(o) for o in g["ends"] if o is not e}
        for name, box in {**titles, **others}.items():
            if figures.overlaps(line, box):
                found.append(f"{e['lines'][0]}'s leader crosses {name}")
        # ...and it reaches its own label: it ends beside the label's first line.
        own = figures.end_label_box(e)
        assert own[1] <= L["y2"] <= own[1] + figures.LABEL_SIZE + 6
        assert min(abs(L["x1"] - own[0]), abs(L["x1"] - own[2])) <= 8
    return found


def test_on_a_phone_no_leader_of_the_plans_chart_crosses_a_title_or_a_label(content):
    """At 320 px the leaders dropped through "↑ When it was announced" under the plot, and one
    through the label stacked above its own."""
    from orbit_views.charts import plan_points

    site, _ = content
    today = dt.date(2026, 12, 1)
    real = figures.plans_chart(plan_points(site, today), today, words(), narrow=True)
    fixture = figures.plans_chart(POINTS, TODAY, words(), narrow=True)
    for g in (real, fixture):
        assert len(g["ends"]) >= 2
        assert leader_crossings(g) == []
        for e in g["ends"]:  # and every end label stays inside the drawing
            box = figures.end_label_box(e)
            assert 0 <= box[0] and box[2] <= g["width"] and box[3] <= g["height"]


def test_plans_table_is_in_date_order(orbit):
    table = orbit["figures"]["plans"]["table"]
    ordered = sorted(orbit["plans"], key=lambda p: p["announced"])
    assert [r[0] for r in table["rows"]] == [p["announced_label"] for p in ordered]


def test_the_today_line_is_the_builds_date(content):
    site, settings = content
    fixed = build_views(site, links_of(site), settings, dt.date(2027, 1, 1))
    assert fixed["today"] == dt.date(2027, 1, 1)
    assert fixed["figures"]["plans"]["wide"]["today"]["label"] == "today, 1 Jan 2027"


# ---- the south pole ---------------------------------------------------------------------------------


def test_every_site_is_located_or_named_never_none(orbit):
    sites = orbit["map_sites"]
    impact = next(s for s in sites if s["kind"] == "impact")
    assert (impact["lat"], impact["lon"]) == (-57.865, 61.36)  # NASA's LRO crater, craters.yaml
    assert all("None" not in s["where"] for s in sites)
    g = orbit["figures"]["south_pole"]["wide"]
    assert len(g["marks"]) == sum(1 for s in sites if s["lat"] is not None)
    assert "None" not in g["desc"]


def test_a_site_without_coordinates_is_named(content):
    site, _ = content
    landers = [
        {
            "key": "luna-25",
            "name": "Luna-25",
            "outcome": "failure",
            "end_text": "19 August 2023",
            "sites": [
                {
                    "name": "Somewhere on a crater rim",
                    "kind": "impact",
                    "kind_label": "Impact site",
                    "lat": None,
                    "lon": None,
                }
            ],
        }
    ]
    bare = type(site)(root=site.root)
    bare.data = {"missions": site.data["missions"], "craters": [], "labels": site.data["labels"]}
    (s,) = figure_views.map_sites(bare, landers)
    assert s["where"] == "No coordinates in our sources" and s["lat"] is None


@pytest.mark.parametrize("narrow", [False, True])
def test_map_crops_to_the_sites_and_keeps_labels_apart(orbit, narrow):
    g = orbit["figures"]["south_pole"]["narrow" if narrow else "wide"]
    F = g["frame"]
    for m in g["marks"] + [g["pole"]]:
        assert F["x"] <= m["x"] <= F["x"] + F["w"] and F["y"] <= m["y"] <= F["y"] + F["h"]
    assert g["scale"]["label"].endswith(" km") and g["scale"]["w"] > 0
    assert narrow == bool(g["key"])  # on a phone the notes are a numbered list


# ---- datasets and downloads ------------------------------------------------------------------------


def test_every_dataset_documents_its_columns_and_names_each_rows_source(orbit):
    keys = {d["key"] for d in orbit["datasets"]}
    assert keys == {"flights", "plans", "lunar-sites", "craters"}
    for d in orbit["datasets"]:
        names = [n for n, _ in d["columns"]]
        assert all(doc for _, doc in d["columns"]) and d["as_of"]
        assert "source_url" in names
        for r in d["rows"]:
            assert list(r) == names, d["key"]


def test_downloads_parse_and_match_the_data(built_site, content):
    site, _ = content
    folder = built_site / "data"
    rows = list(csv.DictReader(io.StringIO((folder / "flights.csv").read_text())))
    assert [r["key"] for r in rows] == [r["key"] for r in FLIGHTS.flight_rows(site, TODAY)]
    assert all(r["source_url"].startswith("http") for r in rows)
    rubio = next(r for r in rows if r["key"] == "rubio-ms22")
    assert (rubio["days_reported"], rubio["planned_days"]) == ("371", "188")
    data = json.loads((folder / "flights.json").read_text())
    assert data["licence"]["name"] == "CC BY 4.0" and data["as_of"]
    assert [c["name"] for c in data["columns"]] == list(rows[0])
    plans = list(csv.DictReader(io.StringIO((folder / "plans.csv").read_text())))
    assert [r["announced"] for r in plans] == sorted(r["announced"] for r in plans)
    assert len(plans) == len(site.data["plans"])
    for name in ("lunar-sites", "craters"):
        assert json.loads((folder / f"{name}.json").read_text())["rows"]


def test_csv_writer_refuses_an_undocumented_column():
    d = {"key": "x", "columns": [("a", "A")], "rows": [{"a": 1, "b": 2}]}
    with pytest.raises(ValueError):
        datasets.as_csv(d)


def soup(built_site, path):
    return BeautifulSoup((built_site / path / "index.html").read_text(), "lxml")


@pytest.mark.parametrize(
    "path, ident",
    [
        ("seat-swap", "figure-seat-swap"),
        ("extra-soyuz-seat", "figure-seat-swap"),
        ("crew-exchange", "figure-seat-swap"),
        ("russian-orbital-station", "figure-plans"),
        ("lunar-south-pole", "figure-south-pole"),
        ("luna-25", "figure-south-pole"),
        ("chandrayaan-3", "figure-south-pole"),
        ("moon-missions", "figure-south-pole"),
    ],
)
def test_every_figure_is_numbered_captioned_sourced_dated_and_downloadable(built_site, path, ident):
    fig = soup(built_site, path).find("figure", id=ident)
    assert fig is not None
    assert fig.select_one("a.figure-number")["href"] == f"#{ident}"
    assert fig.select_one(".figure-number").get_text().startswith("Figure ")
    assert fig.figcaption.get_text(strip=True)
    meta = fig.select_one(".chart-meta").get_text(" ", strip=True)
    assert "Source:" in meta and "Data as of" in meta and "Download the data" in meta
    links = [a["href"] for a in fig.select(".chart-meta a[download]")]
    assert any(h.endswith(".csv") for h in links) and any(h.endswith(".json") for h in links)
    for href in links:
        assert (built_site / href.lstrip("/")).exists(), href
    assert fig.select_one(".chart-wide svg") and fig.select_one(".chart-narrow svg")


def test_data_page_lists_every_dataset_with_columns_licence_and_citation(built_site, orbit):
    page = soup(built_site, "data")
    for d in orbit["datasets"]:
        section = page.find("section", id=d["key"])
        assert section is not None, d["key"]
        assert len(section.select("table.columns tbody tr")) == len(d["columns"])
        assert "CC BY 4.0" in section.get_text() and section.select_one(".cite-as")


def test_home_leads_with_a_figure_and_numbers_from_the_data(built_site, orbit):
    page = BeautifulSoup((built_site / "index.html").read_text(), "lxml")
    assert page.select_one(".home-lead figure#figure-seat-swap")
    numbers = [n.get_text(" ", strip=True) for n in page.select(".key-numbers .number")]
    assert "371 days" in numbers
    assert f"{len([f for f in orbit['flights'] if f['status'] != 'planned'])} flights" in numbers
    assert any(n.startswith("69.4° S") for n in numbers)
    assert "127 s vs 84 s" in numbers
    assert "2028" in numbers
