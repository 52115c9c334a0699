"""Build the site atomically: render into a temporary folder, check it, then swap it in.

Stock Pelican writes into output/ as it goes, so a failed build leaves a half-written site, and
it exits 0 on malformed YAML or a broken {filename} link. This runner is the one entry point the
tasks use: content problems become one line each, with a non-zero exit and no traceback, and
the last good output/ is kept untouched.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import shutil
import sys
import threading
import time
from pathlib import Path

import jinja2
from pelican import Pelican
from pelican.log import LimitFilter
from pelican.log import init as init_logging
from pelican.settings import read_settings

from orbit_content.problems import ContentError
from orbit_content.validate.plausibility import settings_file_problems
from orbit_contract import LEFTOVER

from .caches import templates_cache

# Exit codes, documented in CONTRIBUTING.md.
OK, CONTENT_PROBLEMS, BUILD_FAILED = 0, 1, 2


class _Collect(logging.Handler):
    """Keep Pelican's warnings and errors: some of them (a broken link) must fail our build."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


def _swap_in(built: Path, output: Path, remove_old_later: bool = False):
    """Put the new site in place with two renames, then delete the old one. The preview
    deletes it in a thread: on this machine removing a built site takes 0.1–0.3 s of waiting
    on the disk, and until the rebuild returns the server answers no request."""
    old = output.with_name(f".{output.name}.old-{os.getpid()}-{time.monotonic_ns()}")
    if output.exists():
        output.rename(old)
    built.rename(output)
    if remove_old_later:
        threading.Thread(target=shutil.rmtree, args=(old, True), daemon=True).start()
    else:
        shutil.rmtree(old, ignore_errors=True)


def leftover_links(folder: Path) -> list[str]:
    """Pages still holding a literal {filename}-style link, which Pelican only warns about."""
    found = []
    for page in sorted(folder.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if LEFTOVER.search(text) is None:  # nearly every page: no per-line pass (1,000: 0.5 s)
            continue
        for number, line in enumerate(text.splitlines(), 1):
            for match in LEFTOVER.finditer(line):
                found.append(
                    f"{page.relative_to(folder)}:{number}: unresolved link '{match.group(0)}'"
                )
    return found


def _reset_sitemap():
    """pelican-sitemap waits for the first Pelican it saw to finish before it writes; after a
    build that failed while rendering it would wait for ever, and no later build in the process
    (a preview rebuild) would write sitemap.xml. Its queue would keep the failed build's pages."""
    try:
        from pelican.plugins.sitemap import sitemap
    except ImportError:
        return
    sitemap.generator._main_pelican = None
    sitemap.generator.page_queue = []


def build(
    settings_file: str = "pelican.conf.py",
    output: str | None = None,
    overrides: dict | None = None,
    quiet: bool = False,
    debug: bool = False,
    problems: list[str] | None = None,
    remove_old_later: bool = False,
) -> int:
    """Build the site; return an exit code and print every problem on its own line.

    Problem lines are also appended to `problems` when given (the preview server shows them).
    With `remove_old_later` (the preview) the previous output is deleted in a thread, after
    the new one is in place.
    """
    report = problems if problems is not None else []
    # Pelican logs ~200 INFO lines per build (every file written); only --debug shows them.
    init_logging(level=logging.INFO if debug else logging.WARNING)
    settings = read_settings(settings_file, override=overrides or {})
    final = Path(output or settings["OUTPUT_PATH"]).resolve()
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = final.with_name(f".{final.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    settings["OUTPUT_PATH"] = str(staging)
    # Every build keeps the compiled templates, as Python keeps compiled modules: Pelican
    # makes a new Jinja environment per build, and compiling the theme's 49 templates was a
    # fifth of a cold build and a third of a warm one.
    folder = templates_cache(settings_file, settings)
    with contextlib.suppress(OSError):  # (no folder: each template is compiled, as before)
        folder.mkdir(parents=True, exist_ok=True)
    if folder.is_dir():
        settings["JINJA_ENVIRONMENT"] = {
            **settings.get("JINJA_ENVIRONMENT", {}),
            "bytecode_cache": jinja2.FileSystemBytecodeCache(str(folder)),
        }
    misspelt = [str(p) for p in settings_file_problems(settings_file, settings["THEME"])]
    if misspelt:
        return _fail(staging, final, misspelt, CONTENT_PROBLEMS, report)
    # A preview (and the tests) build many times in one process. Pelican drops a warning it
    # has logged once in the process, and pelican-sitemap remembers the Pelican it started
    # with until that one finishes, so after a failed build it would never write a sitemap
    # again: both start fresh for every build.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    _reset_sitemap()
    collector = _Collect()
    logging.getLogger().addHandler(collector)
    try:
        # Pelican prints its "Done: Processed …" summary itself; --quiet means silent on success.
        with contextlib.redirect_stdout(io.StringIO()) if quiet else contextlib.nullcontext():
            Pelican(settings).run()
    except ContentError as err:
        return _fail(staging, final, [str(p) for p in err.problems], CONTENT_PROBLEMS, report)
    except jinja2.TemplateError as err:
        where = f"{getattr(err, 'filename', '') or 'theme'}:{getattr(err, 'lineno', '') or ''}"
        return _fail(staging, final, [f"{where}: template error: {err}"], BUILD_FAILED, report)
    except Exception as err:  # noqa: BLE001 — anything else is a bug in the theme or a plugin
        if debug:
            raise
        message = (
            f"build error: {type(err).__name__}: {err} — "
            "run `./site build --debug` for the traceback"
        )
        return _fail(staging, final, [message], BUILD_FAILED, report)
    finally:
        logging.getLogger().removeHandler(collector)
    leftovers = leftover_links(staging) if staging.exists() else ["nothing was written"]
    leftovers += [
        f"pelican: {record.getMessage()}"
        for record in collector.records
        if record.levelno >= logging.ERROR or "Unable to find" in record.getMessage()
    ]
    if leftovers:
        return _fail(staging, final, leftovers, CONTENT_PROBLEMS, report)
    _swap_in(staging, final, remove_old_later)
    if not quiet:
        print(f"Built {final}", file=sys.stderr)
    return OK


def _fail(staging: Path, final: Path, lines: list[str], code: int, report: list[str]) -> int:
    shutil.rmtree(staging, ignore_errors=True)
    report.extend(lines)
    for line in lines:
        print(line, file=sys.stderr)
    kept = "kept as it was" if final.exists() else "not written"
    print(f"Build failed: {len(lines)} problem(s); {final.name}/ {kept}.", file=sys.stderr)
    return code
