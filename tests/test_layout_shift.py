"""Nothing on the page moves when the web fonts arrive (cumulative layout shift 0).

The home page and a story load in headless Chromium, at a phone's and a desktop's width, with
every font file held back (playwright routing) for DELAY seconds and until the page has painted,
so the page is painted in the fallback faces first and the web fonts swap in while a
PerformanceObserver collects the `layout-shift` entries (they reach only an observer with
`buffered: true`, not performance.getEntriesByType). The sum must stay under MAX_SHIFT.

The check proves itself twice: each load asserts that every font file was held back, that the
page was painted before Inter came and that the web fonts were then in use; a control loads the
same pages with the fallback faces taken out of the stylesheet (a rewrite of the CSS response):
the shift comes back and the check reports it.

The fallback faces are Liberation Sans and Liberation Serif resized (theme/fonts/fallbacks.py);
Debian's chromium package depends on fonts-liberation, so they are here wherever it is.
All the loads run at once (one delay for all), each in a tab of its own, from a server of its own
(an origin of its own), with its font requests routed, which turns the tab's HTTP cache off: so
nothing is cached, and one browser context, made once, holds them all.
"""

from __future__ import annotations

import functools
import io
import re
import threading
import time

import pytest

from conftest import _Quiet, _Server

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("layout-shift")]

DELAY = 1.0  # seconds each font file is held back, at least
MAX_SHIFT = 0.001
PAGES = ["", "seat-swap/"]  # the home page and a story
WIDTHS = {375: 740, 1280: 800}  # width: height
# The control: a page at a width where the fallback faces' absence is known to shift the page.
CONTROLS = [("control", "", 375), ("control", "seat-swap/", 1280)]
# One minified @font-face rule whose source is a font of the reader's system: a fallback face.
FALLBACK_FACE = re.compile(r"@font-face\s*\{[^}]*local\([^}]*\}")

OBSERVE = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.hadRecentInput) continue;
    window.__shifts.push({value: e.value, at: Math.round(e.startTime), moved: (e.sources || [])
      .map((s) => s.node ? (s.node.nodeType === 3 ? '"' + s.node.textContent.trim().slice(0, 40)
                                                  + '"' : s.node.outerHTML.slice(0, 60)) : '?')});
  }
}).observe({type: 'layout-shift', buffered: true});
"""

# After the fonts: two frames, so the shift of the frame that swapped them is reported.
RESULT = """() => document.fonts.ready
  .then(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
  .then(() => new Promise((done) => setTimeout(done, 100)))
  .then(() => ({
    shifts: window.__shifts,
    painted: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    fonts: performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.woff2'))
      .map((r) => ({name: r.name.split('/').pop(), asked: r.startTime, arrived: r.responseEnd})),
    used: [...document.fonts].filter((f) => f.status === 'loaded' && !/fallback/.test(f.family))
      .map((f) => f.family),
    menuRows: new Set([...document.querySelectorAll('.menu li')]
      .map((li) => Math.round(li.getBoundingClientRect().top))).size,
    menuBesideName: document.querySelector('.menu').getBoundingClientRect().top
      < document.querySelector('.site-name').getBoundingClientRect().bottom,
  }))"""


class Site(_Quiet):
    """Serves the built site."""

    strip = False  # the control: serve the stylesheets without their fallback faces

    def send_head(self):
        name = self.path.split("?")[0]
        if self.strip and name.endswith(".css"):
            with open(self.translate_path(name), encoding="utf-8") as f:
                css = FALLBACK_FACE.sub("", f.read()).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(css)))
            self.end_headers()
            return io.BytesIO(css)
        return super().send_head()


class WithoutFallbacks(Site):
    strip = True


PAINTED = "() => performance.getEntriesByName('first-contentful-paint').length > 0"


@pytest.fixture(scope="module")
def loads(built_site, browser):
    """Every page at every width, and the control loads, all at once: {(kind, page, width):
    what RESULT returns}, kind "fixed" (the site as built) or "control".

    Each font request is held in the browser (playwright routing) until DELAY has passed since
    it was made and its page has painted: a server's fixed sleep would let a busy machine paint
    after the fonts came, and the check would see no swap at all."""
    wanted = [("fixed", page, width) for page in PAGES for width in WIDTHS] + CONTROLS
    servers, opened, held = [], [], []
    context = browser.new_context()
    painted: set = set()

    def hold(key):
        return lambda route: held.append((key, time.monotonic(), route))

    try:
        for key in wanted:
            kind, page, width = key
            handler = Site if kind == "fixed" else WithoutFallbacks
            server = _Server(
                ("127.0.0.1", 0), functools.partial(handler, directory=str(built_site))
            )
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers.append(server)
            tab = context.new_page()
            tab.set_viewport_size({"width": width, "height": WIDTHS[width]})
            tab.route(re.compile(r"\.woff2$"), hold(key))
            tab.add_init_script(OBSERVE)
            tab.goto(f"http://127.0.0.1:{server.server_port}/{page}", wait_until="commit")
            opened.append((key, tab))
        give_up = time.monotonic() + 30
        while (len(painted) < len(opened) or held) and time.monotonic() < give_up:
            for key, tab in opened:
                if key not in painted and tab.evaluate(PAINTED):
                    painted.add(key)
            for item in list(held):
                key, asked, route = item
                if key in painted and time.monotonic() - asked >= DELAY:
                    held.remove(item)
                    route.continue_()
            opened[0][1].wait_for_timeout(20)  # lets playwright deliver the held requests
        return {key: tab.evaluate(RESULT) for key, tab in opened}
    finally:
        for _key, tab in opened:
            tab.close()
        context.close()
        for server in servers:
            server.shutdown()


def total(result: dict) -> float:
    return sum(s["value"] for s in result["shifts"])


def report(result: dict) -> str:
    return "; ".join(
        f"{s['value']:.4f} at {s['at']} ms: {', '.join(s['moved'])}" for s in result["shifts"]
    )


def test_the_fonts_were_late_and_then_in_use(loads):
    for (kind, page, width), result in loads.items():
        where = f"{kind} /{page} at {width} px"
        assert result["painted"] is not None, f"{where}: nothing painted"
        assert {"Inter", "Orbit Serif"} <= set(result["used"]), f"{where}: {result['used']}"
        assert result["fonts"], f"{where}: no font requested"
        for font in result["fonts"]:
            held = font["arrived"] - font["asked"]
            assert held >= DELAY * 1000 * 0.9, f"{where}: {font['name']} came in {held:.0f} ms"
        # Inter is not preloaded: it is asked for when the stylesheet is, and comes last.
        inter = [f["arrived"] for f in result["fonts"] if f["name"] == "inter-ui.woff2"]
        assert inter and inter[0] > result["painted"], f"{where}: painted after the fonts came"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES, ids=["home", "story"])
def test_nothing_moves_when_the_web_fonts_arrive(loads, path, width):
    result = loads[("fixed", path, width)]
    assert total(result) <= MAX_SHIFT, report(result)


@pytest.mark.parametrize("key", CONTROLS, ids=["home-375", "story-1280"])
def test_the_check_catches_the_shift_without_the_fallback_faces(loads, key):
    result = loads[key]
    assert total(result) > 10 * MAX_SHIFT, report(result)


@pytest.mark.parametrize("path", PAGES, ids=["home", "story"])
def test_on_a_desktop_the_site_name_and_the_menu_share_one_row(loads, path):
    """The menu is sized by its fallback copy, a little wider than Inter's text: it must still
    fit beside the site name, as it did before (layout.css keeps the row from 74rem)."""
    result = loads[("fixed", path, 1280)]
    assert result["menuBesideName"] and result["menuRows"] == 1
