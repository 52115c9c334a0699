"""The validator reports each kind of contributor mistake with its exact one-line message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT, SITES, overlay_site
from orbit_content import parallel
from orbit_content.validate import validate_content

CASES = sorted(p for p in (SITES / "errors").iterdir() if p.is_dir())


def test_valid_fixture_site_has_no_problems():
    assert validate_content(SITES / "valid" / "content").problems == []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_mistake_gives_its_exact_message(case: Path, tmp_path: Path):
    content = overlay_site(case, tmp_path)
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    got = [
        str(p) for p in validate_content(content, templates=ROOT / "theme" / "templates").problems
    ]
    assert got == expected


def test_every_problem_in_every_file_is_reported_at_once(tmp_path: Path):
    content = overlay_site(SITES / "errors" / "bad-date", tmp_path)
    second = SITES / "errors" / "unknown-citation" / "content" / "articles" / "second-article.md"
    (content / "articles" / "second-article.md").write_text(second.read_text())
    data = SITES / "errors" / "unknown-mission" / "content" / "data" / "flights.yaml"
    (content / "data" / "flights.yaml").write_text(data.read_text())
    fields = {(p.path.split("/")[-1], p.field) for p in validate_content(content).problems}
    assert fields == {
        ("first-article.md", "date"),
        ("second-article.md", "body"),
        ("flights.yaml", "flights[0].launch_mission"),
    }


def test_nested_dates_are_normalised_whatever_their_quoting(tmp_path: Path):
    content = overlay_site(SITES / "valid", tmp_path)
    flights = content / "data" / "flights.yaml"
    text = flights.read_text().replace(
        "launch: 2022-09-21T13:54:49Z", 'launch: "2022-09-21T13:54:49"'
    )
    flights.write_text(text)
    site = validate_content(content)
    assert site.problems == []
    flight = site.data["flights"][0]
    assert flight.launch.isoformat() == "2022-09-21T13:54:49+00:00"  # naive, quoted: read as UTC
    assert flight.landing.isoformat() == "2023-09-27T11:17:00+00:00"  # quoted string with Z
    mission = site.collection("missions")["soyuz-ms-22"]
    assert mission.end.isoformat() == "2023-03-28"  # unquoted date stays a date


def test_checking_in_two_processes_gives_what_one_process_gives(tmp_path: Path, monkeypatch):
    """The per-file checks shared with a forked child (orbit_content.parallel, used on large
    sites) give the same problems, conversions and order as checking every file here."""
    content = overlay_site(SITES / "errors" / "bad-date", tmp_path)
    second = SITES / "errors" / "unknown-citation" / "content" / "articles" / "second-article.md"
    (content / "articles" / "second-article.md").write_text(second.read_text())
    one = validate_content(content, templates=ROOT / "theme" / "templates")
    monkeypatch.setattr(parallel, "processes_for", lambda files: 2)
    two = validate_content(content, templates=ROOT / "theme" / "templates")
    assert [p.field for p in one.problems] == ["date", "body"]  # one from each share
    assert two.problems == one.problems and two.warnings == one.warnings
    assert two.rendered == one.rendered and two.outlines == one.outlines
    assert two.articles == one.articles and list(two.articles) == list(one.articles)
    assert list(two.documents) == list(one.documents)


def test_shares_run_in_forked_children_and_a_failed_child_loses_nothing():
    here = os.getpid()
    pids = parallel.run_shares(lambda share: (os.getpid(), share), [[1], [2], [3]])
    assert [share for _, share in pids] == [[1], [2], [3]]
    assert pids[0][0] == here and len({pid for pid, _ in pids[1:]} - {here}) == 2

    def dies_in_a_child(share):
        if os.getpid() != here:
            os._exit(3)  # as if killed: nothing sent back
        return share

    def fails_in_a_child(share):
        if os.getpid() != here:
            raise RuntimeError("only in the child")
        return share

    assert parallel.run_shares(dies_in_a_child, [["a"], ["b"]]) == [["a"], ["b"]]
    assert parallel.run_shares(fails_in_a_child, [["a"], ["b"]]) == [["a"], ["b"]]


def test_small_sites_are_checked_in_one_process():
    assert parallel.processes_for(2 * parallel.FILES_PER_PROCESS - 1) == 1
    assert parallel.processes_for(7) == 1  # the real site
