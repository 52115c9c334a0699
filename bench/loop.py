"""The contributor's loop and the real site's cold build, measured side by side in one run:

    python -m bench.loop [--runs 5] [--port 8102] [--bytecode]

- check:   `./site check` against the launcher's own floor (`./site --list`), alternating; wall
           time and CPU time (user + system of the launcher and its children, from os.wait4).
           Each check follows a save of one article (in a copy of content/), as a contributor's
           does; the check keeps the preview's parse cache in cache/, filled by one check first.
           With --bytecode, Python writes and reuses compiled modules (into a temporary
           PYTHONPYCACHEPREFIX, primed by one run of each), as it does by default on a
           contributor's machine; without it, the environment is taken as it is (here
           PYTHONDONTWRITEBYTECODE=1, so every run compiles every module it imports);
- cold:    the real site's Pelican step, ours (orbit_cli's build(), pagefind off) against stock
           Pelican (its default theme, the yaml-metadata reader) on the same articles, each a
           fresh process (bench.worker), alternating; wall time and peak RSS from os.wait4;
- preview: `python -m orbit_cli serve` on a copy of content/; an article is saved with a new
           sentence and the time is taken from the write to the first response of that page
           that contains it (median of --runs saves).

Medians and ranges are printed as Markdown rows for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from .run import forget_compiled, snapshot, stock_pages, worker

ROOT = Path(__file__).resolve().parent.parent


def mmm(values) -> str:
    values = sorted(values)
    return f"{statistics.median(values):.2f} s ({values[0]:.2f}–{values[-1]:.2f})"


def site(*args: str, env: dict | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, the launcher and everything it waited for)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(ROOT / "site"), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"./site {' '.join(args)} failed")
    return wall, usage.ru_utime + usage.ru_stime


def check_vs_floor(runs: int, work: Path, bytecode: bool = False) -> dict:
    env = None
    if bytecode:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        site("check", env=env)  # compiles what check imports, once
    site("--list", env=env)  # set-up (uv sync) once, outside the measurement
    # As a contributor checks: after saving an article. The check keeps the preview's parse
    # cache (cache/), so what it costs depends on what changed: one article, as here.
    content = work / "content-check"
    shutil.copytree(ROOT / "content", content)
    article = content / "articles" / "seat-swap.md"
    original = article.read_text(encoding="utf-8")
    site("check", "--content", str(content), env=env)  # the cache as a first check leaves it
    rows = {"floor": [], "check": []}
    for run in range(runs):
        # (in words: a paragraph with a number in it would need a citation)
        marker = "Check marker " + "abcdefghijklmnopqrstuvwxyz"[run % 26] + "."
        article.write_text(original.rstrip() + f"\n\n{marker}\n", encoding="utf-8")
        for name, args in (("floor", ["--list"]), ("check", ["check", "--content", str(content)])):
            rows[name].append(site(*args, env=env))
    over = [c[0] - f[0] for c, f in zip(rows["check"], rows["floor"], strict=True)]
    over_cpu = [c[1] - f[1] for c, f in zip(rows["check"], rows["floor"], strict=True)]
    return {
        "floor": [w for w, _ in rows["floor"]],
        "check": [w for w, _ in rows["check"]],
        "over": over,
        "floor_cpu": [c for _, c in rows["floor"]],
        "check_cpu": [c for _, c in rows["check"]],
        "over_cpu": over_cpu,
    }


def cold(runs: int, work: Path) -> dict:
    settings, digest = snapshot(ROOT, work / "snapshot")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    content = settings.parent / "content"
    # Stock reads the same articles and the pages without `template:` (bench.run.stock_pages).
    contents = {"ours": str(content), "stock": str(stock_pages(content))}
    rows = {"ours": [], "stock": []}
    for run in range(runs):
        for who in ("ours", "stock") if run % 2 == 0 else ("stock", "ours"):
            out = work / f"cold-{who}-{run}"
            shutil.rmtree(out, ignore_errors=True)
            forget_compiled(settings)
            rows[who].append(
                worker(
                    who, work, env, settings=str(settings), content=contents[who], output=str(out)
                )
            )
    return {"rows": rows, "digest": digest}


def preview(runs: int, port: int, work: Path) -> list[float]:
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    out = work / "output"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "orbit_cli",
            "serve",
            "--settings",
            str(ROOT / "pelican.conf.py"),
            "--content",
            str(content),
            "--output",
            str(out),
            "--port",
            str(port),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    article = content / "articles" / "seat-swap.md"
    url = f"http://127.0.0.1:{port}/seat-swap/"
    times = []
    try:
        _wait_for(url, "</html>", 60)
        original = article.read_text(encoding="utf-8")
        for i in range(runs):
            marker = f"Preview marker {i} {time.time_ns()}."
            time.sleep(1.5)  # let the previous rebuild settle
            started = time.perf_counter()
            article.write_text(original.rstrip() + f"\n\n{marker}\n", encoding="utf-8")
            _wait_for(url, marker, 30)
            times.append(time.perf_counter() - started)
    finally:
        server.terminate()
        server.wait(10)
    return times


def _wait_for(url: str, text: str, timeout: float):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if text in response.read().decode("utf-8", "replace"):
                    return
        except OSError:
            pass
        time.sleep(0.01)
    raise SystemExit(f"{url} never showed {text!r}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.loop")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--port", type=int, default=8102)
    parser.add_argument("--only", default="check,cold,preview")
    parser.add_argument(
        "--bytecode", action="store_true", help="check: let Python write and reuse .pyc files"
    )
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="orbit-loop-"))
    only = set(args.only.split(","))
    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    try:
        if "check" in only:
            c = check_vs_floor(args.runs, work, args.bytecode)
            print(f"| `./site --list` (floor) | {mmm(c['floor'])} | {mmm(c['floor_cpu'])} |")
            print(f"| `./site check` | {mmm(c['check'])} | {mmm(c['check_cpu'])} |")
            print(f"| check − floor | {mmm(c['over'])} | {mmm(c['over_cpu'])} |")
        if "cold" in only:
            r = cold(args.runs, work)
            ours, stock = r["rows"]["ours"], r["rows"]["stock"]
            ratio = [o["wall"] / s["wall"] for o, s in zip(ours, stock, strict=True)]
            print(
                f"| cold, ours | {mmm(o['wall'] for o in ours)} | "
                f"{max(o['rss_mib'] for o in ours):.0f} MiB |"
            )
            print(
                f"| cold, stock Pelican | {mmm(s['wall'] for s in stock)} | "
                f"{max(s['rss_mib'] for s in stock):.0f} MiB |"
            )
            cpu = [o["cpu"] / s["cpu"] for o, s in zip(ours, stock, strict=True)]
            print(
                f"| CPU (user + system), ours / stock | {mmm(o['cpu'] for o in ours)} / "
                f"{mmm(s['cpu'] for s in stock)} | {statistics.median(cpu):.2f}× |"
            )
            print(
                f"| ours / stock | {statistics.median(ratio):.2f}× "
                f"({min(ratio):.2f}–{max(ratio):.2f}) | snapshot {r['digest']} |"
            )
        if "preview" in only:
            p = preview(args.runs, args.port, work)
            print(f"| preview: save → served | {mmm(p)} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
