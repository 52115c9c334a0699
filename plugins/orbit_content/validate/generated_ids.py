"""The ids a generated page will carry (timeline, glossary, flights, lists), known at check time.

A link to `timeline/#year-2019` or `glossary/#term-soyuz` used to be checked only by
`check --output`, against the built page. The ids of those pages are made by their templates
(`id="year-{{ y.year }}"`, `id="flight-{{ f.key }}"`) and by the views, from the data. So they
are read from there, never written again here: each template (with what it includes and
imports) gives its literal ids and its id patterns; a pattern's placeholder stands for a value
of the data (`.key`: a key of a data collection, `.year`: a year the data dates, `loop.index`:
a position). The glossary's term ids come from the one rule the views use too
(glossary_marks.term_anchor). An id whose whole value is computed elsewhere
(`id="{{ a.id }}"`) is one the views compute: those are read from the views' code (`"id":
"figure-plans"`, `"id": f"agency-{key}"`), again not written here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..glossary_marks import term_anchor

ID_ATTR = re.compile(r'\bid="([^"]*)"')
PLACEHOLDER = re.compile(r"\{\{\s*([\w.]+)\s*\}\}")
USES = re.compile(r'\{%-?\s*(?:include|extends|from|import)\s+"([^"]+)"')
# In the views' code: an `"id": …` or `"key": …` entry of the values handed to the templates.
VIEW_ID = re.compile(r'"id":\s*(.+)')
VIEW_KEY = re.compile(r'"key":\s*"([^"{}]+)"')
STRING = re.compile(r'(f?)"([^"{}]*)(\{[^}]*\})?([^"{}]*)"')


@dataclass
class Values:
    """What a placeholder can stand for: data keys, years, positions, and the ids the views
    compute (literal ones, and f-string ones as patterns)."""

    key: set[str] = field(default_factory=set)
    year: set[str] = field(default_factory=set)
    index: set[str] = field(default_factory=set)
    view_ids: set[str] = field(default_factory=set)
    view_patterns: list[tuple[re.Pattern, str, str, bool]] = field(default_factory=list)

    def allows(self, kind: str, part: str) -> bool:
        if kind == "id":
            return part in self.view_ids or any(
                part.startswith(head)
                and part.endswith(tail)
                and (not keyed or self.allows("key", part[len(head) : len(part) - len(tail)]))
                for _, head, tail, keyed in self.view_patterns
                if len(part) > len(head) + len(tail)
            )
        if kind == "anchor":  # a source's anchor: the page's own sources (Doc.source_ids)
            return False
        known = getattr(self, kind, None)
        return known is None or part in known

    def examples(self, kind: str) -> set[str]:
        if kind == "id":
            return set(self.view_ids)
        return set(getattr(self, kind, None) or ()) if kind != "index" else set()


@dataclass
class PageIds:
    """What one generated page's template says about its ids."""

    literal: set[str] = field(default_factory=set)
    # (the id as a pattern, what each placeholder is drawn from, the literal pieces around them)
    patterns: list[tuple[re.Pattern, list[str], list[str]]] = field(default_factory=list)

    def has(self, fragment: str, values: Values) -> bool:
        if fragment in self.literal:
            return True
        return any(
            pattern.fullmatch(fragment) and _fits(fragment, pieces, kinds, values)
            for pattern, kinds, pieces in self.patterns
        )

    def examples(self, values: Values) -> list[str]:
        """Ids to suggest: the literal ones, and each pattern filled with the data's values."""
        found = set(self.literal)
        for _, kinds, pieces in self.patterns:
            if len(kinds) == 1:
                found.update(pieces[0] + value + pieces[1] for value in values.examples(kinds[0]))
        return sorted(found)


def _fits(text: str, pieces: list[str], kinds: list[str], values: Values) -> bool:
    """Whether `text` is pieces[0] + a value of kinds[0] + pieces[1] + …, trying every split
    (keys hold hyphens, so `seat-lanes-borisov-crew7` splits only one way that fits)."""
    if not text.startswith(pieces[0]):
        return False
    rest = text[len(pieces[0]) :]
    if not kinds:
        return rest == ""
    for end in range(1, len(rest) + 1):
        if values.allows(kinds[0], rest[:end]) and _fits(rest[end:], pieces[1:], kinds[1:], values):
            return True
    return False


def template_ids(folder: Path, name: str, seen: set[str] | None = None) -> PageIds:
    """The ids of `name` (a file under the theme's templates folder) and of what it uses."""
    seen = set() if seen is None else seen
    ids = PageIds()
    path = folder / name
    if name in seen or not path.is_file():
        return ids
    seen.add(name)
    text = path.read_text(encoding="utf-8")
    for value in ID_ATTR.findall(text):
        parts = PLACEHOLDER.split(value)
        if len(parts) == 1:
            ids.literal.add(value)
            continue
        literal, names = parts[0::2], parts[1::2]
        regex = "(.+)".join(re.escape(piece) for piece in literal)
        ids.patterns.append((re.compile(regex), [_kind(n) for n in names], literal))
    for used in USES.findall(text):
        inner = template_ids(folder, used, seen)
        ids.literal |= inner.literal
        ids.patterns += inner.patterns
    return ids


def _kind(name: str) -> str:
    """What a placeholder's value is drawn from: 'key', 'year', 'index', 'id', 'anchor'…"""
    return name.rsplit(".", 1)[-1]


def view_ids(folder: Path) -> tuple[set[str], list, set[str]]:
    """The ids the views hand to templates, read from their code: literal strings, and f-strings
    with one placeholder (a key) as patterns; and the literal keys they give (datasets,
    figures). An id taken from a variable is not listed: it is another id of the page (a
    heading's), already known."""
    literal, patterns, keys = set(), [], set()
    for path in sorted(folder.glob("*.py")):
        for line in path.read_text(encoding="utf-8").splitlines():
            keys.update(VIEW_KEY.findall(line))
            entry = VIEW_ID.search(line)
            for f, head, hole, tail in STRING.findall(entry.group(1)) if entry else ():
                if not hole:
                    literal.add(head + tail)
                elif f:
                    # A placeholder naming a key must be one; another (a letter) may be anything.
                    pattern = re.compile(re.escape(head) + "(.+)" + re.escape(tail))
                    patterns.append((pattern, head, tail, "key" in hole))
    return literal, patterns, keys


def data_values(data: dict[str, list], articles, views: Path | None = None, strands=()) -> Values:
    """The values the placeholders can take, from the validated data and articles, the strands
    of the settings (ORBIT_STRANDS) and the views' own keys."""
    values = Values(key=set(data) | {str(s.get("key")) for s in strands if isinstance(s, dict)})
    for items in data.values():
        for item in items:
            # The model's own field list: asking a pydantic model for a field it does not have
            # raises and catches an AttributeError, which was a third of this function.
            fields = getattr(type(item), "model_fields", {})
            if "key" in fields:
                values.key.add(item.key)
            for name in ("launch", "landing", "end", "date"):
                when = getattr(item, name) if name in fields else None
                if isinstance(when, dt.date):
                    values.year.add(str(when.year))
    for article in articles:
        values.year.update(str(event.date.year) for event in article.events)
    count = sum(len(items) for items in data.values()) + len(values.key)
    values.index = {str(i) for i in range(1, count + 1)}
    if views is not None:
        values.view_ids, values.view_patterns, keys = view_ids(views)
        values.key |= keys
    return values


def glossary_ids(terms) -> set[str]:
    """The glossary page's term ids, by the one rule (glossary_marks.term_anchor, which the
    views use too); its letter ids are the views' f-string pattern, read with the others."""
    return {term_anchor(t) for t in terms}
