"""The plans chart's points; figure_views assembles every figure from them and the other rows."""

from __future__ import annotations

from orbit_content.validate import SiteContent

from .format import long_date


def plan_points(site: SiteContent) -> list[dict]:
    """Announcements of Russia's station and ISS plans, from a `plans` collection if there is one.

    Each entry of content/data/plans.yaml has announced (date, with its precision), subject
    (which plan), named_year (int) and named (how it was put).
    """
    return [
        {
            "announced": p.announced,
            "subject": p.subject,
            "year": p.named_year,
            "label": getattr(p, "named", None) or str(p.named_year),
            "source": p.sources[0] if getattr(p, "sources", None) else None,
            "announced_label": (
                p.announced.strftime("%B %Y")
                if getattr(p, "announced_precision", "day") == "month"
                else long_date(p.announced)
            ),
        }
        for p in site.data.get("plans", [])
    ]
