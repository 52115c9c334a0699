"""The site's own words, from content/data/labels.yaml, with the values the views computed.

The views compute values (dates already formatted, names, numbers) and ask for a label by key;
the words around the values are site copy, edited in content/ (orbit_content/labels.py lists
the keys and the values each label is given, and the check refuses anything else).
"""

from __future__ import annotations

from markupsafe import Markup, escape


class Words:
    """Label texts by key; calling it fills in a label's {name}s."""

    def __init__(self, texts: dict[str, str]):
        self.texts = texts
        self.escaped: dict[str, Markup] = {}  # each text escaped once, on its first use

    @classmethod
    def of(cls, site) -> Words:
        return cls({label.key: label.text for label in site.data.get("labels", [])})

    def __call__(self, key: str, **values) -> str:
        return self.texts[key].format(**values)

    def markup(self, key: str, **values) -> Markup:
        """A label as a template shows it (`say(key, …)` in the theme): the text escaped, and
        each value escaped unless it is markup the template made, like a <time> element, so
        the words stay in labels.yaml while the template keeps its elements."""
        shown = self.script(key)
        if not values and "{" not in shown:  # a text without values or braces is itself
            return shown
        # str.format with each value escaped is what Markup.format gives for labels, whose
        # fields carry no format spec or conversion (labels.py refuses any), at a third of
        # the cost: it runs for most labels on every page of a build.
        return Markup(str.format(shown, **{k: escape(v) for k, v in values.items()}))

    def script(self, key: str) -> Markup:
        """A label for a script to fill in (`say_script(key)` in the theme, in a data-
        attribute): the text escaped, with its {name}s left for the script, which alone knows
        the values (how many events a filter shows, what a reader searched for)."""
        shown = self.escaped.get(key)
        if shown is None:
            shown = self.escaped[key] = Markup(escape(self.texts[key]))
        return shown

    def lines(self, key: str, **values) -> list[str]:
        """A label a layout shows on several lines ("\\n" in its text)."""
        return self(key, **values).split("\n")
