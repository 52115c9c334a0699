"""Shared fixtures: the real site built once per session, and fixture sites made from overlays."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import uuid
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from orbit_cli.__main__ import main as cli_main

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "tests" / "sites"
SETTINGS = str(ROOT / "pelican.conf.py")


def source_record(**fields) -> SimpleNamespace:
    """A source as the theme's source macros read it (schema.Source's fields): a press report
    with no dates or original, with `fields` set."""
    return SimpleNamespace(
        **{
            "url": "https://example.org/",
            "title": "A report",
            "publisher": "A publisher",
            "published": None,
            "kind": "press",
            "language": "en",
            "accessed": None,
            "original": None,
            **fields,
        }
    )


def orbit_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run `python -m orbit_cli …` as a contributor's task would, capturing its output.

    In this process: a build keeps no state between runs, so each starts fresh, and a second
    of interpreter start-up is saved per run. Not for a publish build: see orbit_cli_isolated."""
    argv = [*args, "--settings", SETTINGS]
    out, err = io.StringIO(), io.StringIO()
    here = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli_main(argv)
            except SystemExit as exit_:  # argparse: wrong usage, --help
                code = exit_.code
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(["orbit_cli", *argv], code, out.getvalue(), err.getvalue())


def start_preview(content: Path, output: Path, port: int, cache: Path) -> subprocess.Popen:
    """`python -m orbit_cli serve` of a content folder on 127.0.0.1:port with its own cache
    folder, as `./site serve` runs it; its stderr is a text pipe to read the messages from.
    Terminate it when done."""
    return subprocess.Popen(
        [sys.executable, "-m", "orbit_cli", "serve", "--settings", SETTINGS]
        + ["--content", str(content), "--output", str(output), "--port", str(port)]
        + ["--cache", str(cache)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def overlay_site(case: Path, into: Path) -> Path:
    """Copy the valid fixture site, then the case's files over it; return the content folder."""
    content = into / "content"
    shutil.copytree(SITES / "valid" / "content", content)
    if (case / "content").exists():
        shutil.copytree(case / "content", content, dirs_exist_ok=True)
    return content


@functools.cache
def real_site() -> tuple[Path, subprocess.CompletedProcess]:
    """Build the real site once per test run, through the same runner as `invoke build`.

    Cached at module level rather than as a fixture because page tests are parametrised over
    the built pages at collection time, before fixtures exist. Under pytest-xdist the workers
    share one build (see once_per_run).
    """
    out = (shared_folder() or Path(tempfile.mkdtemp(prefix="orbit-site-"))) / "output"

    def build():
        result = orbit_cli("build", "--output", str(out), "--quiet")
        return [result.args, result.returncode, result.stdout, result.stderr]

    return out, subprocess.CompletedProcess(*once_per_run("build", build))


def shared_folder() -> Path | None:
    """The folder the workers of one pytest-xdist run share, or None outside xdist."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    return Path(tempfile.gettempdir()) / f"orbit-site-{run}" if run else None


def once_per_run(name: str, compute):
    """compute()'s result (JSON), computed once per test run even under pytest-xdist.

    The first worker to take the lock computes it and writes it down; the others wait for the
    lock and read it. If compute() raises, nothing is written: each worker's tests fail on it."""
    folder = shared_folder()
    if folder is None:
        return compute()
    folder.mkdir(exist_ok=True)
    done = folder / f"{name}.json"
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            done.write_text(json.dumps(compute()), encoding="utf-8")
        return json.loads(done.read_text(encoding="utf-8"))


def built_pages() -> list[str]:
    out, result = real_site()
    if result.returncode != 0:
        return ["(the build failed)"]
    return sorted(str(p.relative_to(out)) for p in out.rglob("*.html"))


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The real site's output folder; fails with the build's own messages if it did not build."""
    out, result = real_site()
    assert result.returncode == 0, result.stderr
    return out


# Several `python -m orbit_cli …` runs in one child process, each with its own output.
RUNS = """
import contextlib, io, json, sys
from orbit_cli.__main__ import main
results = []
for argv in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = exit_.code
    results.append([code, out.getvalue(), err.getvalue()])
print(json.dumps(results))
"""


def orbit_cli_isolated(*runs: list[str]) -> list[subprocess.CompletedProcess]:
    """Each run of `python -m orbit_cli …` in turn, in one child process: a publish build
    connects production-only receivers to Pelican's global signals, which would then run in
    every later build of this process. One interpreter start-up and one import of Pelican
    serve all the runs (the receivers are module functions, connected once however often)."""
    argvs = [[*args, "--settings", SETTINGS] for args in runs]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    child = subprocess.run(
        [sys.executable, "-c", RUNS, json.dumps(argvs)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert child.returncode == 0, child.stderr
    return [
        subprocess.CompletedProcess(["orbit_cli", *argv], code, out, err)
        for argv, (code, out, err) in zip(
            argvs, json.loads(child.stdout.splitlines()[-1]), strict=True
        )
    ]


@pytest.fixture(scope="session")
def published():
    """A publish build for the public address (PUBLISH_SITEURL), made in a child process
    (orbit_cli_isolated). A browser reads it served by serve_publish()."""
    folder = Path(tempfile.mkdtemp(prefix="orbit-publish-"))
    try:
        (result,) = orbit_cli_isolated(["build", "--publish", "--output", str(folder), "--quiet"])
        assert result.returncode == 0, result.stderr
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def serve_publish(folder: Path, site_url: str):
    """Serve a publish build for site_url (an absolute address) from a free port of 127.0.0.1,
    as `serve` does, with site_url written as the server's own address in every text file it
    sends: so a browser reads the build with every link, stylesheet and image it names, as
    at its own address, without a second build for the local address. (server, its URL)."""
    server = _Server(("127.0.0.1", 0), functools.partial(_AtAddress, directory=str(folder)))
    url = f"http://127.0.0.1:{server.server_port}/"
    server.addresses = (site_url.rstrip("/").encode(), url.rstrip("/").encode())
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    ).start()
    return server, url


def pytest_generate_tests(metafunc):
    if "page" in metafunc.fixturenames:
        metafunc.parametrize("page", built_pages())


def pytest_configure(config):
    # The controller of an xdist run names the run, so that it can remove the workers' shared
    # build when they are done (the workers see the name as PYTEST_XDIST_TESTRUNUID).
    if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
        config.option.testrunuid = config.option.testrunuid or uuid.uuid4().hex


def pytest_sessionfinish(session, exitstatus):
    config = session.config
    if hasattr(config, "workerinput"):
        return  # another worker may still read the shared build: the controller removes it
    if getattr(config.option, "testrunuid", None):
        shutil.rmtree(
            Path(tempfile.gettempdir()) / f"orbit-site-{config.option.testrunuid}",
            ignore_errors=True,
        )
    if real_site.cache_info().currsize:
        shutil.rmtree(real_site()[0].parent, ignore_errors=True)


# ---- the browser: Debian's chromium, one per test session (browser and phone tests share it) ----

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A page closed while a file was on its way (a favicon, a font) drops the connection:
        # not an error of the site, and its traceback would only clutter the test output.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _AtAddress(_Quiet):
    """Sends text files with the server's `addresses` pair replaced (see serve_publish)."""

    TEXT = (".html", ".css", ".xml", ".json", ".js", ".txt", ".webmanifest")

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if not (path.endswith(self.TEXT) and os.path.isfile(path)):
            return super().send_head()
        with open(path, "rb") as f:
            body = f.read().replace(*self.server.addresses)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(folder: Path):
    """Serve `folder` on a free port of 127.0.0.1: (server, its URL). Shut the server down when
    done: shutdown() waits for the loop's next poll, so the loop polls every 20 ms rather than
    the default 500 ms (half a second of nothing at the end of every browser test)."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    ).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


@pytest.fixture(scope="session")
def site_url(built_site):
    server, url = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"no browser at {CHROMIUM}: apt-get install chromium"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def contexts(browser):
    """The browser context, with or without JavaScript, the browser tests open their pages in.

    One per session, each test opening (and closing) pages of its own in it: a new context
    costs about a CPU-second (its own renderer process, the styles and fonts fetched and
    decoded again), a page in a running one a fraction of that. The site keeps no cookies or
    storage; a test that needs a first visit (the weight of a page) loads it from an origin of
    its own, as survey() explains."""
    made = {}

    def context(javascript: bool = True):
        if javascript not in made:
            made[javascript] = browser.new_context(java_script_enabled=javascript)
        return made[javascript]

    yield context
    for context in made.values():
        context.close()


@pytest.fixture(scope="session")
def context(contexts):
    """The session's browser context with JavaScript (see contexts)."""
    return contexts(True)


@pytest.fixture
def new_page(contexts):
    """Open a page for this test in the session's context (see contexts), closed after it:
    new_page(viewport, javascript=…, color_scheme=…, reduced_motion=…)."""
    opened = []

    def open_page(viewport=None, *, javascript=True, color_scheme=None, reduced_motion=None):
        page = contexts(javascript).new_page()
        opened.append(page)
        if viewport:
            page.set_viewport_size(viewport)
        if color_scheme or reduced_motion:
            page.emulate_media(color_scheme=color_scheme, reduced_motion=reduced_motion)
        return page

    yield open_page
    for page in opened:
        if not page.is_closed():
            page.close()


FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf")


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


# ---- the pages the browser tests look at ----

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


# ---- one load per page and width: every per-page check reads the same load ----

AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
# The dark scheme redefines colour tokens and nothing else (test_browser.py proves it of every
# stylesheet), so the same page in the dark can differ only in what axe checks of colours:
# its second pass runs those rules alone.
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]
AXE_DARK_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "rule", "values": AXE_COLOUR_RULES},
}


# Where axe's contrast rule is not run (see CONTRAST_READINGS): the light pass runs every rule
# but that one, the dark pass the other colour rule alone.
AXE_NO_CONTRAST_OPTIONS = {
    "resultTypes": ["violations"],
    "rules": {"target-size": {"enabled": True}, "color-contrast": {"enabled": False}},
}
AXE_DARK_NO_CONTRAST_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "rule", "values": [r for r in AXE_COLOUR_RULES if r != "color-contrast"]},
}


def violations(axe, page, injected: bool = False, options: dict = AXE_OPTIONS) -> list[str]:
    """axe's violations on the page as it is now; `injected`: axe is already in the page."""
    if injected:
        result = page.evaluate("(options) => axe.run(document, options)", options)
    else:
        result = axe.run(page, options=options).response
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

LOADED_FONTS = """() => document.fonts.ready.then(() =>
    [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family))"""

# Citation marks that start a line away from their word, or clusters split over two lines.
ORPHANS = """() => {
  const found = [];
  for (const sup of document.querySelectorAll('sup.cite')) {
    const label = sup.textContent.trim();
    const lines = new Set([...sup.querySelectorAll(':scope > a')]
      .map((a) => Math.round(a.getBoundingClientRect().top)));
    if (lines.size > 1) found.push(`${label}: the cluster is split over lines`);
    let node = sup.previousSibling;
    while (node && !(node.textContent || '').trim()) node = node.previousSibling;
    if (!node) continue;
    // the last character of the text before the mark
    const walker = document.createTreeWalker(node.nodeType === 3 ? node.parentNode : node,
                                             NodeFilter.SHOW_TEXT);
    let text = node.nodeType === 3 ? node : null, t;
    if (!text) while ((t = walker.nextNode())) if (t.textContent.trim()) text = t;
    if (!text) continue;
    const end = text.textContent.replace(/\\s+$/, '').length;
    if (end === 0 || end < text.textContent.length) {
      found.push(`${label}: space before the mark`);
      continue;
    }
    const range = document.createRange();
    range.setStart(text, end - 1);
    range.setEnd(text, end);
    const char = range.getBoundingClientRect();
    const mark = sup.querySelector('a').getBoundingClientRect();
    const lineHeight = parseFloat(getComputedStyle(sup.parentElement).lineHeight) || 24;
    if (Math.abs((char.top + char.bottom) / 2 - (mark.top + mark.bottom) / 2) > 0.6 * lineHeight) {
      found.push(`${label}: starts a line, away from its word`);
    }
  }
  return found;
}"""

# Back-link groups of the source list whose first line holds only the "↩": the span's first
# line box ends above the first link (getClientRects gives one box per line).
ARROWS_ALONE = """() => [...document.querySelectorAll('.backrefs')].filter(group => {
    const lines = group.getClientRects(), first = group.querySelector('a').getBoundingClientRect();
    return lines.length > 1 && lines[0].bottom <= first.top + 2;
}).map(group => group.closest('li').id)"""

# Page coordinates, not viewport ones: the page is measured as loaded, unscrolled.
FIRST_PARAGRAPH = """() => {
  const p = document.querySelector('article .prose p');
  return p ? p.getBoundingClientRect().top + window.scrollY : null;
}"""

# Last, because it changes the page: open every disclosure, then measure what a reader would see.
BAD_WORDS = ("None", "NaN", "undefined")
OPENED = """(bad) => {
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


# The checks survey() reads off each load at each width once the fonts are ready, in one call.
# Reading the layout first makes the page ask for any face the layout at this width needs, so
# that fonts.ready waits for it too (after a resize, a face no earlier layout used).
ONCE_FONTS_ARE_READY = f"""async () => {{
  void document.documentElement.offsetWidth;
  await document.fonts.ready;
  return {{
    orphans: ({ORPHANS})(),
    scroll_width: document.documentElement.scrollWidth,
    story_top: ({FIRST_PARAGRAPH})(),
    arrows_alone: ({ARROWS_ALONE})(),
  }};
}}"""

# Last, at every width in turn, because opening the disclosures changes the page.
OPEN_DISCLOSURES = "() => document.querySelectorAll('details').forEach(d => d.open = true)"
ONCE_OPENED = f"""async (bad) => {{
  void document.documentElement.offsetWidth;
  await document.fonts.ready;
  return ({OPENED})(bad);
}}"""


# What axe's color-contrast rule reads of the text it judges, as readings of a colour on a
# background: {"own": {reading: an element that has it}, "under": {…}}. axe judges an element by
# the text of its own (its text nodes), when that is seen and longer than one character (a
# failing single character is only "incomplete"), from: its colour (with
# -webkit-text-fill-color, the text's stroke and shadow, the opacity of it and its ancestors; an
# SVG text's fill too), the background under it (every background colour and image of the
# element and its ancestors, ::before and ::after boxes included, down to the first opaque
# colour) and whether it is large text (24 px, or 18.66 px bold: the 3:1 threshold). Where a box
# that is not its ancestor (one with a background, an image, a control) lies under the text,
# the text is read on that box's background as well, and both readings are "under" readings:
# axe reads one of them, or neither ("incomplete"). An element that is not seen (no box,
# hidden, clipped, transparent, above or left of the page) is not read. Read once the fonts are
# ready, so that the rule then runs on the page as read.
CONTRAST_READINGS = r"""async () => {
  void document.documentElement.offsetWidth;  // the faces this width needs, asked for
  await document.fonts.ready;  // where text lies depends on its font
  const styles = new Map(), behinds = new Map(), opacities = new Map(), hidden = new Map();
  const cs = (el) => { let s = styles.get(el); if (!s) styles.set(el, s = getComputedStyle(el)); return s; };
  const clear = (c) => c === 'transparent' || /^rgba\([^)]*,\s*0\)$/.test(c);
  const opaque = (c) => /^rgb\(/.test(c);
  // The elements a ::before or ::after rule of the page's stylesheets may give a box.
  const pseudo = new Set();
  const rules = (list) => { for (const rule of list) {
    if (rule.cssRules) rules(rule.cssRules);
    if (!rule.selectorText || !/:(before|after)/.test(rule.selectorText)) continue;
    for (const part of rule.selectorText.split(',')) {
      const base = part.replace(/::?(before|after)\b/g, '').trim() || '*';
      if (/:(before|after)/.test(part)) document.querySelectorAll(base).forEach((el) => pseudo.add(el));
    }
  } };
  for (const sheet of document.styleSheets) { try { rules(sheet.cssRules); } catch (e) {} }
  const paints = (el) => {
    const s = cs(el), own = [];
    if (!clear(s.backgroundColor)) own.push(s.backgroundColor);
    if (s.backgroundImage !== 'none') own.push(s.backgroundImage);
    if (pseudo.has(el)) for (const which of ['::before', '::after']) {
      const p = getComputedStyle(el, which);
      if (p.content !== 'none' && p.content !== 'normal'
          && (!clear(p.backgroundColor) || p.backgroundImage !== 'none'))
        own.push(`${which} ${p.backgroundColor} ${p.backgroundImage}`);
    }
    return own;
  };
  const behind = (el) => {
    if (!behinds.has(el)) {
      const own = paints(el), parent = el.parentElement;
      const rest = own.some((c) => opaque(c)) ? [] : parent ? behind(parent) : ['the canvas'];
      behinds.set(el, [...own, ...rest]);
    }
    return behinds.get(el);
  };
  const opacity = (el) => {
    if (!opacities.has(el))
      opacities.set(el, parseFloat(cs(el).opacity) * (el.parentElement ? opacity(el.parentElement) : 1));
    return opacities.get(el);
  };
  const clipped = (el) => {
    if (!hidden.has(el)) {
      const s = cs(el);
      hidden.set(el, s.clipPath !== 'none' || (s.clip !== 'auto' && s.position === 'absolute')
        || (s.overflow !== 'visible' && (el.clientWidth <= 1 || el.clientHeight <= 1))
        || (el.parentElement ? clipped(el.parentElement) : false));
    }
    return hidden.get(el);
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.getAttribute('class') ? '.' + el.getAttribute('class').trim().split(/\s+/).join('.') : '');
  const replaced = /^(img|svg|canvas|video|iframe|object|embed|input|select|textarea|button)$/i;
  const boxes = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!(replaced.test(el.tagName) || paints(el).length)) continue;
    for (const r of el.getClientRects()) boxes.push([el, r]);
  }
  const texts = new Map();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let t; (t = walker.nextNode()); ) {
    if (!t.data.trim() || !t.parentElement) continue;
    if (!texts.has(t.parentElement)) texts.set(t.parentElement, []);
    texts.get(t.parentElement).push(t);
  }
  const range = document.createRange(), own = {}, under = {};
  for (const [el, nodes] of texts) {
    const s = cs(el);
    if (s.visibility !== 'visible' || clipped(el) || opacity(el) === 0) continue;
    const text = nodes.map((t) => t.data).join('').replace(/\s+/g, ' ').trim();
    if (text.length <= 1) continue;
    const rects = nodes.flatMap((t) => { range.selectNodeContents(t); return [...range.getClientRects()]; })
      .filter((r) => r.width > 1 && r.height > 1 && r.right + scrollX > 0 && r.bottom + scrollY > 0);
    if (!rects.length) continue;
    const over = new Set();
    for (const [box, b] of boxes) {
      if (rects.some((r) => Math.min(r.right, b.right) - Math.max(r.left, b.left) > 1
                         && Math.min(r.bottom, b.bottom) - Math.max(r.top, b.top) > 1)
          && !(box === el || box.contains(el) || el.contains(box)))
        over.add(box);
    }
    const size = parseFloat(s.fontSize), weight = s.fontWeight;
    const pt = Math.ceil(72 * size) / 96, bold = parseFloat(weight) >= 700 || weight === 'bold';
    const fg = [s.color];
    if (s.webkitTextFillColor !== s.color) fg.push(`fill-color ${s.webkitTextFillColor}`);
    if (parseFloat(s.webkitTextStrokeWidth)) fg.push(`stroke ${s.webkitTextStrokeWidth} ${s.webkitTextStrokeColor}`);
    if (s.textShadow !== 'none') fg.push(`shadow ${s.textShadow}`);
    if (el instanceof SVGElement) fg.push(`fill ${s.fill} ${s.fillOpacity}`);
    if (opacity(el) !== 1) fg.push(`opacity ${opacity(el)}`);
    const large = (bold ? pt >= 14 : pt >= 18) ? ' (large text)' : '';
    const reading = (bg) => `${fg.join(' ')} on ${bg.join(' on ')}${large}`;
    const example = `${name(el)}: ${text.slice(0, 40)}`;
    const into = over.size ? under : own;
    into[reading(behind(el))] ??= example;
    for (const box of over)
      under[reading(behind(box))] ??= `${example} (over ${name(box)})`;
  }
  return {own, under};
}"""


def contrast_unread(read: dict[str, dict], judged: dict[str, dict]) -> list[str]:
    """The readings (CONTRAST_READINGS), own and under, of `read` ({where: readings}) that no
    page axe's contrast rule judged has as an own reading (`judged`, {where: readings}): each
    with the place and an element. The rule's verdict on a text is a function of its reading,
    so a reading it passed on one page or at one width passes wherever it is. A reading of
    large text is also covered by the same reading of text that is not large (the 4.5:1 it
    passed is more than the 3:1 large text needs); not the other way round."""
    covered = {reading for found in judged.values() for reading in found["own"]}
    unread = {}
    for where, found in read.items():
        for reading, example in (found["own"] | found["under"]).items():
            if reading not in covered and reading.removesuffix(" (large text)") not in covered:
                unread.setdefault(reading, f"/{where} {example}: {reading}")
    return sorted(unread.values())


def uncovered(readings: dict, covered: set[str]) -> bool:
    """Whether a page's readings (CONTRAST_READINGS) have one that `covered` does not."""
    return any(
        reading not in covered and reading.removesuffix(" (large text)") not in covered
        for reading in readings["own"] | readings["under"]
    )


def contrast_rule(page, here: dict, scheme: str, here_too: bool, cover: bool, covered) -> bool:
    """Read the page's contrast readings in `scheme` into `here`; whether axe's contrast rule
    is to run on it (see survey_widths: at a contrast width, `here_too`; with `cover`, only
    on readings that `covered`, {scheme: own readings judged}, lacks, which it then has)."""
    read = here.setdefault("contrast", {})[scheme] = page.evaluate(CONTRAST_READINGS)
    run = here_too and (not cover or uncovered(read, covered[scheme]))
    if run:
        covered[scheme] |= set(read["own"])
    here.setdefault("contrast_run", {})[scheme] = run
    return run


def weigh(page, base: str, requests: list, responses: list) -> dict:
    """Requests, bytes (uncompressed bodies), other origins, blocking scripts and the web fonts
    loaded (once the fonts are ready), of the load so far: call it once the network is idle."""
    origin = urlsplit(base).netloc
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
    font_files = [u for u in requests if urlsplit(u).path.endswith(FONT_SUFFIXES)]
    return {
        "requests": len(requests) - len(font_files),
        "bytes": total,
        "font_bytes": fonts,
        "fonts": [urlsplit(u).path for u in font_files],
        "third_party": [u for u in requests if urlsplit(u).netloc != origin],
        "blocking_scripts": page.evaluate(BLOCKING),
        "files": [urlsplit(u).path for u in requests],
        "figures": page.locator("figure.chart-figure").count(),
        "loaded_fonts": page.evaluate(LOADED_FONTS),
    }


def survey(context, base: str, paths: list[str], viewport: dict, **options) -> dict[str, dict]:
    """survey_widths() at one viewport: {path: what was found}."""
    return survey_widths(context, base, paths, [viewport], **options)[viewport["width"]]


def survey_widths(
    context,
    base: str,
    paths: list[str],
    viewports: list[dict],
    *,
    axe=None,
    axe_paths: list[str] | None = None,
    axe_widths: tuple[int, ...] | None = None,
    contrast_widths: tuple[int, ...] | None = None,
    contrast_cover: bool = False,
    weighed: tuple[str, ...] | list[str] = (),
    origins: dict[str, str] | None = None,
    network: bool = False,
) -> dict[int, dict[str, dict]]:
    """Load each page once and read every per-page check off that load at each viewport in
    turn: {width: {path: what was found}}.

    The page is loaded at the first viewport and then resized to each of the others
    (set_viewport_size keeps the loaded DOM): the layout a resize gives is the one a load at
    that width gives, because the pages are static HTML whose scripts never read the width
    while loading (preview.js places an open preview on resize, and none is open), and the
    theme's widths are media queries on the viewport, which the browser applies again on a
    resize. test_browser.py proves it, element by element, on pages with every width rule.
    At each width, for each path, in this order:
    - with `axe`, at `axe_widths` (default: every width), on `axe_paths` (default: all), axe
      in the light and then the dark colour scheme ("light", "dark"). The scheme is switched on
      the loaded page (emulate_media), which restyles it as a load in that scheme would: the
      theme's colours are custom properties under prefers-color-scheme and no script reads the
      scheme. So axe is injected once per page, for every width. Its color-contrast rule runs
      at `contrast_widths` only (default: every axe width); at each axe width, in each scheme,
      what that rule reads (CONTRAST_READINGS: "contrast", {scheme: readings}), read first.
      With `contrast_cover`, the rule runs on a page (at a contrast width, in a scheme) only if
      the page has a reading there that no page it ran on had as its own: a reading it passed
      once passes wherever it is ("contrast_run": {scheme: whether it ran});
    - at the first width only, for the `weighed` paths, once the network is idle and before the
      switch to dark, what the load fetched ("weight", see weigh()), and with `network`, every
      request made and the render-blocking scripts ("requests", "blocking_scripts");
    - once the fonts are ready: the citation marks that wrap away from their word
      ("orphans"), the page's width ("scroll_width"), the first paragraph's top ("story_top"),
      the source list's back-link arrows left alone on a line ("arrows_alone");
    - last, once that is done at every width, every disclosure is opened and the page measured
      at each width again: overflow, chart text sizes and cells reading None ("opened", see
      OPENED).
    One page of `context` loads them, each from `base` or from its own origin in `origins`
    ("origin": the one used). Its HTTP cache is off, so that each page makes every request of
    its own, as in a fresh browser. A weighed page must be the first page of its origin in
    the context (a first visit): after another page of the same origin, Chromium takes the
    fonts from its memory cache (no body to weigh) and asks for faces the page does not use.
    The viewport's height changes no width and no line break in this theme (nothing is sized
    across by vh), so one height per width serves every check."""
    widths = [v["width"] for v in viewports]
    page = context.new_page()
    page.set_viewport_size(viewports[0])
    context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
    requests: list[str] = []
    responses: list = []
    if weighed or network:  # without a listener Playwright does not send these events at all
        page.on("request", lambda r: requests.append(r.url))
        page.on("response", lambda r: responses.append(r))
    on_axe = set(paths if axe_paths is None else axe_paths) if axe else set()
    axe_at = set(widths if axe_widths is None else axe_widths)
    contrast_at = axe_at if contrast_widths is None else set(contrast_widths)
    covered: dict[str, set[str]] = {"light": set(), "dark": set()}
    origins = origins or {}
    found: dict[int, dict[str, dict]] = {width: {} for width in widths}
    try:
        for path in paths:
            requests.clear()
            responses.clear()
            origin = origins.get(path, base)
            page.emulate_media(color_scheme="light")
            if page.viewport_size != viewports[0]:
                page.set_viewport_size(viewports[0])
            page.goto(origin + path)
            injected = False
            for i, viewport in enumerate(viewports):
                if i:
                    page.set_viewport_size(viewport)
                here: dict = {"origin": origin}
                checked = path in on_axe and viewport["width"] in axe_at
                contrast = viewport["width"] in contrast_at
                if checked:
                    rule = contrast_rule(page, here, "light", contrast, contrast_cover, covered)
                    light = AXE_OPTIONS if rule else AXE_NO_CONTRAST_OPTIONS
                    here["light"] = violations(axe, page, injected=injected, options=light)
                    injected = True
                if i == 0 and path in weighed:
                    page.wait_for_load_state("networkidle")
                    here["weight"] = weigh(page, origin, list(requests), list(responses))
                if checked:
                    page.emulate_media(color_scheme="dark")
                    rule = contrast_rule(page, here, "dark", contrast, contrast_cover, covered)
                    dark = AXE_DARK_OPTIONS if rule else AXE_DARK_NO_CONTRAST_OPTIONS
                    here["dark"] = violations(axe, page, injected=True, options=dark)
                    page.emulate_media(color_scheme="light")
                if i == 0 and network:
                    page.wait_for_load_state("networkidle")
                    here["requests"] = list(requests)
                    here["blocking_scripts"] = page.evaluate(BLOCKING)
                here |= page.evaluate(ONCE_FONTS_ARE_READY)
                found[viewport["width"]][path] = here
            page.evaluate(OPEN_DISCLOSURES)
            for i, viewport in enumerate(reversed(viewports)):
                if i:
                    page.set_viewport_size(viewport)
                found[viewport["width"]][path]["opened"] = page.evaluate(
                    ONCE_OPENED, list(BAD_WORDS)
                )
    finally:
        page.close()
    return found


# Each width the browser tests read the real site at, and the viewport's height there: 375×812
# is a common phone, 768 a wide table between phone cards and desktop.
HEIGHTS = {320: 800, 375: 812, 768: 800, 1280: 900}
AXE_WIDTHS = (375, 1280)
# axe's color-contrast rule is nine tenths of axe's time. It runs at 375 px only, and there on
# the pages that show a reading (CONTRAST_READINGS) no page before them did: elsewhere, and at
# 1280 px, it would read only what it has judged, which test_browser.py proves of every page at
# both widths. 375 px rather than 1280: headings are smaller there (clamp() by the width), so
# more text is held to 4.5:1 rather than large text's 3:1.
AXE_CONTRAST_WIDTHS = (375,)


def weighed_paths(built_site: Path) -> list[str]:
    """The pages whose weight and fonts are measured: the home page, every article and the two
    pages with the most figures and the most text."""
    return ["", *article_paths(built_site), "crew-exchange/", "glossary/"]


# The widths read off one load of each page (survey_widths()), each set in an xdist group of
# its own. One set: a page loaded once is read at every width (a load and axe's injection cost
# more than a resize), and the contrast proof compares 375 and 1280 px, which must then be read
# in one worker. The weight and the requests are measured at 1280 px, which must come first in
# its set (the page as loaded).
SURVEYS = ((1280, 375, 768, 320),)


@pytest.fixture(scope="session")
def surveyed(built_site, site_url, context, axe):
    """What survey_widths() found on the real site at a width (a key of HEIGHTS): made once per
    set of SURVEYS and worker; the tests that read a set share an xdist group (width_group), so
    it is made once per run.

    Every kind of page and data/; axe at AXE_WIDTHS, its contrast rule at AXE_CONTRAST_WIDTHS
    on the pages with readings no page before them had (what the rule reads at every axe
    width, for the proof); at 1280 px the requests, and the weight of
    the weighed pages, each served from a server of its own (a first visit, see survey())."""

    @functools.cache
    def of_set(widths: tuple[int, ...]) -> dict[int, dict[str, dict]]:
        kinds = page_paths(built_site)
        assert len(kinds) >= len(KINDS), kinds
        weighed = weighed_paths(built_site) if 1280 in widths else []
        assert not weighed or widths[0] == 1280, widths
        servers = dict(serve(built_site) for _ in weighed)
        try:
            return survey_widths(
                context,
                site_url,
                [*kinds, "data/"],
                [{"width": width, "height": HEIGHTS[width]} for width in widths],
                axe=axe if set(widths) & set(AXE_WIDTHS) else None,
                axe_paths=kinds,
                axe_widths=AXE_WIDTHS,
                contrast_widths=AXE_CONTRAST_WIDTHS,
                contrast_cover=True,
                weighed=weighed,
                origins=dict(zip(weighed, servers.values(), strict=True)),
                network=1280 in widths,
            )
        finally:
            for server in servers:
                server.shutdown()

    def at(width: int) -> dict[str, dict]:
        return of_set(survey_set(width))[width]

    return at


def survey_set(width: int) -> tuple[int, ...]:
    (widths,) = [widths for widths in SURVEYS if width in widths]
    return widths


def width_group(width: int):
    """The xdist group of the tests that read surveyed(width): one per set of SURVEYS."""
    return pytest.mark.xdist_group("survey-" + "-".join(map(str, survey_set(width))))
