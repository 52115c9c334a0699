"""How values read on the page: dates, times, coordinates, reading time, anchors."""

from __future__ import annotations

import datetime as dt
import math

from orbit_content.schema import day
from orbit_contract import DATE_FORMAT, MONTH_FORMAT, slugify

WORDS_PER_MINUTE = 220


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def backref_label(use: int) -> str:
    """The label of a source's use-th back link: a, b, … z, then 27, 28, …"""
    return "abcdefghijklmnopqrstuvwxyz"[use - 1] if use <= 26 else str(use)


def iso(value) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%MZ")
    return value.isoformat() if value else ""


def long_date(value) -> str:
    value = day(value)
    return value.strftime(DATE_FORMAT) if value else ""


def month_year(value) -> str:
    """'June 2026': a date or an instant by its month, as the site writes one."""
    value = day(value)
    return value.strftime(MONTH_FORMAT) if value else ""


def iso_day(value) -> str:
    """'2026-06-01' for a date or an instant (its UTC day): a <time> element's datetime."""
    value = day(value)
    return value.isoformat() if value else ""


def utc_time(value) -> str:
    """'2022-09-21 13:54 UTC' for an instant, '2022-09-21' for a bare date."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat() if value else ""


def clock(value) -> str:
    """'13:54' for an instant (UTC), '' for a bare date or nothing."""
    return value.astimezone(dt.UTC).strftime("%H:%M") if isinstance(value, dt.datetime) else ""


def latitude(value: float) -> str:
    return f"{abs(value):.2f}° {'S' if value < 0 else 'N'}"


def longitude(value: float) -> str:
    return f"{abs(value):.2f}° {'W' if value < 0 else 'E'}"


def anchor(text: str) -> str:
    """An id for a heading or term, by the site's one slug rule."""
    return slugify(text)
