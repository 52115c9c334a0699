"""Reading comfort: previews in place, marks that keep to their word, the site's own fonts,
curly quotes, search over every kind of page, and axe at phone width.

Browser tests load the real site in Debian's chromium (see test_browser.py); each check is a
function that a fixture page in tests/sites/reading/ proves reports the defect it looks for.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import (
    FONT_SUFFIXES,
    ROOT,
    SITES,
    article_paths,
    serve,
    survey,
    weighed_paths,
    width_group,
)
from conftest import KINDS as PAGE_KINDS
from orbit_contract import FONT_BUDGET_BYTES

FIXTURES = SITES / "reading"
CITATION = "sup.cite > a"
PREVIEW = ".preview:not([hidden])"


def fixture_url(tmp_path: Path, name: str):
    shutil.copy(FIXTURES / name, tmp_path / "index.html")
    return serve(tmp_path)


# --- citation previews -------------------------------------------------------------------------


def preview_text(page, timeout: int = 1500) -> str | None:
    """The text of the open preview, or None if none opens within `timeout` ms."""
    try:
        page.wait_for_selector(PREVIEW, state="visible", timeout=timeout)
    except Exception:  # playwright's TimeoutError: no preview
        return None
    return page.locator(PREVIEW).inner_text()


def hover_preview(page, link: str = CITATION) -> str | None:
    page.locator(link).first.hover()
    return preview_text(page)


def tab_to(page, selector: str, limit: int = 120) -> bool:
    """Press Tab until the focused element matches `selector`, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return True
    return False


@pytest.mark.browser
def test_citation_preview_opens_on_hover_and_on_focus_and_closes_on_escape(site_url, new_page):
    page = new_page({"width": 1280, "height": 900})
    page.goto(site_url + "seat-swap/")
    first = page.locator(CITATION).first
    source_id = first.get_attribute("href").lstrip("#")
    source = page.locator(f"[id='{source_id}'] cite").inner_text()
    shown = hover_preview(page)
    assert shown and source in shown, shown
    assert first.get_attribute("aria-expanded") == "true"
    page.mouse.move(5, 5)
    page.wait_for_selector(PREVIEW, state="hidden", timeout=2000)

    page.goto(site_url + "seat-swap/")
    assert tab_to(page, CITATION)
    shown = preview_text(page)
    assert shown and "Source" in shown, "keyboard focus opens the preview"
    described = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    assert described and page.locator(f"#{described}").is_visible()
    # The preview is the next Tab stop: its link out is reachable by keyboard.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.preview') !== null")
    page.keyboard.press("Escape")
    assert preview_text(page, timeout=300) is None, "Escape closes it"
    assert page.evaluate(f"document.activeElement.matches('{CITATION}')"), "focus returns"


@pytest.mark.browser
def test_a_tap_opens_the_preview_and_a_tap_elsewhere_closes_it(site_url, browser):
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    page.goto(site_url + "seat-swap/")
    link = page.locator(CITATION).nth(2)
    link.scroll_into_view_if_needed()
    link.tap()
    assert preview_text(page), "the first tap opens the preview instead of jumping"
    assert page.evaluate("location.hash") == ""
    page.locator("h1").tap()
    assert preview_text(page, timeout=300) is None
    context.close()


@pytest.mark.browser
def test_glossary_term_shows_its_definition_in_place(site_url, new_page):
    page = new_page({"width": 1280, "height": 900})
    page.goto(site_url + "seat-swap/")
    shown = hover_preview(page, ".prose a.term")
    assert shown and "In the glossary" in shown, shown


@pytest.mark.browser
def test_without_javascript_a_citation_still_jumps_to_its_source(site_url, new_page):
    page = new_page(javascript=False)
    page.goto(site_url + "seat-swap/")
    link = page.locator(CITATION).first
    href = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == href


@pytest.mark.browser
def test_preview_check_reports_a_page_without_previews(new_page, tmp_path):
    server, url = fixture_url(tmp_path, "no-preview.html")
    try:
        page = new_page()
        page.goto(url)
        assert hover_preview(page) is None
    finally:
        server.shutdown()


# --- citation marks keep to their word ---------------------------------------------------------

# The orphan check is conftest.ORPHANS, run by survey() on its load of each page.


@pytest.mark.browser
@pytest.mark.parametrize(
    "width", [pytest.param(w, marks=width_group(w)) for w in (320, 375, 768, 1280)]
)
def test_citation_marks_never_start_a_line_or_split(width, built_site, surveyed):
    swept = surveyed(width)
    found = {path: swept[path]["orphans"][:5] for path in article_paths(built_site)}
    assert {path: problems for path, problems in found.items() if problems} == {}


@pytest.mark.browser
def test_orphan_check_reports_marks_that_wrap_away(context, tmp_path):
    server, url = fixture_url(tmp_path, "orphan-marks.html")
    try:
        problems = survey(context, url, [""], {"width": 600, "height": 400})[""]["orphans"]
    finally:
        server.shutdown()
    assert any("away from its word" in p or "split" in p for p in problems), problems


@pytest.mark.browser
def test_citation_targets_are_at_least_24_px(site_url, new_page):
    page = new_page({"width": 375, "height": 800})
    page.goto(site_url + "seat-swap/")
    small = page.evaluate("""() => [...document.querySelectorAll('sup.cite > a, .backref')]
        .map((a) => a.getBoundingClientRect())
        .filter((r) => r.width < 24 || r.height < 24).length""")
    assert small == 0
    page.close()


# --- fonts ------------------------------------------------------------------------------------


def font_problems(m: dict, loaded: list[str], origin: str) -> list[str]:
    problems = [
        f"font from another origin: {u}"
        for u in m["third_party"]
        if urlsplit(u).path.endswith(FONT_SUFFIXES)
    ]
    if m["font_bytes"] > FONT_BUDGET_BYTES:
        problems.append(f"fonts weigh {m['font_bytes'] / 1024:.0f} KB")
    if not loaded:
        problems.append("no web font loaded")
    return problems


@pytest.mark.browser
@width_group(1280)
def test_fonts_come_from_the_site_itself_within_the_budget(built_site, site_url, surveyed):
    found = {}
    for path in weighed_paths(built_site):
        m = surveyed(1280)[path]["weight"]
        problems = font_problems(m, m["loaded_fonts"], site_url)
        if not any("Orbit Serif" in f for f in m["loaded_fonts"]):
            problems.append(f"the body face did not load: {m['loaded_fonts']}")
        if problems:
            found[path or "/"] = problems
    assert found == {}


@pytest.mark.browser
def test_font_check_reports_foreign_and_heavy_fonts(context, tmp_path):
    (tmp_path / "heavy.woff2").write_bytes(b"\0" * (FONT_BUDGET_BYTES + 1024))
    server, url = fixture_url(tmp_path, "foreign-font.html")
    try:
        viewport = {"width": 1280, "height": 900}
        m = survey(context, url, [""], viewport, weighed=[""])[""]["weight"]
        problems = font_problems(m, m["loaded_fonts"], url)
    finally:
        server.shutdown()
    assert any("another origin" in p for p in problems), problems
    assert any("KB" in p for p in problems), problems
    assert "no web font loaded" in problems


# --- axe at phone width -----------------------------------------------------------------------


@pytest.mark.browser
@width_group(375)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_kind_of_page_has_no_axe_violations_at_375(scheme, surveyed):
    """Every kind of page at 375 px, light and dark (see conftest.survey)."""
    swept = {path or "/": f[scheme] for path, f in surveyed(375).items() if scheme in f}
    assert len(swept) >= len(PAGE_KINDS), swept
    assert {path: found for path, found in swept.items() if found} == {}


# --- curly quotes (offline) -------------------------------------------------------------------

STRAIGHT = re.compile(r"['\"]")
# What a reader sees as a heading or a label: straight quotes there come from unconverted text.
HEADINGS = (
    "head > title, h1, h2, h3, h4, h5, h6, .key-facts dt, .key-facts dd, .glossary dt, .toc a"
)


def straight_quotes(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [
        el.get_text(" ", strip=True)
        for el in soup.select(HEADINGS)
        if STRAIGHT.search(el.get_text())
    ]


def test_no_heading_has_a_straight_quote(built_site):
    found = {}
    for path in sorted(built_site.rglob("*.html")):
        problems = straight_quotes(path.read_text(encoding="utf-8"))
        if problems:
            found[str(path.relative_to(built_site))] = problems[:3]
    assert found == {}


def test_quote_check_reports_a_straight_apostrophe():
    found = straight_quotes((FIXTURES / "straight-quotes.html").read_text(encoding="utf-8"))
    assert found == ["Fixture: Russia's station", "Russia's next station"]


def test_front_matter_and_data_get_curly_quotes_but_addresses_do_not():
    from orbit_content.typography import smarten_site

    class Site:
        documents, articles, pages = {}, {}, {}
        data = {}

    class Doc:
        data = {
            "title": 'Russia\'s "next" station',
            "url": "https://example.org/it's",
            "sources": [{"title": "NASA's plan", "url": "https://example.org/a'b"}],
        }

    site = Site()
    site.documents = {"a.md": Doc()}
    settings = {"SITE_TAGLINE": "the Moon's south pole"}
    smarten_site(site, settings)
    data = site.documents["a.md"].data
    assert data["title"] == "Russia’s “next” station"
    assert data["url"] == "https://example.org/it's"
    assert data["sources"][0] == {"title": "NASA’s plan", "url": "https://example.org/a'b"}
    assert settings["SITE_TAGLINE"] == "the Moon’s south pole"


# --- term marking -----------------------------------------------------------------------------


def _marked(text: str, stop=()) -> list[str]:
    from types import SimpleNamespace as T

    from markdown import Markdown

    from orbit_content import glossary_marks

    terms = [
        T(term="Progress", abbr=None, aliases=["Progress MS"]),
        T(term="International Space Station", abbr="ISS", aliases=["the station"]),
        T(term="Soyuz", abbr=None, aliases=[]),
    ]
    marker = glossary_marks.Marker.of(
        terms, "/glossary/", stop, ident=lambda t: "term-" + t.term.lower()
    )
    md = Markdown(extensions=["toc"])
    glossary_marks.use(md, marker)
    out = BeautifulSoup(md.convert(text), "html.parser")
    return [a.get_text() for a in out.select("a.term")]


def test_terms_are_marked_once_and_never_in_headings_links_citations_or_figures():
    text = (
        "## Soyuz\n\n[Soyuz](/x/) and <sup class='cite'>Soyuz</sup>\n\n"
        "<figure><figcaption>Soyuz</figcaption></figure>\n\nThe Soyuz flew.\n\n"
        "Soyuz again."
    )
    assert _marked(text) == ["Soyuz"]


def test_the_stop_list_keeps_ordinary_words_and_case_apart():
    text = "That flight is still in progress.\n\nProgress MS-21 docked."
    assert _marked(text) == ["progress"], "without a stop list the ordinary word is marked"
    assert _marked(text, stop=["progress"]) == ["Progress"]
    assert _marked("Aboard the station.", stop=["the station"]) == []


def test_built_stories_leave_stop_listed_words_unmarked(built_site):
    import yaml

    from conftest import ROOT

    stop = {
        e["term"]
        for e in yaml.safe_load(
            (ROOT / "content" / "data" / "glossary-stop.yaml").read_text(encoding="utf-8")
        )["stop"]
    }
    found = {}
    for path in built_site.glob("*/index.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        marked = [a.get_text() for a in soup.select(".prose a.term")]
        bad = [m for m in marked if m in stop]
        inside = [a.get_text() for a in soup.select(":is(h1, h2, h3, figure, sup) a.term")]
        if bad or inside or len(marked) != len({a["href"] for a in soup.select(".prose a.term")}):
            found[path.parent.name] = bad + inside
    assert found == {}


# --- search over every kind of page ------------------------------------------------------------

KINDS = {"Story", "Data", "Glossary", "Sources"}


def index_kinds(page, url: str) -> dict:
    """The pages per kind in a site's Pagefind index: every page it holds (a search for no
    words), counted by the `kind` its results show."""
    page.goto(url)
    return page.evaluate("""async () => {
        const pf = await import(new URL('pagefind/pagefind.js', location.href).href);
        const every = await Promise.all((await pf.search(null)).results.map((r) => r.data()));
        const kinds = {};
        for (const found of every) kinds[found.meta.kind] = (kinds[found.meta.kind] || 0) + 1;
        return kinds; }""")


def missing_kinds(kinds: dict, stories: int) -> list[str]:
    found = [f"no {k} page in the search index" for k in sorted(KINDS - kinds.keys())]
    if kinds.get("Story", 0) != stories:
        found.append(f"{kinds.get('Story', 0)} of {stories} stories indexed")
    return found


@pytest.mark.browser
def test_search_index_covers_every_kind_of_page(built_site, site_url, new_page):
    kinds = index_kinds(new_page(), site_url)
    assert missing_kinds(kinds, len(article_paths(built_site))) == []
    assert kinds["Data"] >= 3  # timeline, seat swaps, moon missions


@pytest.mark.browser
def test_search_check_reports_an_index_of_stories_only(new_page, tmp_path):
    import subprocess
    import sys

    (tmp_path / "story").mkdir()
    (tmp_path / "story" / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>A story</title></head><body>'
        '<article data-pagefind-body data-pagefind-meta="kind:Story"><h1>A story</h1>'
        "<p>Only stories are indexed here.</p></article></body></html>"
    )
    shutil.copy(FIXTURES / "no-preview.html", tmp_path / "index.html")
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(tmp_path), "--silent"],
        check=True,
        timeout=120,
    )
    server, url = serve(tmp_path)
    try:
        problems = missing_kinds(index_kinds(new_page(), url), stories=2)
    finally:
        server.shutdown()
    assert "no Data page in the search index" in problems
    assert "1 of 2 stories indexed" in problems


def index_twice(site: Path, into: Path) -> list[bytes]:
    """The search index of a built site, made twice from the same pages (orbit_assets'
    indexing, with the settings' exclusions): each run's files, in order of name."""
    from pelican.settings import read_settings

    from orbit_assets.sitefiles import pagefind

    exclude = read_settings(str(ROOT / "pelican.conf.py")).get("ORBIT_PAGEFIND_EXCLUDE", ())
    runs = []
    for run in ("first", "second"):
        copy = into / run
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
        assert pagefind(copy, exclude).returncode == 0
        files = sorted(p for p in (copy / "pagefind").rglob("*") if p.is_file())
        runs.append([(p.relative_to(copy).as_posix(), p.read_bytes()) for p in files])
    return runs


def test_the_same_pages_give_the_same_search_index(built_site, tmp_path):
    """So a deploy of unchanged content changes no file of the index. Pagefind orders a
    filter's values as a hash map does, differently in every run; the theme gives it none
    (a result's kind is its metadata, which it keeps in page order)."""
    first, second = index_twice(built_site, tmp_path)
    assert len(first) > 10 and first == second


def test_the_index_comparison_sees_a_filter_change_the_index(tmp_path):
    site = tmp_path / "site"
    for n, kind in enumerate(["Story", "Data", "Page", "Glossary", "Sources", "Map", "Note"]):
        (site / f"p{n}").mkdir(parents=True)
        (site / f"p{n}" / "index.html").write_text(
            f'<!doctype html><html lang="en"><head><title>{kind}</title></head><body>'
            f'<main data-pagefind-body data-pagefind-filter="kind:{kind}"><h1>{kind}</h1>'
            "<p>Words to index.</p></main></body></html>"
        )
    # Each run orders the values afresh: two runs agree one time in thousands (7! orders).
    runs = (index_twice(site, tmp_path / f"try{i}") for i in range(3))
    assert any(first != second for first, second in runs)  # stops at the first that differ


# --- cite this page -----------------------------------------------------------------------------


def cite_problems(folder: Path) -> list[str]:
    """What a story's "Cite this page" lacks: the block, the facts-as-of date, the files."""
    import json

    soup = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")
    block = soup.select_one("section.cite-us")
    if block is None or "Cite this page" not in block.get_text():
        return ["no “Cite this page”"]
    problems = []
    title = " ".join(soup.h1.get_text().split())  # as read: the headline's spans add no space
    text = " ".join(block.select_one(".cite-text").get_text().split())  # as copied
    if title not in text or not re.search(r"https?://\S+/", text):
        problems.append(f"the reference lacks the title or the address: {text}")
    if not block.select_one("time[datetime]") or "facts as of" not in block.get_text():
        problems.append("no facts-as-of date")
    bib, csl = folder / "cite.bib", folder / "cite.json"
    if not bib.exists() or not bib.read_text(encoding="utf-8").startswith("@online{"):
        problems.append("no BibTeX file")
    if not csl.exists() or json.loads(csl.read_text(encoding="utf-8"))[0]["type"] != "webpage":
        problems.append("no CSL-JSON file")
    return problems


def test_every_story_says_how_to_cite_it(built_site):
    found = {p: cite_problems(built_site / p) for p in article_paths(built_site)}
    assert {p: f for p, f in found.items() if f} == {}
    assert len(found) >= 7


def test_cite_check_reports_a_story_without_it():
    assert cite_problems(FIXTURES / "no-cite") == ["no “Cite this page”"]


# --- drafts, the strands, the sources page ------------------------------------------------------


def draft_problems(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    if not soup.select_one(".draft-banner"):
        found.append("no draft banner")
    if "Published" in soup.select_one(".article-dates").get_text():
        found.append("a Published date on a draft")
    return found


def test_a_draft_says_so_and_has_no_published_date(tmp_path, built_site):
    import datetime as dt

    from conftest import orbit_cli, overlay_site
    from orbit_cli.scaffold import scaffold

    content = overlay_site(SITES / "valid", tmp_path)
    scaffold(content, "Why the lunar south pole?", "moon", today=dt.date(2026, 11, 25))
    out = tmp_path / "output"
    result = orbit_cli("build", "--content", str(content), "--output", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    page = out / "drafts" / "why-the-lunar-south-pole" / "index.html"
    assert draft_problems(page.read_text(encoding="utf-8")) == []
    published = (built_site / "seat-swap" / "index.html").read_text(encoding="utf-8")
    assert draft_problems(published) == ["no draft banner", "a Published date on a draft"]


def test_all_stories_are_listed_by_strand_in_reading_order_and_named_in_the_menu(built_site):
    from pelican.settings import read_settings

    from conftest import ROOT

    settings = read_settings(str(ROOT / "pelican.conf.py"))
    order = settings["ORBIT_STORY_ORDER"]
    soup = BeautifulSoup(
        (built_site / "archives" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    strands = soup.select("section.strand")
    names = [s.h2.get_text(strip=True) for s in strands]
    assert names[:3] == ["The ISS and the seat swap", "Russia’s next station", "The Moon race"]
    for strand in strands:
        slugs = [a["href"].strip("/").split("/")[-1] for a in strand.select("h3 a")]
        assert slugs == sorted(slugs, key=order.index), slugs
    listed = sum(len(s.select("h3 a")) for s in strands)
    assert listed == len(article_paths(built_site))
    menu = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [a.get_text() for a in menu.select("nav[aria-label=Main] .menu-strands a")] == names[:3]


def test_sources_are_grouped_by_publisher_with_counts(built_site):
    soup = BeautifulSoup(
        (built_site / "sources" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    groups = soup.select("section.publisher")
    assert len(groups) > 10
    for g in groups:
        count = int(g.select_one("h2 .count").get_text().split()[0])
        assert count == len(g.select("li")), g.h2.get_text()
    assert soup.select_one("#source-filters[hidden]"), "the filter waits for its script"


@pytest.mark.browser
def test_the_return_from_the_source_list_leaves_the_sentence_in_view(site_url, new_page):
    page = new_page({"width": 375, "height": 700}, reduced_motion="reduce")
    page.goto(site_url + "seat-swap/")
    back = page.locator(".sources .backref").nth(3)
    target = back.get_attribute("href")
    back.click()
    page.wait_for_function("(h) => location.hash === h", arg=target)
    top = page.evaluate(
        "(id) => document.getElementById(id).getBoundingClientRect().top", target.lstrip("#")
    )
    # about a third of the screen above the mark: its sentence's first lines are in view
    assert 0.2 * 700 < top < 0.6 * 700, top
