"""Small readers for HTML attribute values that several checks need to agree on."""

from __future__ import annotations

import re
from urllib.parse import unquote

from bs4 import Tag

from orbit_contract import CITE_PREFIX as CITE
from orbit_contract import LEFTOVER
from orbit_contract import SOURCE_PREFIX as SOURCE

_WS = re.compile(r"\s+")


def tokens(tag: Tag, attr: str) -> set[str]:
    """A space-separated attribute (rel, class) as a lowercase set, however bs4 stored it."""
    value = tag.get(attr)
    if value is None:
        return set()
    if isinstance(value, str):
        value = value.split()
    return {v.lower() for v in value}


def has_leftover(value: str) -> bool:
    """A URL still holding Pelican's {filename}-style placeholder (raw or percent-encoded)."""
    return bool(LEFTOVER.search(value) or ("%" in value and LEFTOVER.search(unquote(value))))


def srcset_urls(value: str) -> list[str]:
    """The URL of each image candidate in a srcset, following the HTML parsing rules.

    A candidate is a URL then optional descriptors ("2x", "640w") up to a comma; a URL may
    itself contain commas, but trailing commas end the candidate.
    """
    urls, i, n = [], 0, len(value)
    while i < n:
        while i < n and (value[i].isspace() or value[i] == ","):
            i += 1
        start = i
        while i < n and not value[i].isspace():
            i += 1
        url = value[start:i]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            while i < n and value[i] != ",":  # skip descriptors
                i += 1
        if url:
            urls.append(url)
    return urls


def text_of(tag: Tag) -> str:
    return _WS.sub(" ", tag.get_text(" ")).strip()


def is_citation_link(tag: Tag) -> bool:
    """A citation anchor or a source's backlink: the "citations" check owns these."""
    href = tag.get("href") or ""
    if href.startswith(f"#{CITE}") and "backref" in tokens(tag, "class"):
        return True
    parent = tag.parent
    return (
        href.startswith(f"#{SOURCE}")
        and parent is not None
        and parent.name == "sup"
        and "cite" in tokens(parent, "class")
    )
