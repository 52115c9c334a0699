"""Time our build against stock Pelican: `python -m bench.run [--sizes 100,1000] [--runs 3]`.

For each size N a synthetic corpus (bench.corpus) is written, then, in one run and alternating
the contenders (ours, stock / stock, ours / …), each run measures:

- cold:  a build into an empty output folder with no Pelican cache;
- warm:  one article is edited, then each contender rebuilds with Pelican's content cache
         (CACHE_CONTENT, LOAD_CONTENT_CACHE, CACHE_PATH in the work folder), primed once
         before the first run;
- post-build (ours): pagefind alone on the cold output (`python -m pagefind --site`), and,
         when --publish-steps, orbit_assets.publish's minify + fingerprint and pelican-precompress's
         gzip + brotli on that output.

Every build is a fresh subprocess (bench.worker); its wall time and peak RSS come from
os.wait4, so interpreter start-up and imports count. Our build runs with ORBIT_PAGEFIND=False,
so its time is Pelican's alone and pagefind is reported on its own line.

Our plugins, theme and settings are copied to the work folder first, so edits others make to
the working tree during a long run cannot change what is measured; the copy's digest is
printed with the results.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .corpus import Corpus, write_corpus

ROOT = Path(__file__).resolve().parent.parent
CONTENDERS = ("ours", "stock")
MIB = 1024 * 1024


# ---- measuring one process ---------------------------------------------------------------------


def measure(argv: list[str], env: dict | None = None, result: Path | None = None) -> dict:
    """Run argv; return wall seconds, peak RSS (MiB, the process and its waited-for children)
    and, when the process wrote one, its JSON result."""
    if result is not None and result.exists():
        result.unlink()
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr_chunks = []
    # Read stderr while waiting so a chatty process cannot block on a full pipe.
    for chunk in iter(lambda: proc.stderr.read(65536), b""):
        stderr_chunks.append(chunk)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    out = {
        "wall": wall,
        "rss_mib": usage.ru_maxrss * 1024 / MIB,
        "cpu": usage.ru_utime + usage.ru_stime,
        "code": proc.returncode,
        "stderr": b"".join(stderr_chunks).decode("utf-8", "replace")[-2000:],
    }
    if result is not None and result.exists():
        out.update(json.loads(result.read_text(encoding="utf-8")))
    return out


def worker(step: str, work: Path, env: dict, **args) -> dict:
    result = work / f"result-{step}.json"
    payload = json.dumps({"step": step, "result": str(result), **args})
    out = measure([sys.executable, "-m", "bench.worker", payload], env, result)
    if out["code"] != 0 or not out.get("ok"):
        raise SystemExit(f"{step} failed: {out.get('detail')}\n{out['stderr']}")
    return out


# ---- the run -----------------------------------------------------------------------------------


def snapshot(root: Path, into: Path) -> tuple[Path, str]:
    """Copy the settings file, plugins/, theme/ and content/ (whose data files and pages the
    corpus copies) so what is measured cannot change mid-run."""
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    shutil.copy2(root / "pelican.conf.py", into / "pelican.conf.py")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(root / "plugins", into / "plugins", ignore=ignore)
    shutil.copytree(root / "theme", into / "theme", ignore=ignore)
    shutil.copytree(root / "content", into / "content", ignore=ignore)
    digest = hashlib.sha256()
    for path in sorted(p for p in into.rglob("*") if p.is_file()):
        digest.update(path.relative_to(into).as_posix().encode())
        digest.update(path.read_bytes())
    return into / "pelican.conf.py", digest.hexdigest()[:12]


def forget_compiled(settings: Path) -> None:
    """Make the next build of ours cold: every build keeps the theme's compiled templates in
    cache/ beside its settings file (orbit_cli/caches.py), as Python keeps compiled modules."""
    shutil.rmtree(settings.parent / "cache", ignore_errors=True)


def edit_article(content: Path, corpus: Corpus, n: int, run: int) -> Path:
    """Change one article's body (a new paragraph), as a contributor's save would."""
    index = min(n - 1, len(corpus.real_slugs) + run)
    path = content / "articles" / f"{corpus.slug(index)}.md"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\nEdited for benchmark run {run}: one more plain sentence.\n")
    return path


def stock_pages(content: Path) -> Path:
    """A content folder for stock Pelican, beside `content`: the same articles (a symlink) and
    the pages as stock Pelican can render them, in pages-stock/, without `template:`, which names
    our theme's templates (timeline, glossary …) that notmyidea does not have. Same depth as
    pages/, so their {filename} links resolve the same way. Beside, not inside: our build
    refuses Markdown in folders it does not publish. Returns the folder."""
    root = content.with_name(content.name + "-stock")
    target = root / "pages-stock"
    target.mkdir(parents=True, exist_ok=True)
    if not (root / "articles").exists():
        (root / "articles").symlink_to((content / "articles").resolve(), target_is_directory=True)
    for page in (content / "pages").glob("*.md"):
        lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
        (target / page.name).write_text(
            "".join(line for line in lines if not line.startswith("template:")), encoding="utf-8"
        )
    return root


def cache_settings(folder: Path) -> dict:
    return {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(folder)}


def bench_size(
    n: int,
    runs: int,
    work: Path,
    settings: Path,
    env: dict,
    publish_steps: bool,
    log,
    patched: Path | None = None,
) -> dict:
    """All runs for one size; `patched`: the settings file of a second tree of ours to time
    alongside (contender "patched"), e.g. with a proposed speed-up."""
    contenders = CONTENDERS + (("patched",) if patched else ())
    content = work / f"corpus-{n}"
    write_corpus(n, content, content=settings.parent / "content")
    stock_content = stock_pages(content)
    corpus = Corpus(content=settings.parent / "content")
    base = {"content": str(content), "settings": str(settings)}
    rows: dict[str, list[dict]] = {}

    def record(key, out):
        rows.setdefault(key, []).append(out)
        log(
            f"  {n:>5} {key:<22} {out['wall']:7.2f} s wall  {out['seconds']:7.2f} s in-process"
            if "seconds" in out
            else f"  {n:>5} {key:<22} {out['wall']:7.2f} s wall",
            f"{out['rss_mib']:6.0f} MiB",
        )

    def build(who, mode, output, cache=None):
        if mode == "cold":
            shutil.rmtree(output, ignore_errors=True)
            if who != "stock":
                forget_compiled(patched if who == "patched" else settings)
        step = "stock" if who == "stock" else "ours"
        args = {**base, "settings": str(patched)} if who == "patched" else base
        if who == "stock":
            args = {**base, "content": str(stock_content)}
        return worker(step, work, env, **args, output=str(output), cache=cache)

    # Prime each contender's content cache once (this is also a cold build that writes a cache).
    for who in contenders:
        record(
            f"{who} prime",
            build(who, "cold", work / f"warm-{who}-{n}", cache_settings(work / f"cache-{who}-{n}")),
        )
    for run in range(runs):
        # Alternate: each contender goes first in turn (ours, stock / stock, ours / …).
        order = contenders[run % len(contenders) :] + contenders[: run % len(contenders)]
        for who in order:
            record(f"{who} cold", build(who, "cold", work / f"cold-{who}-{n}"))
        edit_article(content, corpus, n, run)
        for who in order:
            record(
                f"{who} warm",
                build(
                    who, "warm", work / f"warm-{who}-{n}", cache_settings(work / f"cache-{who}-{n}")
                ),
            )
        # Post-build steps, on our cold output (rebuilt from scratch by the next cold run).
        site = work / f"cold-ours-{n}"
        record(
            "pagefind",
            measure([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"], env),
        )
        if publish_steps:
            if (settings.parent / "plugins" / "orbit_assets" / "publish.py").exists():
                record("optimize", worker("optimize", work, env, **base, output=str(site)))
            record("precompress", worker("precompress", work, env, output=str(site)))
    pages = {
        k: v[-1].get("detail", {}).get("pages")
        for k, v in rows.items()
        if isinstance(v[-1].get("detail"), dict)
    }
    return {
        "n": n,
        "rows": rows,
        "pages": pages,
        "articles_bytes": sum(p.stat().st_size for p in (content / "articles").glob("*.md")),
    }


# ---- reporting ---------------------------------------------------------------------------------


def mmm(values) -> str:
    values = sorted(values)
    if not values:
        return "—"
    if len(values) == 1:
        return f"{values[0]:.2f}"
    return f"{values[0]:.2f} / {statistics.median(values):.2f} / {values[-1]:.2f}"


def ratios(a: list[dict], b: list[dict], field="wall") -> list[float]:
    """Per-run ratios a/b, pairing the i-th measurement of each (measured next to each other)."""
    return [x[field] / y[field] for x, y in zip(a, b, strict=False)]


TARGETS = {"cold": 0.8, "warm": 0.4, "rss": 150.0}


def report(results: list[dict], meta: dict) -> str:
    out = []
    out.append(
        f"Machine: {meta['nproc']} cores, Python {meta['python']}, {meta['platform']}; "
        f"snapshot {meta['digest']}; {meta['runs']} run(s) per size; "
        f"total {meta['total_s']:.0f} s.\n"
    )
    out.append("Wall time in seconds (min / median / max over runs), each build a fresh process.\n")
    out.append(
        "| N | ours cold | stock cold | ours/stock cold | ours warm | stock warm "
        "| ours warm / stock cold | ours warm / stock warm |"
    )
    out.append("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        rows = r["rows"]
        out.append(
            f"| {r['n']} | {mmm(x['wall'] for x in rows['ours cold'])} "
            f"| {mmm(x['wall'] for x in rows['stock cold'])} "
            f"| {mmm(ratios(rows['ours cold'], rows['stock cold']))} "
            f"| {mmm(x['wall'] for x in rows['ours warm'])} "
            f"| {mmm(x['wall'] for x in rows['stock warm'])} "
            f"| {mmm(ratios(rows['ours warm'], rows['stock cold']))} "
            f"| {mmm(ratios(rows['ours warm'], rows['stock warm']))} |"
        )
    out.append(
        "\nHTML pages written per build: "
        + "; ".join(
            f"N={r['n']}: ours {r['pages'].get('ours cold')}, stock {r['pages'].get('stock cold')}"
            for r in results
        )
        + "."
    )
    out.append(
        "\nPeak RSS in MiB (min / median / max), and the cache-priming build "
        "(a cold build that also writes Pelican's cache), wall s:\n"
    )
    out.append("| N | ours cold | stock cold | ours warm | stock warm | ours prime | stock prime |")
    out.append("|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        rows = r["rows"]
        out.append(
            f"| {r['n']} | {mmm(x['rss_mib'] for x in rows['ours cold'])} "
            f"| {mmm(x['rss_mib'] for x in rows['stock cold'])} "
            f"| {mmm(x['rss_mib'] for x in rows['ours warm'])} "
            f"| {mmm(x['rss_mib'] for x in rows['stock warm'])} "
            f"| {rows['ours prime'][0]['wall']:.2f} | {rows['stock prime'][0]['wall']:.2f} |"
        )
    out.append("\nPost-build steps on our cold output, wall s (peak RSS MiB):\n")
    steps = [
        s for s in ("pagefind", "optimize", "precompress") if any(s in r["rows"] for r in results)
    ]
    out.append("| N | " + " | ".join(steps) + " | ours cold + pagefind |")
    out.append("|---:|" + "---:|" * (len(steps) + 1))
    for r in results:
        rows = r["rows"]
        cells = [
            f"{mmm(x['wall'] for x in rows[s])} ({max(x['rss_mib'] for x in rows[s]):.0f})"
            if s in rows
            else "—"
            for s in steps
        ]
        total = [
            a["wall"] + b["wall"] for a, b in zip(rows["ours cold"], rows["pagefind"], strict=False)
        ]
        out.append(f"| {r['n']} | " + " | ".join(cells) + f" | {mmm(total)} |")
    out.append("\nGrowth (median wall): ms per article, and the marginal cost between sizes:\n")
    out.append(
        "| N | ours cold ms/article | stock cold ms/article | ours warm ms/article "
        "| ours cold marginal ms/article | stock cold marginal ms/article |"
    )
    out.append("|---:|---:|---:|---:|---:|---:|")
    previous = None
    for r in results:
        rows = r["rows"]
        med = {
            k: statistics.median(x["wall"] for x in rows[k])
            for k in ("ours cold", "stock cold", "ours warm")
        }
        marg = ["—", "—"]
        if previous:
            dn = r["n"] - previous[0]
            marg = [
                f"{(med[k] - previous[1][k]) / dn * 1000:.1f}" for k in ("ours cold", "stock cold")
            ]
        out.append(
            f"| {r['n']} | {med['ours cold'] / r['n'] * 1000:.1f} "
            f"| {med['stock cold'] / r['n'] * 1000:.1f} "
            f"| {med['ours warm'] / r['n'] * 1000:.1f} | {marg[0]} | {marg[1]} |"
        )
        previous = (r["n"], med)
    if any("patched cold" in r["rows"] for r in results):
        PATCHED = ("patched cold", "patched warm")
        out.append(
            "\nThe patched tree against ours and stock (wall s; ratios per run, "
            "min / median / max):\n"
        )
        out.append(
            "| N | patched cold | patched/ours cold | patched/stock cold | patched warm "
            "| patched/ours warm | patched warm / stock cold | patched peak RSS MiB |"
        )
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in results:
            rows = r["rows"]
            out.append(
                f"| {r['n']} | {mmm(x['wall'] for x in rows['patched cold'])} "
                f"| {mmm(ratios(rows['patched cold'], rows['ours cold']))} "
                f"| {mmm(ratios(rows['patched cold'], rows['stock cold']))} "
                f"| {mmm(x['wall'] for x in rows['patched warm'])} "
                f"| {mmm(ratios(rows['patched warm'], rows['ours warm']))} "
                f"| {mmm(ratios(rows['patched warm'], rows['stock cold']))} "
                f"| {max(x['rss_mib'] for k in PATCHED for x in rows[k]):.0f} |"
            )
    out.append("\nTargets (median of per-run ratios):\n")
    out.append(
        "| N | cold ≤ 0.8× stock | warm ≤ 0.4× stock cold | peak RSS ≤ 150 MiB (ours, max) |"
    )
    out.append("|---:|---|---|---|")
    for r in results:
        rows = r["rows"]
        cold = statistics.median(ratios(rows["ours cold"], rows["stock cold"]))
        warm = statistics.median(ratios(rows["ours warm"], rows["stock cold"]))
        rss = max(x["rss_mib"] for k in ("ours cold", "ours warm", "ours prime") for x in rows[k])
        out.append(
            f"| {r['n']} | {_verdict(cold, TARGETS['cold'], '×')} "
            f"| {_verdict(warm, TARGETS['warm'], '×')} "
            f"| {_verdict(rss, TARGETS['rss'], ' MiB', 0)} |"
        )
    return "\n".join(out)


def _verdict(value, target, unit, digits=2) -> str:
    word = "met" if value <= target else "missed"
    return f"{value:.{digits}f}{unit}: {word} ({value / target:.2f} of target)"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="article counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per size (alternating)")
    parser.add_argument("--work", help="work folder (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument(
        "--publish-steps",
        action="store_true",
        help="also time minify + fingerprint and precompression after each run",
    )
    parser.add_argument("--json", help="write the raw measurements here")
    parser.add_argument(
        "--compare-tree",
        help="also time the settings, plugins/ and theme/ of "
        "this folder as contender 'patched', alternating with ours and stock",
    )
    parser.add_argument(
        "--tree",
        default=str(ROOT),
        help="measure the settings, plugins/ and theme/ of this folder "
        "(default: this repository), e.g. a copy with a proposed change",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    work = Path(args.work or tempfile.mkdtemp(prefix="orbit-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    settings, digest = snapshot(Path(args.tree), work / "snapshot")
    patched = None
    if args.compare_tree:
        patched, patched_digest = snapshot(Path(args.compare_tree), work / "snapshot-patched")
        digest += f" (patched: {patched_digest})"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(settings.parent / "plugins")]),
    }

    def log(*parts):
        print(*parts, file=sys.stderr, flush=True)

    log(f"work folder {work}; snapshot {digest}")
    results = []
    try:
        for n in sizes:
            results.append(
                bench_size(n, args.runs, work, settings, env, args.publish_steps, log, patched)
            )
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    meta = {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "digest": digest,
        "runs": args.runs,
        "total_s": time.perf_counter() - started,
    }
    text = report(results, meta)
    print(text)
    if args.json:
        for r in results:
            for rows in r["rows"].values():
                for row in rows:
                    row.pop("stderr", None)
        Path(args.json).write_text(
            json.dumps({"meta": meta, "results": results}, indent=1, default=str), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
