"""The real content meets the editorial minimums; each rule is proven on a fixture that breaks it."""

from __future__ import annotations

from pelican.settings import read_settings

from conftest import ROOT, SITES, overlay_site
from orbit_content.editorial import MIN_WORDS, article_problems, body_words, flight_problems
from orbit_content.validate import validate_content

REAL = validate_content(
    ROOT / "content", read_settings(str(ROOT / "pelican.conf.py"))["ORBIT_HTTP_HOSTS"]
)

ARTICLES = {
    "iss-partnership",
    "seat-swap",
    "extra-soyuz-seat",
    "russian-orbital-station",
    "luna-25",
    "chandrayaan-3",
    "lunar-south-pole",
}


def test_real_content_is_valid():
    assert [str(p) for p in REAL.problems] == []


def test_every_story_has_its_article():
    assert {a.slug for a in REAL.articles.values()} >= ARTICLES


def test_articles_meet_the_editorial_minimums():
    assert [str(p) for p in article_problems(REAL)] == []


def test_computed_flight_durations_match_reported_ones():
    assert [str(p) for p in flight_problems(REAL)] == []


def test_every_seat_swap_flight_is_in_the_data():
    flights = REAL.data["flights"]
    assert len(flights) >= 15
    assert {f.agency for f in flights} == {"nasa", "roscosmos"}


def test_short_and_uncited_articles_are_caught(tmp_path):
    site = validate_content(overlay_site(SITES / "editorial", tmp_path))
    problems = [str(p) for p in article_problems(site)]
    first = next(p for p in site.articles if p.name == "first-article.md")
    words = body_words(site.documents[first].body)
    assert words < MIN_WORDS
    assert (
        f"content/articles/first-article.md:{site.documents[first].body_start}: body: "
        f"{words} words, fewer than {MIN_WORDS} — explain more, or keep it as status: draft "
        "until it is ready"
    ) in problems
    assert (
        "content/articles/second-article.md:19: body: paragraph with a figure but no "
        "citation: 'Soyuz MS-22 launched in 2022 and nobody cited it.…' — cite where the "
        "figure comes from with [@source-id]"
    ) in problems
    assert any(
        p.startswith("content/articles/second-article.md:")
        and ": sources: 1 sources, fewer than 3 — " in p
        for p in problems
    )


def test_duration_mismatch_is_caught(tmp_path):
    site = validate_content(overlay_site(SITES / "editorial", tmp_path))
    [problem] = flight_problems(site)
    assert str(problem).startswith("content/data/flights.yaml:")
    assert str(problem).endswith(
        ": flights[0].duration_reported_days: rubio-ms22: computed "
        "370.9 days, reported 365 — check launch, landing and the "
        "reported days against the sources"
    )
