"""A publish build: absolute URLs, feeds, fingerprinted assets, minified, precompressed, headers;
and it passes the same link and page checks as the preview build."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest
from pelican.settings import read_settings

from conftest import ROOT, SITES
from orbit_assets.publish import csp_violations
from sitecheck import load_site, run_checks

SETTINGS = read_settings(str(ROOT / "pelican.conf.py"))
SITE_URL = SETTINGS["PUBLISH_SITEURL"]


# The publish build is the `published` fixture in conftest, shared with test_publish_parity.py.
pytestmark = pytest.mark.xdist_group("publish")


def test_publish_build_passes_every_check(published):
    site = load_site(
        published,
        site_url=SITE_URL,
        http_hosts=SETTINGS["ORBIT_HTTP_HOSTS"],
        require_site_files=True,
    )
    findings = run_checks(site)
    assert [str(f) for f in findings] == []


def test_urls_are_absolute_and_feeds_exist(published):
    html = (published / "seat-swap" / "index.html").read_text()
    assert f'href="{SITE_URL}/seat-swap/"' in html or f"href={SITE_URL}/seat-swap/" in html
    assert (published / "feeds" / "all.atom.xml").is_file()
    assert not (published / "drafts").exists()


def test_css_and_js_are_fingerprinted_and_every_reference_updated(published):
    assets = [p for p in (published / "theme").rglob("*") if p.suffix in {".css", ".js"}]
    assert assets
    for asset in assets:
        assert re.search(r"\.[0-9a-f]{10}\.(css|js)$", asset.name), asset
    text = "".join(p.read_text() for p in published.rglob("*.html"))
    for old in re.findall(r"/theme/(?:css|js)/[\w-]+\.(?:css|js)\b", text):
        assert re.search(r"\.[0-9a-f]{10}\.", old), f"unfingerprinted reference {old}"


def test_text_files_are_minified_and_precompressed(published):
    page = published / "seat-swap" / "index.html"
    raw = page.read_bytes()
    assert b"\n  <" not in raw, "HTML is not minified"
    assert gzip.decompress((page.parent / "index.html.gz").read_bytes()) == raw
    assert brotli.decompress((page.parent / "index.html.br").read_bytes()) == raw
    for path in published.rglob("*"):
        if path.suffix in {".html", ".css", ".js", ".xml"} and path.stat().st_size > 1024:
            assert path.with_name(path.name + ".br").is_file(), path


def test_headers_file_has_security_headers_and_immutable_assets(published):
    headers = (published / "_headers").read_text()
    for name in (
        "Content-Security-Policy",
        "Strict-Transport-Security",
        "Referrer-Policy",
        "Permissions-Policy",
        "X-Content-Type-Options: nosniff",
    ):
        assert name in headers
    assert "unsafe-inline" not in headers
    for asset in (published / "theme").rglob("*.css"):
        block = f"/{asset.relative_to(published).as_posix()}\n  Cache-Control: public, max-age=31536000, immutable"
        assert block in headers


def test_no_page_needs_unsafe_inline(published):
    problems = {
        str(p.relative_to(published)): v
        for p in published.rglob("*.html")
        if (v := csp_violations(p))
    }
    assert problems == {}


def test_csp_checker_catches_inline_code():
    assert csp_violations(SITES / "csp" / "clean.html") == []
    assert csp_violations(SITES / "csp" / "dirty.html") == [
        'inline <script>: <script>document.documentElement.className = "js";</script>',
        "<style> element: <style>h1 { color: red; }</style>",
        "style attribute on <h1>",
        "onclick attribute on <button>",
        "style attribute on <circle>",
    ]
