"""The built site in headless Chromium: accessibility, reflow, focus, weight and requests.

Loads the real site from a local server in Debian's chromium (never a downloaded browser):
- axe-core (bundled with axe-playwright-python) on every kind of page, in the light and the dark
  colour scheme, with WCAG 2.2's target-size rule switched on: 0 violations (its contrast rule at
  375 px, on the pages that show colours no page before them did, and a proof that on the others
  and at 1280 px it would read nothing it has not judged);
- WCAG 2.2 AA checks axe cannot make: reflow at 320 px, a visible focus ring, a working skip
  link, landmarks, reduced motion;
- the weight budget: besides its font files, an article page makes at most 4 requests (HTML,
  CSS, icon, the preview script) and 70 KB, none to another origin, and loads no render-blocking
  script; its fonts (same origin) stay within 150 KB;
- the enhancements: timeline filters and search work with JavaScript, pages work without it.
A fixture page with known violations proves axe and the focus check report what they should.
"""

from __future__ import annotations

import re
import shutil
from urllib.parse import urlsplit

import pytest

# the browser, site_url and surveyed fixtures, and survey(), live in conftest
from conftest import (
    AXE_CONTRAST_WIDTHS,
    AXE_WIDTHS,
    HEIGHTS,
    KINDS,
    OPEN_DISCLOSURES,
    ROOT,
    SITES,
    SURVEYS,
    article_paths,
    contrast_unread,
    serve,
    survey,
    survey_widths,
    violations,
    width_group,
)
from orbit_contract import FIGURE_BUDGET_BYTES, FONT_BUDGET_BYTES, PAGE_BUDGETS

BUDGET_REQUESTS, BUDGET_BYTES = PAGE_BUDGETS["article"]
BUDGET_FIGURE_BYTES = FIGURE_BUDGET_BYTES
DESKTOP = {"width": 1280, "height": 900}

# Not skipped when the browser is missing: a hidden skip would pass a broken page. `./site test`
# installs Debian's chromium; `./site test --no-browser` leaves these tests out explicitly.
pytestmark = pytest.mark.browser


def third_party(urls: list[str], base: str) -> list[str]:
    return [u for u in urls if urlsplit(u).netloc != urlsplit(base).netloc]


@width_group(1280)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_kind_of_page_has_no_axe_violations(scheme, surveyed):
    """Every kind of page at 1280 px (at 375 px: test_reading.py), every rule but
    color-contrast: what it would read here it has judged at 375 px (the test below)."""
    swept = {path or "/": f[scheme] for path, f in surveyed(1280).items() if scheme in f}
    assert len(swept) >= len(KINDS), swept
    assert {path: found for path, found in swept.items() if found} == {}


@width_group(1280)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_contrast_rule_would_read_nothing_it_has_not_judged(scheme, surveyed):
    """axe's color-contrast rule judges each text from its colour, the background under it and
    whether it is large text (conftest.CONTRAST_READINGS reads them as it does): a reading it
    passed once passes wherever it is. It ran at 375 px on the pages with a reading no page
    before them had, and found nothing: where every reading of every page at 375 and 1280 px
    is one of those pages' readings, it would find nothing on the others, or at 1280 px."""
    assert AXE_CONTRAST_WIDTHS == (375,) and set(AXE_WIDTHS) == {375, 1280}
    read = {
        f"{path} at {width} px": f["contrast"][scheme]
        for width in AXE_WIDTHS
        for path, f in surveyed(width).items()
        if "contrast" in f
    }
    judged = {
        f"{path} at 375 px": f["contrast"][scheme]
        for path, f in surveyed(375).items()
        if f.get("contrast_run", {}).get(scheme)
    }
    assert len(read) >= 2 * len(KINDS) and judged, judged.keys()
    assert sum(len(f["own"]) for f in judged.values()) > 10, judged
    assert contrast_unread(read, judged) == []


def test_the_contrast_proof_reports_what_only_a_wide_screen_shows(context, axe, tmp_path):
    """A fixture where a media query for wide screens changes a text's colour, a background,
    a large text into small text and puts a box under a text: each is a reading at 1280 px
    that 375 px does not have. Text that grows into large text is still covered."""
    shutil.copy(SITES / "theme" / "contrast-by-width.html", tmp_path / "index.html")
    server, url = serve(tmp_path)
    try:
        found = survey_widths(
            context,
            url,
            [""],
            [{"width": width, "height": HEIGHTS[width]} for width in (1280, 375)],
            axe=axe,
            contrast_widths=(375,),
        )
    finally:
        server.shutdown()
    assert not any(v.startswith("color-contrast ") for v in found[1280][""]["light"])
    unread = "\n".join(
        contrast_unread(
            {"1280": found[1280][""]["contrast"]["light"]},
            {"375": found[375][""]["contrast"]["light"]},
        )
    )
    assert "p.colour: A paragraph whose text turns light grey" in unread, unread
    assert "p.background: " in unread and "on rgb(221, 221, 221)" in unread, unread
    assert "p.sized: " in unread and "rgb(148, 148, 148) on rgb(255, 255, 255)\n" in unread + "\n"
    assert "p.covered: Text that a box comes under" in unread and "(over span.box)" in unread
    assert "p.growing" not in unread, unread


def test_the_contrast_rule_runs_on_each_page_with_a_colour_no_page_before_had(
    context, axe, tmp_path
):
    """Three fixture pages: the second has the first one's colours only, and the rule does not
    run on it; the third has a colour of its own, which fails: the rule runs and reports it."""
    for name in ("index.html", "same.html", "other.html"):
        shutil.copy(SITES / "theme" / "contrast-pages" / name, tmp_path / name)
    server, url = serve(tmp_path)
    try:
        found = survey(
            context,
            url,
            ["", "same.html", "other.html"],
            {"width": 375, "height": HEIGHTS[375]},
            axe=axe,
            contrast_cover=True,
        )
    finally:
        server.shutdown()
    ran = {path: f["contrast_run"] for path, f in found.items()}
    assert ran == {
        "": {"light": True, "dark": True},
        "same.html": {"light": False, "dark": False},
        "other.html": {"light": True, "dark": True},
    }
    assert not found[""]["light"] and not found["same.html"]["light"]
    assert any(v.startswith("color-contrast ") for v in found["other.html"]["light"])
    assert any(v.startswith("color-contrast ") for v in found["other.html"]["dark"])


def test_the_sweep_checks_the_dark_scheme_and_reports_requests_and_blocking_scripts(
    context, axe, tmp_path
):
    """A fixture whose text fails contrast only in the dark, on a page that loads a third-party
    image and a blocking script: the sweep reports each where it should."""
    shutil.copy(SITES / "theme" / "dark-contrast.html", tmp_path / "index.html")
    (tmp_path / "blocking.js").write_text("// a script without defer blocks rendering\n")
    server, url = serve(tmp_path)
    try:
        found = survey(context, url, [""], DESKTOP, axe=axe, network=True)[""]
    finally:
        server.shutdown()
    assert not any(v.startswith("color-contrast ") for v in found["light"]), found["light"]
    assert any(v.startswith("color-contrast ") for v in found["dark"]), found["dark"]
    assert third_party(found["requests"], url) == ["https://third-party.invalid/pixel.png"]
    assert found["blocking_scripts"] == [url + "blocking.js"]


def test_axe_reports_known_violations(new_page, axe, tmp_path):
    shutil.copy(SITES / "theme" / "axe-violations.html", tmp_path / "index.html")
    server, url = serve(tmp_path)
    try:
        page = new_page()
        page.goto(url)
        ids = {line.split(" ")[0] for line in violations(axe, page)}
    finally:
        server.shutdown()
    assert {"color-contrast", "image-alt", "link-name", "target-size"} <= ids, ids


@width_group(320)
def test_pages_reflow_at_320_px_without_horizontal_scrolling(surveyed):
    """WCAG 1.4.10: content fits 320 CSS px; wide tables scroll inside their own region."""
    too_wide = {
        path or "/": found["scroll_width"]
        for path, found in surveyed(320).items()
        if found["scroll_width"] > 320
    }
    assert too_wide == {}


# Every element's box in page coordinates, rounded to the pixel, its colour and font size, and
# the page's width: what a layout at one width gives, once the fonts are ready.
LAYOUT = """async () => {
  void document.documentElement.offsetWidth;
  await document.fonts.ready;
  return [document.documentElement.scrollWidth, ...[...document.querySelectorAll('body *')]
    .map((el) => {
      const r = el.getBoundingClientRect(), style = getComputedStyle(el);
      return [r.left + scrollX, r.top + scrollY, r.width, r.height].map(Math.round).join(',')
        + ` ${style.color} ${style.fontSize} ${el.tagName}#${el.id}`;
    })];
}"""


def test_a_page_resized_to_a_width_is_laid_out_as_one_loaded_at_it(site_url, new_page):
    """survey_widths() loads each page once and resizes it to each width of its set: each
    element is where a load at that width puts it, before and after the disclosures are
    opened, on a story. Every kind of rule of the theme that depends on the width applies on
    it: a chart's wide and narrow drawings, folds, the contents beside the text, a card table,
    the header's row, a grid's columns (the related stories; the home page's and the
    timeline's grids are rules of the same kind)."""
    viewport = {width: {"width": width, "height": HEIGHTS[width]} for width in HEIGHTS}
    loads, resizes = new_page(), new_page()
    differences = []
    for path in ("seat-swap/",):
        loaded = {}
        for width in HEIGHTS:
            loads.set_viewport_size(viewport[width])
            loads.goto(site_url + path)
            closed = loads.evaluate(LAYOUT)
            loads.evaluate(OPEN_DISCLOSURES)
            loaded[width] = (closed, loads.evaluate(LAYOUT))
        for widths in SURVEYS:
            resizes.set_viewport_size(viewport[widths[0]])
            resizes.goto(site_url + path)
            resized = {}
            for width in widths:
                resizes.set_viewport_size(viewport[width])
                resized[width] = [resizes.evaluate(LAYOUT)]
            resizes.evaluate(OPEN_DISCLOSURES)
            for width in reversed(widths):
                resizes.set_viewport_size(viewport[width])
                resized[width].append(resizes.evaluate(LAYOUT))
            for width in widths:
                for state, a, b in zip(
                    ("closed", "opened"), loaded[width], resized[width], strict=True
                ):
                    assert len(a) > 100
                    if a != b:
                        at = next(
                            i
                            for i, (x, y) in enumerate(zip(a + [""], b + [""], strict=False))
                            if x != y
                        )
                        differences.append(
                            f"/{path} at {width} px, {state}: {a[at : at + 1]} / {b[at : at + 1]}"
                        )
    assert differences == []


def test_the_layout_comparison_sees_an_element_move(site_url, new_page):
    """The comparison above can fail: the same page at two widths differs."""
    page = new_page(viewport={"width": 375, "height": 812})
    page.goto(site_url + "seat-swap/")
    narrow = page.evaluate(LAYOUT)
    page.set_viewport_size({"width": 1280, "height": 812})
    assert page.evaluate(LAYOUT) != narrow


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
def test_skip_link_comes_first_is_visible_when_focused_and_moves_focus(scheme, site_url, new_page):
    page = new_page(color_scheme=scheme)
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


def test_every_focusable_element_shows_a_focus_ring(built_site, site_url, new_page):
    """WCAG 2.4.7: tab through pages of each layout; each stop draws an outline."""
    page = new_page()
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
    assert missing == []


def test_focus_check_catches_a_removed_outline(new_page, tmp_path):
    shutil.copy(SITES / "theme" / "axe-violations.html", tmp_path / "index.html")
    server, url = serve(tmp_path)
    try:
        page = new_page()
        page.goto(url)
        page.focus("#no-ring")
        assert not has_visible_focus(focus_ring(page))
    finally:
        server.shutdown()


def test_landmarks_one_main_and_a_labelled_navigation(built_site, site_url, new_page):
    page = new_page()
    for path in ("seat-swap/",):
        page.goto(site_url + path)
        assert page.locator("header.site-header").count() == 1
        assert page.locator("main#main").count() == 1
        assert page.locator("footer.site-footer").count() == 1
        assert page.locator("nav[aria-label='Main']").count() == 1
    page.goto(site_url + "timeline/")
    assert page.locator("nav[aria-label='Main'] a[aria-current='page']").inner_text() == "Timeline"


def test_reduced_motion_turns_off_smooth_scrolling(site_url, new_page):
    page = new_page(reduced_motion="reduce")
    page.goto(site_url + "seat-swap/")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    page = new_page(reduced_motion="no-preference")
    page.goto(site_url + "seat-swap/")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"


def over_budget(m: dict) -> bool:
    budget = BUDGET_BYTES + BUDGET_FIGURE_BYTES * m.get("figures", 0)
    return (
        m["requests"] > BUDGET_REQUESTS
        or m["bytes"] > budget
        or bool(m["third_party"])
        or bool(m["blocking_scripts"])
        or m["font_bytes"] > FONT_BUDGET_BYTES
    )


@width_group(1280)
def test_article_pages_stay_within_the_weight_budget(built_site, surveyed):
    over = {}
    for path in article_paths(built_site):
        m = surveyed(1280)[path]["weight"]
        print(
            f"{path}: {m['requests']} requests, {m['bytes'] / 1024:.1f} KB, fonts"
            f" {m['font_bytes'] / 1024:.1f} KB: {m['files']}"
        )
        if over_budget(m):
            over[path] = m
    assert over == {}


def test_weight_and_reflow_checks_catch_a_heavy_wide_page(context, tmp_path):
    html = (SITES / "theme" / "heavy.html").read_text()
    (tmp_path / "index.html").write_text(html.replace("PADDING", "x" * BUDGET_BYTES))
    (tmp_path / "blocking.js").write_text("// a script without defer blocks rendering\n")
    server, url = serve(tmp_path)
    try:
        m = survey(context, url, [""], DESKTOP, weighed=[""])[""]["weight"]
        assert m["third_party"] == ["https://third-party.invalid/pixel.png"]
        assert m["blocking_scripts"] and m["bytes"] > BUDGET_BYTES and over_budget(m)
        assert survey(context, url, [""], {"width": 320, "height": 800})[""]["scroll_width"] > 320
    finally:
        server.shutdown()


@width_group(1280)
def test_no_page_makes_third_party_requests_or_blocks_on_scripts(surveyed):
    found = {
        path or "/": {
            "third_party": third_party(m["requests"], m["origin"]),
            "blocking_scripts": m["blocking_scripts"],
        }
        for path, m in surveyed(1280).items()
        if third_party(m["requests"], m["origin"]) or m["blocking_scripts"]
    }
    assert found == {}


def test_timeline_filters_hide_other_topics_and_work_without_javascript(site_url, new_page):
    page = new_page(javascript=False)
    page.goto(site_url + "timeline/")
    total = page.locator(".event").count()
    assert total > 10
    assert page.locator("#timeline-filters").is_hidden(), "no filters without the script"
    page = new_page()
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


def test_search_finds_stories_with_javascript_and_lists_them_without(site_url, new_page):
    page = new_page(javascript=False)
    page.goto(site_url + "search/")
    assert page.locator("#site-search").is_hidden()
    assert page.locator(".link-list a").count() >= 7
    page = new_page()
    page.goto(site_url + "search/?q=Chandrayaan")
    page.wait_for_selector("#search-results li", timeout=10000)
    links = page.locator("#search-results a")
    assert any(
        "chandrayaan" in (links.nth(i).get_attribute("href") or "") for i in range(links.count())
    )


# A dark-scheme block may only give colour tokens new colours: then a page in the dark differs
# from the same page in the light in its colours alone, and the sweep's dark pass checks those
# (conftest.AXE_COLOUR_RULES).
DARK_BLOCK = re.compile(r"@media\s*\(\s*prefers-color-scheme:\s*dark\s*\)\s*\{")
COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}|(?:rgb|rgba|hsl|hsla|oklch|oklab|lab|lch)\([^)]*\)")


def dark_scheme_problems(css: str, name: str) -> list[str]:
    problems = []
    for match in DARK_BLOCK.finditer(css):
        depth, end = 1, match.end()
        while depth and end < len(css):
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        inner = re.sub(r"/\*.*?\*/", "", css[match.end() : end - 1], flags=re.S)
        for rule in re.finditer(r"([^{}]+)\{([^{}]*)\}", inner):
            for declaration in filter(str.strip, rule.group(2).split(";")):
                prop, _, value = (part.strip() for part in declaration.partition(":"))
                if not prop.startswith("--") or not COLOUR.fullmatch(value):
                    problems.append(f"{name}: dark scheme sets '{prop}: {value}'")
    return problems


def test_the_dark_scheme_changes_colour_tokens_only():
    sheets = sorted((ROOT / "theme" / "styles").rglob("*.css"))
    found = [p for s in sheets for p in dark_scheme_problems(s.read_text(), s.name)]
    assert sum(bool(DARK_BLOCK.search(s.read_text())) for s in sheets) >= 2
    assert found == []


def test_the_dark_scheme_check_reports_anything_but_a_colour_token():
    css = (
        ":root { --color-bg: #fff; }\n"
        "@media (prefers-color-scheme: dark) {\n"
        "  :root { --color-bg: #12151d; --space-1: 2rem; }\n"
        "  .note { display: none; }\n"
        "}\n"
    )
    assert dark_scheme_problems(css, "x.css") == [
        "x.css: dark scheme sets '--space-1: 2rem'",
        "x.css: dark scheme sets 'display: none'",
    ]
