"""Claims past their expected date, with nothing recorded, are marked on the charts and the
timeline: "overdue — last reported …", judged against a fixed build date."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from conftest import ROOT, SITES, overlay_site
from orbit_content.expected import last_reported
from orbit_content.validate import validate_content
from orbit_views.context import build_views
from orbit_views.links import Links
from orbit_views.timeline import timeline, timeline_years

# A planned flight, due in June 2026, last reported on 13 February 2026; and an article event
# dated 20 December 2026 whose only source was read on 25 November 2026.
PLANNED = """  - key: ann-ms30
    person: Ann Example
    agency: nasa
    launch_mission: soyuz-ms-23
    agreement: Original July 2022 agreement
    status: planned
    as_of: 2026-02-13
    expected_by: 2026-06
    planned_launch: 2026-06-01
    planned_launch_precision: month
    sources:
      - {id: fixture-source, title: A fixture source, publisher: Fixture, url: "https://example.org/a", accessed: 2026-11-25, kind: agency}
"""
# A mission no flight flies, planned for 2026, whose sources were last read on 25 November 2026.
MISSION = """  - key: probe-example
    name: Probe Example
    agencies: [roscosmos]
    kind: lunar-lander
    launch: null
    end: null
    outcome: planned
    expected_by: 2026
    summary: A planned probe.
    sources:
      - {id: fixture-source, title: A fixture source, publisher: Fixture, url: "https://example.org/a", accessed: 2026-11-25, kind: agency}
"""
EVENT = '  - {date: 2026-12-20, text: "Something is due", source: only}\n'
BEFORE, AFTER = dt.date(2026, 5, 1), dt.date(2027, 1, 10)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = overlay_site(SITES / "valid", tmp_path_factory.mktemp("overdue"))
    flights = content / "data" / "flights.yaml"
    flights.write_text(flights.read_text(encoding="utf-8") + PLANNED, encoding="utf-8")
    missions = content / "data" / "missions.yaml"
    missions.write_text(missions.read_text(encoding="utf-8") + MISSION, encoding="utf-8")
    article = content / "articles" / "second-article.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("events:\n", "events:\n" + EVENT, 1), encoding="utf-8")
    checked = validate_content(content, today=AFTER)
    assert checked.problems == []
    return checked


def links_of(site) -> Links:
    articles = {a.slug: a for a in site.articles.values()}
    pages = {p.slug: p for p in site.pages.values()}
    return Links(articles, pages, {slug: f"{slug}/" for slug in [*articles, *pages]})


def marked(site, today: dt.date) -> dict[str, tuple[str, str]]:
    years = timeline_years(timeline(site, links_of(site), today), {}, "Other")
    return {e["text"]: (e["date_text"], e["overdue"]) for y in years for e in y["events"]}


def test_the_timeline_marks_a_flight_and_an_event_once_their_date_has_passed(site):
    before, after = marked(site, BEFORE), marked(site, AFTER)
    # Said as what was planned: "launches" would read as if it had happened.
    launch = "Ann Example (NASA) was due to launch to the ISS on Soyuz MS-23"
    probe = "Probe Example was due to launch"
    assert launch not in before and probe not in before  # still ahead: plans, not events
    assert "Ann Example (NASA) launches to the ISS on Soyuz MS-23" not in after
    assert after[launch] == ("June 2026", "overdue — last reported 13 February 2026")
    assert after[probe] == ("2026", "overdue — last reported 25 November 2026")
    assert before["Something is due"] == ("20 December 2026", "")
    assert after["Something is due"] == (
        "20 December 2026",
        "overdue — last reported 25 November 2026",
    )
    assert [k for k, (_, late) in after.items() if late] == [probe, launch, "Something is due"]


def test_every_overdue_entry_of_the_site_is_worded_as_a_plan():
    """On the site's own data, judged on 1 December 2026 (`./site stale --today 2026-12-01`
    lists six claims; the three missions are told through their flights): each entry past its
    date says what was due, and only those do."""
    from orbit_content.validate import stale

    today = dt.date(2026, 12, 1)
    real = validate_content(ROOT / "content", today=today)
    entries = [
        e
        for y in timeline_years(timeline(real, links_of(real), today), {}, "Other")
        for e in y["events"]
    ]
    late = [e for e in entries if e["overdue"]]
    assert len(late) == sum(stale.overdue(f, today) for f in real.data["flights"])
    for e in entries:
        assert (" was due to " in e["text"]) == bool(e["overdue"]), e["text"]


def test_the_seat_swap_chart_and_its_table_mark_the_flight_overdue(site):
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelican.conf.py"))
    for today, late in ((BEFORE, False), (AFTER, True)):
        figure = build_views(site, links_of(site), settings, today)["figures"]["seat_lanes"]
        for layout in ("wide", "narrow"):
            bar = next(b for b in figure[layout]["bars"] if b["key"] == "ann-ms30")
            assert bar["overdue"] is late
            assert ("overdue" in bar["lines"]) is late
            assert ("Ann Example, last reported 13 February 2026" in figure[layout]["desc"]) is late
        cell = next(r for r in figure["table"]["rows"] if r[0] == "Ann Example")[3]
        assert cell == (
            "Overdue — last reported 13 February 2026" if late else "Planned as of 13 February 2026"
        )
        assert ("“overdue”" in figure["caption"]) is late


def test_the_timeline_entry_shows_the_mark_as_a_badge(site):
    """The theme's macro puts the mark beside the entry's text, where a reader sees it."""
    from bs4 import BeautifulSoup
    from jinja2 import Environment, FileSystemLoader

    from orbit_views import theme_words

    env = Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"), autoescape=True)
    theme_words.prepare(env, site)
    macro = env.get_template("macros/timeline.html").module.event_item
    years = timeline_years(timeline(site, links_of(site), AFTER), {}, "Other")
    entry = next(e for y in years for e in y["events"] if e["text"] == "Something is due")
    soup = BeautifulSoup(str(macro(entry)), "html.parser")
    badge = soup.select_one(".event-text .badge-overdue")
    assert badge is not None
    assert badge.get_text() == "overdue — last reported 25 November 2026"


POINTS = [
    {"announced": dt.date(2022, 7, 26), "subject": "Russia's ISS exit", "year": 2024},
    {"announced": dt.date(2023, 4, 25), "subject": "Russia's ISS exit", "year": 2028},
    {"announced": dt.date(2022, 12, 26), "subject": "End of the ISS", "year": 2030},
    {
        "announced": dt.date(2024, 1, 10),
        "subject": "First module of Russia's station",
        "year": 2027,
    },
]
SHORT = {"Russia's ISS exit": "Russia leaves ISS", "End of the ISS": "ISS ends"}
POINTS = [{**p, "short": SHORT.get(p["subject"], "First module")} for p in POINTS]


@pytest.mark.parametrize("narrow", [False, True], ids=["wide", "narrow"])
def test_the_plans_chart_marks_the_newest_announcement_past_its_date(narrow):
    from test_figures import words

    from orbit_views import figures

    points = [
        {
            **p,
            "label": str(p["year"]),
            "announced_label": p["announced"].isoformat(),
            "overdue": p["year"] == 2027,
            "last_reported": dt.date(2026, 3, 1),
        }
        for p in POINTS
    ]
    g = figures.plans_chart(points, dt.date(2028, 1, 10), words(), narrow=narrow)
    ends = {e["lines"][0]: e for e in g["ends"]}
    assert ends["First module"]["lines"] == ["First module", "2027", "overdue"]
    assert ends["ISS ends"]["lines"] == ["ISS ends", "2030"]
    # Three lines 16 apart, the first label-sized: no end label runs into another or out.
    boxes = []
    for e in g["ends"]:
        w = max(len(line) for line in e["lines"]) * 0.55 * 14
        x0 = {"middle": e["lx"] - w / 2, "end": e["lx"] - w}.get(e["anchor"], e["lx"])
        boxes.append((x0, e["ly"] - 14, x0 + w, e["ly"] + 16 * (len(e["lines"]) - 1) + 3))
    for i, a in enumerate(boxes):
        assert a[3] <= g["height"] and a[0] >= 0 and a[2] <= g["width"]
        assert not any(figures.overlaps(a, b) for b in boxes[i + 1 :])


def test_only_the_newest_announcement_of_a_plan_can_be_overdue():
    from orbit_views.charts import plan_points

    site = validate_content(ROOT / "content")
    assert not any(p["overdue"] for p in plan_points(site, dt.date(2000, 1, 1)))
    late = [p for p in plan_points(site, dt.date(2100, 1, 1)) if p["overdue"]]
    newest = {}
    for p in site.data["plans"]:
        if p.subject not in newest or p.announced >= newest[p.subject].announced:
            newest[p.subject] = p
    assert sorted(p["subject"] for p in late) == sorted(
        s for s, p in newest.items() if p.outcome is None
    )


def test_last_reported_is_the_records_own_date_else_its_newest_reading():
    """One rule for the timeline and the charts: a flight's `as_of` (13 February here, though
    its source was read on 25 November), and for a record without one the newest reading."""
    read = [SimpleNamespace(accessed=dt.date(2026, m, 1)) for m in (3, 11, 7)]
    assert last_reported(SimpleNamespace(as_of=dt.date(2026, 2, 13), sources=read)) == dt.date(
        2026, 2, 13
    )
    assert last_reported(SimpleNamespace(as_of=None, sources=read)) == dt.date(2026, 11, 1)
    assert last_reported(SimpleNamespace(sources=read)) == dt.date(2026, 11, 1)
