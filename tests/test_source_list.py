"""The source list on a phone: the "↩" before a source's back links never ends a line alone."""

from __future__ import annotations

import pytest

from conftest import ARROWS_ALONE, HEIGHTS, width_group

pytestmark = pytest.mark.browser

WIDTHS = (320, 375, 768)

# The check is conftest.ARROWS_ALONE, which survey() runs on its load of each page at each width.

# The rule as it was: the arrow drawn before the group, where a line may break after it.
OLD_RULE = (
    '.backrefs a:first-child::before { content: none; } .backrefs::before { content: "↩\\00a0"; }'
)


@pytest.fixture(scope="module")
def pages_with_back_links(built_site) -> list[str]:
    pages = [
        str(p.relative_to(built_site).parent) + "/"
        for p in sorted(built_site.rglob("index.html"))
        if 'class="backrefs"' in p.read_text(encoding="utf-8")
    ]
    assert len(pages) >= 5, pages  # every story cites some source more than once
    return pages


@pytest.mark.parametrize("width", [pytest.param(w, marks=width_group(w)) for w in WIDTHS])
def test_the_back_link_arrow_stays_with_its_first_letter(width, surveyed, pages_with_back_links):
    swept = surveyed(width)
    assert set(pages_with_back_links) <= swept.keys()
    found = [
        f"{path} at {width} px: #{ident}"
        for path in pages_with_back_links
        for ident in swept[path]["arrows_alone"]
    ]
    assert found == []


def test_the_check_finds_an_arrow_left_alone(new_page, site_url, pages_with_back_links):
    page = new_page()
    found = []
    for path in pages_with_back_links:
        page.goto(site_url + path)
        page.add_style_tag(content=OLD_RULE)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": HEIGHTS[width]})
            found += [f"{path} at {width} px: #{ident}" for ident in page.evaluate(ARROWS_ALONE)]
    assert found
