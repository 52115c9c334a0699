"""The scripts write the site's own words (content/data/labels.yaml), with their values filled
in: the filters' status lines, the search status, the preview's heading and its link out.

Each page carries the labels for its scripts in data- attributes. Here the attributes are
rewritten on the loaded page before the script next reads them: what the reader then sees
must be the rewritten words, with the values in place of each {name}, so the scripts can
spell out nothing of their own."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SET = "([selector, name, text]) => { document.querySelector(selector).dataset[name] = text; }"


def test_the_scripts_show_the_words_the_page_gives_them(site_url, new_page):
    page = new_page({"width": 1280, "height": 900})
    page.goto(site_url + "timeline/")
    total = page.locator(".event").count()
    page.evaluate(SET, ["#timeline-status", "some", "shown: {shown} of {total}"])
    page.locator("#timeline-filters input[type=checkbox]").first.uncheck()
    visible = page.locator(".event:visible").count()
    assert page.locator("#timeline-status").inner_text() == f"shown: {visible} of {total}"

    page.goto(site_url + "sources/")
    total = page.locator("section.publisher li").count()
    page.evaluate(SET, ["#source-status", "some", "sources: {shown}/{total}"])
    publisher = page.locator("#source-filters select[name=publisher] option").nth(1)
    page.locator("#source-filters select[name=publisher]").select_option(
        publisher.get_attribute("value")
    )
    visible = page.locator("section.publisher li:visible").count()
    assert page.locator("#source-status").inner_text() == f"sources: {visible}/{total}"

    page.goto(site_url + "search/")
    for name in ("first", "many", "one"):
        page.evaluate(SET, ["#search-status", name, "found {shown} ({total}) for [{query}]"])
    page.fill("#search-input", "Luna")
    page.wait_for_function("document.getElementById('search-status').textContent !== ''")
    shown = page.locator("#search-status").inner_text()
    assert shown.startswith("found ") and shown.endswith(" for [Luna]"), shown

    page.goto(site_url + "seat-swap/")
    page.evaluate(SET, ["script[data-source]", "source", "Quelle {number}"])
    page.evaluate(SET, ["script[data-source]", "moreSource", "Zur Liste"])
    first = page.locator("sup.cite > a").first
    first.hover()
    page.wait_for_selector("#orbit-preview:not([hidden])")
    number = first.inner_text().strip()
    assert page.locator("#orbit-preview .preview-label").inner_text() == f"Quelle {number}"
    assert page.locator("#orbit-preview .preview-more").inner_text() == "Zur Liste"
