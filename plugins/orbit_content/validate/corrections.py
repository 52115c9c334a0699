"""Corrections that say what was wrong: what the page said, what it says now, and the source.

Good newsrooms name the error as well as fixing it, so a reader can judge what they read
before. Each correction gives `was`, `now` and `source` (an id in the article's own sources,
so the log can link to it). A correction of a citation alone, where the words stayed, or one
whose old words cannot be quoted, says what changed in `text` instead of `was` and `now`; it
still names its source.
"""

from __future__ import annotations

from ..problems import did_you_mean

FIX = (
    "give was: what the page said, now: what it says now, and source: the id of the source "
    "that shows the right fact (for a change of citation alone, text: and source:)"
)


def check_corrections(v):
    site = v.site
    for path, article in site.articles.items():
        doc = site.documents[path]
        ids = [s.id for s in article.sources]
        for i, correction in enumerate(article.corrections):
            missing = [
                name for name in ("was", "now", "source") if getattr(correction, name) is None
            ]
            if correction.text is not None and correction.was is None and correction.now is None:
                missing = [name for name in missing if name == "source"]
            if missing:
                v.report(doc, ("corrections", i), f"does not say {_words(missing)}", FIX)
            if correction.source is not None and correction.source not in ids:
                v.report(
                    doc,
                    ("corrections", i, "source"),
                    f"no source '{correction.source}' in this article's sources",
                    did_you_mean(
                        correction.source, ids, "add the source to sources: and use its id"
                    ),
                )


def _words(missing: list[str]) -> str:
    names = {
        "was": "what the page said (was)",
        "now": "what it says now (now)",
        "source": "which source shows it (source)",
    }
    parts = [names[m] for m in missing]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]
