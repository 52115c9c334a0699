"""The site's own words (content/data/labels.yaml): templates with named values, checked."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, SITES, orbit_cli, overlay_site
from orbit_content import labels
from orbit_content.validate import validate_content
from orbit_views.wording import Words


@pytest.mark.parametrize(
    "text, problem",
    [
        ("data as of {day}", "uses {day}, which this label is not given — use only: {date}"),
        ("data as of {}", "uses {}, which this label is not given — use only: {date}"),
        ("data as of {0}", "uses {0}, which this label is not given — use only: {date}"),
        ("data as of {date.year}", "uses {date.year}, which this label is not given"),
        ("data as of {date:%Y}", "formats {date} itself — write {date} alone"),
        ("data as of {date!r}", "formats {date} itself — write {date} alone"),
        ("data as of {date", "has an unmatched { or }"),
        ("data as of date}", "has an unmatched { or }"),
    ],
)
def test_a_label_names_only_the_values_it_is_given(text, problem):
    with pytest.raises(ValueError) as err:
        labels.template_fields("seat-lanes-as-of", text)
    assert str(err.value).startswith(problem)


def test_a_misspelt_value_gets_a_did_you_mean():
    with pytest.raises(ValueError, match=r"did you mean '\{person\}'\?"):
        labels.template_fields("key-number-stay", "{persn}'s stay")


def test_labels_fill_in_their_values_and_keep_literal_braces():
    assert labels.template_fields("seat-lanes-as-of", "{{as of}} {date}") == "{{as of}} {date}"
    words = Words({"seat-lanes-as-of": "{{as of}} {date}", "lane-soyuz-phone": "NASA\non Soyuz"})
    assert words("seat-lanes-as-of", date="1 Mar 2026") == "{as of} 1 Mar 2026"
    assert words.lines("lane-soyuz-phone") == ["NASA", "on Soyuz"]


def test_an_unknown_key_is_refused_with_the_closest_one():
    with pytest.raises(ValueError, match="unknown label 'seat-lanes-titel' — did you mean"):
        labels.known_key("seat-lanes-titel")


# A contributor's mistakes in labels.yaml, each written into a copy of the real file (which
# the valid fixture links to, so a new label is added in one place): the exact text replaced,
# what replaces it, and the one line expected, at the line and entry where the defect sits.
LABELS = ROOT / "content" / "data" / "labels.yaml"
MISTAKES = {
    "label-missing": (
        '  - key: flight-days-so-far\n    text: "so far"\n',
        "",
        "{path}:{labels_line}: labels: no label 'flight-days-so-far' — add an entry with "
        "key: flight-days-so-far and its text",
    ),
    "label-misspelt-key": (
        "  - key: plans-axis-when\n",
        "  - key: plans-axis-wen\n",
        "{path}:{line}: labels[{index}].key: unknown label 'plans-axis-wen' — "
        "did you mean 'plans-axis-when'?",
    ),
    "label-unknown-value": (
        '  - key: seat-lanes-as-of\n    text: "data as of {date}"\n',
        '  - key: seat-lanes-as-of\n    text: "data as of {day}"\n',
        "{path}:{text_line}: labels[{index}].text: uses {{day}}, which this label is not "
        "given — use only: {{date}}",
    ),
}


@pytest.mark.parametrize("case", MISTAKES)
def test_a_mistake_in_labels_gives_its_exact_line(case, tmp_path):
    old, new, message = MISTAKES[case]
    real = LABELS.read_text(encoding="utf-8")
    assert real.count(old) == 1, f"{case}: the real labels.yaml no longer has {old!r}"
    content = overlay_site(SITES / "valid", tmp_path)
    target = content / "data" / "labels.yaml"
    assert not target.is_symlink()  # a copy: the real file is never touched
    target.write_text(real.replace(old, new), encoding="utf-8")
    before = real[: real.index(old)]
    expected = message.format(
        path="content/data/labels.yaml",
        labels_line=real[: real.index("\nlabels:\n")].count("\n") + 2,
        line=before.count("\n") + 1,
        text_line=before.count("\n") + 2,
        index=before.count("\n  - key: "),
    )
    got = [str(p) for p in validate_content(content).problems]
    assert got == [expected]
    result = orbit_cli("check", "--content", str(content))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert expected.replace("content/", "", 1) in result.stderr


def test_the_valid_fixture_uses_the_real_labels():
    """One file to edit when a label is added: the fixture links to the site's own."""
    fixture = SITES / "valid" / "content" / "data" / "labels.yaml"
    assert fixture.is_symlink() and fixture.resolve() == LABELS.resolve()


TEMPLATES = ROOT / "theme" / "templates"


def say_calls():
    """Every say(…) call in the theme: (template, each key it may ask for, the values given)."""
    from jinja2 import Environment, nodes

    env = Environment(extensions=[])
    for path in sorted(TEMPLATES.rglob("*.html")):
        tree = env.parse(path.read_text(encoding="utf-8"))
        for call in tree.find_all(nodes.Call):
            if not (
                isinstance(call.node, nodes.Name)
                and call.node.name in ("say", "say_plain", "say_script")
            ):
                continue
            first = call.args[0]
            # A literal key, or one of two: say("a" if x else "b", …)
            branches = [first.expr1, first.expr2] if isinstance(first, nodes.CondExpr) else [first]
            assert all(isinstance(b, nodes.Const) for b in branches), f"{path}: key not literal"
            # say_script leaves every {name} for the script to fill: as if each were given.
            names = {kw.key for kw in call.kwargs}
            if call.node.name == "say_script":
                assert not call.kwargs, f"{path}: say_script takes the key alone"
                names = {"(the script's)"}
            yield path.relative_to(TEMPLATES), [b.value for b in branches], names


def test_every_label_the_theme_asks_for_is_known_and_given_its_values():
    calls = list(say_calls())
    assert len(calls) > 50
    for template, keys, names in calls:
        for key in keys:
            assert key in labels.FIELDS, f"{template}: no label '{key}' in labels.FIELDS"
            if names != {"(the script's)"}:
                assert names == set(labels.FIELDS[key]), f"{template}: {key} is given {names}"


# The copy the templates once spelt out, now in labels.yaml; and a date format of their own.
MOVED = [
    "Planned for",
    "as of",
    "Landing (UTC)",
    "Launch (UTC)",
    "Not yet announced",
    "Data as of",
    "Cite as",
    "Facts as of",
    "sources read",
    "Last changed",
    "min read",
    "Download the data",
    "Accessed",
    "Page not found",
    "All stories",
    "Skip to content",
    "Corrections log",
    "The page said",
    "Spotted a mistake",
    "Official website",
    "Also written",
    "person-flights",
    "Explore the data",
    "On this page",
    "Cited on",
    "every publisher",
    "all stories",
    "What is wrong",
    "kind:Story",
    'default("Page")',
    "strftime",
    "%B",
]


# The words the scripts once spelt out, now in labels.yaml (filled in by the scripts).
SCRIPTS = ROOT / "theme" / "static" / "js"
SCRIPT_WORDS = [
    "Showing all",
    "Showing ",
    "page matches",
    "pages match",
    "The first",
    "No page matches",
    "Search is not available",
    '"Page"',
    '"Source "',
    "In the source list",
    "In the glossary",
    '"Copied"',
    "Select the text",
]


@pytest.mark.parametrize("words", SCRIPT_WORDS)
def test_the_scripts_no_longer_spell_out(words):
    found = [
        p.name
        for p in SCRIPTS.glob("*.js")
        if words in re.sub(r"//[^\n]*", "", p.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_a_script_label_keeps_its_names_for_the_script():
    words = Words({"filter-some-events": 'Showing {shown} of {total} "events".'})
    assert words.script("filter-some-events") == "Showing {shown} of {total} &#34;events&#34;."


@pytest.mark.parametrize("words", MOVED)
def test_the_templates_no_longer_spell_out(words):
    found = [
        str(p.relative_to(TEMPLATES))
        for p in TEMPLATES.rglob("*.html")
        if words in re.sub(r"\{#.*?#\}", "", p.read_text(encoding="utf-8"), flags=re.S)
    ]
    assert found == []


def test_a_label_in_a_template_escapes_its_text_and_plain_values_but_keeps_markup():
    from markupsafe import Markup

    words = Words({"figure-source": "Source & more: {source}."})
    assert words.markup("figure-source", source="<b>") == "Source &amp; more: &lt;b&gt;."
    link = Markup('<a href="#s">Fixture</a>')
    assert words.markup("figure-source", source=link) == (
        'Source &amp; more: <a href="#s">Fixture</a>.'
    )
