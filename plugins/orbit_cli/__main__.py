"""Command line for the tasks and the tests: `python -m orbit_cli build|check|serve|stale`.

Exit codes: 0 success, 1 content problems (each printed as path:line: field: problem — fix),
2 the build itself failed (theme or settings), 3 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

from .caches import cache_settings, current, project_cache

# Each command imports what it runs when it runs (below), so `check` does not load Pelican.
USAGE = 3


class Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(USAGE, f"{self.prog}: error: {message}\n")


def main(argv=None) -> int:
    parser = Parser(prog="python -m orbit_cli")
    parser.add_argument("command", choices=["build", "check", "serve", "stale"])
    parser.add_argument("--settings", default="pelican.conf.py")
    parser.add_argument("--content", help="content folder (default: PATH in the settings)")
    parser.add_argument("--output", help="output folder (default: OUTPUT_PATH in the settings)")
    parser.add_argument("--theme", help="theme folder (default: THEME in the settings)")
    parser.add_argument(
        "--cache",
        metavar="DIR",
        help="keep Pelican's and our caches in DIR (warm rebuilds and checks; serve and check "
        "use cache/ beside the settings by default)",
    )
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks")
    parser.add_argument("--port", type=int, default=8000, help="port for serve (default 8000)")
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", help="for stale: the date to judge by (default: today)"
    )
    parser.add_argument(
        "--publish",
        nargs="?",
        const="",
        metavar="SITEURL",
        help="production build (default SITEURL: PUBLISH_SITEURL in the settings)",
    )
    args = parser.parse_args(argv)
    mistake = usage_mistake(args)
    if mistake:
        print(mistake, file=sys.stderr)
        return USAGE
    if args.command == "check":
        from .check import check

        cache = Path(args.cache) if args.cache else project_cache(args.settings)
        return check(args.settings, args.content, current(cache))
    if args.command == "stale":
        from .stale import stale

        return stale(args.settings, args.content, args.today)
    overrides = {"PATH": args.content} if args.content else {}
    if args.theme:
        overrides["THEME"] = args.theme
    if args.command == "serve":
        return serve(args, overrides)
    from .build import build

    if args.cache:
        overrides |= cache_settings(Path(args.cache))
    if args.publish is not None:
        from orbit_assets.publish import overrides as publish_overrides

        from .check import read_settings

        overrides |= publish_overrides(read_settings(args.settings), args.publish or None)
    return build(args.settings, args.output, overrides, quiet=args.quiet, debug=args.debug)


def usage_mistake(args) -> str | None:
    """One line for a folder or file named on the command line that is not there (Pelican
    would stop with a ValueError traceback, after seconds of importing)."""
    for option, value, wanted in (
        ("--settings", args.settings, "the site's pelican.conf.py"),
        ("--content", args.content, "the folder that holds articles/, pages/ and data/"),
        ("--theme", args.theme, "the theme's folder, which holds templates/"),
    ):
        if value is None:
            continue
        path = Path(value)
        is_there = path.is_file() if option == "--settings" else path.is_dir()
        if not is_there:
            kind = "a file" if option == "--settings" else "a folder"
            return f"{option}: '{value}' is not {kind} — give {wanted}, or leave {option} out"
    return None


def serve(args, overrides) -> int:
    """Build, then serve with live reload; rebuild on every change to content, theme or code."""
    from orbit_assets.sitefiles import pagefind

    from .build import build
    from .check import read_settings
    from .preview import serve as preview

    settings = read_settings(args.settings, overrides)
    output = Path(args.output or settings["OUTPUT_PATH"])
    root = Path(args.settings).resolve().parent

    # Rebuilds use Pelican's content cache and ours: a save re-reads only the changed file.
    # The search index is made after the new pages are served, not before: a save shows at
    # once, and search catches up a moment later.
    cache = Path(args.cache) if args.cache else project_cache(args.settings)

    def rebuild() -> list[str]:
        problems: list[str] = []
        # Per rebuild: a save in plugins/ rebuilds with a cache of its own.
        cached = overrides | cache_settings(cache) | {"ORBIT_PAGEFIND": False}
        code = build(
            args.settings, str(output), cached, quiet=True, problems=problems, remove_old_later=True
        )
        if code == 0:
            threading.Thread(target=pagefind, args=(output,), daemon=True).start()
        return problems

    watched = [
        Path(settings["PATH"]),
        Path(settings["THEME"]),
        root / "plugins",
        Path(args.settings),
    ]
    return preview(output, rebuild, watched, "127.0.0.1", args.port)


if __name__ == "__main__":
    sys.exit(main())
