"""The home page and article lists: stories in the editor's order, key figures, latest
updates, the corrections log and related stories."""

from __future__ import annotations

import datetime as dt
import re

from orbit_content.validate import SiteContent
from orbit_contract import source_anchor

from . import corrections
from .links import Links
from .wording import Words


def story_order(site: SiteContent, settings) -> list:
    """Published articles in the editor's order (ORBIT_STORY_ORDER), then by topic and date."""
    articles = [a for a in site.articles.values() if a.status == "published"]
    wanted = list(settings.get("ORBIT_STORY_ORDER", []))
    topics = list(site.collection("topics"))

    def rank(article):
        if article.slug in wanted:
            return (0, wanted.index(article.slug), "")
        topic = topics.index(article.category) if article.category in topics else len(topics)
        return (1, topic, article.title)

    return sorted(articles, key=rank)


def last_change(article) -> dt.date:
    dates = [article.date, article.modified, *(c.date for c in article.corrections)]
    return max(d for d in dates if d)


def story_cards(site: SiteContent, settings, links: Links) -> list[dict]:
    topics = site.collection("topics")
    return [
        {
            "slug": a.slug,
            "title": a.title,
            "short_title": short_title(a.title),
            "summary": a.summary,
            "url": links.article(a.slug),
            "topic": topics[a.category].name if a.category in topics else a.category,
            "date": a.date,
            "updated": last_change(a),
        }
        for a in story_order(site, settings)
    ]


def short_title(title: str) -> str:
    """A headline's lead phrase: 'The seat swap: how …' gives 'The seat swap'; a question
    keeps its question mark ('Why the lunar south pole? Ice…' gives 'Why the lunar south pole?')."""
    match = re.match(r"\s*([^:?]+\??)", title)
    return match.group(1).strip() if match else title


def key_figures(site: SiteContent, settings, links: Links, limit: int = 6) -> list[dict]:
    """The first key fact of each story, in story order, linked to its source on the article."""
    figures_ = []
    for article in story_order(site, settings):
        fact = article.key_facts[0]
        figures_.append(
            {
                "story": short_title(article.title),
                "label": fact.label,
                "value": fact.value,
                "as_of": fact.as_of,
                "url": links.article(article.slug),
                "title": article.title,
                "source_url": f"{links.article(article.slug)}#{source_anchor(fact.source)}",
            }
        )
    return figures_[:limit]


def latest_updates(site: SiteContent, links: Links, limit: int = 5) -> list[dict]:
    """Publications, updates and corrections, newest first."""
    words = Words.of(site)
    items = []
    for a in site.articles.values():
        if a.status != "published":
            continue
        url = links.article(a.slug)
        items.append(
            {"date": a.date, "what": words("update-published"), "title": a.title, "url": url}
        )
        if a.modified and a.modified != a.date:
            items.append(
                {"date": a.modified, "what": words("update-updated"), "title": a.title, "url": url}
            )
        for c in a.corrections:
            items.append(
                {
                    "date": c.date,
                    "what": words("update-corrected"),
                    "corrected": True,
                    "title": a.title,
                    "url": f"{url}#corrections",
                    "text": c.now or c.text,
                }
            )
    items.sort(key=lambda i: (i["date"], "corrected" in i, i["title"]), reverse=True)
    return items[:limit]


def corrections_log(site: SiteContent, links: Links) -> list[dict]:
    log = [
        {**corrections.entry(c, a), "title": a.title, "url": f"{links.article(a.slug)}#corrections"}
        for a in site.articles.values()
        if a.status == "published"
        for c in a.corrections
    ]
    return sorted(log, key=lambda c: (c["date"], c["title"]), reverse=True)


def related(site: SiteContent, links: Links) -> dict[str, list[dict]]:
    """For each article slug, its related articles (title, summary, url), in the written order."""
    out = {}
    for a in site.articles.values():
        out[a.slug] = [
            {
                "title": links.articles[s].title,
                "summary": links.articles[s].summary,
                "url": links.article(s),
            }
            for s in a.related
            if s in links.articles
        ]
    return out
