"""Trust rules beyond the one-line error fixtures: warnings that never fail the check."""

from __future__ import annotations

from conftest import ROOT, SITES, overlay_site
from orbit_content.validate import validate_content


def test_the_valid_fixture_site_has_no_warnings():
    assert validate_content(SITES / "valid" / "content").warnings == []


# ---- content that knows when it has gone stale (a fixed today, never the calendar) -----------

import datetime as dt  # noqa: E402

from conftest import orbit_cli  # noqa: E402
from orbit_content import expected  # noqa: E402

STALE_ON_1_DEC = [
    "content/articles/second-article.md:14: events[1].date: 'Something is due to happen' was "
    "still to come (2026-11-30) when its source was last read on 2026-11-25",
    "content/data/flights.yaml:21: flights[1].expected_by: Someone Planned's launch on Soyuz "
    "MS-30 was expected by June 2026, and no launch is recorded",
    "content/data/missions.yaml:37: missions[3].expected_by: Soyuz MS-30 is still planned; its "
    "launch was expected by June 2026",
    "content/data/plans.yaml:13: plans[1].named_year: The exit: 'in 2025' (announced 2025-03-01) "
    "was due by 2025, and no outcome is recorded",
]
FIX = " — record what happened, or move the date and cite the source"


def test_claims_past_their_date_are_listed_with_what_to_do(tmp_path):
    content = overlay_site(SITES / "stale", tmp_path)
    site = validate_content(content, today=dt.date(2026, 12, 1))
    assert site.problems == []  # time passing is never an error
    assert [str(p) for p in site.stale] == [line + FIX for line in STALE_ON_1_DEC]


def test_what_is_listed_follows_the_given_today_only(tmp_path):
    content = overlay_site(SITES / "stale", tmp_path)
    later = {p.field for p in validate_content(content, today=dt.date(2027, 1, 1)).stale}
    # The in-progress flight (due 20 December) and the 2026 key fact are now due too; the
    # superseded 2022 announcement and the plan with an outcome never are.
    assert later == {
        "events[1].date",
        "flights[1].expected_by",
        "flights[2].expected_by",
        "missions[2].expected_by",
        "missions[3].expected_by",
        "plans[1].named_year",
        "key_facts[1].expected_by",
    }
    earlier = validate_content(content, today=dt.date(2025, 6, 1)).stale
    assert earlier == []


def test_expected_dates_keep_the_precision_of_their_source():
    assert (expected.deadline("2026"), expected.label("2026")) == (dt.date(2026, 12, 31), "2026")
    assert (expected.deadline("2026-06"), expected.label("2026-06")) == (
        dt.date(2026, 6, 30),
        "June 2026",
    )
    assert expected.label("2026-07-26") == "26 July 2026"


def test_site_stale_exits_1_listing_each_claim_and_0_when_none(tmp_path):
    content = str(overlay_site(SITES / "stale", tmp_path))
    listed = orbit_cli("stale", "--content", content, "--today", "2026-12-01")
    assert listed.returncode == 1
    assert listed.stdout.splitlines() == [line + FIX for line in STALE_ON_1_DEC]
    clear = orbit_cli("stale", "--content", content, "--today", "2025-06-01")
    assert (clear.returncode, clear.stdout.strip()) == (0, "Nothing past due as of 2025-06-01.")
    wrong = orbit_cli("stale", "--content", content, "--today", "1 June")
    assert wrong.returncode == 3 and "--today: '1 June' is not a date" in wrong.stderr


def test_site_check_prints_stale_claims_as_warnings_and_passes(tmp_path):
    content = overlay_site(SITES / "stale", tmp_path)
    for article in (content / "articles").glob("*.md"):  # drafts: no editorial minimums
        article.write_text(article.read_text().replace("category:", "status: draft\ncategory:", 1))
    glossary = content / "data" / "glossary.yaml"  # which then may not link to them
    glossary.write_text(
        "\n".join(line for line in glossary.read_text().splitlines() if "see:" not in line) + "\n"
    )
    checked = orbit_cli("check", "--content", str(content))
    assert checked.returncode == 0, checked.stderr
    assert "warning(s); they do not fail the check" in checked.stderr
    assert STALE_ON_1_DEC[1] + FIX in checked.stderr.splitlines()


def test_the_built_page_says_a_past_due_plan_is_unconfirmed(tmp_path):
    from orbit_cli.build import build

    content = overlay_site(SITES / "stale", tmp_path)
    out = tmp_path / "output"
    code = build(
        str(ROOT / "pelican.conf.py"),
        str(out),
        {"PATH": str(content), "ORBIT_TODAY": dt.date(2026, 12, 1)},
        quiet=True,
    )
    assert code == 0
    page = next(p for p in out.rglob("index.html") if 'id="flight-someone-ms30"' in p.read_text())
    row = page.read_text().split('id="flight-someone-ms30"')[1].split("</tr>")[0]
    assert "Launch planned for June 2026; we have not yet confirmed what happened" in row
    aloft = page.read_text().split('id="flight-someone-ms29"')[1].split("</tr>")[0]
    assert "In progress" in aloft and "Return planned for 20 December 2026" in aloft
    assert "not yet confirmed" not in aloft
    # Data pages and article headers give dates derived from the sources' access dates.
    from bs4 import BeautifulSoup

    as_of = BeautifulSoup(page.read_text(), "html.parser").select_one(".data-as-of").get_text()
    assert " ".join(as_of.split()) == (
        "Flight sources last read on 25 November 2026. A flight still in space or planned gives "
        "the date its status was last reported, and the chart stops there."
    )
    header = (
        (out / "second-article" / "index.html").read_text().split('class="meta article-dates"')[1]
    )
    assert 'Facts as of <time datetime="2026-11-25">' in header.split("</ul>")[0]


def test_a_correction_shows_what_was_wrong_what_it_says_now_and_the_source(tmp_path):
    from bs4 import BeautifulSoup

    from orbit_cli.build import build

    content = overlay_site(SITES / "stale", tmp_path)
    out = tmp_path / "output"
    assert (
        build(
            str(ROOT / "pelican.conf.py"),
            str(out),
            {"PATH": str(content), "ORBIT_TODAY": dt.date(2026, 12, 1)},
            quiet=True,
        )
        == 0
    )
    article = BeautifulSoup((out / "second-article" / "index.html").read_text(), "html.parser")
    item = article.select_one("#corrections li").get_text(" ", strip=True)
    assert item == (
        "26 November 2026 : The page said: “Two was 3”. It now says: “Two is 2”. Source: P ."
    )
    assert article.select_one("#corrections li a")["href"] == "#source-only"
    # A reprint is labelled as what it is in the source list.
    assert article.select_one("#source-copy .source-kind").get_text() == "Reprint of Reuters."
    log = BeautifulSoup((out / "corrections" / "index.html").read_text(), "html.parser")
    entry = log.select_one(".corrections-log li")
    assert "The page said: “Two was 3”. It now says: “Two is 2”." in entry.get_text()
    assert entry.select("a")[-1]["href"] == "https://example.org/c"


def test_a_correction_of_a_citation_alone_gives_text_and_its_source(tmp_path):
    """Where the words stayed and only the citation changed, `text` says what changed; the
    source is still required (the golden file has the same entry without it, an error)."""
    content = overlay_site(SITES / "errors" / "correction-without-what-was-wrong", tmp_path)
    article = content / "articles" / "second-article.md"
    text = article.read_text()
    assert '{date: 2026-11-26, text: "Fixed the number."}' in text
    article.write_text(
        text.replace(
            '{date: 2026-11-26, text: "Fixed the number."}',
            '{date: 2026-11-26, text: "Fixed the number.", source: only}',
        )
    )
    site = validate_content(content)
    problems = [str(p) for p in site.problems if "second-article.md" in str(p)]
    assert [p.split(": ")[1] for p in problems] == ["corrections[0]", "corrections[1].source"]
    assert not [w for w in site.warnings if "corrections" in str(w)]
