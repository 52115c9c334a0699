"""Phone first, measured in Debian's chromium at 320, 375, 768 and 1280 px over every page.

With every disclosure opened: no page scrolls sideways, no chart is wider than the viewport,
the smallest chart text renders at 12 px or more (its font size times the SVG's scale on
screen), and no table cell or chart label reads None, NaN or undefined. A fixture page with
each defect proves every check reports it.
"""

from __future__ import annotations

import shutil

import pytest

# survey() opens every disclosure and measures (OPENED) on its load of each page at each width
from conftest import BAD_WORDS, SITES, serve, survey, width_group

pytestmark = pytest.mark.browser

WIDTHS = (320, 375, 768, 1280)  # 768: a wide table between phone cards and desktop
MIN_CHART_TEXT_PX = 12


def problems(m: dict) -> list[str]:
    found = []
    if m["scrollWidth"] > m["width"]:
        found.append(f"page scrolls sideways: {m['scrollWidth']} px wide in {m['width']} px")
    found += [f"chart wider than the screen: {w}" for w in m["wide"]]
    if m["smallest"] and m["smallest"]["px"] < MIN_CHART_TEXT_PX:
        found.append(f"chart text renders at {m['smallest']['px']} px ({m['smallest']['where']})")
    found += [f"cell reads {text!r}" for text in m["cells"]]
    return found


@pytest.mark.parametrize("width", [pytest.param(w, marks=width_group(w)) for w in WIDTHS])
def test_every_page_fits_the_screen_with_readable_charts_and_no_none(width, surveyed):
    swept = surveyed(width)
    assert "data/" in swept  # every kind of page, and the datasets
    found = {path or "/": problems(m["opened"]) for path, m in swept.items()}
    assert {path: issues for path, issues in found.items() if issues} == {}


def test_charts_text_is_measured_where_it_is_drawn(built_site, site_url, new_page):
    """The narrow layout is the one shown on a phone, the wide one on a desktop."""
    page = new_page({"width": 320, "height": 800})
    page.goto(site_url + "crew-exchange/")
    assert page.locator("#seat-lanes-narrow").is_visible()
    assert page.locator("#seat-lanes").is_hidden()
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.locator("#seat-lanes").is_visible()
    assert page.locator("#seat-lanes-narrow").is_hidden()


def test_phone_checks_catch_each_defect(context, tmp_path):
    shutil.copy(SITES / "phone" / "defects.html", tmp_path / "index.html")
    server, url = serve(tmp_path)
    try:
        found = problems(survey(context, url, [""], {"width": 320, "height": 800})[""]["opened"])
    finally:
        server.shutdown()
    text = "\n".join(found)
    assert "page scrolls sideways" in text
    assert "chart wider than the screen: wide-chart" in text
    assert "chart text renders at" in text and "tiny-chart" in text
    for word in BAD_WORDS:
        assert f"cell reads {word!r}" in text
