"""Where our build's memory goes: `python -m bench.memory [--n 1000] [--tracemalloc]`.

Builds a synthetic corpus of N articles in-process with plugins/orbit_cli/build.py's runner
(pagefind off) and prints the process's resident memory (current and peak, from /proc and
getrusage) at each stage, through Pelican's signals: after validation (initialized), after
the articles are read (article_generator_finalized), after the pages are read, after every page
is written (finalized), and at the end. Also after a full garbage collection at the end,
which shows how much of the peak was cyclic garbage waiting for the collector.
With --tracemalloc it also lists the allocation sites
holding the most memory once the articles are read (slower: about 2x).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from .corpus import write_corpus
from .run import ROOT, snapshot

PAGE = 4096


def rss_mib() -> tuple[float, float]:
    """(current, peak) resident set size of this process, MiB."""
    with open("/proc/self/statm") as handle:
        current = int(handle.read().split()[1]) * PAGE / 2**20
    return current, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.memory", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--tree", default=str(ROOT), help="the tree whose plugins to measure")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="orbit-memory-"))
    settings, digest = snapshot(Path(args.tree), work / "snapshot")
    content = write_corpus(args.n, work / "content", content=settings.parent / "content")
    sys.path.insert(0, str(settings.parent / "plugins"))
    from pelican import signals

    from orbit_cli.build import build

    stages: list[tuple[str, float, float, float]] = []
    started = time.perf_counter()
    tops: list[str] = []

    def mark(name, once=False):
        def receiver(*_args, **_kwargs):
            if once and any(stage[0] == name for stage in stages):
                return
            stages.append((name, time.perf_counter() - started, *rss_mib()))
            if args.tracemalloc and name == "articles read":
                snap = tracemalloc.take_snapshot()
                for stat in snap.statistics("lineno")[:15]:
                    tops.append(
                        f"{stat.size / 2**20:7.1f} MiB  {stat.count:8d} blocks  "
                        f"{stat.traceback[0].filename.rsplit('site-packages/', 1)[-1]}"
                        f":{stat.traceback[0].lineno}"
                    )

        return receiver

    receivers = [
        (signals.generator_init, mark("validated (first generator_init)", once=True)),
        (signals.article_generator_finalized, mark("articles read")),
        (signals.page_generator_finalized, mark("pages read")),
        (signals.finalized, mark("pages written (finalized)")),
    ]
    for signal, receiver in receivers:
        signal.connect(receiver, weak=False)
    stages.append(("start (imports done)", 0.0, *rss_mib()))
    if args.tracemalloc:
        tracemalloc.start()
    code = build(
        str(settings),
        str(work / "output"),
        {"PATH": str(content), "ORBIT_PAGEFIND": False},
        quiet=True,
    )
    stages.append(("after the build runner", time.perf_counter() - started, *rss_mib()))
    if args.tracemalloc:
        current, peak = tracemalloc.get_traced_memory()
        stages.append(
            (
                f"tracemalloc: {current / 2**20:.0f} MiB traced now, {peak / 2**20:.0f} "
                "MiB at peak",
                time.perf_counter() - started,
                *rss_mib(),
            )
        )
    import gc

    freed = gc.collect()
    stages.append(
        (f"after gc.collect() ({freed} objects freed)", time.perf_counter() - started, *rss_mib())
    )
    if code:
        print(f"build failed with exit code {code}", file=sys.stderr)
        return code
    print(
        f"Memory of our build, {args.n} articles, snapshot {digest}"
        f"{' (tracemalloc on: times and sizes inflated)' if args.tracemalloc else ''}:\n"
    )
    print("| stage | s | RSS now MiB | peak so far MiB |")
    print("|---|---:|---:|---:|")
    for name, at, now, peak in stages:
        print(f"| {name} | {at:.1f} | {now:.0f} | {peak:.0f} |")
    if tops:
        print("\nLargest allocation sites once the articles are read (tracemalloc):\n")
        print("\n".join(tops))
    return 0


if __name__ == "__main__":
    sys.exit(main())
