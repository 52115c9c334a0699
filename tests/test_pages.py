"""Every built page of the real site passes the site checker: one test per page, by its path.

The checks themselves (links, fragments, images, metadata, citations, leftovers …) live in
sitecheck/ and are each proven against a fixture with the defect in tests/test_sitecheck.py.
"""

from __future__ import annotations

import functools

import pytest
from pelican.settings import read_settings

from conftest import ROOT, real_site
from sitecheck import load_site, run_checks

# Each page check, by name; "sitefiles" runs once over the whole site below.
PAGE_CHECKS = {"links", "fragments", "images", "assets", "metadata", "leftovers", "citations"}


@functools.cache
def findings_by_page() -> dict[str, list[str]]:
    out, _ = real_site()
    hosts = read_settings(str(ROOT / "pelican.conf.py"))["ORBIT_HTTP_HOSTS"]
    grouped: dict[str, list[str]] = {}
    for finding in run_checks(load_site(out, http_hosts=hosts), only=PAGE_CHECKS):
        grouped.setdefault(finding.page, []).append(str(finding))
    return grouped


# On one worker, so that the site is checked once (findings_by_page), not once per worker.
@pytest.mark.xdist_group("sitecheck")
def test_page_passes_every_check(page, built_site):
    assert findings_by_page().get(page, []) == []


def test_site_files_are_consistent(built_site):
    findings = run_checks(load_site(built_site), only={"sitefiles"})
    assert [str(f) for f in findings] == []
