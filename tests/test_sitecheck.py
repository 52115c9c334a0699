"""sitecheck: every check is proven by a fixture site that holds exactly its defect.

tests/sites/sitecheck/<name>/ is a tiny built site, clean but for one defect; `clean/` has none
and exercises the tricky-but-valid cases (base href, percent-encoding, query strings, srcset,
data: URLs, CSS @import, text fragments, drafts/, 404.html, sitemap, feed, robots.txt). Each
defect fixture must give exactly the findings listed here: the check, the page and a piece of
the element, and nothing else.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import sitecheck.site
from sitecheck import CHECKS, Finding, load_site, run_checks
from sitecheck.bench import make_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "sites" / "sitecheck"
SITE_URL = "https://orbit-exchange.github.io"
WITH_SITE_URL = {"site_url": SITE_URL}

# fixture: (load_site keyword arguments, [(check, page, element substring), ...])
DEFECTS: dict[str, tuple[dict, list[tuple[str, str, str]]]] = {
    # links
    "link-broken": ({}, [("links", "index.html", 'href="/nope/"')]),
    "link-broken-via-base": ({}, [("links", "guide/index.html", 'href="guide/"')]),
    "link-localhost": ({}, [("links", "index.html", "http://localhost:8000/")]),
    "link-file": ({}, [("links", "index.html", 'href="file:///home/')]),
    "link-empty-href": ({}, [("links", "index.html", '<a href="">')]),
    "link-bad-mailto": ({}, [("links", "index.html", "mailto:editors(at)")]),
    "link-bad-tel": ({}, [("links", "index.html", "tel:call-us")]),
    "link-http": ({}, [("links", "index.html", "http://www.russianspaceweb.com/")]),
    "link-bad-host": ({}, [("links", "index.html", "https://www.nasa .gov/")]),
    "link-unknown-scheme": ({}, [("links", "index.html", "javascript:history.back()")]),
    "link-site-url-missing": (WITH_SITE_URL, [("links", "index.html", f"{SITE_URL}/old-slug/")]),
    "link-canonical-broken": ({}, [("links", "index.html", 'rel="canonical" href="/old-slug/"')]),
    "link-404-relative": ({}, [("links", "404.html", 'href="index.html"')]),
    # fragments
    "fragment-cross-page": ({}, [("fragments", "index.html", "/guide/#how-to-reed")]),
    "fragment-same-page": ({}, [("fragments", "index.html", 'href="#timelines"')]),
    "fragment-bare-hash": ({}, [("fragments", "index.html", '<a href="#">')]),
    "fragment-top": ({}, [("fragments", "index.html", 'href="#top"')]),
    # images
    "image-missing": ({}, [("images", "index.html", "/images/nope.png")]),
    "image-srcset-missing": ({}, [("images", "index.html", "orbit@2x.png")]),
    "image-picture-source-missing": ({}, [("images", "index.html", "<source")]),
    "image-no-alt": ({}, [("images", "index.html", '<img src="/images/orbit.png" width')]),
    "image-no-size": ({}, [("images", "index.html", 'alt="The station" width="10">')]),
    "image-size-not-number": ({}, [("images", "index.html", 'width="100px"')]),
    # assets
    "asset-stylesheet-missing": ({}, [("assets", "index.html", "/theme/css/nope.css")]),
    "asset-third-party-script": ({}, [("assets", "index.html", "cdn.example.com/analytics.js")]),
    "asset-third-party-stylesheet": ({}, [("assets", "index.html", "cdn.jsdelivr.net")]),
    "asset-third-party-font": ({}, [("assets", "theme/css/main.css", "fonts.googleapis.com")]),
    "asset-third-party-image": ({}, [("assets", "index.html", "upload.wikimedia.org")]),
    "asset-css-url-missing": ({}, [("assets", "theme/css/main.css", "url(../img/stars.png)")]),
    "asset-icon-missing": ({}, [("assets", "index.html", 'rel="icon"')]),
    "asset-og-image-missing": (WITH_SITE_URL, [("assets", "index.html", 'property="og:image"')]),
    # metadata
    "meta-duplicate-title": ({}, [("metadata", "index.html", "<title>")]),
    "meta-no-title": ({}, [("metadata", "index.html", "<head>")]),
    "meta-no-description": ({}, [("metadata", "index.html", "<head>")]),
    "meta-long-description": ({}, [("metadata", "index.html", 'name="description"')]),
    "meta-no-canonical": ({}, [("metadata", "index.html", "<head>")]),
    "meta-no-lang": ({}, [("metadata", "index.html", "<html>")]),
    "meta-no-doctype": ({}, [("metadata", "index.html", "<html")]),
    "meta-no-h1": ({}, [("metadata", "index.html", "<body>")]),
    "meta-two-h1": ({}, [("metadata", "index.html", "<h1>")]),
    "meta-skipped-heading": ({}, [("metadata", "index.html", '<h4 id="soyuz">')]),
    "meta-duplicate-id": ({}, [("metadata", "index.html", 'id="crew"')]),
    "meta-link-no-name": ({}, [("metadata", "index.html", 'class="home"')]),
    "meta-button-no-name": ({}, [("metadata", "index.html", "<button")]),
    "meta-table-no-caption": ({}, [("metadata", "index.html", "<table>")]),
    "meta-table-no-th": ({}, [("metadata", "index.html", "<table>")]),
    # opengraph: all four properties missing, one finding each
    "opengraph-missing": ({}, [("opengraph", "index.html", "<head>")] * 4),
    # leftovers
    "leftover-filename-href": ({}, [("leftovers", "index.html", "{filename}../pages/")]),
    "leftover-encoded-href": ({}, [("leftovers", "index.html", "%7Bfilename%7D")]),
    "leftover-static-src": ({}, [("leftovers", "index.html", "{static}/images/orbit.png")]),
    "leftover-attach-text": ({}, [("leftovers", "index.html", "<p>")]),
    # citations
    "citation-missing-source": ({}, [("citations", "index.html", 'href="#source-esa"')]),
    "citation-source-no-backlink": ({}, [("citations", "index.html", 'li id="source-nasa"')]),
    "citation-uncited-source": ({}, [("citations", "index.html", 'li id="source-esa"')]),
    "citation-backlink-broken": ({}, [("citations", "index.html", 'href="#cite-nasa-2"')]),
    "citation-bad-id": ({}, [("citations", "index.html", 'id="cite-1"')]),
    # sitefiles
    "sitemap-missing-page": ({}, [("sitefiles", "sitemap.xml", "<urlset>")]),
    "sitemap-lists-missing-file": ({}, [("sitefiles", "sitemap.xml", "old-slug/</loc>")]),
    "feed-bad-xml": ({}, [("sitefiles", "feeds/all.atom.xml", "")]),
    "feed-entry-broken": ({}, [("sitefiles", "feeds/all.atom.xml", "/old-slug/")]),
    "robots-no-sitemap": ({}, [("sitefiles", "robots.txt", "")]),
    "sitefiles-required-missing": (
        {"require_site_files": True},
        [
            ("sitefiles", "sitemap.xml", ""),
            ("sitefiles", "feeds/", ""),
            ("sitefiles", "robots.txt", ""),
        ],
    ),
}

MANY_DEFECTS = [
    ("links", "index.html", 'href="/nope/"'),
    ("fragments", "index.html", "/drafts/luna-25/#landing"),
    ("images", "index.html", "/images/nope.png"),
    ("metadata", "index.html", "<head>"),  # no description
    ("leftovers", "index.html", "<p>"),
    ("images", "drafts/luna-25/index.html", '<img src="/images/orbit.png" width'),
    ("metadata", "drafts/luna-25/index.html", 'id="crash"'),
    ("citations", "drafts/luna-25/index.html", 'li id="source-esa"'),
]


def unmatched(findings: list[Finding], expected: list[tuple[str, str, str]]) -> list:
    """Pair each expected (check, page, element piece) with its own finding; return leftovers."""
    left = list(findings)
    missing = []
    for check, page, piece in expected:
        match = next(
            (f for f in left if (f.check, f.page) == (check, page) and piece in f.element), None
        )
        if match is None:
            missing.append((check, page, piece))
        else:
            left.remove(match)
    return missing + left


def show(findings):
    return "\n".join(map(str, findings)) or "(no findings)"


def test_clean_site_has_no_findings():
    site = load_site(FIXTURES / "clean", site_url=SITE_URL, require_site_files=True)
    findings = run_checks(site)
    assert findings == [], show(findings)
    assert len(site.pages) == 7 and "drafts/luna-25/index.html" in site.pages


def test_clean_site_has_no_findings_without_options():
    findings = run_checks(load_site(FIXTURES / "clean"))
    assert findings == [], show(findings)


@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_fixture_reports_exactly_its_defect(name):
    options, expected = DEFECTS[name]
    findings = run_checks(load_site(FIXTURES / name, **options))
    assert unmatched(findings, expected) == [], show(findings)


def test_many_defects_are_all_listed_not_just_the_first():
    findings = run_checks(load_site(FIXTURES / "many-defects"))
    assert unmatched(findings, MANY_DEFECTS) == [], show(findings)


def test_every_fixture_folder_is_tested_and_every_check_is_proven():
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert folders == set(DEFECTS) | {"clean", "many-defects"}
    proven = {check for _, expected in DEFECTS.values() for check, _, _ in expected}
    assert proven == set(CHECKS)


def test_allow_listed_http_host_passes():
    site = load_site(FIXTURES / "link-http", http_hosts=["www.russianspaceweb.com"])
    assert run_checks(site) == []


def test_site_url_link_is_external_without_site_url():
    # The same page is clean when nothing says the absolute address is this site's own.
    assert run_checks(load_site(FIXTURES / "link-site-url-missing")) == []


def test_missing_site_files_are_only_findings_when_required():
    assert run_checks(load_site(FIXTURES / "sitefiles-required-missing")) == []


def test_urls_resolve_like_a_browser_on_the_deployed_site():
    site = load_site(FIXTURES / "clean", site_url=SITE_URL)
    article = site.pages["seat-swap/index.html"]
    guide = site.pages["guide/index.html"]  # has <base href="/">
    draft = site.pages["drafts/luna-25/index.html"]
    assert article.resolve("/seat%2Dswap/?ref=self#timeline").target == "seat-swap/index.html"
    assert article.resolve("/seat%2Dswap/?ref=self#timeline").fragment == "timeline"
    assert article.resolve("#why").target == "seat-swap/index.html"
    assert article.resolve(f"{SITE_URL}/about/").target == "about/index.html"
    assert article.resolve("//orbit-exchange.github.io/about/").target == "about/index.html"
    assert article.resolve("http://orbit-exchange.github.io/about/").kind == "external"
    assert site.pages["archives.html"].resolve("about").target == "about/index.html"
    assert guide.resolve("seat-swap/").target == "seat-swap/index.html"
    assert draft.resolve("../../seat-swap/").target == "seat-swap/index.html"
    assert article.resolve("/nope/").target is None
    assert article.resolve(" mailto:a@b.example ").kind == "special"
    assert article.resolve("").kind == "empty"


def test_own_absolute_assets_need_site_url(tmp_path):
    # A publish build writes absolute URLs; without site_url they look like another origin,
    # and the finding says so.
    (tmp_path / "index.html").write_text(
        f'<link rel="canonical" href="{SITE_URL}/">'
        f'<link rel="stylesheet" href="{SITE_URL}/main.css">',
        encoding="utf-8",
    )
    (tmp_path / "main.css").write_text("body { margin: 0; }", encoding="utf-8")
    findings = run_checks(load_site(tmp_path), only={"assets"})
    assert [f.message for f in findings] == [
        (
            "stylesheet loaded from another origin (orbit-exchange.github.io): if that is this "
            "site's own address, pass site_url"
        )
    ]
    assert run_checks(load_site(tmp_path, site_url=SITE_URL), only={"assets"}) == []


def test_only_selects_checks():
    site = load_site(FIXTURES / "many-defects")
    assert {f.check for f in run_checks(site, only={"links", "fragments"})} == {
        "links",
        "fragments",
    }
    assert run_checks(load_site(FIXTURES / "opengraph-missing"), only={"metadata"}) == []
    with pytest.raises(ValueError, match="unknown check"):
        run_checks(site, only={"spelling"})


def test_each_page_is_parsed_once(monkeypatch):
    calls = []
    real = sitecheck.site.BeautifulSoup

    def counting(*args, **kwargs):
        calls.append(args[1:])
        return real(*args, **kwargs)

    monkeypatch.setattr(sitecheck.site, "BeautifulSoup", counting)
    site = load_site(FIXTURES / "clean")
    run_checks(site)
    run_checks(site)
    assert len(calls) == len(site.pages) and all(c == ("lxml",) for c in calls)


def test_finding_format_and_snippet_length():
    finding = Finding(
        "seat-swap/index.html", "links", '<a href="/nope/">', "target /nope/ does not exist"
    )
    assert str(finding) == (
        'seat-swap/index.html: links: <a href="/nope/"> target /nope/ does not exist'
    )
    findings = run_checks(load_site(FIXTURES / "meta-long-description"))
    assert findings and all(len(f.element) <= 120 for f in findings)
    assert str(findings[0]).startswith('index.html: metadata: <meta name="description"')


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "sitecheck", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_cli_exits_0_with_a_summary_on_a_clean_site():
    result = run_cli(FIXTURES / "clean", "--site-url", SITE_URL, "--require-site-files")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: 7 pages, 9 checks,") and result.stdout.count("\n") == 1


def test_cli_prints_one_finding_per_line_and_exits_1():
    result = run_cli(FIXTURES / "many-defects", "--only", "links,images")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        (
            'drafts/luna-25/index.html: images: <img src="/images/orbit.png" width="10" '
            'height="10"> img has no alt attribute (alt="" marks it decorative)'
        ),
        'index.html: links: <a href="/nope/"> target /nope/ does not exist',
        (
            'index.html: images: <img src="/images/nope.png" alt="" width="10" height="10"> '
            "image /images/nope.png does not exist"
        ),
    ]


def test_cli_options_and_errors():
    assert run_cli(FIXTURES / "link-http", "--http-host", "www.russianspaceweb.com").returncode == 0
    assert run_cli(FIXTURES / "clean", "--only", "spelling").returncode == 2
    assert run_cli(FIXTURES / "no-such-site").returncode == 2


def test_benchmark_site_is_clean(tmp_path):
    # The benchmark must time the checks on a clean site, not the reporting of findings.
    site = load_site(make_site(tmp_path, 5), site_url="https://orbit-exchange.github.io")
    assert run_checks(site) == []
