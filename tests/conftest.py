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
from urllib.parse import urlsplit

import pytest

from orbit_cli.__main__ import main as cli_main

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "tests" / "sites"
SETTINGS = str(ROOT / "pelican.conf.py")


def orbit_cli(*args: str, cwd: Path = ROOT, isolated: bool = False) -> subprocess.CompletedProcess:
    """Run `python -m orbit_cli …` as a contributor's task would, capturing its output.

    In this process (a build keeps no state between runs, so each starts fresh, and a second
    of interpreter start-up is saved per run), or in a child process when `isolated`: a
    publish build connects production-only receivers to Pelican's global signals, which
    would then run in every later build of the session."""
    argv = [*args, "--settings", SETTINGS]
    if isolated:
        env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
        return subprocess.run(
            [sys.executable, "-m", "orbit_cli", *argv],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
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


@pytest.fixture(scope="session")
def published() -> Path:
    """A publish build for the public address (PUBLISH_SITEURL), in a child process: a publish
    build connects production-only receivers to Pelican's global signals, which would then run
    in every later build of the session."""
    out = Path(tempfile.mkdtemp(prefix="orbit-publish-")) / "output"
    result = orbit_cli("build", "--publish", "--output", str(out), "--quiet", isolated=True)
    assert result.returncode == 0, result.stderr
    yield out
    shutil.rmtree(out.parent, ignore_errors=True)


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


def serve(folder: Path):
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
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


FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf")


def measure(browser, url: str) -> dict:
    """Requests, bytes (uncompressed bodies), other origins, blocking scripts and the web fonts
    loaded (once the fonts are ready), for one load in a fresh context."""
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
        "loaded_fonts": page.evaluate("""() => document.fonts.ready.then(() =>
            [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family))"""),
    }
    context.close()
    return result


@pytest.fixture(scope="session")
def measured(browser, site_url):
    """measure() of a page of the real site by its path, once per page and worker: the weight
    and the font tests read the same loads (they share an xdist group)."""
    return functools.cache(lambda path: measure(browser, site_url + path))


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()
