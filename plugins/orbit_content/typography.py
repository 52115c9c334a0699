"""Curly quotes and apostrophes in every text a reader sees, from the content as written.

The Markdown body gets them from Python-Markdown's smarty extension; front matter and the data
collections (titles, summaries, key facts, glossary, timeline, flights, sources) are plain YAML
strings, so they are converted here, once, right after validation and before Pelican or any
view reads them: titles in headings, <title>, feeds and JSON-LD then all agree with the body.
Contributors keep typing straight quotes. The conversion is SmartyPants' (the `smartypants`
package), quotes only: dashes and ellipses are left as written, and Unicode characters are
written rather than HTML entities, because these strings are escaped again by the templates.
"""

from __future__ import annotations

from pydantic import BaseModel
from smartypants import Attr, smartypants

# Values that are addresses or file names, never prose (identifiers hold no quotes: a no-op).
NOT_PROSE = frozenset({"url", "src", "href", "path", "template", "save_as"})
QUOTES = ("'", '"')


def smarten(text: str) -> str:
    """`text` with straight quotes and apostrophes turned into curly ones."""
    if not any(q in text for q in QUOTES) or "://" in text:
        return text
    return smartypants(text, Attr.q | Attr.u)


def _convert(value, memo: dict[str, str], name: str | None = None):
    if name in NOT_PROSE:
        return value
    if isinstance(value, str):
        smart = memo.get(value)
        if smart is None:
            smart = memo[value] = smarten(value)
        return value if smart == value else smart  # unchanged: the very same object
    # A container comes back as it was when nothing in it changed: a copy of every list and
    # dict of every front matter was a few MiB kept for the whole build (1,000 articles).
    if isinstance(value, list):
        new = [_convert(v, memo) for v in value]
        return value if all(a is b for a, b in zip(new, value, strict=True)) else new
    if isinstance(value, dict):
        new = {k: _convert(v, memo, k) for k, v in value.items()}
        return value if all(new[k] is v for k, v in value.items()) else new
    if isinstance(value, BaseModel):
        for field in type(value).model_fields:
            current = getattr(value, field)
            new = _convert(current, memo, field)
            if new is not current:
                object.__setattr__(value, field, new)
        return value
    return value


# Settings that templates show as text.
SETTINGS_SHOWN = ("SITENAME", "SITE_TAGLINE", "SITE_HEADLINE", "SITE_DEK")


def smarten_site(site, settings: dict | None = None) -> None:
    """Convert, in place, the front matter Pelican reads, every validated model and record,
    and the settings the templates show."""
    for name in SETTINGS_SHOWN if settings is not None else ():
        if isinstance(settings.get(name), str):
            settings[name] = smarten(settings[name])
    # Each text once: a title or summary is in the front matter Pelican reads and in its
    # model, and a source's title in every story that cites it (441 texts, 187 different).
    memo: dict[str, str] = {}
    for doc in site.documents.values():
        if isinstance(doc.data, dict):
            doc.data = _convert(doc.data, memo)
    for models in (site.articles, site.pages):
        for model in models.values():
            _convert(model, memo)
    for records in site.data.values():
        for record in records:
            _convert(record, memo)
