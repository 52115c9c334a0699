"""The plans chart's points; figure_views assembles every figure from them and the other rows."""

from __future__ import annotations

import datetime as dt

from orbit_content import expected
from orbit_content.validate import SiteContent, stale

from .format import long_date, month_year


def plan_points(site: SiteContent, today: dt.date) -> list[dict]:
    """Announcements of Russia's station and ISS plans, from a `plans` collection if there is one.

    Each entry of content/data/plans.yaml has announced (date, with its precision), subject
    (which plan) and its short name for the chart (`short`, the subject when it has none),
    named_year (int) and named (how it was put). The newest announcement of a plan is
    `overdue` once its date has passed with no outcome recorded (the stale rule), and
    `last_reported` is when its sources were last read.
    """
    current = {p.key for p in stale.current_plans(site.data.get("plans", []))}
    return [
        {
            "announced": p.announced,
            "subject": p.subject,
            # How the chart's end label names the plan (the newest announcement's is shown).
            "short": getattr(p, "short_subject", None) or p.subject,
            "year": p.named_year,
            "label": getattr(p, "named", None) or str(p.named_year),
            "source": p.sources[0] if getattr(p, "sources", None) else None,
            "announced_label": (
                month_year(p.announced)
                if getattr(p, "announced_precision", "day") == "month"
                else long_date(p.announced)
            ),
            "overdue": p.key in current and stale.overdue(p, today),
            "last_reported": expected.last_reported(p),
        }
        for p in site.data.get("plans", [])
    ]
