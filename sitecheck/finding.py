"""One problem found in a built site, in a shape both people and tests can read.

A finding names the page (relative to the output folder, '/' separators, so the same on every
OS), the check that found it, a short snippet of the element at fault (enough to grep the
template for) and a message. Findings sort and compare by value so tests can assert on sets.
"""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import Tag

MAX_SNIPPET = 120


@dataclass(frozen=True, order=True)
class Finding:
    page: str
    check: str
    element: str
    message: str

    def __str__(self) -> str:
        where = f"{self.element} " if self.element else ""
        return f"{self.page}: {self.check}: {where}{self.message}"


def clip(text: str, limit: int = MAX_SNIPPET) -> str:
    """Shorten text to at most `limit` characters, marking the cut with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def snippet(tag: Tag | str | None) -> str:
    """The element's start tag, at most MAX_SNIPPET characters (e.g. '<a href="/x/">')."""
    if tag is None:
        return ""
    if isinstance(tag, str):
        return clip(tag)
    parts = [tag.name]
    for name, raw in tag.attrs.items():
        # bs4 splits multi-valued attributes (class, rel) into lists
        value = " ".join(raw) if isinstance(raw, list) else str(raw)
        escaped = value.replace("&", "&amp;").replace('"', "&quot;")
        parts.append(f'{name}="{escaped}"')
    text = "<" + " ".join(parts) + ">"
    if len(text) <= MAX_SNIPPET:
        return text
    return text[: MAX_SNIPPET - 2] + "…>"
