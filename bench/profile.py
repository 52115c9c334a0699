"""Profile one build of ours with pyinstrument: `python -m bench.profile [--n 1000]`.

Builds a synthetic corpus of N articles (bench.corpus) in-process with plugins/orbit_cli/build.py's
runner (pagefind off: it is a separate process, timed by bench.run) under pyinstrument, then
prints three tables:

- inclusive time of our functions and templates (outermost call on each stack), as a share of
  the whole build: what each piece of ours costs, library calls included;
- self time by library (where the CPU actually goes);
- self time attributed to the innermost frame of ours on its stack (our code plus the library
  calls it makes directly), and to "Pelican itself" where no frame of ours is on the stack.

--warm profiles a rebuild with Pelican's content cache after a one-article edit instead.
--text FILE also writes pyinstrument's own text tree; --html FILE its HTML report.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from .corpus import write_corpus
from .run import ROOT, snapshot


def area(path: str | None) -> str:
    """Which library a frame's file belongs to."""
    if not path:
        return "(native)"
    p = path.replace(os.sep, "/")
    if "/plugins/orbit" in p:
        return "/".join(p.split("/plugins/")[1].split("/")[-2:])
    if p.endswith(".html"):
        return "templates"
    for name in (
        "jinja2",
        "markdown",
        "bs4",
        "pydantic",
        "yaml",
        "markupsafe",
        "blinker",
        "feedgenerator",
        "pygments",
        "docutils",
        "unidecode",
        "dateutil",
    ):
        if f"/{name}/" in p or f"/{name}.py" in p:
            return name
    if "/pelican/plugins/" in p:
        return "pelican plugins (" + p.split("/pelican/plugins/")[1].split("/")[0] + ")"
    if "/pelican/" in p:
        return "pelican"
    if "html/parser" in p or p.endswith("/_markupbase.py"):
        return "html.parser (for bs4)"
    return "stdlib/other: " + p.rsplit("/", 1)[-1]


def ours(frame) -> str | None:
    """'function (file)' for a frame of our plugin or a template, else None."""
    path = frame.file_path or ""
    if "/plugins/orbit" in path:
        return f"{frame.function} ({area(path)})"
    if path.endswith(".html"):
        return f"template {path.split('/templates/')[-1]}"
    return None


# Pelican's phases and the third-party steps inside them: (class.function, file ending) -> label.
PHASES = {
    (
        "Pelican.__init__",
        "pelican/__init__.py",
    ): "Pelican start-up (plugins; our validation runs here)",
    (
        "ArticlesGenerator.generate_context",
        "pelican/generators.py",
    ): "read articles (generate_context)",
    ("PagesGenerator.generate_context", "pelican/generators.py"): "read pages (generate_context)",
    (
        "YAMLMetadataReader._load_yaml_metadata",
        "yaml_metadata.py",
    ): "  pelican-yaml-metadata: YAML parse",
    ("Markdown.convert", "markdown/core.py"): "  Python-Markdown: convert (body and summary)",
    ("Pelican.run", "pelican/__init__.py"): "Pelican.run (reading + writing + finalized)",
    ("Writer.write_file", "pelican/writers.py"): "write pages (templates + files)",
    ("Template.render", "jinja2/environment.py"): "  Jinja2 render",
    ("FileDataCacher.save_cache", "pelican/cache.py"): "save Pelican's content cache",
    ("FileDataCacher.__init__", "pelican/cache.py"): "load Pelican's content cache",
    (".leftover_links", "orbit_cli/build.py"): "runner: scan output for {filename} leftovers",
    ("._swap_in", "orbit_cli/build.py"): "runner: swap the new output in",
    (".run_pagefind", "orbit_assets/sitefiles.py"): "pagefind (off here)",
}


def phase(frame) -> str | None:
    qual = f"{getattr(frame, 'class_name', None) or ''}.{frame.function}"
    path = (frame.file_path or "").replace(os.sep, "/")
    for (name, ending), label in PHASES.items():
        if qual == name and path.endswith(ending):
            return label
    return None


def analyse(root) -> dict:
    total = root.time
    phases: dict[str, float] = defaultdict(float)
    inclusive: dict[str, float] = defaultdict(float)
    by_area: dict[str, float] = defaultdict(float)
    by_owner: dict[str, float] = defaultdict(float)

    def walk(frame, active: frozenset, owner: str | None):
        label = phase(frame)
        if label and label not in active:
            phases[label] += frame.time
            active = active | {label}
        name = ours(frame)
        if name and name not in active:
            inclusive[name] += frame.time
            active = active | {name}
        # The runner's build() is the entry point: time under it and no other frame of ours is
        # Pelican's own (reading, Markdown, writing), not the runner's.
        if name and not name.startswith("build (orbit_cli/build.py"):
            owner = name
        self_time = frame.total_self_time
        if self_time > 0:
            by_area[area(frame.file_path)] += self_time
            by_owner[owner or f"Pelican itself: {area(frame.file_path)}"] += self_time
        for child in frame.children:
            if not child.is_synthetic:
                walk(child, active, owner)

    walk(root, frozenset(), None)
    return {
        "total": total,
        "inclusive": inclusive,
        "area": by_area,
        "owner": by_owner,
        "phases": phases,
    }


def table(title: str, values: dict[str, float], total: float, limit: int) -> str:
    rows = sorted(values.items(), key=lambda kv: kv[1], reverse=True)[:limit]
    lines = [f"\n{title}\n", "| | seconds | share |", "|---|---:|---:|"]
    lines += [f"| {name} | {sec:.2f} | {sec / total:.1%} |" for name, sec in rows]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.profile", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--n", type=int, default=1000, help="articles in the corpus")
    parser.add_argument("--limit", type=int, default=25, help="rows per table")
    parser.add_argument("--interval", type=float, default=0.001, help="sampling interval, s")
    parser.add_argument("--text", help="write pyinstrument's text tree here")
    parser.add_argument("--html", help="write pyinstrument's HTML report here")
    parser.add_argument("--save", help="save the pyinstrument session here (JSON)")
    parser.add_argument("--tree", default=str(ROOT), help="the tree whose plugins to profile")
    parser.add_argument(
        "--warm",
        action="store_true",
        help="profile a rebuild with Pelican's content cache after editing one "
        "article (the cache is primed first, unprofiled)",
    )
    parser.add_argument("--load", help="analyse a saved session instead of building")
    args = parser.parse_args(argv)
    from pyinstrument import Profiler
    from pyinstrument.session import Session

    if args.load:
        session = Session.load(args.load)
        result = analyse(session.root_frame())
        print(f"Profile loaded from {args.load}: {result['total']:.1f} s sampled.")
        report(result, args.limit)
        return 0

    work = Path(tempfile.mkdtemp(prefix="orbit-profile-"))
    settings, digest = snapshot(Path(args.tree), work / "snapshot")
    sys.path.insert(0, str(settings.parent / "plugins"))
    from orbit_cli.build import build

    content = write_corpus(args.n, work / "content", content=settings.parent / "content")
    overrides = {"PATH": str(content), "ORBIT_PAGEFIND": False}
    if args.warm:  # prime Pelican's cache (not profiled), then edit one article
        overrides |= {
            "CACHE_CONTENT": True,
            "LOAD_CONTENT_CACHE": True,
            "CACHE_PATH": str(work / "cache"),
        }
        build(str(settings), str(work / "output"), overrides, quiet=True)
        edited = sorted((content / "articles").glob("*.md"))[len(content.name) % 7 + 10]
        with edited.open("a", encoding="utf-8") as handle:
            handle.write("\nEdited for the profile: one more plain sentence.\n")
    profiler = Profiler(interval=args.interval)
    started = time.perf_counter()
    profiler.start()
    code = build(str(settings), str(work / "output"), overrides, quiet=True)
    profiler.stop()
    wall = time.perf_counter() - started
    if code:
        print(f"build failed with exit code {code}", file=sys.stderr)
        return code
    session = profiler.last_session
    if args.save:
        session.save(args.save)
    if args.text:
        Path(args.text).write_text(
            profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8"
        )
    if args.html:
        Path(args.html).write_text(profiler.output_html(), encoding="utf-8")
    result = analyse(session.root_frame())
    total = result["total"]
    print(
        f"Profile of our {'warm re' if args.warm else 'cold '}build, {args.n} articles, "
        f"snapshot {digest}: {wall:.1f} s wall "
        f"({total:.1f} s sampled, every {args.interval * 1000:g} ms)."
    )
    report(result, args.limit)
    return 0


def report(result: dict, limit: int):
    total = result["total"]
    order = {label: i for i, label in enumerate(PHASES.values())}
    print("\nPhases (inclusive):\n\n| | seconds | share |\n|---|---:|---:|")
    for label, sec in sorted(result["phases"].items(), key=lambda kv: order[kv[0]]):
        print(f"| {label} | {sec:.2f} | {sec / total:.1%} |")
    print(
        table(
            "Inclusive time of our functions and templates (outermost call per stack):",
            result["inclusive"],
            total,
            limit,
        )
    )
    print(table("Self time by library:", result["area"], total, limit))
    print(
        table(
            "Self time by the innermost frame of ours on the stack:", result["owner"], total, limit
        )
    )


if __name__ == "__main__":
    sys.exit(main())
