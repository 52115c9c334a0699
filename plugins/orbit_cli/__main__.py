"""Command line for the tasks and the tests: `python -m orbit_cli build|check|serve`.

Exit codes: 0 success, 1 content problems (each printed as path:line: field: problem — fix),
2 the build itself failed (theme or settings), 3 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from orbit_content.validate import validate_content
from pelican.settings import read_settings

from .build import build


def check(settings_file: str, content: str | None) -> int:
    settings = read_settings(settings_file, override={"PATH": content} if content else {})
    started = time.perf_counter()
    site = validate_content(Path(settings["PATH"]), settings.get("ORBIT_HTTP_HOSTS", ()),
                            Path(settings["THEME"]) / "templates", settings=settings)
    from orbit_content.validate.plausibility import settings_file_problems

    problems = [*settings_file_problems(settings_file, settings["THEME"]), *site.problems]
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found; fix them and run the check again.",
              file=sys.stderr)
        return 1
    entries = sum(len(items) for items in site.data.values())
    print(f"Content OK: {len(site.articles)} articles, {len(site.pages)} pages, {entries} data "
          f"entries checked in {time.perf_counter() - started:.2f} s.")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orbit_cli")
    parser.add_argument("command", choices=["build", "check", "serve"])
    parser.add_argument("--settings", default="pelican.conf.py")
    parser.add_argument("--content", help="content folder (default: PATH in the settings)")
    parser.add_argument("--output", help="output folder (default: OUTPUT_PATH in the settings)")
    parser.add_argument("--theme", help="theme folder (default: THEME in the settings)")
    parser.add_argument("--cache", metavar="DIR",
                        help="keep Pelican's and our caches in DIR and reuse unchanged pages")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks")
    parser.add_argument("--port", type=int, default=8000, help="port for serve (default 8000)")
    parser.add_argument("--publish", nargs="?", const="", metavar="SITEURL",
                        help="production build (default SITEURL: PUBLISH_SITEURL in the settings)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.settings, args.content)
    overrides = {"PATH": args.content} if args.content else {}
    if args.theme:
        overrides["THEME"] = args.theme
    if args.cache:
        overrides |= cache_settings(Path(args.cache))
    if args.command == "serve":
        return serve(args, overrides)
    if args.publish is not None:
        from orbit_assets.publish import overrides as publish_overrides

        overrides |= publish_overrides(read_settings(args.settings), args.publish or None)
    return build(args.settings, args.output, overrides, quiet=args.quiet, debug=args.debug)


def cache_settings(folder: Path) -> dict:
    return {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(folder)}


def serve(args, overrides) -> int:
    """Build, then serve with live reload; rebuild on every change to content, theme or code."""
    from .preview import serve as preview

    settings = read_settings(args.settings, override=overrides)
    output = Path(args.output or settings["OUTPUT_PATH"])
    root = Path(args.settings).resolve().parent

    # Rebuilds reuse Pelican's content cache and ours: a save re-reads only the changed file
    # and re-renders only the pages made from it.
    cached = overrides | cache_settings(root / "cache")

    def rebuild() -> list[str]:
        problems: list[str] = []
        build(args.settings, str(output), cached, quiet=True, problems=problems)
        return problems

    watched = [Path(settings["PATH"]), Path(settings["THEME"]), root / "plugins",
               Path(args.settings)]
    preview(output, rebuild, watched, "127.0.0.1", args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
