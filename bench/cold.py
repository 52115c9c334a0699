"""Cold builds only, ours against stock Pelican, side by side: `python -m bench.cold`.

    python -m bench.cold [--sizes real,1000] [--runs 3] [--bytecode]

For each size (`real`: the site's own content/; a number N: bench.corpus's N articles with the
real data files and pages) the contenders alternate (ours, stock / stock, ours / …), each a
fresh process (bench.worker) building into an empty folder with no Pelican cache. "ours" also
starts without the compiled templates every build of ours keeps (orbit_cli/caches.py);
"ours, templates kept" is the same build with them, as a contributor's later builds run. Per build:
wall time, process CPU time (user + system, from os.wait4: interpreter start-up and imports
count) and peak RSS; ratios are taken per run, between builds measured next to each other, so
both sides of a ratio saw the same load. The 1-minute load average is printed before and after
each size, since other work on the machine inflates wall times (CPU times much less).

Stock reads the same articles and the pages without their `template:` lines (bench.run.stock_pages;
they name our theme's templates), for the real site as for the corpus, so both build the pages.

Python writes no bytecode when PYTHONDONTWRITEBYTECODE is set (as on this machine), and the
snapshot is copied without __pycache__, so then every build compiles every module it imports,
ours and Pelican's. --bytecode measures what a contributor's machine does after its first
build instead: bytecode written and read under a folder of the run's own (PYTHONPYCACHEPREFIX,
so the virtualenv is left as it was), filled by one unmeasured build of each contender.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from .corpus import write_corpus
from .run import ROOT, forget_compiled, snapshot, stock_pages, worker


def load() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def mrange(values, unit=" s") -> str:
    values = sorted(values)
    return f"{statistics.median(values):.2f}{unit} ({values[0]:.2f}–{values[-1]:.2f})"


def content_for(size: str, work: Path, settings: Path) -> Path:
    """The content folder a size names: `real`, a copy of the snapshot's content/; a number N,
    bench.corpus's N articles with the real data files and pages (written once per work folder)."""
    if size == "real":
        content = work / "content-real"
        shutil.rmtree(content, ignore_errors=True)
        shutil.copytree(settings.parent / "content", content)
    else:
        content = work / f"corpus-{size}"
        if not content.exists():
            write_corpus(int(size), content, content=settings.parent / "content")
    return content


def cold_size(size: str, runs: int, work: Path, settings: Path, env: dict, log) -> dict:
    content = content_for(size, work, settings)
    # "kept": ours with the compiled templates its previous build kept (orbit_cli/caches.py),
    # what a contributor's second and later builds do; "ours" compiles everything.
    contents = {"ours": content, "kept": content, "stock": stock_pages(content)}
    rows = {"ours": [], "kept": [], "stock": []}
    order = ("ours", "kept", "stock")
    if "PYTHONPYCACHEPREFIX" in env:  # --bytecode: one unmeasured build each writes it
        for who in ("ours", "stock"):
            out = work / f"cold-{who}-{size}"
            worker(
                who, work, env, settings=str(settings), content=str(contents[who]), output=str(out)
            )
    forget_compiled(settings)  # "kept" finds the templates as the build before it compiled them
    worker("ours", work, env, settings=str(settings), content=str(content), output=str(work / "x"))
    before = load()
    for run in range(runs):
        for who in order[run % 3 :] + order[: run % 3]:
            out = work / f"cold-{who}-{size}"
            shutil.rmtree(out, ignore_errors=True)
            if who == "ours":
                forget_compiled(settings)
            step = "stock" if who == "stock" else "ours"
            result = worker(
                step, work, env, settings=str(settings), content=str(contents[who]), output=str(out)
            )
            rows[who].append(result)
            log(
                f"  {size:>5} {who:<6} {result['wall']:6.2f} s wall {result['cpu']:6.2f} s CPU "
                f"{result['rss_mib']:5.0f} MiB  load {load()}"
            )
    return {"size": size, "rows": rows, "load": (before, load())}


def report(result: dict) -> list[str]:
    stock, size = result["rows"]["stock"], result["size"]
    lines = []
    for who, label in (("ours", "ours, cold"), ("kept", "ours, templates kept")):
        ours = result["rows"][who]
        wall = [o["wall"] / s["wall"] for o, s in zip(ours, stock, strict=True)]
        cpu = [o["cpu"] / s["cpu"] for o, s in zip(ours, stock, strict=True)]
        rss = [o["rss_mib"] / s["rss_mib"] for o, s in zip(ours, stock, strict=True)]
        lines += [
            f"| {size} | {label} | {mrange(o['cpu'] for o in ours)} "
            f"| {mrange(o['wall'] for o in ours)} "
            f"| {mrange((o['rss_mib'] for o in ours), ' MiB')} |",
            f"| {size} | {label} / stock | {mrange(cpu, '×')} | {mrange(wall, '×')} "
            f"| {mrange(rss, '×')} |",
        ]
    return [
        *lines,
        f"| {size} | stock | {mrange(s['cpu'] for s in stock)} "
        f"| {mrange(s['wall'] for s in stock)} | {mrange((s['rss_mib'] for s in stock), ' MiB')} |",
        f"| {size} | load average (1 min) before, after | {result['load'][0]} | "
        f"{result['load'][1]} | |",
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.cold", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--sizes", default="real,1000", help="'real' and/or article counts")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tree", default=str(ROOT), help="the tree whose plugins to measure")
    parser.add_argument("--work", help="work folder, kept (default: a temporary one, removed)")
    parser.add_argument("--bytecode", action="store_true", help="compile bytecode first")
    args = parser.parse_args(argv)
    work = Path(args.work or tempfile.mkdtemp(prefix="orbit-cold-"))
    work.mkdir(parents=True, exist_ok=True)
    settings, digest = snapshot(Path(args.tree), work / "snapshot")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(settings.parent / "plugins")]),
    }
    if args.bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")

    def log(line):
        print(line, file=sys.stderr, flush=True)

    started = time.perf_counter()
    log(f"work folder {work}; snapshot {digest}; load {load()}")
    lines = [
        "| size | who | CPU (user + system) | wall | peak RSS |",
        "|---|---|---|---|---|",
    ]
    try:
        for size in args.sizes.split(","):
            lines += report(cold_size(size, args.runs, work, settings, env, log))
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print(
        f"`python -m bench.cold --sizes {args.sizes} --runs {args.runs}"
        f"{' --bytecode' if args.bytecode else ''}`, snapshot {digest}, "
        f"{time.perf_counter() - started:.0f} s; median (range) of {args.runs} runs, "
        "ratios per run.\n"
    )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
