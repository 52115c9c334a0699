"""Nothing lost, nothing unsafe: each defect of the contributor trial is refused by name.

The golden cases (tests/sites/errors/<case>/expected.txt) are checked line for line by
test_validation.py; here the same cases go through the build runner, which must exit 1, print
those lines and leave the last good output/ byte for byte as it was. Then the rules that need a
file made at test time (a symlink, a big file, an alias bomb, a settings file).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, SETTINGS, SITES, orbit_cli, overlay_site

# Cases added with the rules for safety, links, placement and plausibility.
CASES = [
    "raw-script",
    "event-handler",
    "embedded-iframe",
    "inline-style",
    "javascript-link",
    "data-url-image",
    "remote-image",
    "missing-image",
    "broken-plain-link",
    "plain-markdown-link",
    "missing-fragment",
    "missing-fragment-other-page",
    "heading-reuses-layout-id",
    "citation-in-raw-html",
    "citation-in-indented-code",
    "link-to-draft",
    "related-draft",
    "glossary-see-draft",
    "article-outside-its-folder",
    "other-markdown-extension",
    "future-date",
    "reserved-slug",
    "yaml-alias",
    "flight-longer-than-any",
    "reported-duration-contradicts-times",
    "empty-collection",
    "data-file-with-yml-extension",
    "image-too-wide",
    "root-relative-link",
    "file-name-with-space",
    "front-matter-is-a-list",
    "related-hidden",
    "glossary-see-hidden",
    "scaffold-hints-published",
    "same-link-twice",
    "fragment-on-generated-page",
    "quotes-nested-too-deep",
]

# Cases that cannot be committed as files (a dangling symlink), made when the builds run:
# name -> (make it in a copy of the valid site, the exact line expected).
MADE = {
    "dangling-symlink": (
        lambda content: (content / "articles" / "ghost.md").symlink_to(content / "nowhere.md"),
        "content/articles/ghost.md:1: file: is a link to '{content}/nowhere.md', which does not "
        "exist — remove the link, or restore the file it points to",
    ),
}


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=300, **kwargs
    )


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The last good output/, then every case built over it: (before, after, {case: result},
    the cases' content folders). In this process, as `orbit_cli` runs a build: a build keeps
    no state between runs, and Pelican starts once for all of them."""
    base = tmp_path_factory.mktemp("safety")
    out = base / "output"
    good = overlay_site(SITES / "valid", base / "good")
    result = orbit_cli("build", "--content", str(good), "--output", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    before = snapshot(out)
    contents = {case: str(overlay_site(SITES / "errors" / case, base / case)) for case in CASES}
    for case, (make, _) in MADE.items():
        content = overlay_site(SITES / "valid", base / case)
        make(content)
        contents[case] = str(content)
    results = {}
    for case, content in contents.items():
        built = orbit_cli("build", "--content", content, "--output", str(out), "--quiet")
        results[case] = [built.returncode, built.stderr]
    return before, snapshot(out), results, contents


# The tests that read `builds` share one worker, so that the builds are made once per run.
@pytest.mark.xdist_group("safety-builds")
@pytest.mark.parametrize("case", CASES)
def test_build_refuses_the_defect_with_its_line_and_keeps_output(case, builds):
    before, after, results, _ = builds
    code, stderr = results[case]
    expected = (SITES / "errors" / case / "expected.txt").read_text().splitlines()
    assert code == 1, stderr
    assert "Traceback" not in stderr
    for line in expected:
        assert line in stderr
    assert "output/ kept as it was" in stderr
    assert after == before


@pytest.mark.xdist_group("safety-builds")
@pytest.mark.parametrize("case", MADE)
def test_build_refuses_a_defect_made_at_test_time_and_keeps_output(case, builds):
    before, after, results, contents = builds
    code, stderr = results[case]
    problem = MADE[case][1].format(content=contents[case])
    assert code == 1, stderr
    assert "Traceback" not in stderr
    assert [line for line in stderr.splitlines() if ": file: " in line] == [problem]
    assert "output/ kept as it was" in stderr
    assert after == before


def test_slug_suggested_for_a_file_name_with_spaces_is_itself_valid():
    from orbit_content import schema

    expected = (SITES / "errors" / "file-name-with-space" / "expected.txt").read_text()
    suggested = expected.rsplit("set slug: ", 1)[1].strip()
    assert suggested == "my-article"
    assert schema.Page.model_validate(
        {"title": "T", "slug": suggested, "summary": "A summary long enough to be valid."}
    )


def test_links_to_hidden_pages_pass_because_every_build_writes_them(tmp_path):
    """A hidden article or page is written at its address (only left out of lists and the
    sitemap), so body links to it and a glossary see: to a hidden page are fine; the publish
    build removes only drafts."""
    from orbit_assets.publish import overrides
    from orbit_content.validate import validate_content

    content = overlay_site(SITES / "valid", tmp_path)
    second = content / "articles" / "second-article.md"
    second.write_text(
        second.read_text().replace("category: moon\n", "category: moon\nstatus: hidden\n")
    )
    about = content / "pages" / "about.md"
    colophon = about.read_text().replace("slug: about", "slug: colophon\nstatus: hidden")
    (content / "pages" / "colophon.md").write_text(colophon)
    first = content / "articles" / "first-article.md"
    first.write_text(
        first.read_text().replace("related: [second-article]\n", "")
        + "\nThe [colophon]({filename}../pages/colophon.md) and [the second](../second-article/).\n"
    )
    glossary = content / "data" / "glossary.yaml"
    glossary.write_text(glossary.read_text().replace("see: first-article", "see: colophon"))
    assert [str(p) for p in validate_content(content).problems] == []
    out = tmp_path / "output"
    result = orbit_cli("build", "--content", str(content), "--output", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    assert (out / "second-article" / "index.html").is_file()
    assert (out / "colophon" / "index.html").is_file()
    assert 'href="/colophon/"' in (out / "first-article" / "index.html").read_text()
    changed = {
        k for k in overrides({"PUBLISH_SITEURL": "https://x", "PLUGINS": []}) if "SAVE_AS" in k
    }
    assert changed == {"DRAFT_SAVE_AS", "DRAFT_PAGE_SAVE_AS"}


def check(content: Path, *extra) -> subprocess.CompletedProcess:
    return run(
        "-m", "orbit_cli", "check", "--content", str(content), "--settings", SETTINGS, *extra
    )


def test_dangling_symlink_is_named_without_a_traceback(tmp_path):
    content = overlay_site(SITES / "valid", tmp_path)
    (content / "articles" / "ghost.md").symlink_to(tmp_path / "nowhere.md")
    result = check(content)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        f"content/articles/ghost.md:1: file: is a link to '{tmp_path / 'nowhere.md'}', "
        "which does not exist — remove the link, or restore the file it points to"
    ) in result.stderr


def test_byte_order_mark_is_dropped_like_pelican_does(tmp_path):
    from orbit_content.validate import validate_content

    content = overlay_site(SITES / "valid", tmp_path)
    article = content / "articles" / "second-article.md"
    article.write_bytes(b"\xef\xbb\xbf" + article.read_bytes())
    assert validate_content(content).problems == []


def _measured(code: str) -> tuple[float, int]:
    """(CPU seconds, peak MB) of running `code` after the checker is imported and warmed up.

    CPU time, not the clock: what the input costs the checker, however busy the machine is
    (the checker reads its files and computes; it never waits)."""
    script = textwrap.dedent(f"""
        import resource, sys, time
        from orbit_content.validate import validate_content
        validate_content({str(SITES / "valid" / "content")!r})  # imports, settings, Markdown
        started = time.process_time()
        {code}
        print(time.process_time() - started,
              resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    """)
    result = run("-c", script)
    assert result.returncode == 0, result.stderr
    seconds, megabytes = result.stdout.split()[-2:]
    return float(seconds), int(megabytes)


def test_yaml_alias_bomb_is_refused_within_a_second_and_200_mb(tmp_path):
    content = overlay_site(SITES / "valid", tmp_path)
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 9):  # nine levels of nine: 387 million strings once expanded
        prev, name = chr(96 + level), chr(97 + level)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    article = content / "articles" / "second-article.md"
    article.write_text(
        article.read_text().replace(
            "category: moon\n", "category: moon\n" + "\n".join(lines) + "\n"
        )
    )
    seconds, megabytes = _measured(
        f"problems = validate_content({str(content)!r}).problems\n"
        "        assert [p.message for p in problems] == [\"YAML alias '*a' is not allowed\"], problems"
    )
    assert seconds < 1.0
    assert megabytes < 200


def test_five_megabyte_article_is_refused_within_a_second(tmp_path):
    content = overlay_site(SITES / "valid", tmp_path)
    article = content / "articles" / "second-article.md"
    article.write_text(article.read_text() + "Filler text for a very long article. " * 140_000)
    seconds, megabytes = _measured(
        f"problems = validate_content({str(content)!r}).problems\n"
        "        assert [(p.field, p.message) for p in problems] == "
        "[('file', 'is 5059 KB, over the 256 KB a content file may be')], problems"
    )
    assert seconds < 1.0
    assert megabytes < 200


def check_with_settings(tmp_path, added: str) -> tuple[subprocess.CompletedProcess, int]:
    """`orbit_cli check` of the real content with the project's settings and `added` after
    them; returns the result and the line `added` starts at."""
    settings = tmp_path / "pelican.conf.py"
    text = Path(SETTINGS).read_text() + f'THEME = "{ROOT / "theme"}"\n'
    settings.write_text(text + added)
    result = run(
        "-m",
        "orbit_cli",
        "check",
        "--settings",
        str(settings),
        "--content",
        str(ROOT / "content"),
        cwd=tmp_path,
    )
    return result, text.count("\n") + 1


def test_a_search_kind_without_its_label_is_named_at_its_line(tmp_path):
    """ORBIT_SEARCH_KINDS names kinds whose words are labels (search-kind-<kind>); one
    without a label is a one-line problem at its line, not a page that fails to build."""
    result, first = check_with_settings(
        tmp_path, 'ORBIT_SEARCH_KINDS = {\n    "glossary": "Data",\n}\n'
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"pelican.conf.py:{first + 1}: ORBIT_SEARCH_KINDS: 'Data' is not a kind of "
        "search result — did you mean 'data'?"
    )


def test_misspelt_settings_are_named_with_did_you_mean(tmp_path):
    result, first = check_with_settings(
        tmp_path, 'DEFAULT_DATE_FROMAT = "%d"\nORBIT_PAGEFND = False\nORBIT_NAVV = []\n'
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[:3] == [
        f"pelican.conf.py:{first}: DEFAULT_DATE_FROMAT: setting 'DEFAULT_DATE_FROMAT' is not used "
        "by Pelican or this site, so it has no effect — did you mean 'DEFAULT_DATE_FORMAT'?",
        f"pelican.conf.py:{first + 1}: ORBIT_PAGEFND: setting 'ORBIT_PAGEFND' is not used by "
        "Pelican or this site, so it has no effect — did you mean 'ORBIT_PAGEFIND'?",
        f"pelican.conf.py:{first + 2}: ORBIT_NAVV: setting 'ORBIT_NAVV' is not used by Pelican or "
        "this site, so it has no effect — did you mean 'ORBIT_NAV'?",
    ]


def test_image_heavier_than_the_limit_is_named(tmp_path):
    from orbit_content.validate import validate_content

    content = overlay_site(SITES / "valid", tmp_path)
    (content / "images").mkdir()
    shutil.copy(
        SITES / "errors" / "image-without-alt" / "content" / "images" / "chart.png",
        content / "images" / "heavy.png",
    )
    with (content / "images" / "heavy.png").open("ab") as handle:
        handle.write(b"\0" * 250 * 1024)  # trailing bytes: still a PNG, 4 px wide
    assert [str(p) for p in validate_content(content).problems] == [
        "content/images/heavy.png:1: file: is 250 KB, over the 200 KB limit — compress it (or "
        "save it as WebP) and resize it to at most 1600 px wide"
    ]


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("2026-12-03", None),  # within the two-day margin
        ("2026-12-04", "date: 2026-12-04 is in the future"),
    ],
)
def test_future_dates_are_measured_from_today_with_a_margin(written, problem, tmp_path):
    from orbit_content.validate import validate_content

    content = overlay_site(SITES / "valid", tmp_path)
    article = content / "articles" / "second-article.md"
    article.write_text(
        article.read_text()
        .replace("date: 2026-11-24", f"date: {written}")
        .replace("reviewed: 2026-11-25", f"reviewed: {written}")
        .replace("accessed: 2026-11-25", f"accessed: {written}")
    )
    found = [
        f"{p.field}: {p.message}"
        for p in validate_content(content, today=dt.date(2026, 12, 1)).problems
    ]
    # The source is read on the same day as the review (reviewed may not run ahead of accessed).
    accessed = problem and problem.replace("date", "sources[0].accessed", 1)
    assert found == (
        [] if problem is None else [problem, problem.replace("date", "reviewed", 1), accessed]
    )


def _with_body(tmp_path, body: str):
    from orbit_content.validate import validate_content

    content = overlay_site(SITES / "valid", tmp_path)
    article = content / "articles" / "second-article.md"
    head = article.read_text().split("---\n")[1]
    article.write_text(f"---\n{head}---\n{body}")
    return validate_content(content).problems


def test_code_shows_citations_without_citing_them_as_the_renderer_does(tmp_path):
    """`[@id]` in code spans, indented and fenced code is text in the page, so it neither counts
    as citing a source nor is an unknown source; the renderer prints it as code."""
    from orbit_content.validate.body import markdown_for, parse
    from orbit_content.validate.settings import load

    body = (
        "A fact.[@only]\n\nWrite `[@no-such]` to cite.\n\n    [@no-such-either]\n\n"
        "```\n[@nor-this]\n```\n\n## Details\n\nMore.\n"
    )
    assert _with_body(tmp_path, body) == []
    md = markdown_for(load()["MARKDOWN"])
    html = md.convert(body)
    assert "<code>[@no-such]</code>" in html and "[@no-such-either]" in html
    assert [ref.target for ref in parse(md, body).citations] == ["only"]


def test_html_that_only_structures_text_is_allowed(tmp_path):
    body = textwrap.dedent("""\
        A fact.[@only] <abbr title="International Space Station">ISS</abbr>, H<sub>2</sub>O.

        <div class="note" id="aside" lang="ru">
        <p>Plain text, <em>emphasis</em>, a <a href="{filename}first-article.md">link</a>.</p>
        </div>

        <details><summary>More</summary><p>Hidden detail.</p></details>

        <table><caption>Crew</caption><tr><th scope="col">Name</th></tr>
        <tr><td colspan="1">Rubio</td></tr></table>

        ## Details

        More.
    """)
    assert [str(p) for p in _with_body(tmp_path, body)] == []


def test_contributing_lists_exactly_the_allowed_html():
    from orbit_content.validate.safety import ALLOWED_TAGS

    text = (ROOT / "CONTRIBUTING.md").read_text()
    section = text[text.index("## Raw HTML") :]
    section = section[: section.index("\n## ", 1) if "\n## " in section else None]
    for tag in sorted(ALLOWED_TAGS):
        assert f"`{tag}`" in section, tag


# What the site's policy must say wherever it is delivered (rule 7 of the safety rules).
STRICT = {
    "default-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-src": "'none'",
}


def test_meta_policy_is_as_strict_as_the_headers_file_wherever_meta_can_say_it(tmp_path):
    import re

    from bs4 import BeautifulSoup

    from orbit_assets import publish

    out = tmp_path / "output"
    (out / "seat-swap").mkdir(parents=True)
    page = '<!doctype html><html><head><meta charset="utf-8"><title>T</title></head><body></html>'
    for path in (out / "index.html", out / "seat-swap" / "index.html"):
        path.write_text(page, encoding="utf-8")
    assert publish.add_meta_policy(out) == []
    publish.write_headers(out)
    headers = (out / "_headers").read_text()
    header = re.search(r"^  Content-Security-Policy: (.*)$", headers, re.M).group(1)
    referrer = re.search(r"^  Referrer-Policy: (.*)$", headers, re.M).group(1)
    for path in sorted(out.rglob("*.html")):
        head = BeautifulSoup(path.read_text(), "lxml").head
        meta = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert publish.policy_gaps(header, meta) == [], path
        assert head.find("meta", attrs={"name": "referrer"})["content"] == referrer
        directives = publish.parse_policy(meta)
        assert {k: directives.get(k) for k in STRICT} == STRICT
        assert "unsafe-inline" not in meta and "unsafe-inline" not in header
    # Only what HTML forbids in a meta policy is left to the header.
    assert publish.parse_policy(header).keys() - directives.keys() == {"frame-ancestors"}
    # The comparison fails when the meta policy drops a directive a meta element can carry,
    # weakens one, or carries one browsers ignore there.
    dropped = "; ".join(d for d in meta.split("; ") if not d.startswith("frame-src"))
    assert publish.policy_gaps(header, dropped) == [
        "frame-src: in _headers ('none') but missing from the meta policy"
    ]
    weaker = meta.replace("object-src 'none'", "object-src *")
    assert publish.policy_gaps(header, weaker) == [
        "object-src: _headers says \"'none'\", the meta policy '*'"
    ]
    assert publish.policy_gaps(header, meta + "; frame-ancestors 'none'") == [
        "frame-ancestors: not allowed in a meta policy (browsers ignore it there)"
    ]


def test_scaffold_hints_are_warnings_in_a_draft_and_errors_once_published(tmp_path):
    """The golden case scaffold-hints-published is what ./site new writes today, published."""
    from orbit_cli.scaffold import scaffold
    from orbit_content.validate import validate_content

    case = SITES / "errors" / "scaffold-hints-published"
    content = overlay_site(SITES / "valid", tmp_path)
    path = scaffold(content, "Why the lunar south pole", "moon", today=dt.date(2026, 11, 25))
    published = path.read_text().replace("status: draft ", "status: published")
    assert published == (case / "content" / "articles" / path.name).read_text()
    site = validate_content(content, today=dt.date(2026, 12, 1))
    assert site.problems == []
    errors = (case / "expected.txt").read_text().splitlines()
    warnings = [str(w) for w in site.warnings if "./site new" in w.message]
    assert warnings == [
        line.replace(", and this page is published — ", " — ") + ", before you publish"
        for line in errors
    ]
    path.write_text(published)
    assert [
        str(p) for p in validate_content(content, today=dt.date(2026, 12, 1)).problems
    ] == errors


def test_a_scaffolded_page_keeps_no_hint_once_published(tmp_path):
    from orbit_cli.scaffold import scaffold
    from orbit_content.validate import validate_content

    content = overlay_site(SITES / "valid", tmp_path)
    path = scaffold(content, "Press kit", "station", kind="page", today=dt.date(2026, 11, 25))
    path.write_text(path.read_text().replace("status: draft ", "status: hidden"))
    assert [(p.line, p.field) for p in validate_content(content).problems] == [
        (6, "summary"),
        (10, "body"),
    ]


def test_every_id_a_generated_page_carries_is_known_at_check_time():
    """The check's ids for generated pages (timeline, glossary, flights, lists) against the
    real build: none that a page carries is unknown, so no working link is refused."""
    import re

    from conftest import real_site
    from orbit_content.validate import Validator, links

    out, result = real_site()
    assert result.returncode == 0, result.stderr
    validator = Validator(ROOT / "content", templates=ROOT / "theme" / "templates")
    validator.run()
    sitemap = links.sitemap_for(validator)
    targets = [(d, sitemap.doc_url[d.path]) for d in validator.docs if d.published]
    targets += [(t, url) for url, t in sitemap.urls.items() if t.what == "generated" and t.template]
    checked, unknown = 0, {}
    for target, url in targets:
        if not sitemap.template_of(target):
            continue
        page = out / url / "index.html" if not url.endswith(".html") else out / url
        ids = set(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))
        checked += len(ids)
        missing = sorted(i for i in ids if not sitemap.has_id(target, i))
        if missing:
            unknown[url] = missing
    assert unknown == {}
    assert checked > 300  # the timeline, glossary, flight and mission pages were all read


# Markdown shapes that cost Python-Markdown far more than their size (each under the 256 KB
# content-file limit), with the line the check gives instead of parsing them. Unbounded, on a
# loaded two-core machine: 8 KB of '[' took 63 s, 250 KB of '*_**__' 46 s, a 250 KB table 50 s,
# 250 KB of links 11 s, and a list nested 350 deep ended in a RecursionError.
KB = 1024
PATHOLOGICAL = {
    "nested quotes": (lambda: ">" * 120_000 + " deep\n", "over 16 KB without a blank line"),
    "quotes nested line by line": (
        lambda: "".join(">" * i + " level\n\n" for i in range(1, 400)),
        "quotes nested 9 deep",
    ),
    "nested lists": (
        lambda: "".join("    " * i + "- item\n" for i in range(300)),
        "a list nested 9 levels deep",
    ),
    "unclosed emphasis": (lambda: "*a " * (83 * KB), "more than 256 '*' and '_' marks"),
    "mixed emphasis": (lambda: "*_**__" * 40_000, "more than 256 '*' and '_' marks"),
    "emphasis in every paragraph": (
        lambda: ("*_**__" * 40 + "\n\n") * 1000,
        "the text has more than 4000 '*' and '_' marks",
    ),
    "unclosed brackets": (lambda: "[" * (250 * KB), "more than 16 '[' are open at once"),
    "a link nested in itself": (
        lambda: "[" * 40_000 + "x" + "](/y)" * 40_000,
        "more than 16 '[' are open at once",
    ),
    "brackets never closed": (
        lambda: ("[" * 10 + " text\n\n") * 2000,
        "more than 32 '[' in the text are never closed",
    ),
    "huge table": (
        lambda: "|a|b|\n|---|---|\n" + "|ab|cd|\n" * (31 * KB),
        "over 16 KB without a blank line",
    ),
    "many small tables": (
        lambda: ("|a|b|\n|---|---|\n" + "|ab|cd|\n" * 50 + "\n") * 600,
        "more than 1000 links, citations, table cells and list items",
    ),
    "links everywhere": (
        lambda: ("See [a](/b/) and [c](/d/). " * 10 + "\n\n") * 800,
        "more than 1000 links, citations, table cells and list items",
    ),
    "a long chain of references": (
        lambda: "".join(f"[r{i}][r{i + 1}]\n\n" for i in range(6000))
        + "".join(f"[r{i}]: /r{i + 1}/\n" for i in range(6001)),
        "more than 1000 links, citations, table cells and list items",
    ),
}

MEASURE = """
import json, resource, sys, time
from pathlib import Path
from orbit_content.validate import validate_content
validate_content(sys.argv[1])  # imports, settings, Markdown
found = {}
for case, content in json.loads(sys.argv[2]).items():
    # CPU time, not wall: the bound is on the checker's work; on a shared machine a wall time
    # also counts the waits for a core (this failed once at load average 17).
    started = time.process_time()
    problems = validate_content(content).problems
    found[case] = [time.process_time() - started, [str(p) for p in problems]]
found["peak MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps(found))
"""


def test_pathological_markdown_is_refused_within_a_second_and_200_mb(tmp_path):
    import json

    contents = {}
    for index, (case, (make, _)) in enumerate(PATHOLOGICAL.items()):
        content = overlay_site(SITES / "valid", tmp_path / str(index))
        article = content / "articles" / "second-article.md"
        head = article.read_text().split("---\n")[1]
        body = "A fact.[@only]\n\n## Details\n\n" + make()
        assert len(body.encode()) < 256 * KB, case
        article.write_text(f"---\n{head}---\n{body}")
        contents[case] = str(content)
    result = run("-c", MEASURE, str(SITES / "valid" / "content"), json.dumps(contents))
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.splitlines()[-1])
    print({case: round(found[case][0], 3) for case in PATHOLOGICAL}, found["peak MB"], "MB")
    for case, (_, message) in PATHOLOGICAL.items():
        seconds, problems = found[case]
        assert any(message in problem for problem in problems), (case, problems)
        assert all(p.startswith("content/articles/second-article.md:") for p in problems), problems
        assert all(": body: " in problem for problem in problems), problems
        assert seconds < 1.0, (case, seconds)
    assert found["peak MB"] < 200
