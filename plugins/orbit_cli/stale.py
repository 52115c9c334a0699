"""`./site stale [--today YYYY-MM-DD]`: every claim about the future whose date has passed.

Lists each planned or in-progress claim (flights, missions, plans, key facts, events) whose
expected date is before today with no outcome recorded, as `path:line: field: what was expected,
when — what to do`. Exit 1 when it lists any, 0 when none, 3 for a --today that is not a date.
`./site check` prints the same list as warnings; only this command fails on it.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from orbit_content.settings import SettingsError, read_settings
from orbit_content.validate import validate_content


def stale(settings_file: str, content: str | None, today: str | None) -> int:
    try:
        when = dt.date.fromisoformat(today) if today else dt.date.today()
    except ValueError:
        print(f"--today: '{today}' is not a date — write it as YYYY-MM-DD", file=sys.stderr)
        return 3
    try:
        settings = read_settings(settings_file, {"PATH": content} if content else {})
    except SettingsError as err:
        print(f"{settings_file}: {err}", file=sys.stderr)
        return 2
    site = validate_content(
        Path(settings["PATH"]), settings.get("ORBIT_HTTP_HOSTS", ()), settings=settings, today=when
    )
    for claim in site.stale:
        print(claim)
    if site.stale:
        print(f"{len(site.stale)} claim(s) past their expected date as of {when}.", file=sys.stderr)
        return 1
    print(f"Nothing past due as of {when}.")
    return 0
