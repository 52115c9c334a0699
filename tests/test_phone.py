"""Phone first, measured in Debian's chromium at 320, 375, 768 and 1280 px over every page.

With every disclosure opened: no page scrolls sideways, no chart is wider than the viewport,
the smallest chart text renders at 12 px or more (its font size times the SVG's scale on
screen), and no table cell or chart label reads None, NaN or undefined. A fixture page with
each defect proves every check reports it.
"""

from __future__ import annotations

import shutil

import pytest
from test_browser import page_paths

from conftest import SITES, serve

pytestmark = pytest.mark.browser

WIDTHS = (320, 375, 768, 1280)  # 768: a wide table between phone cards and desktop
MIN_CHART_TEXT_PX = 12
BAD_WORDS = ("None", "NaN", "undefined")

# One pass over a loaded page: open every disclosure, then measure what a reader would see.
MEASURE = """(bad) => {
  document.querySelectorAll('details').forEach(d => d.open = true);
  const vw = document.documentElement.clientWidth;
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const charts = [...document.querySelectorAll('svg.chart')].filter(shown);
  const wide = charts.filter(c => c.getBoundingClientRect().width > vw + 0.5)
    .map(c => `${c.id || 'chart'} is ${Math.round(c.getBoundingClientRect().width)} px`);
  let smallest = null;
  for (const svg of charts) {
    const scale = svg.getScreenCTM() ? svg.getScreenCTM().a : 1;
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim()) continue;
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (smallest === null || px < smallest.px)
        smallest = {px: Math.round(px * 10) / 10, where: `${svg.id || 'chart'}: ${t.textContent.trim().slice(0, 30)}`};
    }
  }
  const cells = [...document.querySelectorAll('td, th, svg.chart text')]
    .map(el => el.textContent.trim())
    .filter(text => bad.some(w => new RegExp(`(^|[^A-Za-z])${w}([^A-Za-z]|$)`).test(text)));
  return {scrollWidth: document.documentElement.scrollWidth, width: vw, wide, smallest, cells};
}"""


def measure(page, url: str) -> dict:
    page.goto(url)
    return page.evaluate(MEASURE, list(BAD_WORDS))


def problems(m: dict) -> list[str]:
    found = []
    if m["scrollWidth"] > m["width"]:
        found.append(f"page scrolls sideways: {m['scrollWidth']} px wide in {m['width']} px")
    found += [f"chart wider than the screen: {w}" for w in m["wide"]]
    if m["smallest"] and m["smallest"]["px"] < MIN_CHART_TEXT_PX:
        found.append(f"chart text renders at {m['smallest']['px']} px ({m['smallest']['where']})")
    found += [f"cell reads {text!r}" for text in m["cells"]]
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_fits_the_screen_with_readable_charts_and_no_none(
    width, built_site, site_url, browser
):
    page = browser.new_page(viewport={"width": width, "height": 800})
    found = {}
    paths = page_paths(built_site) + ["data/"]
    for path in paths:
        issues = problems(measure(page, site_url + path))
        if issues:
            found[path or "/"] = issues
    page.close()
    assert found == {}


def test_charts_text_is_measured_where_it_is_drawn(built_site, site_url, browser):
    """The narrow layout is the one shown on a phone, the wide one on a desktop."""
    page = browser.new_page(viewport={"width": 320, "height": 800})
    page.goto(site_url + "crew-exchange/")
    assert page.locator("#seat-lanes-narrow").is_visible()
    assert page.locator("#seat-lanes").is_hidden()
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.locator("#seat-lanes").is_visible()
    assert page.locator("#seat-lanes-narrow").is_hidden()
    page.close()


def test_phone_checks_catch_each_defect(browser, tmp_path):
    shutil.copy(SITES / "phone" / "defects.html", tmp_path / "index.html")
    server, url = serve(tmp_path)
    try:
        page = browser.new_page(viewport={"width": 320, "height": 800})
        found = problems(measure(page, url))
        page.close()
    finally:
        server.shutdown()
    text = "\n".join(found)
    assert "page scrolls sideways" in text
    assert "chart wider than the screen: wide-chart" in text
    assert "chart text renders at" in text and "tiny-chart" in text
    for word in BAD_WORDS:
        assert f"cell reads {word!r}" in text
