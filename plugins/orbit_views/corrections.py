"""Each correction as readers see it: the date, what the page said, what it says now, the source."""

from __future__ import annotations

from orbit_contract import source_anchor


def entry(correction, article) -> dict:
    """One correction with its source resolved (publisher, title, address, anchor on the page)."""
    source = next((s for s in article.sources if s.id == correction.source), None)
    return {
        "date": correction.date,
        # Quoted, then a full stop outside the quotes: a quoted sentence's own stop is dropped.
        "was": correction.was.rstrip(".") if correction.was else None,
        "now": correction.now.rstrip(".") if correction.now else None,
        "text": correction.text,
        "source": None
        if source is None
        else {
            "publisher": source.publisher,
            "title": source.title,
            "url": source.url,
            "anchor": source_anchor(source.id),
        },
    }


def article_log(model) -> list[dict]:
    """An article's corrections, newest first."""
    return [entry(c, model) for c in sorted(model.corrections, key=lambda c: c.date, reverse=True)]


def attach(content):
    """Pelican receiver: give each article its `corrections_log`."""
    model = getattr(content, "model", None)
    if model is not None and hasattr(model, "corrections"):
        content.corrections_log = article_log(model)
