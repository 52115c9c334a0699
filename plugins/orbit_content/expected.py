"""When a statement about the future is expected to come true, at the precision its source gave.

`expected_by: 2028`, `2026-06` or `2026-07-26`: a year, a month or a day. The claim is due at
the end of that period, and reads as the source put it ("2028", "June 2026", "26 July 2026"),
so "planned for June 2026" never turns into a made-up day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated

from pydantic import BeforeValidator, Field

from orbit_contract import DATE_FORMAT, MONTH_FORMAT

PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _as_text(value):
    # YAML reads 2028 as an int and 2026-07-26 as a date; 2026-06 stays a string.
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and re.fullmatch(PATTERN, value.strip()):
        deadline(value.strip())  # a real month and day, or a clear error
        return value.strip()
    raise ValueError(f"'{value}' is not a year, month or date — write 2028, 2026-06 or 2026-07-26")


def deadline(text: str) -> dt.date:
    """The last day the claim can still come true: the end of the year, month or the day."""
    parts = [int(p) for p in text.split("-")]
    try:
        if len(parts) == 1:
            return dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            return dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        return dt.date(*parts)
    except (ValueError, calendar.IllegalMonthError) as err:
        raise ValueError(f"'{text}' is not a real date ({err}) — check the month and day") from None


def start(text: str) -> dt.date:
    """The first day of the year, month or day the claim is expected in (where a timeline
    places it)."""
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return dt.date(*parts[:3])


def label(text: str) -> str:
    """How the expected date reads: '2028', 'June 2026' or '26 July 2026'."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1).strftime(MONTH_FORMAT)
    return dt.date(*parts).strftime(DATE_FORMAT)


Expected = Annotated[str, BeforeValidator(_as_text), Field(pattern=PATTERN)]


def last_reported(record) -> dt.date:
    """When a claim was last reported, for "we last saw it reported on …": the date its record
    says it was true (`as_of`, which flights in space or planned carry), else the day its
    sources were last read. One rule for the timeline and the charts."""
    return getattr(record, "as_of", None) or max(s.accessed for s in record.sources)
