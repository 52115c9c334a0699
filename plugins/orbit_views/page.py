"""Per-page values for the article and page templates, attached as `content.view`.

Runs after the plugin's `attach_model` receiver (it needs `content.model` and
`content.citations`): marks glossary terms in the HTML, and computes the table of contents,
the reading time, the key facts with their citation numbers and the JSON-LD description, so
templates only display them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
from pathlib import Path

from bs4 import BeautifulSoup

from orbit_content.plugin import current_site as _site

from . import glossary, views

log = logging.getLogger(__name__)

TOC_MIN_SECTIONS = 3  # a table of contents helps only once there are a few sections


# Across builds (when Pelican's content cache is on): the glossary-marked HTML, the table of
# contents and the word count, keyed by a hash of the rendered HTML and of the glossary, so an
# unchanged article is not parsed again and a changed glossary invalidates every entry.
_LOADED: dict[str, tuple] = {}
_USED: dict[str, tuple] = {}
CACHE_NAME = "orbit-enrich.pickle"


def start_build(settings):
    _LOADED.clear()
    _USED.clear()
    path = Path(settings.get("CACHE_PATH", "cache")) / CACHE_NAME
    if settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE") and path.exists():
        try:
            _LOADED.update(pickle.loads(path.read_bytes()))
        except Exception:  # noqa: BLE001 — a bad cache is an empty cache
            _LOADED.clear()


def save_cache(pelican):
    settings = pelican.settings
    if settings.get("CACHE_CONTENT"):
        path = Path(settings.get("CACHE_PATH", "cache")) / CACHE_NAME
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(_USED, protocol=pickle.HIGHEST_PROTOCOL))


def _key(html: str, site, is_article: bool) -> str:
    if not hasattr(site, "_glossary_digest"):
        _mark_glossary_soup(None, site)  # compiles the pattern
        pattern = getattr(site, "_glossary_pattern", (None, None))[0]
        site._glossary_digest = ((pattern.pattern if pattern else "")
                                 + getattr(site, "_glossary_href", ""))
    return hashlib.sha1(f"{is_article}\0{site._glossary_digest}\0{html}".encode()).hexdigest()


def enrich_content(content):
    """Attach `view` (toc, reading time, key facts, JSON-LD) and mark glossary terms."""
    model = getattr(content, "model", None)
    site = _site(content.settings)
    if model is None or site is None:
        return
    is_article = hasattr(model, "key_facts")
    html = content._content or ""
    key = _key(html, site, is_article)
    cached = _LOADED.get(key) or _USED.get(key)
    if cached is None:
        soup = BeautifulSoup(html, "html.parser")
        marked = None
        if is_article and _mark_glossary_soup(soup, site):
            marked = soup.decode(formatter=glossary.FORMATTER)
        cached = (marked, table_of_contents(soup), word_count(soup))
    _USED[key] = cached
    marked, toc, words = cached
    if marked is not None:
        content._content = marked
    citations = getattr(content, "citations", [])
    numbers = {c["source"].id: c for c in citations}
    accessed = {c["source"].accessed for c in citations}
    view = {
        "toc": toc if len(toc) >= TOC_MIN_SECTIONS else [],
        "words": words,
        "reading_minutes": views.reading_minutes(words),
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


def _mark_glossary_soup(soup, site) -> bool:
    page = next((p for p, m in site.pages.items() if m.template == "glossary"), None)
    terms = site.data.get("terms", [])
    if page is None or not terms:
        return False
    if not hasattr(site, "_glossary_pattern"):
        site._glossary_pattern = glossary.compile_terms(terms, views.glossary_id)
    pattern, entries = site._glossary_pattern
    href = "{filename}/" + Path(page).relative_to(site.root).as_posix()
    site._glossary_href = href
    if soup is not None:
        glossary.mark_soup(soup, pattern, entries, href)
    return True


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
