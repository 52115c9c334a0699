"""On a phone, every story starts within about one screen.

Measured in Debian's chromium at 375×812 (a common phone): the top of the first paragraph of the
article body, in screens from the top of the page. The contents list, the key facts and the
figures come before it, so they must fold or follow it; above 1.3 screens a reader scrolls past
furniture before the first sentence. A fixture page with unfolded furniture proves the check fails.
"""

from __future__ import annotations

import shutil

import pytest
from test_browser import article_paths

from conftest import SITES, serve

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
MAX_SCREENS = 1.3

# Page coordinates, not viewport ones: the page is measured as loaded, unscrolled.
FIRST_PARAGRAPH = """() => {
  const p = document.querySelector('article .prose p');
  return p ? p.getBoundingClientRect().top + window.scrollY : null;
}"""


def story_start(page, url: str) -> float | None:
    """Screens from the top of the page to the first paragraph, or None without one."""
    page.goto(url)
    top = page.evaluate(FIRST_PARAGRAPH)
    return None if top is None else round(top / PHONE["height"], 2)


def problem(path: str, screens: float | None) -> str | None:
    if screens is None:
        return f"{path}: no first paragraph in the article body"
    if screens > MAX_SCREENS:
        return f"{path}: the story starts {screens} screens down at 375 px (at most {MAX_SCREENS})"
    return None


def test_every_story_starts_within_about_one_screen_on_a_phone(built_site, site_url, browser):
    page = browser.new_page(viewport=PHONE)
    paths = article_paths(built_site)
    found = [problem(path, story_start(page, site_url + path)) for path in paths]
    page.close()
    assert paths, "no story pages found"
    assert [f for f in found if f] == []


def test_a_story_pushed_down_by_unfolded_contents_and_facts_is_reported(browser, tmp_path):
    shutil.copy(SITES / "phone" / "late-story.html", tmp_path / "index.html")
    server, url = serve(tmp_path)
    try:
        page = browser.new_page(viewport=PHONE)
        screens = story_start(page, url)
        page.close()
    finally:
        server.shutdown()
    assert screens is not None and screens > MAX_SCREENS
    assert "starts" in problem("late-story/", screens)
    assert problem("none/", None) == "none/: no first paragraph in the article body"
