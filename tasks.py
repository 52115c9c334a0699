"""Tasks for building, previewing, checking and testing Orbit Exchange (run with `invoke`)."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

SETTINGS = str(ROOT / "pelican.conf.py")
OUTPUT = ROOT / "output"
CONTENT = ROOT / "content"
HOST, PORT = "127.0.0.1", 8000


def _settings_value(name):
    from orbit_cli.check import read_settings

    return read_settings(SETTINGS)[name]


def _topic_keys() -> list[str]:
    import yaml

    data = yaml.safe_load((CONTENT / "data" / "topics.yaml").read_text(encoding="utf-8"))
    return [topic["key"] for topic in data["topics"]]


def _build(output=OUTPUT, overrides=None, quiet=False, debug=False) -> int:
    from orbit_cli.build import build as run_build

    return run_build(SETTINGS, str(output), overrides, quiet=quiet, debug=debug)


@task(
    help={
        "quiet": "print nothing unless something is wrong",
        "debug": "show Pelican's log and the Python traceback of an unexpected error",
    }
)
def build(c, quiet=False, debug=False):
    """Build the site for development into output/ (kept as it was if the build fails)."""
    code = _build(quiet=quiet, debug=debug)
    if code:
        raise Exit(code=code)


@task(
    help={
        "output": "also run the site checker over the built output/ (links, images, metadata …)",
        "content": "check this content folder instead of content/",
    }
)
def check(c, output=False, content=""):
    """Validate all content without rendering; with --output also check the built site."""
    from orbit_cli.__main__ import main

    code = main(["check", "--settings", SETTINGS, "--content", content or str(CONTENT)])
    if output and not code:
        args = [sys.executable, "-m", "sitecheck", str(OUTPUT)]
        for host in _settings_value("ORBIT_HTTP_HOSTS"):
            args += ["--http-host", host]
        code = c.run(shlex.join(args), warn=True).exited
    if code:
        raise Exit(code=code)


@task(help={"today": "judge by this date, YYYY-MM-DD (default: today)"})
def stale(c, today=""):
    """List claims about the future whose expected date has passed with no outcome recorded."""
    from orbit_cli.stale import stale as list_stale

    code = list_stale(SETTINGS, str(CONTENT), today or None)
    if code:
        raise Exit(code=code)


@task
def serve(c, port=PORT):
    """Build, serve output/ on http://127.0.0.1:8000 and rebuild + reload on every change."""
    from orbit_cli.__main__ import main

    code = main(["serve", "--settings", SETTINGS, "--output", str(OUTPUT), "--port", str(port)])
    if code:
        raise Exit(code=code)


@task
def test(c, browser=True):
    """Run the whole test suite (pytest), browser tests included unless --no-browser."""
    args = ["pytest", "-q"] if browser else ["pytest", "-q", "-m", "not browser"]
    c.run(shlex.join([sys.executable, "-m", *args]), pty=False)


@task
def publish(c, siteurl=""):
    """Build for production into output/: absolute SITEURL, feeds, minified, compressed."""
    from orbit_cli.__main__ import main

    code = main(["build", "--settings", SETTINGS, "--output", str(OUTPUT), "--publish", siteurl])
    if not code:
        # The production build itself, with its public address: absolute links to pages that
        # are not there (a draft) and missing site files are caught before deploy.
        url = siteurl or _settings_value("PUBLISH_SITEURL")
        args = [
            sys.executable,
            "-m",
            "sitecheck",
            str(OUTPUT),
            "--site-url",
            url,
            "--require-site-files",
        ]
        for host in _settings_value("ORBIT_HTTP_HOSTS"):
            args += ["--http-host", host]
        code = c.run(shlex.join(args), warn=True, pty=False).exited
    if code:
        raise Exit(code=code)


@task
def linkcheck(c, concurrency=8):
    """Check external links in output/ (needs the internet; results cached for a week)."""
    c.run(
        f"{sys.executable} -m sitecheck.linkcheck {OUTPUT} --cache {ROOT / '.linkcheck.json'} "
        f"--concurrency {concurrency}",
        pty=False,
    )


@task(help={"sizes": "article counts, comma-separated", "runs": "runs per size"})
def bench(c, sizes="100,1000", runs=3):
    """Benchmark: our build against stock Pelican on a synthetic corpus (see BENCHMARKS.md)."""
    c.run(f"{sys.executable} -m bench.run --sizes {sizes} --runs {runs} --publish-steps", pty=False)


@task
def budgets(c):
    """Benchmark: requests and bytes per kind of page of a publish build, against the budgets."""
    c.run(f"{sys.executable} -m bench.budgets --build", pty=False)


@task(help={"pages": "comma-separated paths to audit (default: home, an article, the data pages)"})
def lighthouse(c, pages="/,/seat-swap/,/timeline/,/crew-exchange/,/moon-missions/"):
    """Benchmark: Lighthouse (mobile) scores of a publish build on 127.0.0.1 (npm, chromium)."""
    import functools
    import http.server
    import io
    import json
    import tempfile
    import threading

    tool = ROOT / ".cache" / "lighthouse"
    if not (tool / "node_modules" / ".bin" / "lighthouse").exists():
        c.run(f"npm install --silent --prefix {tool} lighthouse@12", pty=False)
    site = Path(tempfile.mkdtemp(prefix="orbit-lh-")) / "output"

    class AsDeployed(http.server.SimpleHTTPRequestHandler):
        """The publish build served as its hosts serve it: the precompressed .br or .gz
        beside each text file when the browser accepts it, over kept-alive connections.
        (Served plain, every page was measured as if sent uncompressed, and every file
        opened a connection of its own.)"""

        protocol_version = "HTTP/1.1"

        def send_head(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                if not self.path.split("?")[0].endswith("/"):
                    return super().send_head()  # its redirect to the address with a slash
                path = path / "index.html"
            accepted = self.headers.get("Accept-Encoding", "")
            for suffix, coding in ((".br", "br"), (".gz", "gzip")):
                packed = path.with_name(path.name + suffix)
                if coding in accepted and path.is_file() and packed.is_file():
                    body = packed.read_bytes()
                    self.send_response(200)
                    self.send_header("Content-Type", self.guess_type(str(path)))
                    self.send_header("Content-Encoding", coding)
                    self.send_header("Content-Length", str(len(body)))
                    self.send_header("Vary", "Accept-Encoding")
                    self.end_headers()
                    return io.BytesIO(body)
            return super().send_head()

        def log_message(self, *args):
            pass

    handler = functools.partial(AsDeployed, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_port}"
    from orbit_cli.__main__ import main

    if main(["build", "--settings", SETTINGS, "--output", str(site), "--publish", url, "--quiet"]):
        raise Exit(code=2)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    flags = "--headless --no-sandbox --disable-gpu --disable-background-networking"
    try:
        for page in pages.split(","):
            report = site.parent / "report.json"
            c.run(
                f"CHROME_PATH={os.environ.get('CHROMIUM', '/usr/bin/chromium')} "
                f"{tool}/node_modules/.bin/lighthouse {url}{page} --quiet --output=json "
                f"--output-path={report} --chrome-flags='{flags}' "
                "--only-categories=performance,accessibility,best-practices,seo",
                pty=False,
            )
            result = json.loads(report.read_text())
            scores = {k: round(v["score"] * 100) for k, v in result["categories"].items()}
            metrics = {
                m: result["audits"][m]["displayValue"]
                for m in (
                    "first-contentful-paint",
                    "largest-contentful-paint",
                    "total-blocking-time",
                    "cumulative-layout-shift",
                )
            }
            print(f"{page}: {scores} {metrics}")
    finally:
        server.shutdown()


@task
def docs(c):
    """Regenerate CONTRIBUTING.md's field table and schemas/*.json from the content models."""
    from orbit_cli.docs import write_all

    for path in write_all(ROOT):
        print(f"Wrote {path.relative_to(ROOT)}")


@task
def clean(c):
    """Remove output/ and Pelican's caches."""
    for path in (OUTPUT, ROOT / "cache", ROOT / ".pytest_cache"):
        shutil.rmtree(path, ignore_errors=True)


@task(
    help={
        "title": "the headline",
        "category": "topic key from content/data/topics.yaml",
        "kind": "article (default) or page",
    }
)
def new(c, title, category="station", kind="article"):
    """Scaffold content/articles/<slug>.md (or pages/) with valid draft front matter."""
    from orbit_cli.scaffold import ScaffoldError, scaffold
    from orbit_content.problems import did_you_mean

    topics = _topic_keys()
    if kind == "article" and category not in topics:
        hint = did_you_mean(category, topics, f"use one of: {', '.join(topics)}")
        print(f"new: unknown topic '{category}' — {hint}", file=sys.stderr)
        raise Exit(code=3)
    try:
        path = scaffold(CONTENT, title, category, kind=kind)
    except ScaffoldError as err:
        print(f"new: {err}", file=sys.stderr)
        raise Exit(code=3) from None
    draft_url = _settings_value("DRAFT_PAGE_URL" if kind == "page" else "DRAFT_URL").format(
        slug=path.stem
    )
    print(
        f"Wrote {path.relative_to(ROOT)} (a draft)\nNext: edit it, run `./site check`, then "
        f"`./site serve` and open http://{HOST}:{PORT}/{draft_url}"
    )
