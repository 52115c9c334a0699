"""The glossary page: every term with its anchor, grouped by letter."""

from __future__ import annotations

from orbit_content.glossary_marks import term_anchor
from orbit_content.validate import SiteContent

from .links import Links


def glossary_entries(site: SiteContent, links: Links) -> list[dict]:
    entries = []
    for t in sorted(site.data.get("terms", []), key=lambda t: t.term.casefold()):
        see = links.slug(t.see) if t.see else None
        entries.append(
            {
                "id": term_anchor(t),  # the anchor stage 1 links each marked term to
                "term": t.term,
                "abbr": t.abbr,
                "definition": t.definition,
                "aliases": t.aliases,
                "see": {"title": see.title, "url": see.url} if see else None,
                "letter": t.term[0].upper(),
            }
        )
    return entries


def glossary_letters(entries: list[dict]) -> list[dict]:
    letters: dict[str, list] = {}
    for e in entries:
        letters.setdefault(e["letter"], []).append(e)
    return [{"letter": k, "id": f"letter-{k.lower()}", "entries": v} for k, v in letters.items()]
