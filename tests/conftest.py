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
    share one build: the first to get the lock builds, the others wait for it and read it.
    """
    folder = shared_folder()
    if folder is None:
        out = Path(tempfile.mkdtemp(prefix="orbit-site-")) / "output"
        return out, orbit_cli("build", "--output", str(out), "--quiet")
    folder.mkdir(exist_ok=True)
    out, done = folder / "output", folder / "build.json"
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            result = orbit_cli("build", "--output", str(out), "--quiet")
            done.write_text(
                json.dumps([result.args, result.returncode, result.stdout, result.stderr])
            )
        args, code, stdout, stderr = json.loads(done.read_text())
    return out, subprocess.CompletedProcess(args, code, stdout, stderr)


def shared_folder() -> Path | None:
    """The folder the workers of one pytest-xdist run share, or None outside xdist."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    return Path(tempfile.gettempdir()) / f"orbit-site-{run}" if run else None


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


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()
