"""The built site in headless Chromium: accessibility, reflow, focus, weight and requests.

Loads the real site from a local server in Debian's chromium (never a downloaded browser):
- axe-core (bundled with axe-playwright-python) on every kind of page, in the light and the dark
  colour scheme, with WCAG 2.2's target-size rule switched on: 0 violations;
- WCAG 2.2 AA checks axe cannot make: reflow at 320 px, a visible focus ring, a working skip
  link, landmarks, reduced motion;
- the weight budget: besides its font files, an article page makes at most 4 requests (HTML,
  CSS, icon, the preview script) and 70 KB, none to another origin, and loads no render-blocking
  script; its fonts (same origin) stay within 150 KB;
- the enhancements: timeline filters and search work with JavaScript, pages work without it.
A fixture page with known violations proves axe and the focus check report what they should.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# the browser, site_url and measured fixtures, and measure(), live in conftest
from conftest import SITES, measure, serve
from orbit_contract import FIGURE_BUDGET_BYTES, FONT_BUDGET_BYTES, PAGE_BUDGETS

AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
BUDGET_REQUESTS, BUDGET_BYTES = PAGE_BUDGETS["article"]
BUDGET_FIGURE_BYTES = FIGURE_BUDGET_BYTES

# One page of every kind the theme renders; the article kind is checked on every article.
KINDS = {
    "home": "",
    "page": "about/",
    "corrections": "corrections/",
    "timeline": "timeline/",
    "crew table": "crew-exchange/",
    "moon missions": "moon-missions/",
    "glossary": "glossary/",
    "sources": "sources/",
    "agencies": "agencies/",
    "search": "search/",
    "topics": "topics/",
    "topic": "topics/moon/",
    "tags": "tags/",
    "tag": "tags/soyuz/",
    "archives": "archives/",
    "not found": "404.html",
}

# Not skipped when the browser is missing: a hidden skip would pass a broken page. `./site test`
# installs Debian's chromium; `./site test --no-browser` leaves these tests out explicitly.
pytestmark = pytest.mark.browser


def article_paths(built_site: Path) -> list[str]:
    return sorted(
        f"{p.parent.name}/"
        for p in built_site.glob("*/index.html")
        if 'property="og:type" content="article"' in p.read_text(encoding="utf-8")
    )


def page_paths(built_site: Path) -> list[str]:
    paths = [
        p
        for p in KINDS.values()
        if (built_site / (p or "index.html")).exists() or (built_site / p / "index.html").exists()
    ]
    return paths + article_paths(built_site)


def violations(axe, page, injected: bool = False) -> list[str]:
    """axe's violations on the page as it is now; `injected`: axe is already in the page."""
    if injected:
        result = page.evaluate("(options) => axe.run(document, options)", AXE_OPTIONS)
    else:
        result = axe.run(page, options=AXE_OPTIONS).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(
            " ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
            for node in v["nodes"][:5]
        )
        for v in result["violations"]
    ]


BLOCKING = """() => [...document.querySelectorAll('script[src]')]
    .filter(s => !s.defer && !s.async && s.type !== 'module').map(s => s.src)"""


def sweep(browser, axe, base: str, paths: list[str], viewport: dict) -> dict[str, dict]:
    """Load each page once: axe in the light and then the dark colour scheme, what it requested.

    The scheme is switched on the loaded page (emulate_media), which restyles it as a load in
    that scheme would: the theme's colours are custom properties under prefers-color-scheme and
    no script reads the scheme. So axe is injected once per page and each page loads once for
    all the checks. The HTTP cache is off, so that each page makes every request of its own, as
    in a fresh browser; the requests are read once the network is idle (after axe has run)."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    found = {}
    try:
        for path in paths:
            requests.clear()
            page.emulate_media(color_scheme="light")
            page.goto(base + path)
            light = violations(axe, page)
            page.emulate_media(color_scheme="dark")
            dark = violations(axe, page, injected=True)
            page.wait_for_load_state("networkidle")
            found[path] = {
                "light": light,
                "dark": dark,
                "requests": list(requests),
                "blocking_scripts": page.evaluate(BLOCKING),
            }
    finally:
        context.close()
    return found


def third_party(urls: list[str], base: str) -> list[str]:
    return [u for u in urls if urlsplit(u).netloc != urlsplit(base).netloc]


@pytest.fixture(scope="session")
def swept(built_site, site_url, browser, axe) -> dict[str, dict]:
    """Every kind of page at 1280 px, for the axe and the request tests (one xdist group)."""
    paths = page_paths(built_site)
    assert len(paths) >= len(KINDS), paths
    return sweep(browser, axe, site_url, paths, {"width": 1280, "height": 900})


@pytest.mark.xdist_group("sweep-1280")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_kind_of_page_has_no_axe_violations(scheme, swept):
    assert {path or "/": found[scheme] for path, found in swept.items() if found[scheme]} == {}


def test_the_sweep_checks_the_dark_scheme_and_reports_requests_and_blocking_scripts(
    browser, axe, tmp_path
):
    """A fixture whose text fails contrast only in the dark, on a page that loads a third-party
    image and a blocking script: the sweep reports each where it should."""
    shutil.copy(SITES / "theme" / "dark-contrast.html", tmp_path / "index.html")
    (tmp_path / "blocking.js").write_text("// a script without defer blocks rendering\n")
    server, url = serve(tmp_path)
    try:
        found = sweep(browser, axe, url, [""], {"width": 1280, "height": 900})[""]
    finally:
        server.shutdown()
    assert not any(v.startswith("color-contrast ") for v in found["light"]), found["light"]
    assert any(v.startswith("color-contrast ") for v in found["dark"]), found["dark"]
    assert third_party(found["requests"], url) == ["https://third-party.invalid/pixel.png"]
    assert found["blocking_scripts"] == [url + "blocking.js"]


def test_axe_reports_known_violations(browser, axe, tmp_path):
    shutil.copy(SITES / "theme" / "axe-violations.html", tmp_path / "index.html")
    server, url = serve(tmp_path)
    try:
        page = browser.new_page()
        page.goto(url)
        ids = {line.split(" ")[0] for line in violations(axe, page)}
        page.close()
    finally:
        server.shutdown()
    assert {"color-contrast", "image-alt", "link-name", "target-size"} <= ids, ids


def scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_pages_reflow_at_320_px_without_horizontal_scrolling(built_site, site_url, browser):
    """WCAG 1.4.10: content fits 320 CSS px; wide tables scroll inside their own region."""
    page = browser.new_page(viewport={"width": 320, "height": 640})
    too_wide = {}
    for path in page_paths(built_site):
        page.goto(site_url + path)
        width = scroll_width(page)
        if width > 320:
            too_wide[path or "/"] = width
    page.close()
    assert too_wide == {}


def focus_ring(page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return {tag: el.tagName, outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
                shadow: style.boxShadow};
    }""")


def has_visible_focus(ring: dict) -> bool:
    return (ring["outline"] not in ("none", "") and ring["width"] >= 2) or ring["shadow"] != "none"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_skip_link_comes_first_is_visible_when_focused_and_moves_focus(scheme, site_url, browser):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + "seat-swap/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = page.evaluate(
        "(() => { const r = document.activeElement.getBoundingClientRect();"
        " return [r.top, r.bottom]; })()"
    )
    assert box[0] >= 0 and box[1] > box[0], "the skip link must be on screen when focused"
    assert has_visible_focus(focus_ring(page))
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    context.close()


def test_every_focusable_element_shows_a_focus_ring(built_site, site_url, browser):
    """WCAG 2.4.7: tab through pages of each layout; each stop draws an outline."""
    page = browser.new_page()
    missing = []
    for path in ("", "seat-swap/", "timeline/", "crew-exchange/", "search/"):
        page.goto(site_url + path)
        for _ in range(40):
            page.keyboard.press("Tab")
            ring = focus_ring(page)
            if ring["tag"] == "BODY":
                break
            if not has_visible_focus(ring):
                missing.append(f"{path or '/'}: {ring}")
    page.close()
    assert missing == []


def test_focus_check_catches_a_removed_outline(browser, tmp_path):
    shutil.copy(SITES / "theme" / "axe-violations.html", tmp_path / "index.html")
    server, url = serve(tmp_path)
    try:
        page = browser.new_page()
        page.goto(url)
        page.focus("#no-ring")
        assert not has_visible_focus(focus_ring(page))
        page.close()
    finally:
        server.shutdown()


def test_landmarks_one_main_and_a_labelled_navigation(built_site, site_url, browser):
    page = browser.new_page()
    for path in ("", "seat-swap/", "timeline/"):
        page.goto(site_url + path)
        assert page.locator("header.site-header").count() == 1
        assert page.locator("main#main").count() == 1
        assert page.locator("footer.site-footer").count() == 1
        assert page.locator("nav[aria-label='Main']").count() == 1
    page.goto(site_url + "timeline/")
    assert page.locator("nav[aria-label='Main'] a[aria-current='page']").inner_text() == "Timeline"
    page.close()


def test_reduced_motion_turns_off_smooth_scrolling(site_url, browser):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_url + "seat-swap/")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    context.close()
    context = browser.new_context(reduced_motion="no-preference")
    page = context.new_page()
    page.goto(site_url + "seat-swap/")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"
    context.close()


def over_budget(m: dict) -> bool:
    budget = BUDGET_BYTES + BUDGET_FIGURE_BYTES * m.get("figures", 0)
    return (
        m["requests"] > BUDGET_REQUESTS
        or m["bytes"] > budget
        or bool(m["third_party"])
        or bool(m["blocking_scripts"])
        or m["font_bytes"] > FONT_BUDGET_BYTES
    )


@pytest.mark.xdist_group("measured")
def test_article_pages_stay_within_the_weight_budget(built_site, measured):
    over = {}
    for path in article_paths(built_site):
        m = measured(path)
        print(
            f"{path}: {m['requests']} requests, {m['bytes'] / 1024:.1f} KB, fonts"
            f" {m['font_bytes'] / 1024:.1f} KB: {m['files']}"
        )
        if over_budget(m):
            over[path] = m
    assert over == {}


def test_weight_and_reflow_checks_catch_a_heavy_wide_page(browser, tmp_path):
    html = (SITES / "theme" / "heavy.html").read_text()
    (tmp_path / "index.html").write_text(html.replace("PADDING", "x" * BUDGET_BYTES))
    (tmp_path / "blocking.js").write_text("// a script without defer blocks rendering\n")
    server, url = serve(tmp_path)
    try:
        m = measure(browser, url)
        assert m["third_party"] == ["https://third-party.invalid/pixel.png"]
        assert m["blocking_scripts"] and m["bytes"] > BUDGET_BYTES and over_budget(m)
        page = browser.new_page(viewport={"width": 320, "height": 640})
        page.goto(url)
        assert scroll_width(page) > 320
        page.close()
    finally:
        server.shutdown()


@pytest.mark.xdist_group("sweep-1280")
def test_no_page_makes_third_party_requests_or_blocks_on_scripts(swept, site_url):
    found = {
        path or "/": {"third_party": third_party(m["requests"], site_url), **m}
        for path, m in swept.items()
        if third_party(m["requests"], site_url) or m["blocking_scripts"]
    }
    assert found == {}


def test_timeline_filters_hide_other_topics_and_work_without_javascript(site_url, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "timeline/")
    total = page.locator(".event").count()
    assert total > 10
    assert page.locator("#timeline-filters").is_hidden(), "no filters without the script"
    context.close()
    page = browser.new_page()
    page.goto(site_url + "timeline/")
    assert page.locator("#timeline-filters").is_visible()
    boxes = page.locator("#timeline-filters input[type=checkbox]")
    for i in range(1, boxes.count()):
        boxes.nth(i).uncheck()
    topic = boxes.nth(0).get_attribute("value")
    shown = page.locator(".event:visible")
    assert 0 < shown.count() < total
    assert {shown.nth(i).get_attribute("data-topic") for i in range(shown.count())} == {topic}
    assert "Showing" in page.locator("#timeline-status").inner_text()
    page.close()


def test_search_finds_stories_with_javascript_and_lists_them_without(site_url, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "search/")
    assert page.locator("#site-search").is_hidden()
    assert page.locator(".link-list a").count() >= 7
    context.close()
    page = browser.new_page()
    page.goto(site_url + "search/?q=Chandrayaan")
    page.wait_for_selector("#search-results li", timeout=10000)
    links = page.locator("#search-results a")
    assert any(
        "chandrayaan" in (links.nth(i).get_attribute("href") or "") for i in range(links.count())
    )
    page.close()
