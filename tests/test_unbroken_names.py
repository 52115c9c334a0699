"""Names joined to their numbers (Luna-25, Chandrayaan-3, Soyuz MS-29) never break across lines
in any text the site shows: bodies (orbit_content/unbroken.py, a Markdown treeprocessor) and
every text from front matter and data (the theme's `unbroken` filter, orbit_views.theme_words) set
each in a nowrap span, by one pattern (orbit_contract.NAME_NUMBER) and one splitting.

The checker reads every built page as a reader's browser lays it out: each text outside code,
scripts, styles, the head, form options and SVG (chart text does not wrap) that holds a name
not in a nowrap span is reported. A fixture page with each kind of text proves it reports an
unwrapped name and nothing else.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, NavigableString
from jinja2 import Environment, FileSystemLoader
from markdown import Markdown

from conftest import ROOT, serve, source_record
from orbit_content.unbroken import ADDRESS, markup
from orbit_content.validate import validate_content
from orbit_contract import NAME_NUMBER, NOWRAP_CLASS
from orbit_views import theme_words

# Not laid out as lines of text: code as written, what runs or styles, the head (<title>,
# meta), an <option> (it holds text only) and SVG (its <text> never wraps; <desc> and <title>
# are read out, not shown).
NOT_LINES = frozenset(
    {"code", "pre", "kbd", "samp", "script", "style", "head", "option", "textarea", "svg"}
)


def unwrapped_names(html: str) -> list[str]:
    """Each name on the page a browser may break after its hyphen, as "element: name"."""
    found = []
    for text in BeautifulSoup(html, "html.parser").find_all(string=True):
        if type(text) is not NavigableString:  # a comment, doctype or CDATA
            continue
        around = list(text.parents)
        if any(e.name in NOT_LINES for e in around) or any(
            e.name == "span" and NOWRAP_CLASS in e.get("class", []) for e in around
        ):
            continue
        addresses = [a.span() for a in ADDRESS.finditer(text)]
        found += [
            f"{text.parent.name}: {m.group(0)}"
            for m in NAME_NUMBER.finditer(text)
            if not any(start <= m.start() < end for start, end in addresses)
        ]
    return found


def test_every_name_on_the_page_stays_on_one_line(built_site, page):
    found = unwrapped_names((built_site / page).read_text(encoding="utf-8"))
    assert found == [], (
        f"{page}: names a phone may break after the hyphen: {found} — show the text with the "
        "theme's `| unbroken` filter (theme/templates), or write it in a story's Markdown body"
    )


def test_the_checker_reports_a_name_left_to_break():
    html = """<!doctype html><html><head><title>Luna-25</title>
    <meta name="description" content="Luna-25"><script>let a = "Luna-25";</script></head><body>
    <h1><span class="nowrap">Chandrayaan-3</span> and Luna-25</h1>
    <p>On 2023-08-19, <span class="nowrap"><em>Luna-26</em></span> <code>MS-22</code>
    https://example.org/luna-25/ <a href="https://example.org/crew-7" title="Crew-7">it</a></p>
    <!-- Crew-8 --><select><option>Crew-9</option></select>
    <svg><desc>Soyuz MS-29</desc><text><tspan>Crew-10</tspan></text></svg>
    <td>Soyuz MS-29 and Crew-10</td></body></html>"""
    assert unwrapped_names(html) == ["h1: Luna-25", "td: MS-29", "td: Crew-10"]


# ---- the wrapping -----------------------------------------------------------------------------


def span(name: str) -> str:
    return f'<span class="{NOWRAP_CLASS}">{name}</span>'


def test_each_name_is_wrapped_and_a_date_is_not():
    assert markup("Luna-25 fell on 2023-08-19, before Chandrayaan-3 landed") == (
        f"{span('Luna-25')} fell on 2023-08-19, before {span('Chandrayaan-3')} landed"
    )
    assert markup("A near-polar orbit in 2028") == "A near-polar orbit in 2028"


def test_what_is_escaped_stays_escaped():
    assert markup("<b>Soyuz MS-29</b> & Crew-10's <seat>") == (
        f"&lt;b&gt;Soyuz {span('MS-29')}&lt;/b&gt; &amp; {span('Crew-10')}&#39;s &lt;seat&gt;"
    )


def test_nothing_is_wrapped_twice():
    once = markup("Luna-25 and Chandrayaan-3")
    assert markup(once) == once
    env = Environment(autoescape=True)
    env.filters.update(theme_words.FILTERS)  # as the theme has them
    assert env.from_string("{{ t | unbroken | unbroken }}").render(t="Luna-25") == span("Luna-25")


def test_a_name_in_an_address_is_left_as_written():
    assert markup("See https://example.org/luna-25/ on Luna-25") == (
        f"See https://example.org/luna-25/ on {span('Luna-25')}"
    )


@pytest.mark.parametrize(
    "text", ["Luna-25’s crash & Chandrayaan-3", "Soyuz MS-22, MS-23 < 3", "no name, 2023-08-19"]
)
def test_a_reader_copies_and_search_reads_the_same_text(text):
    assert BeautifulSoup(markup(text), "html.parser").get_text() == text


def test_bodies_and_front_matter_get_the_same_spans():
    """One splitting: the treeprocessor of bodies and the filter of data texts agree."""
    text = "Luna-25 & Chandrayaan-3 met Soyuz MS-29 on 2023-08-19."
    body = Markdown(extensions=["orbit_content.unbroken"]).convert(text)
    assert body == f"<p>{markup(text)}</p>"


def test_the_theme_wraps_texts_never_attributes():
    """A source's title in the reference list and the table cells' links: the text shows the
    span, the title attribute (a tooltip) stays the plain text."""
    env = Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"), autoescape=True)
    theme_words.prepare(env, validate_content(ROOT / "content"), {"DEFAULT_LANG": "en"})
    page = env.from_string(
        '{% from "macros/sources.html" import reference, links %}'
        "{{ reference(source) }}{{ links([source]) }}"
    )
    source = source_record(
        url="https://example.org/luna-25", title="Luna-25 & the <Moon>", publisher="Crew-7 Press"
    )
    html = page.render(source=source)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.cite.a.decode_contents() == f"{span('Luna-25')} &amp; the &lt;Moon&gt;"
    assert soup.select_one(".source-links a")["title"] == "Luna-25 & the <Moon>"
    assert soup.select_one(".source-links a").decode_contents() == f"{span('Crew-7')} Press"
    assert soup.cite.a["href"] == "https://example.org/luna-25"
    assert unwrapped_names(html) == []


# ---- on a phone -------------------------------------------------------------------------------

# Each nowrap span wider than its line would stick out of it: the widest on the page, at 320 px.
WIDEST_NOWRAP = """() => {
  // Shown: laid out, and not inside a box hidden from sight (a restacked table's head).
  const hidden = e => {
    for (; e; e = e.parentElement)
      if (getComputedStyle(e).clipPath !== "none" || e.getBoundingClientRect().width <= 1)
        return true;
    return false;
  };
  const spans = [...document.querySelectorAll("span.nowrap")]
    .filter(s => s.getClientRects().length && !hidden(s));
  const lines = spans.map(s => {
    let box = s.parentElement;
    while (getComputedStyle(box).display.startsWith("inline")) box = box.parentElement;
    const style = getComputedStyle(box);
    const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return {text: s.textContent, width: s.getBoundingClientRect().width, room,
            right: s.getBoundingClientRect().right};
  });
  lines.sort((a, b) => b.width - a.width);
  return {widest: lines[0] || null, count: lines.length,
          over: lines.filter(l => l.width > l.room + 0.5 || l.right > innerWidth + 0.5),
          scroll: document.documentElement.scrollWidth, width: innerWidth};
}"""

PHONE_PAGES = ("sources/", "timeline/", "glossary/", "moon-missions/", "luna-25/", "")


def too_wide(measured: dict) -> list[str]:
    found = [
        f"{o['text']!r}: {o['width']:.0f} px in a line of {o['room']:.0f} px"
        for o in measured["over"]
    ]
    if measured["scroll"] > measured["width"]:
        found.append(f"page scrolls sideways: {measured['scroll']} px in {measured['width']} px")
    return found


@pytest.mark.browser
def test_every_unbroken_name_fits_its_line_at_320_px(site_url, new_page):
    page = new_page({"width": 320, "height": 800})
    found = {}
    for path in PHONE_PAGES:
        page.goto(site_url + path)
        measured = page.evaluate(WIDEST_NOWRAP)
        assert measured["count"] > 0, path  # the page shows names, each set unbroken
        found[path or "/"] = too_wide(measured)
    assert {path: issues for path, issues in found.items() if issues} == {}


@pytest.mark.browser
def test_the_phone_check_reports_a_name_wider_than_its_line(new_page, tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><meta name="viewport" content="width=device-width">'
        "<style>.nowrap{white-space:nowrap}</style><p>A name: "
        f"{span('Supercalifragilisticexpialidocious-Luna-25-Chandrayaan-3')}</p>",
        encoding="utf-8",
    )
    server, url = serve(tmp_path)
    try:
        page = new_page({"width": 320, "height": 800})
        page.goto(url)
        found = too_wide(page.evaluate(WIDEST_NOWRAP))
    finally:
        server.shutdown()
    assert found[0].startswith("'Supercalifragilisticexpialidocious-Luna-25-Chandrayaan-3': ")
    assert "page scrolls sideways" in found[-1]
