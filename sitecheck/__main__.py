"""`python -m sitecheck OUTPUT_DIR`: check a built site from the shell or CI.

Prints one finding per line and exits 1 if there are any; otherwise prints a one-line
summary (pages, checks, time) and exits 0. Exit 2 means it could not run (bad arguments,
no such folder).
"""

from __future__ import annotations

import argparse
import sys
import time

from . import CHECKS, load_site, run_checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitecheck", description="Check a built site's output folder offline."
    )
    parser.add_argument("output", help="the output folder (e.g. output)")
    parser.add_argument(
        "--site-url",
        default="",
        help="public address; absolute links starting with it are checked too",
    )
    parser.add_argument(
        "--only", default="", help=f"comma-separated checks to run, of: {','.join(CHECKS)}"
    )
    parser.add_argument(
        "--http-host",
        action="append",
        default=[],
        metavar="HOST",
        help="a host that may be linked over plain http (repeatable)",
    )
    parser.add_argument(
        "--require-site-files",
        action="store_true",
        help="report a missing sitemap.xml, feed or robots.txt",
    )
    args = parser.parse_args(argv)
    only = {name.strip() for name in args.only.split(",") if name.strip()} or None
    if only and not only <= set(CHECKS):
        parser.error(f"unknown check(s): {', '.join(sorted(only - set(CHECKS)))}")
    start = time.perf_counter()
    try:
        site = load_site(
            args.output,
            site_url=args.site_url,
            http_hosts=args.http_host,
            require_site_files=args.require_site_files,
        )
    except FileNotFoundError as err:
        parser.error(str(err))
    findings = run_checks(site, only)
    elapsed = time.perf_counter() - start
    for finding in findings:
        print(finding)
    checks = len(only or CHECKS)
    if findings:
        print(
            f"{len(findings)} problem(s) in {len(site.pages)} pages "
            f"({checks} checks, {elapsed:.2f} s)",
            file=sys.stderr,
        )
        return 1
    print(f"OK: {len(site.pages)} pages, {checks} checks, {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
