"""sitecheck.linkcheck against a local server only: this machine (and CI) has no internet.

A ThreadingHTTPServer on 127.0.0.1 (port 0) plays every kind of remote site; it logs each
request (monotonic time, method, path) and counts requests in flight, so the tests can prove
the politeness rules (per-host interval, concurrency limit) from the server's side. Timeouts,
backoffs and intervals are tiny so the whole file runs in a few seconds.
"""

from __future__ import annotations

import json
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitecheck import load_site
from sitecheck.linkcheck import (
    BLOCKED,
    DEAD,
    ERROR,
    OK,
    RATE_LIMITED,
    REDIRECTED,
    check_external,
    collect_external,
    main,
    pages_by_url,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "sites" / "linkcheck" / "collect"
T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
# The client's timeout; /slow answers only after SLOW. Wide enough that a busy machine (the
# suite runs on two workers beside other work) does not time out the quick answers.
TIMEOUT = 0.5
SLOW = 3.0
HOLD = 0.1  # how long /hold keeps a request in flight
FAST = {"timeout": TIMEOUT, "backoff": 0.02, "per_host_interval": 0.0}


class Server:
    """What the handler saw: the request log and the most requests in flight at once."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.log: list[tuple[float, str, str]] = []
        self.seen: dict[str, int] = {}
        self.in_flight = 0
        self.max_in_flight = 0
        self.stop = threading.Event()  # releases /slow sleepers at teardown
        self.accepted: dict[tuple[str, int], float] = {}  # connection -> when it was accepted
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path

    def arrive(self, method: str, path: str, client: tuple[str, int]) -> int:
        """Log a request; how many times this path (with query) was asked before."""
        with self.lock:
            self.log.append((self.accepted.pop(client, time.monotonic()), method, path))
            before = self.seen.get(path, 0)
            self.seen[path] = before + 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            return before

    def leave(self) -> None:
        with self.lock:
            self.in_flight -= 1

    def requests(self, path: str) -> list[str]:
        """Methods of the requests for a path (query ignored), in order."""
        return [method for _, method, p in self.log if urlsplit(p).path == path]


def make_handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            self.answer("HEAD")

        def do_GET(self) -> None:
            self.answer("GET")

        def answer(self, method: str) -> None:
            before = server.arrive(method, self.path, self.client_address)
            try:
                status, headers = self.route(method, urlsplit(self.path).path, before)
            finally:
                server.leave()  # before replying: the client's request is still open here
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "2")
                self.end_headers()
                if method == "GET":
                    self.wfile.write(b"ok")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout) or closed after the headers

        def route(self, method: str, path: str, before: int) -> tuple[int, dict[str, str]]:
            if path == "/moved":
                return 301, {"Location": "/ok"}
            if path == "/busy":
                return 429, {"Retry-After": "1"}
            if path == "/slow":
                server.stop.wait(SLOW)
            if path == "/hold":
                time.sleep(HOLD)
            if path == "/flaky" and before == 0:
                return 500, {}
            if path == "/nohead" and method == "HEAD":
                return 405, {"Allow": "GET"}
            fixed = {"/gone": 404, "/blocked": 403, "/challenge": 503}
            extra = {"cf-mitigated": "challenge"} if path == "/challenge" else {}
            return fixed.get(path, 200), extra

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


class Httpd(ThreadingHTTPServer):
    """Stamps each connection as it is accepted (less scheduling jitter than the handler)."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, state: Server) -> None:
        super().__init__(("127.0.0.1", 0), make_handler(state))
        self.state = state

    def process_request(self, request, client_address) -> None:
        with self.state.lock:
            self.state.accepted[client_address] = time.monotonic()
        super().process_request(request, client_address)


@contextmanager
def serve() -> Iterator[Server]:
    state = Server()
    httpd = Httpd(state)
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield state
    finally:
        state.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=2)


@pytest.fixture
def server() -> Iterator[Server]:
    with serve() as state:
        yield state


# --- the main run: every endpoint, once -------------------------------------------------

CATEGORY_OF = {
    "/ok": OK,
    "/moved": REDIRECTED,
    "/gone": DEAD,
    "/busy": RATE_LIMITED,
    "/blocked": BLOCKED,
    "/slow": ERROR,
    "/flaky": OK,
    "/nohead": OK,
    "/challenge": BLOCKED,
    "/ok?q=Роскосмос&x=a b": OK,
}


@pytest.fixture(scope="module")
def main_run(tmp_path_factory):
    """All endpoints on one host, checked once for several tests."""
    cache = tmp_path_factory.mktemp("linkcheck") / "cache.json"
    with serve() as state:
        urls = {path: state.url(path) for path in CATEGORY_OF}
        urls_by_page = {
            "index.html": set(urls.values()),
            "guide/index.html": {urls["/gone"], urls["/ok"] + "#section"},
        }
        report = check_external(
            urls_by_page,
            cache_path=cache,
            concurrency=4,
            per_host_interval=0.01,
            timeout=TIMEOUT,
            retries=2,
            backoff=0.02,
            retry_after_cap=0.5,
            now=T0,
        )
        yield state, urls, report, cache


@pytest.mark.parametrize("path", list(CATEGORY_OF))
def test_each_answer_lands_in_its_category(main_run, path):
    _, urls, report, _ = main_run
    assert report.category(urls[path]) == CATEGORY_OF[path], report.results[urls[path]]


def test_redirect_reports_original_final_and_status_chain(main_run):
    _, urls, report, _ = main_run
    result = report.results[urls["/moved"]]
    assert (result.url, result.final_url, result.statuses) == (
        urls["/moved"],
        urls["/ok"],
        [301, 200],
    )


def test_retries_5xx_and_falls_back_to_get(main_run):
    state, _, _, _ = main_run
    assert state.requests("/flaky") == ["HEAD", "HEAD"]  # 500, then 200 on the retry
    assert state.requests("/nohead") == ["HEAD", "GET"]  # 405 on HEAD
    assert state.requests("/slow") == ["HEAD"] * 3  # timed out, retried twice
    assert state.requests("/gone") == ["HEAD"]  # a 404 is not retried
    assert state.requests("/blocked") == ["HEAD"]  # nor is a 403


def test_retry_after_over_the_cap_is_not_hammered(main_run):
    state, urls, report, _ = main_run
    assert state.requests("/busy") == ["HEAD"]
    assert "Retry-After 1 s is over the 0.5 s cap" in report.results[urls["/busy"]].detail


def test_report_text(main_run):
    _, urls, report, _ = main_run
    lines = str(report).splitlines()
    assert lines[0].startswith("External links: 10 URLs on 2 pages (10 checked, 0 from cache")
    assert "4 ok, 1 redirected, 1 dead, 1 rate-limited, 2 blocked, 1 error" in lines[0]
    assert len(lines) == 1 + 6  # one per non-ok URL, dead first
    assert lines[1] == (f"dead: {urls['/gone']} (404 Not Found) on guide/index.html, index.html")
    assert f"redirected: {urls['/moved']} -> {urls['/ok']} (301 -> 200)" in lines[-1]
    assert report.exit_code == 1


def test_cache_keeps_only_lasting_answers(main_run):
    _, urls, _, cache = main_run
    data = json.loads(cache.read_text(encoding="utf-8"))
    kept = {url for url in data["urls"]}
    assert urls["/gone"] in kept and urls["/moved"] in kept and urls["/blocked"] in kept
    assert urls["/slow"] not in kept and urls["/busy"] not in kept  # re-checked next run
    assert data["urls"][urls["/moved"]]["chain"] == [[301, urls["/moved"]], [200, urls["/ok"]]]
    assert data["urls"][urls["/ok"]]["checked_at"] == T0.isoformat()


# --- politeness ---------------------------------------------------------------------------

INTERVAL = 0.2


def spacing_problems(times: list[float], interval: float) -> list[str]:
    """What the server's log of request arrivals says against a per-host interval.

    The server stamps a request when it accepts the connection, which on a busy machine can
    be late: a late stamp shortens one gap and lengthens the next. So the typical (median)
    gap and the whole span are judged, each with room for such jitter but not for the
    interval being ignored, where most requests arrive together."""
    gaps = [b - a for a, b in pairwise(sorted(times))]
    problems = []
    if statistics.median(gaps) < interval / 2:
        problems.append(f"median gap {statistics.median(gaps):.3f} s < {interval / 2} s: {gaps}")
    if times and max(times) - min(times) < len(gaps) * interval * 0.6:
        problems.append(f"{len(times)} requests within {max(times) - min(times):.3f} s")
    return problems


def interval_run(server, interval: float) -> list[float]:
    urls = {"index.html": {server.url(path) for path in ("/moved", "/flaky", "/nohead")}}
    report = check_external(
        urls,
        cache_path=None,
        concurrency=3,
        timeout=TIMEOUT,
        backoff=0.0,
        per_host_interval=interval,
    )
    assert {r.category for r in report.results.values()} == {OK, REDIRECTED}
    return [t for t, _, _ in server.log]


def test_per_host_interval_is_respected(server):
    """Redirect hops, retries and the GET fallback wait their turn too, as the server saw it."""
    times = interval_run(server, INTERVAL)
    assert len(times) == 6
    assert spacing_problems(times, INTERVAL) == []


def test_spacing_check_reports_an_ignored_interval(server):
    times = interval_run(server, 0.0)  # the same requests, as a client without the rule sends them
    assert len(times) == 6
    assert spacing_problems(times, INTERVAL), times


def test_concurrency_never_exceeds_the_limit(server, tmp_path):
    urls = {"index.html": {server.url(f"/hold?n={i}") for i in range(9)}}
    report = check_external(urls, cache_path=None, concurrency=3, **FAST)
    assert {r.category for r in report.results.values()} == {OK}
    assert server.max_in_flight == 3  # used in full, never more


def test_retry_after_is_honoured_within_the_cap(server):
    urls = {"index.html": {server.url("/busy")}}
    report = check_external(urls, cache_path=None, retries=1, retry_after_cap=2.0, **FAST)
    first, second = (t for t, _, _ in server.log)
    # waited the server's Retry-After: 1 (the first arrival may be stamped late on a busy
    # machine; without the wait the retry comes after the 0.02 s backoff)
    assert second - first >= 0.7, second - first
    assert report.category(server.url("/busy")) == RATE_LIMITED
    assert "after 2 tries" in report.results[server.url("/busy")].detail


# --- the cache ----------------------------------------------------------------------------

LASTING = ["/ok", "/moved", "/gone", "/blocked", "/nohead", "/flaky"]


def test_second_run_within_a_week_makes_no_requests(server, tmp_path):
    cache = tmp_path / "cache.json"
    urls = {"index.html": {server.url(path) for path in LASTING}}
    first = check_external(urls, cache_path=cache, now=T0, **FAST)
    asked = len(server.log)
    second = check_external(urls, cache_path=cache, now=T0 + timedelta(days=6, hours=23), **FAST)
    assert len(server.log) == asked  # zero requests
    assert second.from_cache == len(LASTING)
    assert {u: r.category for u, r in second.results.items()} == {
        u: r.category for u, r in first.results.items()
    }
    assert "6 from cache" in second.summary()


def test_expired_entries_are_checked_again(server, tmp_path):
    cache = tmp_path / "cache.json"
    ok, gone = server.url("/ok"), server.url("/gone")
    check_external({"a.html": {ok}}, cache_path=cache, now=T0, **FAST)
    check_external({"a.html": {ok, gone}}, cache_path=cache, now=T0 + timedelta(days=5), **FAST)
    assert (server.requests("/ok"), server.requests("/gone")) == (["HEAD"], ["HEAD"])
    # Eight days after T0: /ok (checked at T0) has expired, /gone (T0 + 5 days) has not.
    third = check_external(
        {"a.html": {ok, gone}}, cache_path=cache, now=T0 + timedelta(days=8), **FAST
    )
    assert (server.requests("/ok"), server.requests("/gone")) == (["HEAD"] * 2, ["HEAD"])
    assert (third.results[ok].cached, third.results[gone].cached) == (False, True)
    saved = json.loads(cache.read_text(encoding="utf-8"))["urls"]
    assert saved[ok]["checked_at"] == (T0 + timedelta(days=8)).isoformat()


def test_transient_results_are_not_reused(server, tmp_path):
    cache = tmp_path / "cache.json"
    urls = {"index.html": {server.url("/busy")}}
    for _ in range(2):
        check_external(urls, cache_path=cache, now=T0, retry_after_cap=0.1, **FAST)
    assert server.requests("/busy") == ["HEAD", "HEAD"]


def test_a_broken_cache_file_is_an_empty_cache(server, tmp_path):
    cache = tmp_path / "cache.json"
    cache.write_text("{not json", encoding="utf-8")
    report = check_external({"a.html": {server.url("/ok")}}, cache_path=cache, now=T0, **FAST)
    assert report.category(server.url("/ok")) == OK
    assert server.url("/ok") in json.loads(cache.read_text(encoding="utf-8"))["urls"]


# --- hosts that do not answer -------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def no_dns(monkeypatch):
    """Names ending .invalid do not resolve (without asking the real resolver)."""
    real = socket.getaddrinfo

    def fake(host, *args, **kwargs):
        if str(host).endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)


def test_refused_and_unknown_hosts_are_dead_after_retries_bad_urls_errors(server, no_dns):
    refused = f"http://127.0.0.1:{closed_port()}/x"
    unknown = "https://no-such-host.invalid/page"
    bad_port = "https://example.org:99999/"
    urls = {"index.html": {refused, unknown, bad_port, server.url("/ok")}}
    report = check_external(urls, cache_path=None, retries=1, **FAST)
    assert (report.category(refused), report.category(unknown)) == (DEAD, DEAD)
    assert report.category(bad_port) == ERROR  # not retried, and no request made
    assert report.results[bad_port].detail.startswith("invalid URL")
    assert report.results[refused].detail == "connection refused after 2 tries"
    assert report.results[unknown].detail == "host not found (DNS) after 2 tries"
    assert report.exit_code == 1 and not report.offline


def test_dead_hosts_are_dead_when_a_cached_host_still_answers(server, tmp_path, no_dns):
    cache, ok = tmp_path / "cache.json", server.url("/ok")
    check_external({"a.html": {ok}}, cache_path=cache, now=T0, **FAST)
    dead = {"https://a.invalid/", f"http://127.0.0.1:{closed_port()}/"}
    report = check_external({"a.html": {ok, *dead}}, cache_path=cache, now=T0, retries=0, **FAST)
    assert server.requests("/ok") == ["HEAD", "HEAD"]  # the first run, then asked again
    assert {report.category(url) for url in dead} == {DEAD}
    assert not report.offline and report.exit_code == 1


def test_nothing_answering_means_offline_not_dead(no_dns):
    urls = {
        "index.html": {
            "https://a.invalid/",
            "https://b.invalid/",
            f"http://127.0.0.1:{closed_port()}/",
        }
    }
    report = check_external(urls, cache_path=None, retries=0, **FAST)
    assert report.offline and report.exit_code == 0
    assert {r.category for r in report.results.values()} == {ERROR}
    assert "offline" in report.summary()


def test_offline_when_a_host_that_answered_before_does_not(tmp_path, no_dns):
    cache, was_up = tmp_path / "cache.json", f"http://127.0.0.1:{closed_port()}/"
    cache.write_text(
        json.dumps(
            {
                "version": 1,
                "urls": {
                    was_up: {
                        "category": "ok",
                        "status": 200,
                        "final_url": was_up,
                        "chain": [[200, was_up]],
                        "detail": "200 OK",
                        "checked_at": T0.isoformat(),
                    }
                },
            }
        ),
        encoding="utf-8",
    )
    report = check_external(
        {"a.html": {was_up, "https://a.invalid/"}},
        cache_path=cache,
        now=T0 + timedelta(days=1),
        retries=0,
        **FAST,
    )
    assert report.results[was_up].cached
    assert report.offline and report.category("https://a.invalid/") == ERROR


# --- collecting URLs from a built site ----------------------------------------------------


def test_collects_external_urls_by_page():
    site = load_site(FIXTURE, site_url="https://orbit-exchange.github.io")
    assert collect_external(site) == {
        "index.html": {
            "https://www.nasa.gov/seat-swap/",
            "http://www.russianspaceweb.com/iss.html",
            "https://cdn.example.org/lib.js",
            "https://upload.wikimedia.org/iss.jpg",
        },
        "guide/index.html": {
            "https://www.nasa.gov/seat-swap/",
            "https://ru.wikipedia.org/wiki/Роскосмос",
        },
    }


def test_without_site_url_the_sites_own_address_is_external():
    urls = pages_by_url(collect_external(load_site(FIXTURE)))
    assert urls["https://orbit-exchange.github.io/"] == {"index.html", "guide/index.html"}
    assert urls["https://www.nasa.gov/seat-swap/"] == {"index.html", "guide/index.html"}


# --- the command --------------------------------------------------------------------------


def write_site(root: Path, links: list[str]) -> Path:
    anchors = "".join(f'<a href="{url}">link</a>' for url in links)
    (root / "out").mkdir()
    (root / "out" / "index.html").write_text(
        f"<!doctype html><html lang=en><title>t</title><p>{anchors}</p></html>", encoding="utf-8"
    )
    return root / "out"


def test_cli_fails_only_on_dead_links(server, tmp_path, capsys):
    out = write_site(tmp_path, [server.url("/ok"), server.url("/blocked"), server.url("/busy")])
    args = [
        str(out),
        "--cache",
        str(tmp_path / "c.json"),
        "--interval",
        "0",
        "--timeout",
        "1",
        "--retries",
        "0",
    ]
    assert main(args) == 0  # blocked and rate-limited never fail the run
    printed = capsys.readouterr().out
    assert f"blocked: {server.url('/blocked')} (403 Forbidden: blocks scripts" in printed
    (out / "gone.html").write_text(f'<a href="{server.url("/gone")}">x</a>', encoding="utf-8")
    assert main(args) == 1
    assert f"dead: {server.url('/gone')} (404 Not Found) on gone.html" in capsys.readouterr().out


def test_python_dash_m(server, tmp_path):
    out = write_site(tmp_path, [server.url("/gone")])
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sitecheck.linkcheck",
            str(out),
            "--cache",
            str(tmp_path / "c.json"),
            "--concurrency",
            "2",
            "--interval",
            "0",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("External links: 1 URL on 1 page")
