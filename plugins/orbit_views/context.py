"""The `orbit` dict every template sees, assembled once per build after Pelican has read
everything: from the validated content, Pelican's URLs (links.py) and the build's date.

Each value comes from the module that owns its job (home, flights, missions, timeline,
terms, sources, navigation, charts, figures); this module only puts them together.
"""

from __future__ import annotations

import datetime as dt

from orbit_content.validate import SiteContent

from . import figure_views
from .charts import plan_points
from .flights import flight_rows, flight_summary
from .home import corrections_log, key_figures, latest_updates, related, story_cards
from .links import Links
from .missions import comparison, comparison_caption, mission_rows
from .navigation import explore_links, footer_links, navigation
from .sources import agency_index, publisher_groups, sources_index
from .strands import strands
from .terms import glossary_entries, glossary_letters
from .timeline import timeline, timeline_years
from .wording import Words


def build_views(
    site: SiteContent, links: Links, settings, today: dt.date, flight_notes: dict | None = None
) -> dict:
    """Everything the templates show that is computed: the `orbit` dict in every context.
    `flight_notes` holds the planned-date notes of unfinished flights (freshness.flight_notes)."""
    topics = site.collection("topics")
    words = Words.of(site)
    topic_names = {k: t.name for k, t in topics.items()}
    flights = flight_rows(site, today, flight_notes)
    events = timeline(site, links, today)
    landers = mission_rows(site, "lunar-lander")
    terms = glossary_entries(site, links)
    plans = plan_points(site, today)
    used_topics = [k for k in topics if any(e.topic == k for e in events)]
    summary = flight_summary(flights)
    sources = sources_index(site, links)
    data_page = links.view("data")
    shown = figure_views.build(
        site,
        settings,
        flights,
        summary["as_of"],
        landers,
        plans,
        today,
        data_page.url if data_page else "data/",
    )
    return {
        "topics": topics,
        "agencies": site.collection("agencies"),
        "missions": site.collection("missions"),
        "nav": navigation(links, settings, words),
        "footer": footer_links(links, settings, words),
        "views": {t: links.view(t) for t in links.by_template},
        "explore": explore_links(links, settings),
        "stories": story_cards(site, settings, links),
        "strands": strands(site, settings, links),
        "key_figures": key_figures(site, settings, links),
        "latest": latest_updates(site, links),
        "corrections": corrections_log(site, links),
        "related": related(site, links),
        "flights": flights,
        "flight_summary": summary,
        "timeline": events,
        "timeline_years": timeline_years(events, topic_names, words("topic-other")),
        "timeline_topics": [{"key": k, "name": topic_names[k]} for k in used_topics]
        + (
            [{"key": "other", "name": words("topic-other")}]
            if any(e.topic is None for e in events)
            else []
        ),
        "landers": landers,
        "comparison": comparison(landers, words),
        "comparison_caption": comparison_caption(landers, words),
        "glossary": terms,
        "glossary_letters": glossary_letters(terms),
        "sources": sources,
        "source_groups": publisher_groups(sources),
        "agency_index": agency_index(site, links),
        "plans": plans,
        "figures": shown["figures"],
        "article_figures": shown["article_figures"],
        "datasets": shown["datasets"],
        "map_sites": shown["map_sites"],
        "key_numbers": figure_views.key_numbers(flights, plans, shown["map_sites"], site),
        "today": today,
    }
