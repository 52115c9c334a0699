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

from conftest import SITES, serve  # the browser and site_url fixtures live in conftest
from orbit_contract import FIGURE_BUDGET_BYTES, FONT_BUDGET_BYTES, PAGE_BUDGETS

AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
BUDGET_REQUESTS, BUDGET_BYTES = PAGE_BUDGETS["article"]
BUDGET_FIGURE_BYTES = FIGURE_BUDGET_BYTES
FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf")

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


def violations(axe, page) -> list[str]:
    result = axe.run(page, options=AXE_OPTIONS).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(
            " ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
            for node in v["nodes"][:5]
        )
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_kind_of_page_has_no_axe_violations(scheme, built_site, site_url, browser, axe):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = {}
    paths = page_paths(built_site)
    assert len(paths) >= len(KINDS), paths
    for path in paths:
        page.goto(site_url + path)
        problems = violations(axe, page)
        if problems:
            found[path or "/"] = problems
    context.close()
    assert found == {}


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


def measure(browser, url: str) -> dict:
    """Requests, bytes (uncompressed bodies), other origins and blocking scripts for one load."""
    context = browser.new_context()
    page = context.new_page()
    requests, responses = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("response", lambda r: responses.append(r))
    page.goto(url, wait_until="networkidle")
    origin = urlsplit(url).netloc
    total = fonts = 0
    for r in responses:
        try:
            size = len(r.body())
        except Exception:  # a redirect or a failed request has no body
            continue
        if urlsplit(r.url).path.endswith(FONT_SUFFIXES):
            fonts += size
        else:
            total += size
    blocking = page.evaluate("""() => [...document.querySelectorAll('script[src]')]
        .filter(s => !s.defer && !s.async && s.type !== 'module').map(s => s.src)""")
    font_files = [u for u in requests if urlsplit(u).path.endswith(FONT_SUFFIXES)]
    result = {
        "requests": len(requests) - len(font_files),
        "bytes": total,
        "font_bytes": fonts,
        "fonts": [urlsplit(u).path for u in font_files],
        "third_party": [u for u in requests if urlsplit(u).netloc != origin],
        "blocking_scripts": blocking,
        "files": [urlsplit(u).path for u in requests],
        "figures": page.locator("figure.chart-figure").count(),
    }
    context.close()
    return result


def over_budget(m: dict) -> bool:
    budget = BUDGET_BYTES + BUDGET_FIGURE_BYTES * m.get("figures", 0)
    return (
        m["requests"] > BUDGET_REQUESTS
        or m["bytes"] > budget
        or bool(m["third_party"])
        or bool(m["blocking_scripts"])
        or m["font_bytes"] > FONT_BUDGET_BYTES
    )


def test_article_pages_stay_within_the_weight_budget(built_site, site_url, browser):
    over = {}
    for path in article_paths(built_site):
        m = measure(browser, site_url + path)
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


def test_no_page_makes_third_party_requests_or_blocks_on_scripts(built_site, site_url, browser):
    found = {}
    for path in page_paths(built_site):
        m = measure(browser, site_url + path)
        if m["third_party"] or m["blocking_scripts"]:
            found[path] = m
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
