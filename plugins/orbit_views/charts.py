"""Figures placed in articles: the plans chart with its caption and data table."""

from __future__ import annotations

from orbit_content.validate import SiteContent

from . import figures
from .format import long_date


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
