"""On-demand check of the site's links to other sites: `python -m sitecheck.linkcheck OUTPUT_DIR`.

The offline checks (sitecheck.checks) never touch the network; this module does, and only when
asked. It asks each external http(s) URL the built pages use whether it still answers, and sorts
the answers: ok, redirected, dead (404/410, no such host, connection refused), rate-limited
(429), blocked (401/403/406/999 or a Cloudflare challenge: bot-blocking, not a dead link) and
error (timeouts, 5xx, TLS and other failures that may pass). Only dead links fail the command.

Why hand-written: the usual tools do not fit this repo. htmltest (Go) and html-proofer (Ruby)
are not Python and are not installed; lychee is a Rust binary, not available here either; and no
HTTP client beyond the standard library is in the venv. http.client is enough for HEAD/GET with
manual redirects (the status chain is reported), and it keeps this a plain `uv run` away.

Being polite to other people's servers is the point of most of the code:
- at most `concurrency` requests in flight overall (a thread pool of that size), and at least
  `per_host_interval` seconds between the starts of two requests to the same host, retries
  and redirect hops included; URLs are queued round-robin by host so one big host does not
  hold every worker;
- HEAD first (no body), GET only when HEAD is refused (405/501); GET bodies are never read;
- retries with exponential backoff (backoff * 2**attempt) on connection errors, timeouts,
  5xx and 429; a Retry-After replaces the backoff, and ends the retries if it is longer than
  `retry_after_cap`; the whole host is held back while waiting;
- results are kept in a JSON cache, one timestamp per URL, and reused for `max_age` (a week).
  Only answers a server actually gave and that do not change by the minute are reused
  (ok, redirected, 404/410, blocked); errors, 429s and connection-level failures are
  re-checked on the next run, so a run on a flaky network does not poison the cache.
If nothing checked in a run answers at all, one URL that answered before (from the cache) is
asked again; if it fails too (or, with no such URL, if two or more hosts failed), the machine
is taken to be offline and those URLs are reported as errors, not dead links.

`timeout` applies to each socket operation (connect, each read), as http.client does it; name
resolution uses the system resolver and its own timeouts. Proxy variables are not honoured.

    report = check_external(load_site("output"), cache_path=Path(".linkcheck.json"))
    print(report)
"""

from __future__ import annotations

import argparse
import email.utils
import http.client
import json
import os
import socket
import ssl
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from itertools import chain, zip_longest
from pathlib import Path
from urllib.parse import quote, urldefrag, urljoin, urlsplit

from .markup import has_leftover, tokens
from .site import Page, Site, load_site

OK, REDIRECTED, DEAD = "ok", "redirected", "dead"
RATE_LIMITED, BLOCKED, ERROR = "rate-limited", "blocked", "error"
CATEGORIES = (OK, REDIRECTED, DEAD, RATE_LIMITED, BLOCKED, ERROR)
# Report order of the non-ok lines: what fails the build first, then what needs a look.
LINE_ORDER = (DEAD, ERROR, RATE_LIMITED, BLOCKED, REDIRECTED)
# Results worth reusing for max_age; the rest may change by the next run.
DURABLE = {OK, REDIRECTED, DEAD, BLOCKED}

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
DEAD_STATUSES = {404, 410}
# Answers bot-blockers give to scripts (LinkedIn's 999, WAFs' 406 to an "Accept: */*" client).
BLOCKED_STATUSES = {401, 403, 406, 999}
HEAD_REFUSED = {405, 501}
WEB_SCHEMES = {"http", "https"}
# <link>s that name an origin to warm up, not a document to fetch.
ORIGIN_RELS = {"preconnect", "dns-prefetch"}
USER_AGENT = "orbit-exchange-linkcheck/1.0 (+https://orbit-exchange.github.io)"
# What quote() leaves alone in a path or query: reserved characters and existing %-escapes.
_SAFE_PATH = "/:@!$&'()*+,;=-._~%"
_SAFE_QUERY = _SAFE_PATH + "?"
CACHE_VERSION = 1
MAX_PAGES_SHOWN = 3

# Failure kinds of a request that got no HTTP answer.
DNS, DNS_TEMPORARY, REFUSED, TIMEOUT, TLS = "dns", "dns-temporary", "refused", "timeout", "tls"
CONNECTION, INVALID = "connection", "invalid"
RETRYABLE_FAILURES = {DNS, DNS_TEMPORARY, REFUSED, TIMEOUT, CONNECTION}
DEAD_FAILURES = {DNS, REFUSED}
NETWORK_FAILURES = RETRYABLE_FAILURES  # what every URL fails with when the machine is offline
FAILURE_TEXT = {
    DNS: "host not found (DNS)",
    DNS_TEMPORARY: "DNS lookup failed (temporary)",
    REFUSED: "connection refused",
    TIMEOUT: "timed out",
    TLS: "TLS error",
    CONNECTION: "connection failed",
    INVALID: "invalid URL",
}


# --- collecting the URLs ------------------------------------------------------------------


def collect_external(site: Site) -> dict[str, set[str]]:
    """Every external http(s) URL in an href or src, by page: {page: {url, ...}}.

    URLs are absolute (protocol-relative ones take https) and without their #fragment, which
    is never sent to the server. Pelican {filename} leftovers, links to the site's own
    address (site_url) and <link rel=preconnect/dns-prefetch> origins are left out. Pages
    with no external URL are left out.
    """
    found: dict[str, set[str]] = {}
    for rel, page in site.pages.items():
        urls = {url for raw in _raw_urls(page) if (url := _external_url(page, raw))}
        if urls:
            found[rel] = urls
    return found


def _raw_urls(page: Page) -> Iterable[str]:
    for tag in page.elements:
        if tag.name == "base" or (tag.name == "link" and tokens(tag, "rel") & ORIGIN_RELS):
            continue
        for attr in ("href", "src"):
            value = tag.get(attr)
            if isinstance(value, str):
                yield value


def _external_url(page: Page, raw: str) -> str | None:
    if has_leftover(raw):
        return None
    ref = page.resolve(raw)
    if ref.kind != "external" or ref.scheme not in WEB_SCHEMES or not ref.host:
        return None
    return urldefrag(urljoin(page.url, raw.strip())).url


def pages_by_url(urls_by_page: Mapping[str, Iterable[str]]) -> dict[str, set[str]]:
    """Turn {page: urls} around into {url: pages}, dropping fragments and non-http(s) URLs."""
    pages: dict[str, set[str]] = defaultdict(set)
    for page, urls in urls_by_page.items():
        for url in urls:
            clean = urldefrag(url.strip()).url
            if urlsplit(clean).scheme.lower() in WEB_SCHEMES:
                pages[clean].add(page)
    return dict(pages)


# --- results and the report ---------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """What one URL answered.

    chain: (status, url) for each HTTP answer in order, so a redirect reads
    [(301, url), (200, final_url)]; empty if the first request got no answer. status: the last
    HTTP status, None when the last request got no answer (failure says why).
    """

    url: str
    category: str
    final_url: str
    detail: str
    checked_at: datetime
    status: int | None = None
    chain: tuple[tuple[int, str], ...] = ()
    failure: str = ""
    cached: bool = False

    @property
    def statuses(self) -> list[int]:
        return [status for status, _ in self.chain]

    @property
    def reusable(self) -> bool:
        """Worth keeping in the cache: a real HTTP answer that does not change by the minute."""
        return self.status is not None and self.category in DURABLE

    def to_json(self) -> dict:
        return {
            "category": self.category,
            "status": self.status,
            "final_url": self.final_url,
            "chain": [list(hop) for hop in self.chain],
            "detail": self.detail,
            "checked_at": self.checked_at.isoformat(),
        }

    @classmethod
    def from_json(cls, url: str, data: dict) -> Result:
        """A cached entry; KeyError/TypeError/ValueError if it is not one."""
        category = data["category"]
        if category not in CATEGORIES:
            raise ValueError(f"unknown category {category!r}")
        return cls(
            url=url,
            category=category,
            final_url=str(data["final_url"]),
            detail=str(data["detail"]),
            checked_at=_utc(datetime.fromisoformat(data["checked_at"])),
            status=data["status"],
            chain=tuple((int(s), str(u)) for s, u in data["chain"]),
            cached=True,
        )


@dataclass
class Report:
    """Every URL's result, the pages using it, and the text `python -m` prints."""

    results: dict[str, Result]
    pages: dict[str, set[str]]  # url -> pages using it
    elapsed: float = 0.0
    offline: bool = False  # no host answered at all

    def by_category(self) -> dict[str, list[Result]]:
        """Every category (even empty ones), each sorted by URL."""
        groups: dict[str, list[Result]] = {name: [] for name in CATEGORIES}
        for url in sorted(self.results):
            groups[self.results[url].category].append(self.results[url])
        return groups

    def category(self, url: str) -> str:
        return self.results[url].category

    @property
    def dead(self) -> list[Result]:
        return self.by_category()[DEAD]

    @property
    def from_cache(self) -> int:
        return sum(result.cached for result in self.results.values())

    @property
    def exit_code(self) -> int:
        """1 if any link is dead; blocked, rate-limited and errors never fail the run."""
        return 1 if self.dead else 0

    def summary(self) -> str:
        groups = self.by_category()
        counts = ", ".join(f"{len(groups[name])} {name}" for name in CATEGORIES)
        n_pages = len(set(chain.from_iterable(self.pages.values())))
        checked = len(self.results) - self.from_cache
        text = (
            f"External links: {_count(len(self.results), 'URL')} on "
            f"{_count(n_pages, 'page')} "
            f"({checked} checked, {self.from_cache} from cache, {self.elapsed:.1f} s): "
            f"{counts}"
        )
        if self.offline:
            text += " (no host answered: is this machine offline?)"
        return text

    def lines(self) -> list[str]:
        """One line per non-ok URL: dead first, then error, rate-limited, blocked, redirected."""
        groups = self.by_category()
        return [self._line(result) for name in LINE_ORDER for result in groups[name]]

    def _line(self, result: Result) -> str:
        where = _pages_text(self.pages.get(result.url, set()))
        moved = f" -> {result.final_url}" if result.final_url != result.url else ""
        cached = " [cached]" if result.cached else ""
        return f"{result.category}: {result.url}{moved} ({result.detail}){cached} on {where}"

    def __str__(self) -> str:
        return "\n".join([self.summary(), *self.lines()])


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _pages_text(pages: set[str]) -> str:
    shown = sorted(pages)
    text = ", ".join(shown[:MAX_PAGES_SHOWN])
    if len(shown) > MAX_PAGES_SHOWN:
        text += f" and {len(shown) - MAX_PAGES_SHOWN} more"
    return text or "(no page)"


# --- politeness: one shared per-host schedule ---------------------------------------------


class HostThrottle:
    """At least `interval` seconds between the starts of two requests to the same host.

    Requests to a host take turns in arrival order (a ticket each), and a turn starts only
    when the clock, read under the host's lock, is `interval` past the previous start and past
    any hold_back. Measuring when a request actually goes, not when it was scheduled, keeps
    the gaps even if a thread wakes late. Threads waiting for different hosts never wait on
    each other.
    """

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._hosts: dict[str, _HostTurns] = {}
        self._lock = threading.Lock()

    def _turns(self, host: str) -> _HostTurns:
        with self._lock:
            return self._hosts.setdefault(host, _HostTurns())

    def wait(self, host: str) -> None:
        turns = self._turns(host)
        with turns.cond:
            ticket = turns.issued
            turns.issued += 1
            while True:  # each pass either returns or waits for a notify or the next start
                if turns.serving != ticket:
                    turns.cond.wait()
                    continue
                now = time.monotonic()
                ready = max(turns.last_start + self.interval, turns.hold_until)
                if now >= ready:
                    turns.serving += 1
                    turns.last_start = now
                    turns.cond.notify_all()
                    return
                turns.cond.wait(ready - now)

    def hold_back(self, host: str, seconds: float) -> None:
        """No request to host for `seconds` from now (a Retry-After, a backoff)."""
        turns = self._turns(host)
        with turns.cond:
            turns.hold_until = max(turns.hold_until, time.monotonic() + seconds)
            turns.cond.notify_all()


@dataclass
class _HostTurns:
    cond: threading.Condition = field(default_factory=threading.Condition)
    issued: int = 0
    serving: int = 0
    last_start: float = float("-inf")
    hold_until: float = float("-inf")


@dataclass(frozen=True)
class _Settings:
    throttle: HostThrottle
    timeout: float
    retries: int
    backoff: float
    retry_after_cap: float
    max_redirects: int
    user_agent: str
    now: datetime


# --- one request --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Answer:
    """One request's outcome: an HTTP status, or a failure kind with a message."""

    status: int | None = None
    location: str | None = None
    retry_after: float | None = None
    challenge: bool = False
    failure: str = ""
    message: str = ""
    attempts: int = 1


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str  # ASCII (IDNA), lowercase: also the throttle's key
    port: int | None
    path: str  # request target: path and query, percent-encoded


def _target(url: str) -> _Target:
    """Split a URL for http.client; ValueError (incl. UnicodeError) if it cannot be requested."""
    parts = urlsplit(url)
    scheme, host = parts.scheme.lower(), parts.hostname or ""
    if scheme not in WEB_SCHEMES or not host:
        raise ValueError(f"not an http(s) URL with a host: {url}")
    port = parts.port  # ValueError if out of range
    host = _ascii_host(host)
    path = quote(parts.path or "/", safe=_SAFE_PATH)
    if parts.query:
        path += "?" + quote(parts.query, safe=_SAFE_QUERY)
    return _Target(scheme, host, port, path)


def _ascii_host(host: str) -> str:
    """The host as sent and as the throttle knows it; UnicodeError if IDNA cannot encode it."""
    return host if host.isascii() else host.encode("idna").decode("ascii")


def _host(url: str) -> str:
    """The throttle's key for a URL (the raw host name if it cannot be encoded)."""
    host = urlsplit(url).hostname or ""
    try:
        return _ascii_host(host)
    except UnicodeError:
        return host


def _send(url: str, method: str, settings: _Settings) -> _Answer:
    """One request, after the host's turn comes; the body is never read."""
    try:
        target = _target(url)
    except ValueError as err:
        return _Answer(failure=INVALID, message=str(err))
    settings.throttle.wait(target.host)
    conn_class = (
        http.client.HTTPSConnection if target.scheme == "https" else http.client.HTTPConnection
    )
    conn = conn_class(target.host, target.port, timeout=settings.timeout)
    try:
        conn.request(
            method,
            target.path,
            headers={"User-Agent": settings.user_agent, "Accept": "*/*", "Connection": "close"},
        )
        response = conn.getresponse()
        return _Answer(
            status=response.status,
            location=response.getheader("Location"),
            retry_after=_retry_after(response.getheader("Retry-After")),
            challenge=(response.getheader("cf-mitigated") or "").lower() == "challenge",
        )
    except (OSError, http.client.HTTPException) as err:
        return _failure(err)
    finally:
        conn.close()


def _failure(err: OSError | http.client.HTTPException) -> _Answer:
    """Name the way a request failed (the order matters: the first four are all OSErrors)."""
    if isinstance(err, socket.gaierror):
        temporary = err.errno == getattr(socket, "EAI_AGAIN", None)
        return _Answer(failure=DNS_TEMPORARY if temporary else DNS, message=str(err))
    if isinstance(err, ConnectionRefusedError):
        return _Answer(failure=REFUSED, message=str(err))
    if isinstance(err, TimeoutError):
        return _Answer(failure=TIMEOUT, message=str(err) or "timed out")
    if isinstance(err, ssl.SSLError):  # certificate errors included
        return _Answer(failure=TLS, message=str(err))
    if isinstance(err, http.client.InvalidURL):
        return _Answer(failure=INVALID, message=str(err))
    return _Answer(failure=CONNECTION, message=f"{type(err).__name__}: {err}")


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delay-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (_utc(when) - datetime.now(UTC)).total_seconds())


# --- retries, HEAD -> GET, redirects ------------------------------------------------------


def _transient(answer: _Answer) -> bool:
    if answer.status is None:
        return answer.failure in RETRYABLE_FAILURES
    return answer.status >= 500 and answer.status != 501 and not answer.challenge


def _with_retries(url: str, method: str, settings: _Settings) -> _Answer:
    """Send, retrying 429s and transient failures after Retry-After or else the backoff.

    The wait holds back the whole host (other URLs on it wait too). A Retry-After longer
    than retry_after_cap ends the retries: the server asked to be left alone for longer.
    """
    attempts = settings.retries + 1
    for attempt in range(attempts):
        answer = replace(_send(url, method, settings), attempts=attempt + 1)
        if attempt == attempts - 1 or not (answer.status == 429 or _transient(answer)):
            return answer
        wait = answer.retry_after
        if wait is not None and wait > settings.retry_after_cap:
            return answer
        settings.throttle.hold_back(
            _host(url), settings.backoff * 2**attempt if wait is None else wait
        )
    raise AssertionError("unreachable: the last attempt returns")


def _probe(url: str, settings: _Settings) -> _Answer:
    """HEAD, then GET if the server does not do HEAD."""
    answer = _with_retries(url, "HEAD", settings)
    if answer.status in HEAD_REFUSED:
        answer = _with_retries(url, "GET", settings)
    return answer


def _check_url(url: str, settings: _Settings) -> Result:
    """Follow one URL through its redirects and sort the last answer into a category."""
    hops: list[tuple[int, str]] = []
    current = url
    for _ in range(settings.max_redirects + 1):
        answer = _probe(current, settings)
        if answer.status is None:
            return _no_answer(url, current, hops, answer, settings.now)
        hops.append((answer.status, current))
        if answer.status not in REDIRECT_STATUSES or not answer.location:
            return _classify(url, current, hops, answer, settings)
        current = urldefrag(urljoin(current, answer.location.strip())).url
        if urlsplit(current).scheme.lower() not in WEB_SCHEMES:
            return _result(url, ERROR, current, hops, "redirects to a non-web URL", settings.now)
    return _result(
        url, ERROR, current, hops, f"more than {settings.max_redirects} redirects", settings.now
    )


def _result(
    url: str,
    category: str,
    final: str,
    hops: list[tuple[int, str]],
    detail: str,
    now: datetime,
    failure: str = "",
) -> Result:
    status = hops[-1][0] if hops and not failure else None
    return Result(
        url=url,
        category=category,
        final_url=final,
        detail=detail,
        checked_at=now,
        status=status,
        chain=tuple(hops),
        failure=failure,
    )


def _no_answer(
    url: str, current: str, hops: list[tuple[int, str]], answer: _Answer, now: datetime
) -> Result:
    category = DEAD if answer.failure in DEAD_FAILURES else ERROR
    detail = FAILURE_TEXT[answer.failure]
    if answer.attempts > 1:
        detail += f" after {answer.attempts} tries"
    if answer.failure in (TLS, CONNECTION, INVALID, DNS_TEMPORARY) and answer.message:
        detail += f": {answer.message}"
    return _result(url, category, current, hops, detail, now, failure=answer.failure)


def _status_text(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def _classify(
    url: str, final: str, hops: list[tuple[int, str]], answer: _Answer, settings: _Settings
) -> Result:
    status = answer.status
    assert status is not None
    statuses = " -> ".join(str(s) for s, _ in hops)
    detail = statuses if len(hops) > 1 else _status_text(status)
    tries = f" after {answer.attempts} tries" if answer.attempts > 1 else ""
    if answer.challenge or status in BLOCKED_STATUSES:
        category, detail = BLOCKED, f"{detail}: blocks scripts, check by hand"
    elif 200 <= status < 300:
        category = REDIRECTED if len(hops) > 1 else OK
    elif status in DEAD_STATUSES:
        category = DEAD
    elif status == 429:
        category, detail = RATE_LIMITED, detail + tries + _retry_note(answer, settings)
    elif status in REDIRECT_STATUSES:
        category, detail = ERROR, f"{detail}: redirect without a Location"
    else:
        category, detail = ERROR, detail + tries + _retry_note(answer, settings)
    return _result(url, category, final, hops, detail, settings.now)


def _retry_note(answer: _Answer, settings: _Settings) -> str:
    wait = answer.retry_after
    if wait is not None and wait > settings.retry_after_cap:
        return f", Retry-After {wait:g} s is over the {settings.retry_after_cap:g} s cap"
    return ""


# --- the cache ----------------------------------------------------------------------------


def load_cache(path: Path | None) -> dict[str, Result]:
    """The cached results by URL; a missing, unreadable or foreign file is an empty cache."""
    if path is None or not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["urls"] if data.get("version") == CACHE_VERSION else {}
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        return {}
    cache = {}
    for url, entry in entries.items():
        try:
            cache[url] = Result.from_json(url, entry)
        except (KeyError, TypeError, ValueError):
            continue  # one bad entry is re-checked, not fatal
    return cache


def save_cache(path: Path, results: Mapping[str, Result]) -> None:
    """Write the cache atomically (a reader never sees half a file)."""
    data = {
        "version": CACHE_VERSION,
        "urls": {url: results[url].to_json() for url in sorted(results)},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise


def _fresh(result: Result | None, now: datetime, max_age: timedelta) -> bool:
    return result is not None and result.reusable and now - result.checked_at < max_age


def _updated_cache(
    cache: dict[str, Result], checked: Mapping[str, Result], now: datetime, max_age: timedelta
) -> dict[str, Result]:
    """Fresh old entries (other runs may need them) plus this run's reusable results."""
    kept = {url: r for url, r in cache.items() if _fresh(r, now, max_age) and url not in checked}
    kept.update({url: r for url, r in checked.items() if r.reusable})
    return kept


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# --- the run ------------------------------------------------------------------------------


def _round_robin(urls: Iterable[str]) -> list[str]:
    """URLs ordered host by host in turn, so the workers spread over hosts."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in sorted(urls):
        by_host[_host(url)].append(url)
    return [url for row in zip_longest(*by_host.values()) for url in row if url is not None]


def _check_all(urls: list[str], settings: _Settings, concurrency: int) -> dict[str, Result]:
    if not urls:
        return {}
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="linkcheck") as pool:
        futures = {url: pool.submit(_check_url, url, settings) for url in _round_robin(urls)}
        return {url: future.result() for url, future in futures.items()}


def _network_down(
    checked: Mapping[str, Result], answered_before: list[str], settings: _Settings
) -> bool:
    """Nothing checked now answered at all: are the links dead, or is this machine offline?

    Asks one URL that answered on an earlier run (from the cache) again; with none to ask,
    guesses "offline" when two or more hosts all failed.
    """
    if not checked or any(
        r.status is not None or r.failure not in NETWORK_FAILURES for r in checked.values()
    ):
        return False
    if answered_before:
        return _send(answered_before[0], "HEAD", settings).status is None
    return len({_host(url) for url in checked}) >= 2


def _as_offline(result: Result) -> Result:
    if result.category != DEAD:
        return result
    return replace(result, category=ERROR, detail=result.detail + " (offline?)")


def _validate(
    concurrency: int, per_host_interval: float, timeout: float, retries: int, backoff: float
) -> None:
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    if retries < 0:
        raise ValueError("retries must be 0 or more")
    if timeout <= 0 or per_host_interval < 0 or backoff < 0:
        raise ValueError("timeout must be positive, per_host_interval and backoff not negative")


def check_external(
    urls_by_page: Mapping[str, Iterable[str]] | Site,
    *,
    cache_path: Path | str | None,
    concurrency: int = 8,
    per_host_interval: float = 1.0,
    timeout: float = 10.0,
    retries: int = 2,
    backoff: float = 0.5,
    max_age: timedelta = timedelta(days=7),
    now: datetime | None = None,
    retry_after_cap: float = 10.0,
    max_redirects: int = 10,
    user_agent: str = USER_AGENT,
) -> Report:
    """Check every external URL, reusing cached results younger than max_age.

    urls_by_page: {page: {url, ...}} (e.g. from collect_external) or a loaded Site.
    cache_path: the JSON cache, read and rewritten (None: no cache). now: the time results
    are stamped with and the cache is aged against (default: the current UTC time; naive
    datetimes are taken as UTC). Network problems are results, never exceptions.
    """
    start = time.perf_counter()
    _validate(concurrency, per_host_interval, timeout, retries, backoff)
    if isinstance(urls_by_page, Site):
        urls_by_page = collect_external(urls_by_page)
    pages = pages_by_url(urls_by_page)
    now = _utc(now or datetime.now(UTC))
    path = Path(cache_path) if cache_path is not None else None
    cache = load_cache(path)
    results = {url: cache[url] for url in pages if _fresh(cache.get(url), now, max_age)}
    settings = _Settings(
        HostThrottle(per_host_interval),
        timeout,
        retries,
        backoff,
        retry_after_cap,
        max_redirects,
        user_agent,
        now,
    )
    checked = _check_all([url for url in pages if url not in results], settings, concurrency)
    offline = _network_down(
        checked, [u for u, r in results.items() if r.status is not None], settings
    )
    if offline:
        checked = {url: _as_offline(result) for url, result in checked.items()}
    results.update(checked)
    if path is not None:
        save_cache(path, _updated_cache(cache, checked, now, max_age))
    return Report(
        results=dict(sorted(results.items())),
        pages=pages,
        elapsed=time.perf_counter() - start,
        offline=offline,
    )


# --- the command --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitecheck.linkcheck",
        description="Check a built site's links to other sites (uses the network). "
        "Exits 1 only if a link is dead.",
    )
    parser.add_argument("output", help="the output folder (e.g. output)")
    parser.add_argument(
        "--cache",
        default=".linkcheck.json",
        type=Path,
        help="JSON cache of results, reused for a week (default: %(default)s)",
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=8,
        help="requests in flight at most (default: %(default)s)",
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=1.0,
        help="seconds between requests to one host (default: %(default)s)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        help="seconds per connect or read (default: %(default)s)",
    )
    parser.add_argument("--retries", type=int, default=2, help="default: %(default)s")
    parser.add_argument(
        "--site-url", default="", help="the site's public address: links to it are not external"
    )
    args = parser.parse_args(argv)
    try:
        site = load_site(args.output, site_url=args.site_url)
        report = check_external(
            site,
            cache_path=args.cache,
            concurrency=args.concurrency,
            per_host_interval=args.interval,
            timeout=args.timeout,
            retries=args.retries,
        )
    except (FileNotFoundError, ValueError) as err:
        parser.error(str(err))
    print(report)
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
