"""The publish build is the dev build, minified: same visible text, every emitted URL resolves,
and its Content-Security-Policy is in force in the page itself.

GitHub Pages, where the workflow deploys, ignores `_headers`; so the policy must also travel in
each page as <meta http-equiv>. The last test proves it works where it matters: an inline script
injected into a copy of a built page does not run in Chromium.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings

from conftest import ROOT, article_paths, serve, serve_publish

SETTINGS = read_settings(str(ROOT / "pelican.conf.py"))
PUBLIC = SETTINGS["PUBLISH_SITEURL"]

# What in_browser reads of a page, in one call.
READ = """() => ({text: document.body.innerText, injected: typeof window.injected,
                 title: document.title})"""


def in_browser(context, urls: list[str]) -> list[dict]:
    """Each page's visible text, title, console and whether an injected script ran, read by a
    page of `context` (the session's, with or without JavaScript) at 1280 × 900."""
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    out = []
    try:
        for url in urls:
            console.clear()
            page.goto(url)  # returns once the page has loaded
            seen = page.evaluate(READ)
            seen["text"] = re.sub(r"\s+", " ", seen["text"]).strip()
            out.append({**seen, "console": list(console)})
    finally:
        page.close()
    return out


# With test_publish.py in one xdist group: both read the one publish build (`published`).
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("publish")]


@pytest.fixture(scope="module")
def published_served(published):
    """The publish build served from a local address (serve_publish): that address."""
    server, url = serve_publish(published, PUBLIC)
    yield url
    server.shutdown()


def pages(folder: Path) -> list[str]:
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*.html")
        if not str(p.relative_to(folder)).startswith("drafts/")
    )


# A tag's page of story cards (tags/<tag>/); tags/index.html lists the tags.
TAG_PAGE = re.compile(r"tags/[^/]+/index\.html")


def story_cards(html: str) -> set[str]:
    """The stories a listing page shows a card of: each card title's link."""
    soup = BeautifulSoup(html, "lxml")
    return {a["href"] for a in soup.select("article.card .card-title a[href]")}


def pages_read(folder: Path) -> list[str]:
    """The pages the browser reads: every page but the tag pages beyond the fewest that show a
    card of every story. A tag page (tags/<tag>/) is one template, a heading that names the
    tag and the cards of its stories, each card the same markup wherever it is listed; so once
    every story's card has been read in a tag page, another tag page shows the minifier no
    markup it has not been read on. Chosen greedily, most cards first (then by name)."""
    tags = {
        rel: story_cards((folder / rel).read_text(encoding="utf-8"))
        for rel in pages(folder)
        if TAG_PAGE.fullmatch(rel)
    }
    stories = set().union(*tags.values())
    chosen, shown = [], set()
    for rel in sorted(tags, key=lambda rel: (-len(tags[rel]), rel)):
        if not tags[rel] <= shown:
            chosen.append(rel)
            shown |= tags[rel]
    assert shown == stories
    return [rel for rel in pages(folder) if rel not in tags or rel in chosen]


def test_the_tag_pages_read_show_every_story_and_every_other_page_is_read(built_site):
    read = pages_read(built_site)
    tags = [rel for rel in pages(built_site) if TAG_PAGE.fullmatch(rel)]
    chosen = [rel for rel in read if rel in tags]
    articles = {f"/{p}" for p in article_paths(built_site)}
    shown = set().union(*(story_cards((built_site / rel).read_text()) for rel in chosen))
    assert shown == articles and len(chosen) < len(tags)
    assert "tags/index.html" in read and all(
        rel in read for rel in pages(built_site) if not rel.startswith("tags/")
    )


def test_the_choice_of_tag_pages_reads_one_for_a_story_only_it_shows(tmp_path):
    card = '<article class="card">\n  <h2 class="card-title"><a href="/{}/">x</a></h2>'
    for tag, stories in {"a": ["one", "two"], "b": ["two"], "c": ["three"], "d": ["one"]}.items():
        (tmp_path / "tags" / tag).mkdir(parents=True)
        (tmp_path / "tags" / tag / "index.html").write_text(
            "".join(card.format(s) for s in stories)
        )
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "index.html").write_text("<p>about</p>")
    assert pages_read(tmp_path) == ["about/index.html", "tags/a/index.html", "tags/c/index.html"]


def test_every_page_reads_the_same_in_the_dev_and_the_publish_build(
    built_site, published, published_served, contexts
):
    assert pages(published) == pages(built_site)
    assert pages_read(published) == pages_read(built_site)
    dev_server, dev_url = serve(built_site)
    paths = [rel.removesuffix("index.html") for rel in pages_read(built_site)]
    try:
        dev = in_browser(contexts(False), [dev_url + p for p in paths])
        pub = in_browser(contexts(False), [published_served + p for p in paths])
    finally:
        dev_server.shutdown()
    # Text may name the site's address (a dataset's citation), served here at the local one.
    pub_texts = [d["text"].replace(published_served.rstrip("/"), PUBLIC) for d in pub]
    differences = {}
    for path, a, b in zip(paths, (d["text"] for d in dev), pub_texts, strict=True):
        if a != b:
            at = next(i for i, (x, y) in enumerate(zip(a + "\0", b + "\0", strict=False)) if x != y)
            differences[path] = (a[max(0, at - 40) : at + 40], b[max(0, at - 40) : at + 40])
    assert len(paths) > 20, paths
    assert differences == {}


def _emitted_urls(html: str) -> list[str]:
    """Every URL a page hands to a browser or a crawler: attributes and JSON-LD."""
    urls = re.findall(r'(?:href|src|content)=["\']?([^"\'\s>]+)', html)
    for block in re.findall(r'<script type="?application/ld\+json"?>(.*?)</script>', html, re.S):

        def walk(value):
            if isinstance(value, dict):
                for item in value.values():
                    yield from walk(item)
            elif isinstance(value, list):
                for item in value:
                    yield from walk(item)
            elif isinstance(value, str) and value.startswith(("http://", "https://", "/")):
                yield value

        urls += list(walk(json.loads(block.replace("<\\/", "</"))))
    return urls


def test_every_url_a_page_emits_for_this_site_resolves_in_the_build(published):
    own = urlsplit(PUBLIC).netloc
    missing = set()
    for rel in pages(published):
        for target in _emitted_urls((published / rel).read_text(encoding="utf-8")):
            parts = urlsplit(target)
            if parts.netloc != own or not parts.path:
                continue
            path = parts.path.removeprefix(urlsplit(PUBLIC).path).lstrip("/")
            if not ((published / path).is_file() or (published / path / "index.html").is_file()):
                missing.add(f"{rel}: {target}")
    assert sorted(missing) == []


def test_jsonld_logo_is_a_file_of_the_site(published):
    url = PUBLIC.rstrip("/") + "/"
    html = (published / "seat-swap" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="?application/ld\+json"?>(.*?)</script>', html, re.S).group(1)
    logo = json.loads(block)["publisher"]["logo"]["url"]
    assert logo.startswith(url) and (published / logo.removeprefix(url)).is_file()


def test_every_page_carries_the_policy_without_unsafe_inline(published):
    from orbit_assets.publish import CSP

    assert "unsafe-inline" not in CSP
    for rel in pages(published):
        head = BeautifulSoup((published / rel).read_text(encoding="utf-8"), "lxml").head
        tags = head.find_all(True)
        policy = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert policy is not None and policy["content"].startswith(CSP), rel
        # Before anything the page loads, so that it applies to all of it.
        first_load = next(
            (i for i, t in enumerate(tags) if t.name in {"link", "script"}), len(tags)
        )
        assert tags.index(policy) < first_load, rel
        assert (
            head.find("meta", attrs={"name": "referrer"})["content"]
            == "strict-origin-when-cross-origin"
        )
    assert "frame-ancestors 'none'" in (published / "_headers").read_text()


def test_an_injected_inline_script_does_not_run(published, published_served, context):
    url = published_served
    original = (published / "seat-swap" / "index.html").read_text(encoding="utf-8")
    attack = (
        '<script>window.injected = "script ran"</script>'
        '<img src="/nowhere.png" onerror="window.injected = \'handler ran\'">'
    )
    injected = original.replace("</main>", attack + "</main>", 1)
    (published / "injected-copy.html").write_text(injected, encoding="utf-8")
    # The same page without its policy, to prove the attack would run: the test can fail.
    (published / "injected-bare.html").write_text(
        re.sub(r"<meta[^>]*Content-Security-Policy[^>]*>", "", injected), encoding="utf-8"
    )
    try:
        guarded, bare = in_browser(
            context, [url + "injected-copy.html", url + "injected-bare.html"]
        )
    finally:
        (published / "injected-copy.html").unlink()
        (published / "injected-bare.html").unlink()
    assert guarded["injected"] == "undefined"
    assert guarded["title"]  # the page itself loaded
    assert any("Content Security Policy" in line for line in guarded["console"]), guarded
    assert bare["injected"] == "string"


def test_sitemap_dates_come_from_content_so_two_builds_are_equal(published, built_site):
    """Two builds of the same content made apart in time, the publish build and the dev build
    (made when the tests were collected): the same sitemap but for the address."""
    first = (published / "sitemap.xml").read_text()
    again = (built_site / "sitemap.xml").read_text()
    assert SETTINGS["SITEURL"] == "" and "<loc>/</loc>" in again
    assert first.replace(f"<loc>{PUBLIC}/", "<loc>/") == again
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", first))
    newest = max(
        re.findall(
            r"^(?:date|modified): (\d{4}-\d\d-\d\d)",
            "\n".join(
                p.read_text()
                for p in (ROOT / "content").rglob("*.md")
                if "\nstatus: draft" not in p.read_text()
            ),
            re.M,
        )
    )
    assert max(d[:10] for d in dates) == newest
