"""Per-page values for the article and page templates, attached as `content.view`.

Runs after the plugin's `attach_model` receiver (it needs `content.model` and
`content.citations`): marks glossary terms in the HTML, and computes the table of contents,
the reading time, the key facts with their citation numbers and the JSON-LD description, so
templates only display them.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from bs4 import BeautifulSoup

from . import glossary, views

log = logging.getLogger(__name__)

TOC_MIN_SECTIONS = 3  # a table of contents helps only once there are a few sections


def _site(settings):
    from . import _site as current_site  # late: the package imports this module first

    return current_site(settings)


def enrich_content(content):
    """Attach `view` (toc, reading time, key facts, JSON-LD) and mark glossary terms."""
    model = getattr(content, "model", None)
    site = _site(content.settings)
    if model is None or site is None:
        return
    is_article = hasattr(model, "key_facts")
    if is_article:
        content._content = _mark_glossary(content._content or "", site, content.settings)
    soup = BeautifulSoup(content._content or "", "html.parser")
    citations = getattr(content, "citations", [])
    numbers = {c["source"].id: c for c in citations}
    toc = table_of_contents(soup)
    accessed = {c["source"].accessed for c in citations}
    view = {
        "toc": toc if len(toc) >= TOC_MIN_SECTIONS else [],
        "words": word_count(soup),
        "reading_minutes": views.reading_minutes(word_count(soup)),
        "modified": model.modified if model.modified and model.modified != model.date else None,
        # When every source was read on one day, the list says so once instead of per item.
        "accessed_all": accessed.pop() if len(accessed) == 1 else None,
    }
    if is_article:
        view["key_facts"] = [
            {"label": f.label, "value": f.value, "as_of": f.as_of,
             "number": numbers[f.source]["number"] if f.source in numbers else None,
             "anchor": numbers[f.source]["anchor"] if f.source in numbers else None,
             "publisher": next((s.publisher for s in model.sources if s.id == f.source), "")}
            for f in model.key_facts
        ]
        view["corrections"] = sorted(model.corrections, key=lambda c: c.date, reverse=True)
        view["jsonld"] = article_jsonld(content, model)
    content.view = view


def _mark_glossary(html: str, site, settings) -> str:
    page = next((p for p, m in site.pages.items() if m.template == "glossary"), None)
    terms = site.data.get("terms", [])
    if page is None or not terms:
        return html
    if not hasattr(site, "_glossary_pattern"):
        site._glossary_pattern = glossary.compile_terms(terms, views.glossary_id)
    pattern, entries = site._glossary_pattern
    href = "{filename}/" + Path(page).relative_to(site.root).as_posix()
    return glossary.mark_terms(html, pattern, entries, href)


def table_of_contents(soup) -> list[dict]:
    """The h2 sections (with their h3s) that have ids, in order."""
    toc: list[dict] = []
    for heading in soup.find_all(["h2", "h3"]):
        if not heading.get("id"):
            continue
        item = {"id": heading["id"], "text": heading.get_text(" ", strip=True), "children": []}
        if heading.name == "h2" or not toc:
            toc.append(item)
        else:
            toc[-1]["children"].append(item)
    return toc


def word_count(soup) -> int:
    text = " ".join(
        s for s in soup.find_all(string=True)
        if not any(p.name == "sup" for p in s.parents if p is not None)
    )
    return len(text.split())


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
        "author": {"@type": "Organization", "name": settings.get("AUTHOR", settings["SITENAME"]),
                   "url": f"{site_url}/"},
        "publisher": {"@type": "Organization", "name": settings["SITENAME"],
                      "url": f"{site_url}/",
                      "logo": {"@type": "ImageObject", "url": f"{site_url}/favicon.png"}},
        "about": model.category,
        "keywords": ", ".join(model.tags),
        # Addresses only: the full references are on the page, and this keeps pages light.
        "citation": [s.url for s in model.sources],
    }
    # "</" cannot appear inside a <script>; JSON allows "<\/" as the same string.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
