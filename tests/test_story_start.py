"""On a phone, every story starts within about one screen.

Measured in Debian's chromium at 375×812 (a common phone): the top of the first paragraph of the
article body, in screens from the top of the page. The contents list, the key facts and the
figures come before it, so they must fold or follow it; above 1.3 screens a reader scrolls past
furniture before the first sentence. A fixture page with unfolded furniture proves the check fails.
"""

from __future__ import annotations

import shutil

import pytest

# survey() reads the first paragraph's top (FIRST_PARAGRAPH) on its load of each page
from conftest import HEIGHTS, SITES, article_paths, serve, survey, width_group

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
MAX_SCREENS = 1.3


def screens_down(found: dict) -> float | None:
    """Screens from the top of the page to the first paragraph, or None without one."""
    top = found["story_top"]
    return None if top is None else round(top / PHONE["height"], 2)


def problem(path: str, screens: float | None) -> str | None:
    if screens is None:
        return f"{path}: no first paragraph in the article body"
    if screens > MAX_SCREENS:
        return f"{path}: the story starts {screens} screens down at 375 px (at most {MAX_SCREENS})"
    return None


@width_group(375)
def test_every_story_starts_within_about_one_screen_on_a_phone(built_site, surveyed):
    assert HEIGHTS[PHONE["width"]] == PHONE["height"]
    swept = surveyed(PHONE["width"])
    paths = article_paths(built_site)
    found = [problem(path, screens_down(swept[path])) for path in paths]
    assert paths, "no story pages found"
    assert [f for f in found if f] == []


def test_a_story_pushed_down_by_unfolded_contents_and_facts_is_reported(context, tmp_path):
    shutil.copy(SITES / "phone" / "late-story.html", tmp_path / "index.html")
    server, url = serve(tmp_path)
    try:
        at = screens_down(survey(context, url, [""], PHONE)[""])
    finally:
        server.shutdown()
    assert at is not None and at > MAX_SCREENS
    assert "starts" in problem("late-story/", at)
    assert problem("none/", None) == "none/: no first paragraph in the article body"
