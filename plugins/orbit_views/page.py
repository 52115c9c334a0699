"""Per-page values for the article and page templates, attached as `content.view`.

Runs after stage 1's `attach_model` receiver (it needs `content.model` and
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

from orbit_content import state

from . import citeus, glossary
from .format import backref_label, reading_minutes
from .freshness import fact_note
from .terms import glossary_id

log = logging.getLogger(__name__)

TOC_MIN_SECTIONS = 3  # a table of contents helps only once there are a few sections
CACHE_NAME = "orbit-enrich.pickle"


class PageMemo:
    """The glossary-marked HTML, table of contents and word count of each page, this build's
    and (when Pelican's content cache is on) last build's, keyed by a hash of the rendered HTML
    and of the glossary: an unchanged page is not parsed again, and a changed glossary
    invalidates every entry."""

    def __init__(self, site, cache: Path | None):
        self.path = cache / CACHE_NAME if cache else None
        self.loaded: dict[str, tuple] = {}
        self.used: dict[str, tuple] = {}
        if self.path and self.path.exists():
            try:
                self.loaded = pickle.loads(self.path.read_bytes())
            except Exception:  # noqa: BLE001 — a bad cache is an empty cache
                self.loaded = {}
        page = next((p for p, m in site.pages.items() if m.template == "glossary"), None)
        terms = site.data.get("terms", [])
        self.glossary = None  # (pattern, entries, href) when the site has a glossary page
        digest = ""
        if page is not None and terms:
            stop = [s.term for s in site.data.get("stop", [])]  # content/data/glossary-stop.yaml
            pattern, entries = glossary.compile_terms(terms, glossary_id, stop)
            href = "{filename}/" + Path(page).relative_to(site.root).as_posix()
            self.glossary = (pattern, entries, href)
            digest = (pattern.pattern if pattern else "") + href
        self.digest = digest

    def values(self, html: str, is_article: bool) -> tuple:
        """(marked HTML or None, table of contents, word count) for a page's rendered HTML."""
        key = hashlib.sha1(f"{is_article}\0{self.digest}\0{html}".encode()).hexdigest()
        found = self.loaded.get(key) or self.used.get(key)
        if found is None:
            soup = BeautifulSoup(html, "html.parser")
            marked = None
            if is_article and self.glossary:
                glossary.mark_soup(soup, *self.glossary)
                marked = soup.decode(formatter=glossary.FORMATTER)
            found = (marked, table_of_contents(soup), word_count(soup))
        self.used[key] = found
        return found

    def save(self):
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_bytes(pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))


def start_build(pelican):
    build = state.of(pelican)
    if build is not None:
        build.views = PageMemo(
            build.site, build.cache if pelican.settings.get("LOAD_CONTENT_CACHE") else None
        )


def save_cache(pelican):
    build = state.of(pelican)
    if build is not None and build.views is not None and pelican.settings.get("CACHE_CONTENT"):
        build.views.save()


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
    """Attach `view` (toc, reading time, key facts, JSON-LD) and mark glossary terms."""
    model = getattr(content, "model", None)
    build = state.of(content)
    if model is None or build is None or build.views is None:
        return
    is_article = hasattr(model, "key_facts")
    marked, toc, words = build.views.values(content._content or "", is_article)
    if marked is not None:
        content._content = marked
    citations = getattr(content, "citations", [])
    numbers = {c["source"].id: c for c in citations}
    accessed = {c["source"].accessed for c in citations}
    view = {
        "toc": toc if len(toc) >= TOC_MIN_SECTIONS else [],
        "words": words,
        "reading_minutes": reading_minutes(words),
        "modified": model.modified if model.modified and model.modified != model.date else None,
        # What a search result calls this page (ORBIT_SEARCH_KINDS by template).
        "search_kind": content.settings.get("ORBIT_SEARCH_KINDS", {}).get(
            getattr(content, "template", ""), "Page"
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
                "expected": fact_note(f, build.today),
            }
            for f in model.key_facts
        ]
        view["key_facts_dated"] = any(f.as_of for f in model.key_facts)
        view["corrections"] = sorted(model.corrections, key=lambda c: c.date, reverse=True)
        view["jsonld"] = article_jsonld(content, model)
        view["cite"] = citeus.cite_this(model, content.url, content.settings)
    content.view = view


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
        s
        for s in soup.find_all(string=True)
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
