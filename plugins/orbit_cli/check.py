"""`check`: validate all content and apply the editorial minimums, without rendering.

Imports only what checking needs: the content stage, with the build's settings and Pelican's
defaults read without importing Pelican (orbit_content/settings.py; links are resolved with
them), not Pelican, the renderer, the views or BeautifulSoup.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from orbit_content.editorial import article_problems, flight_problems
from orbit_content.settings import SettingsError, read_settings
from orbit_content.validate import validate_content
from orbit_content.validate.plausibility import settings_file_problems

# Exit codes, documented in CONTRIBUTING.md.
OK, CONTENT_PROBLEMS, BUILD_FAILED = 0, 1, 2

__all__ = ["check", "read_settings"]


def check(settings_file: str, content: str | None = None, cache: Path | None = None) -> int:
    """Print every problem as `path:line: field: problem — fix`; return 0, 1 or 2.

    With `cache` (the preview's folder: `./site check` passes it), files unchanged since the
    last check or preview rebuild are not parsed or converted again (yamlpos.ParseCache); the
    rules themselves run on every file every time."""
    try:
        settings = read_settings(settings_file, {"PATH": content} if content else {})
    except SettingsError as err:
        print(f"{settings_file}: {err}", file=sys.stderr)
        return BUILD_FAILED
    started = time.perf_counter()
    site = validate_content(
        Path(settings["PATH"]),
        settings.get("ORBIT_HTTP_HOSTS", ()),
        Path(settings["THEME"]) / "templates",
        cache,
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
        return CONTENT_PROBLEMS
    entries = sum(len(items) for items in site.data.values())
    print(
        f"Content OK: {len(site.articles)} articles, {len(site.pages)} pages, {entries} data "
        f"entries checked in {time.perf_counter() - started:.2f} s."
    )
    return OK
