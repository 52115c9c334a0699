"""`check`: validate all content and apply the editorial minimums, without rendering.

Imports only what checking needs: the content stage and Pelican's settings reader (links are
resolved with the build's own settings and defaults), not the renderer, the views or
BeautifulSoup.
"""

from __future__ import annotations

import runpy
import sys
import time
from pathlib import Path

from pelican.settings import read_settings as pelican_settings

from orbit_content.editorial import article_problems, flight_problems
from orbit_content.validate import validate_content
from orbit_content.validate.plausibility import settings_file_problems

# What check reads from the settings, with Pelican's defaults where Pelican has one.
DEFAULTS = {"PATH": ".", "OUTPUT_PATH": "output", "THEME": "theme", "ORBIT_HTTP_HOSTS": ()}


def read_settings(settings_file: str, overrides: dict | None = None) -> dict:
    """The settings file's own values, for tasks that need one of them and not Pelican's
    defaults (the http hosts, the publish address), with the folders relative to the settings
    file's folder. The file holds plain assignments, so running it as Python gives the same
    values without importing Pelican."""
    values = {k: v for k, v in runpy.run_path(settings_file).items() if k.isupper()}
    settings = DEFAULTS | values | (overrides or {})
    folder = Path(settings_file).resolve().parent
    for key in ("PATH", "OUTPUT_PATH", "THEME"):
        settings[key] = str((folder / settings[key]).resolve())
    return settings


def check(settings_file: str, content: str | None = None) -> int:
    """Print every problem as `path:line: field: problem — fix`; return 0 or 1."""
    settings = pelican_settings(settings_file, override={"PATH": content} if content else {})
    started = time.perf_counter()
    site = validate_content(
        Path(settings["PATH"]),
        settings.get("ORBIT_HTTP_HOSTS", ()),
        Path(settings["THEME"]) / "templates",
        settings=settings,
    )
    problems = [*settings_file_problems(settings_file, settings["THEME"]), *site.problems]
    # The editorial minimums need valid content to read; they follow once it is.
    problems = problems or article_problems(site) + flight_problems(site)
    for problem in problems:
        print(problem, file=sys.stderr)
    warnings = site.warnings + site.stale
    if warnings:
        print(
            f"{len(warnings)} warning(s); they do not fail the check (`./site stale` lists the "
            "claims past their date):",
            file=sys.stderr,
        )
        for warning in warnings:
            print(warning, file=sys.stderr)
    if problems:
        print(
            f"{len(problems)} problem(s) found; fix them and run the check again.", file=sys.stderr
        )
        return 1
    entries = sum(len(items) for items in site.data.values())
    print(
        f"Content OK: {len(site.articles)} articles, {len(site.pages)} pages, {entries} data "
        f"entries checked in {time.perf_counter() - started:.2f} s."
    )
    return 0
