"""Per-page values for the article and page templates, attached as `content.view`.

Runs after stage 1's `attach_model` receiver (it needs `content.model` and
`content.citations`): takes the table of contents and word count the conversion collected
(orbit_content.glossary_marks, which also marked the glossary terms), and computes the reading
time, the key facts with their citation numbers and the JSON-LD description, so templates only
display them.
"""

from __future__ import annotations

import json
from pathlib import Path

from orbit_content import state

from . import citeus
from .format import backref_label, reading_minutes
from .freshness import fact_note
from .wording import Words

TOC_MIN_SECTIONS = 3  # a table of contents helps only once there are a few sections


def place_figures(articles, article_figures: dict) -> None:
    """Give each article's view its figures, its stylesheet and where the figures go: after
    the body's first paragraph, so on a phone the story starts within a screen. Split only when
    the body opens with a paragraph: then the cut is between siblings. Runs once Pelican has
    read everything, as `content` resolves {filename} links; RELATIVE_URLS is off, so this is
    the same string Pelican writes."""
    for article in articles:
        view, model = getattr(article, "view", None), getattr(article, "model", None)
        if view is None or model is None:
            continue
        figures = article_figures.get(model.slug, [])
        html = article.content
        lead, cut, rest = ("", "", html)
        if figures and html.startswith("<p"):
            lead, cut, rest = html.partition("</p>")
        view["figures"] = figures
        view["css_bundle"] = "figures" if figures else "main"
        view["lead"], view["rest"] = lead + cut, rest


def enrich_content(content):
    """Attach `view` (toc, reading time, key facts, JSON-LD)."""
    model = getattr(content, "model", None)
    build = state.of(content)
    if model is None or build is None:
        return
    path = Path(content.source_path).resolve()
    is_article = hasattr(model, "key_facts")
    converted = build.site.rendered.get(path)
    if converted is not None:
        # This build's conversion: Pelican's content cache (the preview's) keeps the HTML of an
        # unchanged file from an earlier build, whose glossary marks may be out of date.
        content._content = converted[1]
    outline = build.site.outlines.get(path)
    toc, words = (outline.toc, outline.words) if outline else ([], 0)
    say = Words.of(build.site)
    citations = getattr(content, "citations", [])
    numbers = {c["source"].id: c for c in citations}
    accessed = {c["source"].accessed for c in citations}
    view = {
        "toc": toc if len(toc) >= TOC_MIN_SECTIONS else [],
        "words": words,
        "reading_minutes": reading_minutes(words),
        "modified": model.modified if model.modified and model.modified != model.date else None,
        # What a search result calls this page (ORBIT_SEARCH_KINDS by template; the words
        # are labels, and `./site check` refuses a kind without one).
        "search_kind": say(
            "search-kind-"
            + content.settings.get("ORBIT_SEARCH_KINDS", {}).get(
                getattr(content, "template", ""), "page"
            )
        ),
        # When every source was read on one day, the list says so once instead of per item.
        "accessed_all": accessed.pop() if len(accessed) == 1 else None,
        # The source list: each source's back links to where it is cited, labelled a, b, c.
        "sources": [
            {
                **c,
                "backlinks": [
                    {"anchor": ref, "label": backref_label(use)}
                    for use, ref in enumerate(c["backrefs"], start=1)
                ],
            }
            for c in citations
        ],
    }
    if is_article:
        view["key_facts"] = [
            {
                "label": f.label,
                "value": f.value,
                "as_of": f.as_of,
                "number": numbers[f.source]["number"] if f.source in numbers else None,
                "anchor": numbers[f.source]["anchor"] if f.source in numbers else None,
                "publisher": next((s.publisher for s in model.sources if s.id == f.source), ""),
                "expected": fact_note(f, build.today, say),
            }
            for f in model.key_facts
        ]
        view["key_facts_dated"] = any(f.as_of for f in model.key_facts)
        view["corrections"] = sorted(model.corrections, key=lambda c: c.date, reverse=True)
        view["jsonld"] = article_jsonld(content, model)
        view["cite"] = citeus.cite_this(model, content.url, content.settings, say)
    content.view = view


def article_jsonld(content, model) -> str:
    """schema.org Article: headline, dates, publisher and every cited source."""
    settings = content.settings
    site_url = settings.get("SITEURL", "") or ""
    url = f"{site_url}/{content.url}"
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": model.title,
        "description": model.summary,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": settings.get("DEFAULT_LANG", "en"),
        "datePublished": model.date.isoformat(),
        "dateModified": (model.modified or model.date).isoformat(),
        "author": {
            "@type": "Organization",
            "name": settings.get("AUTHOR", settings["SITENAME"]),
            "url": f"{site_url}/",
        },
        "publisher": {
            "@type": "Organization",
            "name": settings["SITENAME"],
            "url": f"{site_url}/",
            # A file the theme ships (180 px; search engines want logos of 112 px and more).
            "logo": {
                "@type": "ImageObject",
                "url": f"{site_url}/{settings.get('THEME_STATIC_DIR', 'theme')}"
                "/icons/apple-touch-icon.png",
            },
        },
        "about": model.category,
        "keywords": ", ".join(model.tags),
        # Addresses only: the full references are on the page, and this keeps pages light.
        "citation": [s.url for s in model.sources],
    }
    # "</" cannot appear inside a <script>; JSON allows "<\/" as the same string.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
