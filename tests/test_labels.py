"""The site's own words (content/data/labels.yaml): templates with named values, checked."""

from __future__ import annotations

import pytest

from orbit_content import labels
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
