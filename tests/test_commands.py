"""The commands behave: help never writes, any script gets a slug, a busy port is one line,
usage mistakes exit 3 (content problems exit 1), quiet is quiet, advice can be typed as printed,
and a problem is printed once by the preview server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SITES, orbit_cli, overlay_site, start_preview

PORTS = (8146, 8147)  # this project's preview ports for tests


def site(*args: str) -> subprocess.CompletedProcess:
    """`./site …` as a contributor types it, minus the uv bootstrap."""
    return subprocess.run(
        [sys.executable, str(ROOT / "plugins" / "orbit_cli" / "program.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def content_files() -> list[str]:
    return sorted(str(p) for p in (ROOT / "content").rglob("*"))


@pytest.mark.parametrize("args", [["new", "--help"], ["new", "-h"], ["new", "x", "--help"]])
def test_help_shows_the_task_and_writes_nothing(args):
    before = content_files()
    result = site(*args)
    assert result.returncode == 0, result.stderr
    assert "Scaffold content/articles/<slug>.md" in result.stdout
    assert content_files() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["chek"], "No idea what 'chek' is! — run `./site --list` to see what it takes"),
        (["check", "--bogus"], "No idea what '--bogus' is! — run `./site --help <task>`"),
        (["new"], "'new' did not receive required positional arguments: 'title'"),
    ],
)
def test_usage_mistakes_exit_3_not_1(args, message):
    result = site(*args)
    assert result.returncode == 3
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["check", "build", "stale"])
def test_a_content_folder_that_is_not_there_is_one_line_and_exit_3(tmp_path, command):
    missing = tmp_path / "no-such-content"
    result = orbit_cli(command, "--content", str(missing), "--output", str(tmp_path / "out"))
    assert result.returncode == 3
    assert result.stderr.splitlines() == [
        f"--content: '{missing}' is not a folder — give the folder that holds articles/, "
        "pages/ and data/, or leave --content out"
    ]
    assert not (tmp_path / "out").exists()


def test_site_check_takes_a_content_folder_and_refuses_a_missing_one(tmp_path):
    missing = site("check", "--content", str(tmp_path / "nowhere"))
    assert missing.returncode == 3
    assert "Traceback" not in missing.stderr
    assert len(missing.stderr.splitlines()) == 1
    assert f"--content: '{tmp_path / 'nowhere'}' is not a folder" in missing.stderr
    content = overlay_site(SITES / "errors" / "unknown-citation", tmp_path)
    broken = site("check", "--content", str(content))
    assert broken.returncode == 1
    assert "second-article.md:17: body: cites unknown source 'nope'" in broken.stderr


def test_a_second_check_converts_only_what_changed_and_still_reports_it(
    tmp_path, monkeypatch, capsys
):
    """`check` keeps the preview's parse cache (cache/ beside the settings; --cache here): an
    unchanged site is checked again without converting a body, and an edit is converted and
    judged like any other."""
    import shutil

    import markdown

    from orbit_cli.__main__ import main
    from orbit_content.yamlpos import read_markdown

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    args = ["check", "--content", str(content), "--cache", str(tmp_path / "cache")]
    assert main(args) == 0
    assert [p.name for p in (tmp_path / "cache").glob("code-*/*")] == ["orbit-parsed.pickle"]
    converted: list[str] = []
    convert = markdown.Markdown.convert
    monkeypatch.setattr(
        markdown.Markdown, "convert", lambda md, text: converted.append(text) or convert(md, text)
    )
    assert main(args) == 0
    assert converted == []
    article = content / "articles" / "luna-25.md"
    text = article.read_text(encoding="utf-8").rstrip("\n") + "\n\nOne more fact.[@nope]\n"
    article.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(args) == 1
    assert [t.lstrip("\n") for t in converted] == [read_markdown(article).body.lstrip("\n")]
    line = len(text.splitlines())
    assert f"luna-25.md:{line}: body: cites unknown source 'nope'" in capsys.readouterr().err


COUNT_CONVERSIONS = """
import sys
import markdown
from orbit_content.validate import validate_content

converted = []
convert = markdown.Markdown.convert
markdown.Markdown.convert = lambda md, text: converted.append(text) or convert(md, text)
site = validate_content(sys.argv[1], cache=sys.argv[2])
print(len(converted), len(site.problems))
"""


def test_a_check_in_a_new_process_reuses_the_last_ones_conversions(tmp_path):
    """Each `./site check` is a process of its own, with its own string hashing: the key of a
    cached conversion must not depend on it (the glossary's stop phrases came from a set)."""
    cache = tmp_path / "cache"
    runs = []
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-c", COUNT_CONVERSIONS, str(ROOT / "content"), str(cache)],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "plugins")},
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        runs.append(result.stdout.split())
    (first, problems), (second, same_problems) = runs
    assert int(first) >= 18 and second == "0"
    assert same_problems == problems


def test_a_cache_that_cannot_be_written_is_no_cache(tmp_path, capsys):
    """A cache folder that cannot be made (a file is in the way) changes nothing a check says."""
    from orbit_cli.__main__ import main

    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder would be\n")
    content = overlay_site(SITES / "errors" / "unknown-citation", tmp_path)
    assert main(["check", "--content", str(content), "--cache", str(blocked)]) == 1
    assert "second-article.md:17: body: cites unknown source 'nope'" in capsys.readouterr().err
    assert blocked.is_file()


@pytest.mark.parametrize("python_writes_pyc", [True, False])
def test_site_leaves_writing_compiled_modules_to_python(tmp_path, python_writes_pyc):
    # Invoke turns .pyc writing off for everything imported after it (every module a task
    # uses), so each `./site check` compiled pydantic, Markdown and the plugins again.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path)
    if not python_writes_pyc:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    result = subprocess.run(
        [sys.executable, str(ROOT / "plugins" / "orbit_cli" / "program.py"), "--list"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    # The project's tasks.py is imported by invoke after it has read its own options; with a
    # prefix, its compiled form is kept under the prefix at the source's own path.
    written = list(tmp_path.joinpath(*ROOT.parts[1:]).glob("tasks.cpython-*.pyc"))
    assert bool(written) == python_writes_pyc, written


def test_a_cache_left_by_other_code_is_neither_read_nor_kept(tmp_path):
    import gzip

    content = overlay_site(SITES / "valid", tmp_path)
    cache = tmp_path / "cache"
    old = cache / "code-0123456789ab"
    old.mkdir(parents=True)
    # Pelican's reader cache as older plugins left it: a pickle of a class that is gone. Read,
    # it failed every build with "Can't get attribute 'PageMemo'" until `./site clean`.
    (old / "ArticlesGenerator-Readers").write_bytes(
        gzip.compress(b"corbit_views.page\nPageMemo\n)\x81.")
    )
    args = ["build", "--content", str(content), "--output", str(tmp_path / "out"), "--quiet"]
    result = orbit_cli(*args, "--cache", str(cache))
    assert result.returncode == 0, result.stderr
    assert not old.exists()
    assert [p.name.startswith("code-") for p in cache.iterdir()] == [True]
    assert orbit_cli(*args, "--cache", str(cache)).returncode == 0  # and the cache is read


def test_command_line_usage_mistake_exits_3():
    result = orbit_cli("build", "--no-such-option")
    assert result.returncode == 3
    assert "unrecognized arguments: --no-such-option" in result.stderr


def test_a_title_that_looks_like_an_option_is_refused(tmp_path):
    from orbit_cli.scaffold import ScaffoldError, scaffold

    with pytest.raises(ScaffoldError, match="looks like an option"):
        scaffold(tmp_path / "content", "--help", "moon")
    assert not (tmp_path / "content").exists()


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Луна-25 и Чандраян", "luna-25-i-chandraian"),
        ("Луна", "luna"),
        ("月球", "yue-qiu"),
        ("Ça va : l’été", "ca-va-lete"),
        ("What Pragyan found near the south pole", "what-pragyan-found-near-the-south-pole"),
    ],
)
def test_titles_in_any_script_get_a_transliterated_slug(title, slug):
    from orbit_cli.scaffold import slugify
    from orbit_content.schema import KEBAB

    assert slugify(title) == slug
    assert KEBAB.match(slug)


def test_busy_port_is_one_line_naming_the_port_and_builds_nothing(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", PORTS[0]))
        taken.listen()
        out = tmp_path / "output"
        result = orbit_cli(
            "serve",
            "--content",
            str(SITES / "valid" / "content"),
            "--output",
            str(out),
            "--port",
            str(PORTS[0]),
        )
    assert result.returncode == 3
    assert result.stderr.strip().splitlines() == [
        f"serve: port {PORTS[0]} on 127.0.0.1 is already in use — stop the other server, or "
        f"choose another port: ./site serve --port {PORTS[0] + 1}"
    ]
    assert not out.exists()


def test_quiet_build_prints_nothing_and_a_plain_build_no_log(tmp_path):
    content = overlay_site(SITES / "valid", tmp_path)
    quiet = orbit_cli(
        "build", "--content", str(content), "--output", str(tmp_path / "a"), "--quiet"
    )
    assert quiet.returncode == 0, quiet.stderr
    assert (quiet.stdout, quiet.stderr) == ("", "")
    plain = orbit_cli("build", "--content", str(content), "--output", str(tmp_path / "b"))
    assert plain.returncode == 0, plain.stderr
    assert "INFO" not in plain.stdout + plain.stderr
    assert len((plain.stdout + plain.stderr).strip().splitlines()) <= 3


def test_the_debug_advice_names_a_command_that_exists():
    from orbit_cli import build

    source = Path(build.__file__).read_text()
    assert "run `./site build --debug` for the traceback" in source
    result = site("--help", "build")
    assert result.returncode == 0 and "--debug" in result.stdout


def test_serve_prints_each_problem_once(tmp_path):
    content = overlay_site(SITES / "errors" / "unknown-citation", tmp_path)
    server = start_preview(content, tmp_path / "output", PORTS[1], tmp_path / "cache")
    lines = []
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            line = server.stderr.readline()
            if not line:
                break
            lines.append(line.rstrip("\n"))
            if line.startswith("Serving"):
                break
    finally:
        server.terminate()
        server.wait(timeout=30)
    problem = "second-article.md:17: body: cites unknown source 'nope'"
    assert sum(problem in line for line in lines) == 1, lines


def test_a_build_after_one_that_failed_while_rendering_still_writes_the_sitemap(tmp_path):
    content = overlay_site(SITES / "valid", tmp_path)
    out = tmp_path / "output"
    broken = orbit_cli(
        "build", "--content", str(content), "--output", str(out), "--quiet",
        "--theme", str(SITES / "broken-theme"),
    )  # fmt: skip
    assert broken.returncode == 2
    good = orbit_cli("build", "--content", str(content), "--output", str(out), "--quiet")
    assert good.returncode == 0, good.stderr
    assert "/first-article/</loc>" in (out / "sitemap.xml").read_text()


def test_site_checker_accepts_a_draft_left_out_of_the_sitemap(tmp_path):
    from sitecheck import load_site, run_checks

    content = overlay_site(SITES / "valid", tmp_path)
    draft = SITES / "errors" / "related-draft" / "content" / "articles" / "draft-article.md"
    (content / "articles" / "draft-article.md").write_text(draft.read_text())
    out = tmp_path / "output"
    result = orbit_cli("build", "--content", str(content), "--output", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    assert (out / "drafts" / "draft-article" / "index.html").is_file()
    findings = [str(f) for f in run_checks(load_site(out, require_site_files=True))]
    assert [f for f in findings if "drafts/" in f] == []


def test_publish_task_checks_its_own_output_with_the_public_address(monkeypatch):
    from invoke import MockContext, Result

    import orbit_cli.__main__ as cli
    import tasks

    built = []
    monkeypatch.setattr(cli, "main", lambda argv: built.append(argv) or 0)
    context = MockContext(run=Result(exited=0))
    tasks.publish(context, siteurl="https://example.github.io/repo")
    assert "--publish" in built[0]
    command = context.run.call_args.args[0]
    assert "-m sitecheck" in command and str(tasks.OUTPUT) in command
    assert "--site-url https://example.github.io/repo --require-site-files" in command
