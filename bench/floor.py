"""The least a build of ours can cost, against stock Pelican's build: `python -m bench.floor`.

    python -m bench.floor [--sizes real,1000] [--runs 5]

bench.cold says how far our build is from stock Pelican's; this says how close it could ever
come with the stack it is built on (Pelican, pydantic, Python-Markdown, minify-html …), by
measuring what no change to our own code removes: the modules the build imports, which a
process pays for in time and in memory before it has read a file.

For each size (as in bench.cold: `real`, or N synthetic articles), one build of each contender,
in a fresh process, records the modules it had imported at the end. Then, alternating, fresh
processes (bench.worker, so interpreter start-up counts) measure:

- stock:         stock Pelican's whole build of the same articles, as bench.cold builds it;
- stock imports: importing the modules stock's build imported, and nothing else;
- our imports:   the same, then the modules our build imported beyond those.

From them, two floors, each per run (the three processes measured next to each other):

- time:   our imports / stock's whole build. A build of ours cannot take less than importing
          what it uses: imports run one after another, in the process that builds. Then the
          same plus stock's own work (its build minus its imports) spread perfectly over the
          machine's cores: our build reads, converts and renders the same articles with the
          same Pelican, with more Markdown extensions, longer templates and more pages (52
          against stock's 41 on the real site), so it does at least that much work of the same
          kinds, and no split of it beats all cores at once. The real site's "no slower than
          stock" (≤ 1.0×) is out of reach when these are near or above 1.
- memory: our imports' peak + what stock's build holds beyond its own imports (its peak minus
          its imports': Pelican's content objects and the work of reading and rendering them,
          which our build does with the same Pelican on the same articles, with longer HTML)
          / stock's peak. Memory "no more than stock's" is out of reach when this is above 1.

Both are floors in the strict sense: they grant our build every other cost for free.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .cold import content_for, mrange
from .run import ROOT, snapshot, stock_pages, worker

# Modules of the measuring process itself, not of the build it ran.
OWN = ("__main__", "__mp_main__", "bench")


def module_lists(work: Path, settings: Path, env: dict, contents: dict, size: str):
    """One build of each contender; the files listing stock's modules and ours beyond them."""
    found = {}
    for who in ("ours", "stock"):
        out = work / f"floor-{who}-{size}"
        shutil.rmtree(out, ignore_errors=True)
        result = worker(
            who,
            work,
            env,
            settings=str(settings),
            content=str(contents[who]),
            output=str(out),
            modules=True,
        )
        found[who] = [m for m in result["modules"] if m.split(".")[0] not in OWN]
    stock_list, ours_list = work / f"modules-stock-{size}.txt", work / f"modules-ours-{size}.txt"
    stock_list.write_text("\n".join(found["stock"]), encoding="utf-8")
    beyond = [m for m in found["ours"] if m not in set(found["stock"])]
    ours_list.write_text("\n".join(beyond), encoding="utf-8")
    return stock_list, ours_list, len(found["stock"]), len(beyond)


def floor_size(size: str, runs: int, work: Path, settings: Path, env: dict, log) -> dict:
    content = content_for(size, work, settings)
    contents = {"ours": content, "stock": stock_pages(content)}
    stock_list, ours_list, n_stock, n_beyond = module_lists(work, settings, env, contents, size)
    steps = {
        "stock": ("stock", {"content": str(contents["stock"])}),
        "stock imports": ("imports", {"lists": [str(stock_list)]}),
        "our imports": ("imports", {"lists": [str(stock_list), str(ours_list)]}),
    }
    order = tuple(steps)
    rows: dict[str, list[dict]] = {who: [] for who in order}
    for run in range(runs):
        for who in order[run % 3 :] + order[: run % 3]:
            step, args = steps[who]
            out = work / f"floor-run-{size}"
            shutil.rmtree(out, ignore_errors=True)
            result = worker(step, work, env, settings=str(settings), output=str(out), **args)
            rows[who].append(result)
            log(f"  {size:>5} {who:<13} {result['wall']:6.2f} s wall {result['rss_mib']:5.0f} MiB")
    return {"size": size, "rows": rows, "modules": (n_stock, n_beyond)}


def report(result: dict) -> list[str]:
    size, rows = result["size"], result["rows"]
    stock, mine, theirs = rows["stock"], rows["our imports"], rows["stock imports"]
    cores = len(os.sched_getaffinity(0))
    time_floor = [o["wall"] / s["wall"] for o, s in zip(mine, stock, strict=True)]
    work_floor = [
        (o["wall"] + (s["wall"] - i["wall"]) / cores) / s["wall"]
        for o, s, i in zip(mine, stock, theirs, strict=True)
    ]
    memory_floor = [
        (o["rss_mib"] + s["rss_mib"] - i["rss_mib"]) / s["rss_mib"]
        for o, s, i in zip(mine, stock, theirs, strict=True)
    ]
    n_stock, n_beyond = result["modules"]
    lines = [
        f"| {size} | stock, whole build | {mrange(s['wall'] for s in stock)} "
        f"| {mrange((s['rss_mib'] for s in stock), ' MiB')} |",
        f"| {size} | stock's imports ({n_stock} modules) | {mrange(i['wall'] for i in theirs)} "
        f"| {mrange((i['rss_mib'] for i in theirs), ' MiB')} |",
        f"| {size} | our imports ({n_beyond} modules more) | {mrange(o['wall'] for o in mine)} "
        f"| {mrange((o['rss_mib'] for o in mine), ' MiB')} |",
        f"| {size} | **floor / stock's build**: our imports | {mrange(time_floor, '×')} "
        f"| {mrange(memory_floor, '×')} |",
        f"| {size} | **floor / stock's build**: our imports, then stock's work on {cores} "
        f"cores | {mrange(work_floor, '×')} | |",
    ]
    failed = sorted({name for r in mine + theirs for name in r["detail"]["failed"]})
    if failed:  # left out of both imports, so each floor is, if anything, lower
        lines.append(f"| {size} | not importable on their own | {', '.join(failed)} | |")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.floor", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--sizes", default="real,1000", help="'real' and/or article counts")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tree", default=str(ROOT), help="the tree whose plugins to measure")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="orbit-floor-"))
    settings, digest = snapshot(Path(args.tree), work / "snapshot")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(settings.parent / "plugins")]),
    }

    def log(line):
        print(line, file=sys.stderr, flush=True)

    started = time.perf_counter()
    lines = ["| size | what | wall | peak RSS |", "|---|---|---|---|"]
    try:
        for size in args.sizes.split(","):
            lines += report(floor_size(size, args.runs, work, settings, env, log))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"`python -m bench.floor --sizes {args.sizes} --runs {args.runs}`, snapshot {digest}, "
        f"{time.perf_counter() - started:.0f} s, load {os.getloadavg()[0]:.2f}; "
        f"median (range) of {args.runs} runs, floors per run.\n"
    )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
