"""Page weight: every kind of page of the publish build within its budget, and what keeps it there.

The budgets are orbit_contract's (PAGE_BUDGETS per kind, DEFAULT_BUDGET for the others, each
build-time figure's allowance, the fonts apart), counted by bench/budgets.py as `./site
budgets` counts them: requests of a first visit with an empty cache, raw bytes. The article
budget is also checked in the browser (test_browser.py); this module covers every kind.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from bench.budgets import analyse, by_kind, over_budget
from conftest import ROOT
from orbit_assets.publish import svg_data_url
from orbit_contract import DEFAULT_BUDGET, KB, PAGE_BUDGETS

pytestmark = pytest.mark.xdist_group("publish")  # shares the publish build with test_publish

ORIGIN = "orbit.example"


def test_every_kind_of_page_is_within_its_budget(published):
    groups = by_kind(analyse(published))
    assert {"home", "article", "timeline", "glossary", "sources", "tag"} <= set(groups)
    over = {kind: over_budget(group) for kind, group in groups.items()}
    assert {kind: found for kind, found in over.items() if found} == {}


def _page(folder: Path, rel: str, head: str = "", body: str = "") -> None:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'<!doctype html><html><head><link rel="canonical" href="https://{ORIGIN}/{rel}">'
        f"{head}</head><body>{body}</body></html>",
        encoding="utf-8",
    )


def test_the_budget_check_reports_an_extra_request_and_a_heavy_page(tmp_path):
    (tmp_path / "s.css").write_text("body{}")
    (tmp_path / "a.js").write_text("1")
    (tmp_path / "b.js").write_text("2")
    (tmp_path / "icon.svg").write_text("<svg/>")
    requests, allowance = DEFAULT_BUDGET
    light = '<link rel="stylesheet" href="/s.css"><link rel="icon" href="data:image/svg+xml,x">'
    _page(tmp_path, "404.html", light, "x" * (allowance - 2 * KB))
    heavy = '<link rel="stylesheet" href="/s.css"><link rel="icon" href="/icon.svg">'
    heavy += '<script src="/a.js"></script><script src="/b.js"></script>'
    _page(tmp_path, "index.html", heavy, "x" * allowance)
    groups = by_kind(analyse(tmp_path, {ORIGIN}))
    assert over_budget(groups["404"]) == []  # a data: icon costs no request
    assert len(groups["404"][0].page_requests()) == 2  # the page and its stylesheet
    found = over_budget(groups["home"])
    assert any(f.startswith(f"requests 5 > {requests}") for f in found), found
    assert any(f.startswith("raw ") and "(index.html, +" in f for f in found), found


def test_a_figure_adds_its_allowance_to_the_page_budget(tmp_path):
    requests, allowance = PAGE_BUDGETS["timeline"]
    figure = '<figure class="chart-figure"></figure>'
    _page(tmp_path, "timeline/index.html", "", "x" * (allowance + KB))
    assert over_budget(by_kind(analyse(tmp_path, {ORIGIN}))["timeline"])
    _page(tmp_path, "timeline/index.html", "", figure + "x" * (allowance + KB))
    assert over_budget(by_kind(analyse(tmp_path, {ORIGIN}))["timeline"]) == []


def test_the_publish_build_writes_the_svg_icon_into_every_page(published):
    svg = (ROOT / "theme" / "static" / "icons" / "favicon.svg").read_text(encoding="utf-8")
    pages = [p for p in published.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) > 20
    for page in pages:
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").head
        icons = head.select('link[rel="icon"]')
        assert icons[0]["type"] == "image/svg+xml", page
        assert icons[0]["href"] == svg_data_url(svg), page
        png = [i["href"] for i in icons if i["type"] == "image/png"]
        assert png and png[0].startswith("https://") and png[0].endswith(".png"), page
    assert (published / "theme" / "icons" / "favicon.png").is_file()


def test_the_icon_data_url_is_a_valid_url_of_the_same_drawing():
    svg = '<svg xmlns="http://www.w3.org/2000/svg">\n  <style>.b{fill:#0b5cad}</style>\n</svg>'
    url = svg_data_url(svg)
    assert url.startswith("data:image/svg+xml,")
    assert not set(url) & set(' "<>#{}\n'), url  # characters a URL may not carry as they are
    assert unquote(url.removeprefix("data:image/svg+xml,")) == (
        "<svg xmlns='http://www.w3.org/2000/svg'><style>.b{fill:#0b5cad}</style></svg>"
    )


@pytest.mark.browser
def test_the_sources_filter_narrows_by_publisher_and_by_page(site_url, new_page):
    tab = new_page()
    tab.goto(site_url + "sources/")
    every = tab.locator("section.publisher li").count()
    assert every > 50
    status = tab.locator("#source-status")
    assert status.text_content() == f"Showing all {every} sources."
    # A publisher: its section alone, with as many sources as its heading counts.
    option = tab.locator("#filter-publisher option", has_text="TASS (").first
    tab.select_option("#filter-publisher", value=option.get_attribute("value"))
    shown = tab.locator("section.publisher:not([hidden])")
    assert shown.count() == 1
    count = int(shown.locator(".count").text_content().split()[0])
    assert shown.locator("li:not([hidden])").count() == count
    assert status.text_content() == f"Showing {count} of {every} sources."
    # A page as well: only TASS sources that the seat-swap story cites.
    story = tab.locator("#filter-story option", has_text="The seat swap").first
    tab.select_option("#filter-story", value=story.get_attribute("value"))
    visible = tab.locator("section.publisher li:not([hidden])")
    both = visible.count()
    assert 0 < both < count
    for i in range(visible.count()):
        hrefs = visible.nth(i).locator(".cited-on a").evaluate_all("as => as.map(a => a.href)")
        assert any(h.split("#")[0].endswith("/seat-swap/") for h in hrefs)
    # Every publisher again: each source the story cites, wherever it is listed.
    tab.select_option("#filter-publisher", value="")
    cited = tab.locator("section.publisher li").evaluate_all(
        "items => items.filter(li => [...li.querySelectorAll('.cited-on a')]"
        ".some(a => a.href.split('#')[0].endsWith('/seat-swap/'))).length"
    )
    assert visible.count() == cited > both


@pytest.mark.browser
@pytest.mark.parametrize("path", ["timeline/", "sources/", "search/"])
def test_a_control_the_script_shows_has_its_room_before_the_script_runs(site_url, new_page, path):
    """Where scripts run, the page is laid out with the room of the filters (or the search box)
    from the first paint, so nothing moves when the script shows them; without scripts, none."""
    control = "#timeline-filters, #source-filters, #site-search"
    heading = "() => document.querySelector('main h2').getBoundingClientRect().top"
    shown = new_page()
    shown.goto(site_url + path)
    assert shown.locator(control).is_visible()
    waiting = new_page()
    waiting.route("**/*.js", lambda route: route.abort())  # the script has not run yet
    waiting.goto(site_url + path)
    assert waiting.locator(control).is_hidden()
    assert abs(waiting.evaluate(heading) - shown.evaluate(heading)) < 0.5  # sub-pixel rounding
    without = new_page(javascript=False)
    without.goto(site_url + path)
    assert without.locator(control).is_hidden()
    assert without.evaluate(heading) < shown.evaluate(heading)
