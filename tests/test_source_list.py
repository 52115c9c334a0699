"""The source list on a phone: the "↩" before a source's back links never ends a line alone."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

WIDTHS = (320, 375, 768)

# Back-link groups whose first line holds only the arrow: the span's first line box ends above
# the first link (getClientRects gives one box per line).
ALONE = """() => [...document.querySelectorAll('.backrefs')].filter(group => {
    const lines = group.getClientRects(), first = group.querySelector('a').getBoundingClientRect();
    return lines.length > 1 && lines[0].bottom <= first.top + 2;
}).map(group => group.closest('li').id)"""

# The rule as it was: the arrow drawn before the group, where a line may break after it.
OLD_RULE = (
    '.backrefs a:first-child::before { content: none; } .backrefs::before { content: "↩\\00a0"; }'
)


def arrows_alone(browser, url: str, pages: list[str], old_rule: bool = False) -> list[str]:
    found = []
    page = browser.new_page()
    try:
        for path in pages:
            page.goto(url + path)
            if old_rule:
                page.add_style_tag(content=OLD_RULE)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                found += [f"{path} at {width} px: #{ident}" for ident in page.evaluate(ALONE)]
    finally:
        page.close()
    return found


@pytest.fixture(scope="module")
def pages_with_back_links(built_site) -> list[str]:
    pages = [
        str(p.relative_to(built_site).parent) + "/"
        for p in sorted(built_site.rglob("index.html"))
        if 'class="backrefs"' in p.read_text(encoding="utf-8")
    ]
    assert len(pages) >= 5, pages  # every story cites some source more than once
    return pages


def test_the_back_link_arrow_stays_with_its_first_letter(browser, site_url, pages_with_back_links):
    assert arrows_alone(browser, site_url, pages_with_back_links) == []


def test_the_check_finds_an_arrow_left_alone(browser, site_url, pages_with_back_links):
    assert arrows_alone(browser, site_url, pages_with_back_links, old_rule=True)
