"""Checks register themselves here by name, so `only=` and `--only` can pick them.

A check is a function taking the loaded Site and yielding Findings. Most checks look at one
page at a time, so `per_page` turns a function of (site, page) into one of site. Several small
functions may share one name (the "metadata" check is head tags, headings, ids, names and
tables): selecting the name runs them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .finding import Finding
from .site import Page, Site, paused_gc

CheckFn = Callable[[Site], Iterable[Finding]]
# The checks, in the order they run and report; a new check is added here first.
ORDER = (
    "links",
    "fragments",
    "images",
    "assets",
    "metadata",
    "opengraph",
    "leftovers",
    "citations",
    "sitefiles",
)
CHECKS: dict[str, list[CheckFn]] = {name: [] for name in ORDER}


def register(name: str) -> Callable[[CheckFn], CheckFn]:
    if name not in CHECKS:
        raise ValueError(f"check {name!r} is not in registry.ORDER")

    def add(fn: CheckFn) -> CheckFn:
        CHECKS[name].append(fn)
        return fn

    return add


def per_page(name: str) -> Callable[[Callable[[Site, Page], Iterable[Finding]]], CheckFn]:
    """Register a function of (site, page) as a check run over every page."""

    def add(fn: Callable[[Site, Page], Iterable[Finding]]) -> CheckFn:
        def over_site(site: Site) -> Iterator[Finding]:
            for page in site.pages.values():
                yield from fn(site, page)

        over_site.__name__ = over_site.__qualname__ = fn.__name__
        over_site.__doc__ = fn.__doc__
        register(name)(over_site)
        return fn

    return add


def run_checks(site: Site, only: Iterable[str] | None = None) -> list[Finding]:
    """Every finding of the selected checks (all by default), grouped by page, in check order."""
    names = list(CHECKS) if only is None else list(only)
    unknown = sorted(set(names) - set(CHECKS))
    if unknown:
        raise ValueError(f"unknown check(s) {', '.join(unknown)}; known: {', '.join(CHECKS)}")
    selected = [name for name in CHECKS if name in set(names)]
    findings: list[Finding] = []
    with paused_gc():
        for name in selected:
            for fn in CHECKS[name]:
                findings.extend(fn(site))
    return sorted(findings, key=lambda f: f.page)
