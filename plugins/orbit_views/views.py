"""Values computed once per build from the validated content, for templates to display.

Templates never compute facts: durations, the merged timeline, the source index, the
corrections log, cross-links by slug and the build-time figures are made here, from the same
models the validator checked. Functions take models and return plain dicts and lists, so each
can be tested without Pelican.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from orbit_content.schema import day
from orbit_content.validate import SiteContent
from orbit_contract import DATE_FORMAT, duration_days

from . import figures

# What a reader sees for each state in the data; the keys are the schema's literals.
OUTCOME_LABELS = {
    "success": "Success",
    "partial": "Partial success",
    "failure": "Failure",
    "ongoing": "Under way",
    "planned": "Planned",
}
FLIGHT_STATUS_LABELS = {"completed": "Completed", "in-progress": "In progress", "planned": "Planned"}
SITE_KIND_LABELS = {"landing": "Landing site", "impact": "Impact site", "target": "Target site"}
WORDS_PER_MINUTE = 220


@dataclass(frozen=True)
class TimelineEvent:
    date: dt.date
    text: str
    topic: str | None
    url: str  # the page the event comes from (an article, or the page showing the data file)
    title: str  # that page's title
    source_url: str = ""
    source_label: str = ""
    kind: str = "article"  # article | flight | mission
    planned: bool = False


@dataclass
class Link:
    title: str
    url: str
    extra: dict = field(default_factory=dict)


def durations_differ(computed: float | None, reported: int | None) -> bool:
    """True when the reported whole-day figure is not the computed one rounded."""
    if computed is None or reported is None:
        return False
    return abs(computed - reported) >= 0.5


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def iso(value) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%MZ")
    return value.isoformat() if value else ""


def long_date(value) -> str:
    value = day(value)
    return value.strftime(DATE_FORMAT) if value else ""


def utc_time(value) -> str:
    """'2022-09-21 13:54 UTC' for an instant, '2022-09-21' for a bare date."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat() if value else ""


def clock(value) -> str:
    """'13:54' for an instant (UTC), '' for a bare date or nothing."""
    return value.astimezone(dt.UTC).strftime("%H:%M") if isinstance(value, dt.datetime) else ""


def anchor(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Urls:
    """Where each article, page and generated view lives, from the URL settings."""

    def __init__(self, site: SiteContent, settings):
        self.article_pattern = settings.get("ARTICLE_URL", "{slug}/")
        self.page_pattern = settings.get("PAGE_URL", "{slug}/")
        self.page_save_pattern = settings.get("PAGE_SAVE_AS", "{slug}/index.html")
        self.articles = {
            a.slug: a for a in site.articles.values() if a.status == "published"
        }
        self.pages = {p.slug: p for p in site.pages.values() if p.status != "draft"}
        self.by_template = {p.template: p for p in self.pages.values() if p.template}

    def article(self, slug: str) -> str:
        return self.article_pattern.format(slug=slug)

    def page(self, slug: str) -> str:
        return self.page_pattern.format(slug=slug)

    def page_save_as(self, slug: str) -> str:
        return self.page_save_pattern.format(slug=slug)

    def view(self, template: str) -> Link | None:
        """The page rendered with a template (timeline, glossary…), if the site has one."""
        page = self.by_template.get(template)
        return Link(page.title, self.page(page.slug), {"summary": page.summary}) if page else None

    def slug(self, slug: str) -> Link | None:
        if slug in self.articles:
            return Link(self.articles[slug].title, self.article(slug))
        if slug in self.pages:
            return Link(self.pages[slug].title, self.page(slug))
        return None


# ---- stories ----------------------------------------------------------------------------------


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


def story_cards(site: SiteContent, settings, urls: Urls) -> list[dict]:
    topics = site.collection("topics")
    return [
        {
            "slug": a.slug,
            "title": a.title,
            "short_title": short_title(a.title),
            "summary": a.summary,
            "url": urls.article(a.slug),
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


def key_figures(site: SiteContent, settings, urls: Urls, limit: int = 6) -> list[dict]:
    """The first key fact of each story, in story order, linked to its source on the article."""
    figures_ = []
    for article in story_order(site, settings):
        fact = article.key_facts[0]
        figures_.append({
            "story": short_title(article.title),
            "label": fact.label,
            "value": fact.value,
            "as_of": fact.as_of,
            "url": urls.article(article.slug),
            "title": article.title,
            "source_url": f"{urls.article(article.slug)}#source-{fact.source}",
        })
    return figures_[:limit]


def latest_updates(site: SiteContent, urls: Urls, limit: int = 5) -> list[dict]:
    """Publications, updates and corrections, newest first."""
    items = []
    for a in site.articles.values():
        if a.status != "published":
            continue
        url = urls.article(a.slug)
        items.append({"date": a.date, "what": "Published", "title": a.title, "url": url})
        if a.modified and a.modified != a.date:
            items.append({"date": a.modified, "what": "Updated", "title": a.title, "url": url})
        for c in a.corrections:
            items.append({"date": c.date, "what": "Corrected", "title": a.title,
                          "url": f"{url}#corrections", "text": c.text})
    items.sort(key=lambda i: (i["date"], i["what"] == "Corrected", i["title"]), reverse=True)
    return items[:limit]


def corrections_log(site: SiteContent, urls: Urls) -> list[dict]:
    log = [
        {"date": c.date, "text": c.text, "title": a.title,
         "url": f"{urls.article(a.slug)}#corrections"}
        for a in site.articles.values() if a.status == "published"
        for c in a.corrections
    ]
    return sorted(log, key=lambda c: (c["date"], c["title"]), reverse=True)


def related(site: SiteContent, urls: Urls) -> dict[str, list[dict]]:
    """For each article slug, its related articles (title, summary, url), in the written order."""
    out = {}
    for a in site.articles.values():
        out[a.slug] = [
            {"title": urls.articles[s].title, "summary": urls.articles[s].summary,
             "url": urls.article(s)}
            for s in a.related if s in urls.articles
        ]
    return out


# ---- data views -------------------------------------------------------------------------------


def mission_topics(site: SiteContent) -> dict[str, str]:
    """Each mission's topic: the commonest category of the articles whose events name it."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for a in site.articles.values():
        for e in a.events:
            if e.mission:
                counts[e.mission][a.category] += 1
    return {key: c.most_common(1)[0][0] for key, c in counts.items()}


def flights_topic(site: SiteContent) -> str | None:
    """The one topic all seat-swap flights file under: the commonest category of the article
    events that name any of the flights' missions."""
    flight_missions = {
        m for f in site.data.get("flights", []) for m in (f.launch_mission, f.return_mission) if m
    }
    counts = Counter(a.category for a in site.articles.values() for e in a.events
                     if e.mission in flight_missions)
    return counts.most_common(1)[0][0] if counts else None


def flight_rows(site: SiteContent, today: dt.date) -> list[dict]:
    """Every seat-swap flight with its computed duration, newest last."""
    missions = site.collection("missions")
    agencies = site.collection("agencies")
    rows = []
    for f in site.data.get("flights", []):
        computed = duration_days(f.launch, f.landing)
        so_far = None
        if f.landing is None and f.launch is not None and f.status == "in-progress":
            so_far = duration_days(f.launch, f.as_of or today)
        agency = agencies.get(f.agency)
        up = missions.get(f.launch_mission)
        down = missions.get(f.return_mission) if f.return_mission else None
        rows.append({
            "key": f.key,
            "person": f.person,
            "agency": f.agency,
            "agency_name": agency.abbreviation if agency else f.agency,
            "launch_mission": up.name if up else f.launch_mission,
            "return_mission": down.name if down else (f.return_mission or ""),
            "same_vehicle": f.return_mission in (None, f.launch_mission),
            "launch": f.launch,
            "landing": f.landing,
            "launch_text": utc_time(f.launch),
            "landing_text": utc_time(f.landing),
            "launch_day": iso(day(f.launch)), "launch_clock": clock(f.launch),
            "landing_day": iso(day(f.landing)), "landing_clock": clock(f.landing),
            "launch_iso": iso(f.launch),
            "landing_iso": iso(f.landing),
            "duration_days": computed,
            "duration_so_far": so_far,
            "duration_reported_days": f.duration_reported_days,
            "durations_differ": durations_differ(computed, f.duration_reported_days),
            "agreement": f.agreement,
            "agreement_inferred": f.agreement_inferred,
            "status": f.status,
            "status_label": FLIGHT_STATUS_LABELS[f.status],
            "as_of": f.as_of,
            "crewmates": f.crewmates,
            "notes": f.notes,
            "sources": f.sources,
        })
    rows.sort(key=lambda r: (day(r["launch"]) or dt.date.max, r["person"]))
    return rows


def flight_summary(rows: list[dict]) -> dict:
    flown = [r for r in rows if r["status"] != "planned"]
    done = [r for r in rows if r["duration_days"] is not None]
    longest = max(done, key=lambda r: r["duration_days"], default=None)
    by_agency = Counter(r["agency_name"] for r in flown)
    return {
        "count": len(flown),
        "planned": len(rows) - len(flown),
        "completed": len(done),
        "by_agency": sorted(by_agency.items()),
        "longest": longest,
        "first": flown[0] if flown else None,
        "as_of": max((r["as_of"] for r in rows if r["as_of"]), default=None),
    }


def mission_rows(site: SiteContent, kind: str) -> list[dict]:
    agencies = site.collection("agencies")
    rows = []
    for m in site.data.get("missions", []):
        if m.kind != kind:
            continue
        sites = [s for s in (m.target, m.site) if s is not None]
        rows.append({
            "key": m.key,
            "name": m.name,
            "agencies": [agencies[a].abbreviation if a in agencies else a for a in m.agencies],
            "launch": m.launch,
            "launch_text": long_date(m.launch),
            "launch_iso": iso(day(m.launch)),
            "end": m.end,
            "end_text": long_date(m.end),
            "end_iso": iso(day(m.end)),
            "outcome": m.outcome,
            "outcome_label": OUTCOME_LABELS[m.outcome],
            "summary": m.summary,
            "days": duration_days(day(m.launch), day(m.end)) if m.launch and m.end else None,
            "sites": [
                {"name": s.name, "kind": s.kind, "kind_label": SITE_KIND_LABELS[s.kind],
                 "lat": s.lat, "lon": s.lon,
                 "lat_text": latitude(s.lat) if s.lat is not None else None,
                 "lon_text": longitude(s.lon) if s.lon is not None else None}
                for s in sites
            ],
            "sources": m.sources,
        })
    rows.sort(key=lambda r: (day(r["launch"]) or dt.date.max, r["name"]))
    return rows


def latitude(value: float) -> str:
    return f"{abs(value):.2f}° {'S' if value < 0 else 'N'}"


def longitude(value: float) -> str:
    return f"{abs(value):.2f}° {'W' if value < 0 else 'E'}"


def comparison(rows: list[dict]) -> list[dict]:
    """The side-by-side table: one row per attribute, one cell per mission."""
    if not rows:
        return []

    def site_of(row, kinds):
        found = [s for s in row["sites"] if s["kind"] in kinds]
        return "; ".join(f"{s['name']} ({s['lat_text']}, {s['lon_text']})" if s["lat_text"]
                         else s["name"] for s in found) or "—"

    return [
        {"label": "Agency", "cells": [", ".join(r["agencies"]) for r in rows]},
        {"label": "Launched", "cells": [r["launch_text"] or "—" for r in rows]},
        {"label": "Mission ended", "cells": [r["end_text"] or "—" for r in rows]},
        {"label": "Outcome", "cells": [r["outcome_label"] for r in rows]},
        {"label": "Aimed for", "cells": [site_of(r, {"target"}) for r in rows]},
        {"label": "Came down at", "cells": [site_of(r, {"landing", "impact"}) for r in rows]},
        {"label": "In brief", "cells": [r["summary"] for r in rows]},
    ]


def timeline(site: SiteContent, urls: Urls, today: dt.date) -> list[TimelineEvent]:
    """Every dated event: article events, then flights and missions from the data files.

    A data event is left out when an article already has an event for the same mission on
    the same day, so the timeline does not say the same thing twice.
    """
    events: list[TimelineEvent] = []
    named: set[tuple[str, dt.date]] = set()
    for a in urls.articles.values():
        by_id = {s.id: s for s in a.sources}
        url = urls.article(a.slug)
        for e in a.events:
            source = by_id.get(e.source)
            events.append(TimelineEvent(
                e.date, e.text, a.category, url, a.title,
                f"{url}#source-{e.source}", source.publisher if source else "", "article",
                e.date > today))
            if e.mission:
                named.add((e.mission, e.date))
    topics = mission_topics(site)
    flight_topic = flights_topic(site)
    missions = site.collection("missions")
    agencies = site.collection("agencies")
    crew = urls.view("crew-exchange") or Link("", "")
    moon = urls.view("moon-missions") or Link("", "")
    flown_missions = set()
    for f in site.data.get("flights", []):
        flown_missions.update(m for m in (f.launch_mission, f.return_mission) if m)
        up, down = missions.get(f.launch_mission), missions.get(f.return_mission or "")
        who = f"{f.person} ({agencies[f.agency].abbreviation})" if f.agency in agencies else f.person
        src = f.sources[0]
        for when, mission, text in (
            (f.launch, f.launch_mission, f"{who} launches to the ISS on {up.name if up else f.launch_mission}"),
            (f.landing, f.return_mission, f"{who} returns to Earth on {down.name if down else f.return_mission}"),
        ):
            d = day(when)
            if d is None or (mission, d) in named:
                continue
            events.append(TimelineEvent(d, text, flight_topic, crew.url, crew.title,
                                        src.url, src.publisher, "flight", d > today))
    for m in site.data.get("missions", []):
        if m.key in flown_missions:
            continue  # told through its flights
        src = m.sources[0]
        link = moon if m.kind == "lunar-lander" else Link("", "")
        end_text = {
            "success": f"{m.name} mission ends",
            "partial": f"{m.name} mission ends (partial success)",
            "failure": f"{m.name} mission ends in failure",
        }.get(m.outcome, f"{m.name} mission ends")
        for when, text in ((m.launch, f"{m.name} launches"), (m.end, end_text)):
            d = day(when)
            if d is None or (m.key, d) in named:
                continue
            topic = topics.get(m.key, flight_topic if m.kind == "crew-transport" else None)
            events.append(TimelineEvent(d, text, topic, link.url, link.title,
                                        src.url, src.publisher, "mission", d > today))
    events.sort(key=lambda e: (e.date, {"article": 0, "mission": 1, "flight": 2}[e.kind], e.text))
    return events


def timeline_years(events: list[TimelineEvent], topic_names: dict[str, str]) -> list[dict]:
    years: dict[int, list] = {}
    for e in events:
        years.setdefault(e.date.year, []).append({
            "date": e.date, "iso": e.date.isoformat(), "date_text": long_date(e.date),
            "text": e.text, "topic": e.topic or "other",
            "topic_name": topic_names.get(e.topic, "Other") if e.topic else "Other",
            "url": e.url, "title": e.title, "source_url": e.source_url,
            "source_label": e.source_label, "source_internal": e.kind == "article",
            "kind": e.kind, "planned": e.planned,
        })
    return [{"year": y, "events": evs} for y, evs in sorted(years.items())]


def glossary(site: SiteContent, urls: Urls) -> list[dict]:
    entries = []
    for t in sorted(site.data.get("terms", []), key=lambda t: t.term.casefold()):
        see = urls.slug(t.see) if t.see else None
        entries.append({
            "id": glossary_id(t),
            "term": t.term,
            "abbr": t.abbr,
            "definition": t.definition,
            "aliases": t.aliases,
            "see": {"title": see.title, "url": see.url} if see else None,
            "letter": t.term[0].upper(),
        })
    return entries


def glossary_id(term) -> str:
    return "term-" + anchor(term.term)


def glossary_letters(entries: list[dict]) -> list[dict]:
    letters: dict[str, list] = {}
    for e in entries:
        letters.setdefault(e["letter"], []).append(e)
    return [{"letter": k, "id": f"letter-{k.lower()}", "entries": v} for k, v in letters.items()]


def sources_index(site: SiteContent, urls: Urls) -> list[dict]:
    """Every source on the site once (by address), with every page that cites it."""
    found: dict[str, dict] = {}

    def add(source, link: Link):
        entry = found.setdefault(source.url, {
            "title": source.title, "publisher": source.publisher, "url": source.url,
            "published": source.published, "accessed": source.accessed,
            "language": source.language, "cited_on": [],
        })
        entry["accessed"] = max(entry["accessed"], source.accessed)
        if all(c["url"] != link.url for c in entry["cited_on"]):
            entry["cited_on"].append({"title": link.title, "url": link.url})

    for a in sorted(urls.articles.values(), key=lambda a: a.title):
        for s in a.sources:
            add(s, Link(a.title, f"{urls.article(a.slug)}#source-{s.id}"))
    for p in sorted(urls.pages.values(), key=lambda p: p.title):
        for s in p.sources:
            add(s, Link(p.title, f"{urls.page(p.slug)}#source-{s.id}"))
    crew, moon = urls.view("crew-exchange"), urls.view("moon-missions")
    if crew:
        for f in site.data.get("flights", []):
            for s in f.sources:
                add(s, crew)
    for m in site.data.get("missions", []):
        if moon and m.kind == "lunar-lander":
            for s in m.sources:
                add(s, moon)
    return sorted(found.values(), key=lambda e: (e["publisher"].casefold(), e["title"].casefold()))


def agency_index(site: SiteContent, urls: Urls) -> list[dict]:
    out = []
    flights = site.data.get("flights", [])
    for key, agency in site.collection("agencies").items():
        out.append({
            "key": key,
            "id": f"agency-{key}",
            "name": agency.name,
            "abbreviation": agency.abbreviation,
            "country": agency.country,
            "url": agency.url,
            "description": agency.description,
            "articles": [
                {"title": a.title, "url": urls.article(a.slug)}
                for a in sorted(urls.articles.values(), key=lambda a: a.title)
                if key in a.agencies
            ],
            "missions": [m.name for m in site.data.get("missions", []) if key in m.agencies],
            "flights": sum(1 for f in flights if f.agency == key),
        })
    return out


def navigation(urls: Urls, settings) -> list[dict]:
    """The main menu: each entry of ORBIT_NAV that exists on this site."""
    items = []
    for entry in settings.get("ORBIT_NAV", []):
        if entry == "archives":
            items.append({"key": "archives", "label": "Stories",
                          "url": settings.get("ARCHIVES_URL", "archives/"),
                          "save_as": settings.get("ARCHIVES_SAVE_AS", "archives/index.html")})
        elif entry in urls.pages:
            page = urls.pages[entry]
            items.append({"key": entry,
                          "label": settings.get("ORBIT_NAV_LABELS", {}).get(entry, page.title),
                          "url": urls.page(entry), "save_as": urls.page_save_as(entry)})
    return items


def footer_links(urls: Urls, settings) -> list[dict]:
    links = [{"label": urls.pages[s].title, "url": urls.page(s), "save_as": urls.page_save_as(s)}
             for s in settings.get("ORBIT_FOOTER", []) if s in urls.pages]
    links.append({"label": "Topics", "url": settings.get("CATEGORIES_URL", "topics/"),
                  "save_as": settings.get("CATEGORIES_SAVE_AS", "")})
    links.append({"label": "Tags", "url": settings.get("TAGS_URL", "tags/"),
                  "save_as": settings.get("TAGS_SAVE_AS", "")})
    return links


def explore_links(urls: Urls, settings) -> list[dict]:
    """Entry points to the generated views, for the home page (ORBIT_EXPLORE order)."""
    return [
        {"title": link.title, "url": link.url, "summary": link.extra.get("summary", "")}
        for template in settings.get("ORBIT_EXPLORE", [])
        if (link := urls.view(template))
    ]


def plan_points(site: SiteContent) -> list[dict]:
    """Announcements of Russia's station and ISS plans, from a `plans` collection if there is one.

    Each entry of content/data/plans.yaml has announced (date, with its precision), subject
    (which plan), named_year (int) and named (how it was put).
    """
    return [
        {"announced": p.announced, "subject": p.subject, "year": p.named_year,
         "label": getattr(p, "named", None) or str(p.named_year),
         "source": p.sources[0] if getattr(p, "sources", None) else None,
         "announced_label": (p.announced.strftime("%B %Y")
                             if getattr(p, "announced_precision", "day") == "month"
                             else long_date(p.announced))}
        for p in site.data.get("plans", [])
    ]


def plans_figure(points: list[dict]) -> dict | None:
    """Figure 3 with its caption and its data table, ready for an article to show."""
    if not points:
        return None
    rows = sorted(points, key=lambda p: (p["subject"], p["announced"]))
    return {
        "svg": figures.plans_chart(points),
        "label": "Chart of Russia's station and ISS plans",
        "caption": "Each point is an announcement: when it was made (across) and the year it "
                   "named (up). A line that climbs means the plan slipped.",
        "table": {
            "caption": "Announcements and the years they named",
            "head": ["Plan", "Announced", "Year named", "Source"],
            "rows": [[p["subject"], p.get("announced_label") or long_date(p["announced"]), p["label"],
                      {"text": p["source"].publisher, "href": p["source"].url} if p.get("source")
                      else "—"]
                     for p in rows],
        },
    }


def article_figures(settings, available: dict) -> dict[str, list[dict]]:
    """The figures each article shows (ORBIT_ARTICLE_FIGURES), where the data exists."""
    return {
        slug: [available[name] for name in names if available.get(name)]
        for slug, names in settings.get("ORBIT_ARTICLE_FIGURES", {}).items()
    }


def build_views(site: SiteContent, settings, today: dt.date | None = None) -> dict:
    """Everything the templates show that is computed: the `orbit` dict in every context."""
    today = today or dt.date.today()
    urls = Urls(site, settings)
    topics = site.collection("topics")
    topic_names = {k: t.name for k, t in topics.items()}
    flights = flight_rows(site, today)
    events = timeline(site, urls, today)
    landers = mission_rows(site, "lunar-lander")
    terms = glossary(site, urls)
    plans = plan_points(site)
    used_topics = [k for k in topics if any(e.topic == k for e in events)]
    return {
        "topics": topics,
        "agencies": site.collection("agencies"),
        "missions": site.collection("missions"),
        "nav": navigation(urls, settings),
        "footer": footer_links(urls, settings),
        "views": {t: urls.view(t) for t in urls.by_template},
        "explore": explore_links(urls, settings),
        "stories": story_cards(site, settings, urls),
        "key_figures": key_figures(site, settings, urls),
        "latest": latest_updates(site, urls),
        "corrections": corrections_log(site, urls),
        "related": related(site, urls),
        "flights": flights,
        "flight_summary": flight_summary(flights),
        "timeline": events,
        "timeline_years": timeline_years(events, topic_names),
        "timeline_topics": [{"key": k, "name": topic_names[k]} for k in used_topics]
        + ([{"key": "other", "name": "Other"}] if any(e.topic is None for e in events) else []),
        "landers": landers,
        "comparison": comparison(landers),
        "glossary": terms,
        "glossary_letters": glossary_letters(terms),
        "sources": sources_index(site, urls),
        "agency_index": agency_index(site, urls),
        "plans": plans,
        "figures": {
            "crew": figures.crew_chart(flights, today) if flights else None,
            "south_pole": figures.south_pole_map(landers) if any(r["sites"] for r in landers) else None,
            "plans": figures.plans_chart(plans) if plans else None,
        },
        "article_figures": article_figures(settings, {"plans": plans_figure(plans)}),
    }
