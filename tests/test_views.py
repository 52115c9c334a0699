"""The reader's site: values computed for templates, the build-time figures, glossary marking,
and what the theme renders from them on the real site.

Unit tests use small models built here (so each rule is pinned down whatever the content says);
the rest read the real built site with BeautifulSoup and compare it with the validated content,
so a page that drops a flight, an event or a source fails.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown import Markdown

from conftest import ROOT, source_record
from orbit_assets.stylesheets import BUNDLES, minify, style_files, stylesheets
from orbit_content import glossary_marks, schema
from orbit_content.schema import day
from orbit_content.typography import smarten_site
from orbit_content.unbroken import markup as unbroken
from orbit_content.validate import validate_content
from orbit_content.validate.body import markdown_for
from orbit_content.validate.settings import load
from orbit_contract import duration_days
from orbit_views import flights, home, missions, sources
from orbit_views import format as fmt
from orbit_views.links import Links
from orbit_views.timeline import timeline, timeline_years
from orbit_views.wording import Words

UTC = dt.UTC
TODAY = dt.date(2026, 3, 1)


def soup_of(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "lxml")


@pytest.fixture(scope="module")
def content():
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelican.conf.py"))
    site = validate_content(ROOT / "content", settings["ORBIT_HTTP_HOSTS"])
    assert site.problems == []
    smarten_site(site, settings)  # as the build does: pages show curly quotes
    return site, settings


def links_of(site) -> Links:
    """Links as Pelican would give them with this site's URL settings ("{slug}/")."""
    articles = {a.slug: a for a in site.articles.values() if a.status == "published"}
    pages = {p.slug: p for p in site.pages.values() if p.status != "draft"}
    return Links(articles, pages, {slug: f"{slug}/" for slug in [*articles, *pages]})


def source(ident="s1"):
    return schema.Source(
        id=ident,
        title="A source",
        publisher="Pub",
        url="https://example.org/" + ident,
        accessed=dt.date(2026, 3, 1),
        kind="press",
    )


# ---- computed values ----------------------------------------------------------------------------


def test_duration_days_uses_utc_instants_to_a_tenth_of_a_day():
    launch = dt.datetime(2022, 9, 21, 13, 54, 49, tzinfo=UTC)
    landing = dt.datetime(2023, 9, 27, 11, 17, tzinfo=UTC)
    assert duration_days(launch, landing) == 370.9
    assert duration_days(dt.date(2023, 8, 10), dt.date(2023, 8, 19)) == 9.0
    assert duration_days(launch, None) is None


@pytest.mark.parametrize(
    "computed, reported, differ",
    [
        (370.9, 371, False),
        (157.4, 157, False),
        (235.2, 232, True),
        (146.6, 147, False),
        (146.4, 147, True),
        (None, 100, False),
        (100.0, None, False),
    ],
)
def test_reported_duration_is_shown_only_when_it_differs(computed, reported, differ):
    assert flights.durations_differ(computed, reported) is differ


def test_reading_time_rounds_up_and_is_at_least_a_minute():
    assert fmt.reading_minutes(0) == 1
    assert fmt.reading_minutes(fmt.WORDS_PER_MINUTE + 1) == 2


def test_short_title_keeps_the_lead_phrase():
    assert home.short_title("The seat swap: how NASA trades") == "The seat swap"
    assert home.short_title("Why the lunar south pole? Ice") == "Why the lunar south pole?"


def test_flight_rows_compute_durations_and_time_in_space_so_far(content):
    site, _ = content
    rows = flights.flight_rows(site, TODAY)
    assert len(rows) == len(site.data["flights"])
    for row, flight in zip(
        rows,
        sorted(site.data["flights"], key=lambda f: (day(f.launch) or dt.date.max, f.person)),
        strict=True,
    ):
        assert row["person"] == flight.person
        assert row["duration_days"] == duration_days(flight.launch, flight.landing)
        if flight.status == "in-progress" and flight.launch:
            assert row["duration_so_far"] == duration_days(flight.launch, flight.as_of)
    dates = [day(r["launch"]) for r in rows if r["launch"]]
    assert dates == sorted(dates)


def test_timeline_merges_articles_and_data_without_saying_a_thing_twice(content):
    site, settings = content
    urls = links_of(site)
    events = timeline(site, urls, TODAY)
    texts = {(e.date, e.text) for e in events}
    for article in urls.articles.values():
        for e in article.events:
            assert (e.date, e.text) in texts
    named = {(e.mission, e.date) for a in urls.articles.values() for e in a.events if e.mission}
    flights = [e for e in events if e.kind == "flight"]
    assert flights, "seat-swap flights are on the timeline"
    for f in site.data["flights"]:
        if f.launch and (f.launch_mission, day(f.launch)) not in named:
            assert any(e.date == day(f.launch) and f.person in e.text for e in flights)
    assert [e.date for e in events] == sorted(e.date for e in events)
    years = timeline_years(events, {}, "Other")
    assert sum(len(y["events"]) for y in years) == len(events)


def test_mission_topic_comes_from_the_articles_that_name_it(content):
    site, _ = content
    topics = missions.mission_topics(site)
    for article in site.articles.values():
        for e in article.events:
            if e.mission:
                assert e.mission in topics
    flight_topics = {e.topic for e in timeline(site, links_of(site), TODAY) if e.kind == "flight"}
    assert len(flight_topics) == 1, "all seat-swap flights file under one topic"


def test_sources_index_lists_each_address_once_with_every_citing_page(content):
    site, settings = content
    urls = links_of(site)
    index = sources.sources_index(site, urls)
    by_url = {e["url"]: e for e in index}
    assert len(by_url) == len(index)
    for article in urls.articles.values():
        for s in article.sources:
            assert f"{urls.article(article.slug)}#source-{s.id}" in {
                c["url"] for c in by_url[s.url]["cited_on"]
            }
    for f in site.data["flights"]:
        for s in f.sources:
            assert s.url in by_url


def test_corrections_log_is_newest_first_and_links_to_the_article():
    article = schema.Article(
        title="T",
        slug="t",
        summary="A summary long enough for the model.",
        date=dt.date(2026, 1, 1),
        reviewed=dt.date(2026, 1, 1),
        category="moon",
        key_facts=[{"label": "a", "value": "b", "source": "s1"}] * 3,
        events=[{"date": dt.date(2023, 1, 1), "text": "x", "source": "s1"}],
        sources=[source()],
        corrections=[
            {"date": dt.date(2026, 2, 1), "text": "Fixed A."},
            {"date": dt.date(2026, 3, 1), "text": "Fixed B."},
        ],
    )
    site = validate_content(ROOT / "tests" / "sites" / "valid" / "content")
    site.articles = {Path("t.md"): article}
    log = home.corrections_log(site, links_of(site))
    assert [c["text"] for c in log] == ["Fixed B.", "Fixed A."]
    assert log[0]["url"] == "t/#corrections"


def test_comparison_has_one_cell_per_mission_in_every_row(content):
    site, _ = content
    landers = missions.mission_rows(site, "lunar-lander")
    assert {r["name"] for r in landers} >= {"Luna-25", "Chandrayaan-3"}
    rows = missions.comparison(landers, Words.of(site))
    assert all(len(r["cells"]) == len(landers) for r in rows)


# The figures' geometry, datasets and downloads are tested in test_figures.py.


# ---- glossary marking ---------------------------------------------------------------------------


TERMS = [
    schema.GlossaryTerm(
        term="International Space Station",
        abbr="ISS",
        definition="A station.",
        aliases=["space station"],
    ),
    schema.GlossaryTerm(term="Soyuz", definition="A spacecraft."),
]


def convert(text: str, marker=None) -> tuple[str, glossary_marks.Outline]:
    """Markdown as the site converts it (citations, smarty, toc ids), glossary marking on."""
    md = Markdown(
        extensions=["orbit_content.citations", "smarty", "toc", "md_in_html"],
        extension_configs={"toc": {"toc_depth": "2-3"}},
        output_format="html5",
    )
    glossary_marks.use(md, marker)
    return md.convert(text), glossary_marks.outline(md)


def mark(text: str) -> BeautifulSoup:
    marker = glossary_marks.Marker.of(TERMS, "/glossary/", ident=glossary_marks.term_anchor)
    return BeautifulSoup(convert(text, marker)[0], "html.parser")


def test_first_use_of_each_term_is_marked_once_abbreviations_with_abbr():
    soup = mark("The ISS is big.\n\nSoyuz flies to the ISS. Soyuz again.")
    links = soup.select("a.term")
    assert [a.get_text() for a in links] == ["ISS", "Soyuz"]
    assert links[0]["href"] == "/glossary/#term-international-space-station"
    assert links[0].abbr["title"] == "International Space Station"


def test_terms_are_not_marked_inside_links_headings_code_or_citations():
    soup = mark('## The ISS\n\n[ISS](/x) `ISS` <sup class="cite">ISS</sup>\n\nSoyuz')
    assert [a.get_text() for a in soup.select("a.term")] == ["Soyuz"]


def test_raw_html_is_left_as_written_and_its_elements_still_skip_their_text():
    soup = mark('<div class="box">The ISS</div>\n\nAn <abbr title="x">ISS</abbr> and Soyuz.')
    assert [a.get_text() for a in soup.select("a.term")] == ["Soyuz"]
    assert soup.select_one("div.box").decode_contents() == "The ISS"


def test_quotes_and_entities_around_a_term_are_kept():
    html, _ = convert(
        "The “ISS’s” crew &amp; Soyuz.",
        glossary_marks.Marker.of(TERMS, "/g/", ident=glossary_marks.term_anchor),
    )
    assert '“<a class="term" href="/g/#term-international-space-station"><abbr' in html
    assert "</abbr></a>’s” crew &amp; Soyuz." in html


def test_abbreviations_match_case_and_words_match_whole():
    soup = mark("A kiss. The Soyuzes. The space station.")
    assert [a.get_text() for a in soup.select("a.term")] == ["space station"]


def test_at_most_one_term_per_paragraph():
    soup = mark("Soyuz to the ISS.\n\nISS again.")
    assert [a.get_text() for a in soup.select("a.term")] == ["Soyuz", "ISS"]


def test_toc_and_word_count_come_from_the_conversion():
    _, outline = convert("## A\n\none two [@s]\n\n### B\n\n<h2>no id</h2>\n\nit’s")
    assert outline.toc == [
        {"id": "a", "text": "A", "children": [{"id": "b", "text": "B", "children": []}]}
    ]
    assert outline.words == 7  # A, one, two, B, no, id, it’s: not the citation's number


def test_a_marked_term_is_a_string_of_its_own_in_the_word_count():
    # As a browser (and the count before marking moved into the conversion) reads it.
    marker = glossary_marks.Marker.of(TERMS, "/g/", ident=glossary_marks.term_anchor)
    assert convert("(ISS) flies.", marker)[1].words == 4  # "(", "ISS", ")", "flies."
    assert convert("(ISS) flies.")[1].words == 2


def test_a_name_and_its_number_stay_on_one_line_in_the_text():
    """Chromium breaks a line after "Luna-"; each such name in a body is one nowrap span
    (orbit_content/unbroken.py), in text, links and terms, never in code or in a date, and the
    glossary still marks the term whole and counts the same words."""
    body = (
        "Luna-25 crashed before [Chandrayaan-3](https://example.org/c)’s landing on 2023-08-23 "
        "and `MS-22` flew; the ISS was Soyuz MS-22’s goal.\n"
    )
    marker = glossary_marks.Marker.of(TERMS, "/g/", ident=glossary_marks.term_anchor)
    config = load()["MARKDOWN"]
    md = markdown_for(config)  # configured as Pelican's reader is
    glossary_marks.use(md, marker)
    page = BeautifulSoup(md.convert(body), "html.parser")
    assert [s.get_text() for s in page.select("span.nowrap")] == [
        "Luna-25",
        "Chandrayaan-3",
        "MS-22",
    ]
    assert (
        page.select_one("a[href='https://example.org/c'] span.nowrap").get_text() == "Chandrayaan-3"
    )
    assert page.code.get_text() == "MS-22" and not page.code.select("span")
    assert "on 2023-08-23 and" in page.get_text()
    assert page.select_one("a.term").get_text() == "ISS"
    plain = Markdown(extensions=list(config["extension_configs"]), output_format="html5")
    glossary_marks.use(plain, marker)
    plain.convert(body)
    assert glossary_marks.outline(md).words == glossary_marks.outline(plain).words > 10


def test_minify_keeps_descendant_pseudo_classes_and_strings():
    css = '.prose :target { color: red ; }\n/* note */ a::after { content: " <" attr(href) ">"; }'
    assert minify(css) == '.prose :target{color:red}a:after{content:" <" attr(href)">"}'


def test_each_bundle_is_its_files_minified_as_one():
    """The bundles join each file minified on its own; that holds only while minifying the
    joined files gives the same bytes (nothing is rewritten across two files)."""
    bundles = stylesheets(ROOT / "theme")
    assert bundles.keys() == BUNDLES.keys()
    for name, css in bundles.items():
        files = style_files(ROOT / "theme", name)
        assert len(files) >= 5, name
        assert css == minify("\n".join(p.read_text(encoding="utf-8") for p in files)), name


# ---- the built site -----------------------------------------------------------------------------


def articles(content):
    site, settings = content
    return [a for a in site.articles.values() if a.status == "published"]


def test_article_page_has_everything_a_reader_needs(built_site, content):
    for model in articles(content):
        soup = soup_of(built_site, f"{model.slug}/index.html")
        header = soup.select_one("article .article-header")
        assert header.h1.get_text(strip=True) == model.title
        assert header.select_one(".summary").get_text(strip=True) == model.summary
        times = {t["datetime"] for t in header.select("time")}
        facts_as_of = max(s.accessed for s in model.sources)  # derived, never typed
        assert {model.date.isoformat(), facts_as_of.isoformat()} <= times
        assert re.search(r"\d+ min read", header.get_text())
        facts = soup.select(".key-facts dl > div")
        assert len(facts) == len(model.key_facts)
        for fact, div in zip(model.key_facts, facts, strict=True):
            link = div.select_one("a.fact-source")
            assert link["href"] == f"#source-{fact.source}"
            assert soup.find(id=f"source-{fact.source}") is not None
            if fact.as_of:
                assert "As of" in div.get_text()
        sources = soup.select(".sources li[id^=source-]")
        assert len(sources) == len(model.sources)
        assert all(li.select("a.backref") for li in sources)
        report = soup.select_one(".report a")
        assert report["href"].startswith(
            "https://github.com/orbit-exchange/orbit-exchange/issues/new"
        )
        related = soup.select(".related a")
        assert len(related) == len(model.related)


def test_long_articles_have_a_table_of_contents_that_links_to_their_sections(built_site, content):
    for model in articles(content):
        soup = soup_of(built_site, f"{model.slug}/index.html")
        sections = soup.select(".prose h2[id]")
        toc = soup.select(".toc > details > ol > li > a")  # folded on phones
        if len(sections) >= 3:
            assert [a["href"] for a in toc] == [f"#{h['id']}" for h in sections]
        else:
            assert toc == []


def test_articles_carry_json_ld_with_dates_publisher_and_citations(built_site, content):
    for model in articles(content):
        soup = soup_of(built_site, f"{model.slug}/index.html")
        data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
        assert data["@type"] == "Article" and data["headline"] == model.title
        assert data["datePublished"] == model.date.isoformat()
        assert data["publisher"]["name"] == "Orbit Exchange"
        assert set(data["citation"]) == {s.url for s in model.sources}


def test_every_story_and_page_but_search_is_indexed_for_search(built_site, content):
    site, _ = content
    bodies = {
        str(p.relative_to(built_site))
        for p in built_site.rglob("*.html")
        if "data-pagefind-body" in p.read_text(encoding="utf-8")
    }
    pages = {
        f"{p.slug}/index.html"
        for p in site.pages.values()
        if p.status == "published" and p.template != "search"
    }
    assert bodies == {f"{a.slug}/index.html" for a in articles(content)} | pages
    assert (built_site / "pagefind" / "pagefind.js").exists()


def test_every_page_has_link_preview_tags_icons_and_one_stylesheet(built_site):
    for path in built_site.rglob("*.html"):
        if "pagefind" in path.parts:
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        props = {m.get("property") for m in soup.select("meta[property]")}
        assert {"og:title", "og:description", "og:url", "og:image", "og:type"} <= props, path
        assert soup.select_one('meta[name="twitter:card"]'), path
        assert soup.select_one('link[rel="canonical"]'), path
        assert soup.select_one('link[rel="icon"][type="image/svg+xml"]'), path
        assert soup.select_one('link[rel="icon"][type="image/png"]'), path
        assert len(soup.select('link[rel="stylesheet"]')) == 1, path
        for script in soup.select("script[src]"):
            assert script.has_attr("defer") or script.get("type") == "module", path


def test_navigation_marks_the_current_page(built_site):
    soup = soup_of(built_site, "crew-exchange/index.html")
    current = soup.select('nav[aria-label="Main"] [aria-current="page"]')
    assert [a["href"] for a in current] == ["/crew-exchange/"]
    soup = soup_of(built_site, "index.html")
    assert soup.select_one(".site-name")["aria-current"] == "page"


def test_crew_table_lists_every_flight_with_computed_and_differing_reported_days(
    built_site, content
):
    site, _ = content
    soup = soup_of(built_site, "crew-exchange/index.html")
    rows = soup.select("table.flights tbody tr")
    assert len(rows) == len(site.data["flights"])
    for flight in site.data["flights"]:
        row = soup.find("tr", id=f"flight-{flight.key}")
        assert row.th.get_text().startswith(flight.person)
        days = duration_days(flight.launch, flight.landing)
        if days is not None:
            cell = row.select_one("td.num").get_text()
            assert f"{days:.1f}" in cell
            differs = flights.durations_differ(days, flight.duration_reported_days)
            assert ("reported" in cell) is differs
    assert soup.select_one("figure svg#seat-lanes") and soup.select_one(
        "figure svg#seat-lanes-narrow"
    )


def test_timeline_page_shows_every_event_by_year(built_site, content):
    site, settings = content
    events = timeline(site, links_of(site), dt.date.today())
    soup = soup_of(built_site, "timeline/index.html")
    items = soup.select("ol.timeline > li.event")
    assert len(items) == len(events)
    for section in soup.select("section.timeline-year"):
        year = section.h2.get_text(strip=True)
        assert all(t["datetime"].startswith(year) for t in section.select("time.event-date"))
    assert soup.select_one("#timeline-filters")["hidden"] is not None


def test_glossary_page_defines_every_term_and_articles_link_first_uses(built_site, content):
    site, _ = content
    soup = soup_of(built_site, "glossary/index.html")
    for term in site.data["terms"]:
        entry = soup.find(id=glossary_marks.term_anchor(term))
        assert entry is not None and entry.dfn.get_text() == term.term
    seen_any = False
    for model in articles(content):
        page = soup_of(built_site, f"{model.slug}/index.html")
        hrefs = [a["href"] for a in page.select(".prose a.term")]
        assert len(hrefs) == len(set(hrefs)), f"{model.slug}: a term marked twice"
        for a in page.select(".prose a.term"):
            assert a.find_parent(["h1", "h2", "h3", "a", "code"]) is None
            target = a["href"].split("#", 1)[1]
            assert soup.find(id=target) is not None
        seen_any = seen_any or bool(hrefs)
        for abbr in page.select(".prose a.term abbr"):
            assert abbr["title"]
    assert seen_any


def test_sources_page_lists_every_source_and_where_it_is_cited(built_site, content):
    site, settings = content
    soup = soup_of(built_site, "sources/index.html")
    listed = {a["href"] for a in soup.select(".all-sources cite a")}
    expected = {e["url"] for e in sources.sources_index(site, links_of(site))}
    assert listed == expected
    assert all(li.select(".cited-on a") for li in soup.select(".all-sources > li"))


def test_corrections_page_renders_the_policy_and_the_log(built_site, content):
    soup = soup_of(built_site, "corrections/index.html")
    assert soup.select_one(".prose h2")  # the policy from content/pages/corrections.md
    log = soup.select(".corrections-log li")
    total = sum(len(a.corrections) for a in articles(content))
    assert len(log) == total
    if not total:
        assert "No corrections" in soup.get_text()


def test_site_files_robots_sitemap_and_not_found(built_site):
    robots = (built_site / "robots.txt").read_text()
    assert re.search(r"^Sitemap: \S*/sitemap\.xml$", robots, re.M)
    sitemap = (built_site / "sitemap.xml").read_text()
    assert "/seat-swap/" in sitemap and "404.html" not in sitemap
    soup = soup_of(built_site, "404.html")
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"


def test_print_stylesheet_keeps_figures_whole_and_writes_out_links(built_site):
    [main] = (built_site / "theme" / "css").glob("main.*.css")
    css = main.read_text()
    printing = css[css.index("@media print") :]
    assert "break-inside:avoid" in printing
    assert re.search(r'content:" <" attr\(href\) ?">"', printing)
    assert ".site-header nav" in printing


def test_the_macros_read_the_builds_settings_though_imported_without_context():
    """A source in Russian reads "In Russian." and a timeline entry links from SITEURL, as the
    templates that pass their context do (the macros once saw neither: "In ru.", and links
    from the root in a publish build)."""
    from jinja2 import Environment, FileSystemLoader

    from orbit_views import theme_words

    env = Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"), autoescape=True)
    settings = {
        "SITEURL": "https://example.org/orbit",
        "DEFAULT_LANG": "en",
        "LANGUAGE_NAMES": {"ru": "Russian"},
    }
    theme_words.prepare(env, validate_content(ROOT / "content"), settings)
    page = env.from_string(
        '{% from "macros/sources.html" import reference %}'
        '{% from "macros/timeline.html" import event_item %}'
        "{{ reference(source) }}{{ event_item(event) }}"
    )
    source = source_record(
        url="https://tass.ru/x",
        title="Заголовок",
        publisher="TASS",
        kind="wire",
        language="ru",
        accessed=dt.date(2026, 3, 1),
    )
    event = {
        "topic": "station",
        "iso": "2026-03-01",
        "date_text": "1 March 2026",
        "text": "Event",
        "planned": False,
        "overdue": "",
        "topic_name": "The station",
        "url": "seat-swap/",
        "title": "The seat swap",
        "source_url": "",
        "source_label": "",
        "source_internal": True,
    }
    soup = BeautifulSoup(page.render(source=source, event=event), "html.parser")
    assert soup.select_one(".lang").get_text() == "In Russian."
    assert soup.select_one(".event-meta a")["href"] == "https://example.org/orbit/seat-swap/"


def test_a_name_and_its_number_stay_on_one_line_in_a_headline():
    assert unbroken("Luna-25 and Chandrayaan-3 side by side") == (
        '<span class="nowrap">Luna-25</span> and <span class="nowrap">Chandrayaan-3</span> '
        "side by side"
    )
    assert unbroken("Soyuz MS-29's crew <b>") == (
        'Soyuz <span class="nowrap">MS-29</span>&#39;s crew &lt;b&gt;'
    )
    assert unbroken("A near-polar orbit in 2028") == "A near-polar orbit in 2028"


def test_headlines_keep_names_and_numbers_together_on_a_phone(built_site):
    page = BeautifulSoup((built_site / "moon-missions" / "index.html").read_text(), "html.parser")
    assert [s.get_text() for s in page.select("h1 .nowrap")] == ["Luna-25", "Chandrayaan-3"]
