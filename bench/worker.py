"""One measured step, run in its own process by bench.run: `python -m bench.worker JSON`.

The argument is a JSON object: {"step": ..., "result": path, ...}. The worker does the step and
writes {"ok": bool, "seconds": in-process time, "detail": ...} to `result`; the parent measures
the process's wall time and peak RSS itself (os.wait4), so interpreter start-up and imports
count, as they do for `./site build`.

Steps:
- ours:        plugins/orbit_cli/build.py's build() with our settings file (from the snapshot)
- stock:       Pelican with its defaults: theme notmyidea, only the yaml_metadata reader plugin
- precompress: pelican-precompress's compress_files() over a built folder (gzip + brotli,
               the settings orbit_assets/publish.py uses)
- optimize:    orbit_assets.publish's minify() and fingerprint() over a built folder, when present
- imports:     import the modules named in the files `lists`, in order (bench.floor): what a
               build that imported them pays before it does anything

With "modules": true the result also lists every module the process had imported at the end
(sys.modules), which bench.floor records of one build of each contender.
"""

from __future__ import annotations

import io
import json
import logging
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path
from types import SimpleNamespace


def stock_settings(content: str, output: str, cache: dict | None = None) -> dict:
    """Stock Pelican on our corpus: defaults, plus what it needs to find the files.

    Feeds are off because our development build writes none (the publish build does); the
    data files are left out (stock Pelican has no reader for them); the pages are read from
    pages-stock/, a copy without `template:` lines naming templates notmyidea lacks.
    """
    from pelican.settings import read_settings

    override = {
        "PATH": content,
        "OUTPUT_PATH": output,
        "ARTICLE_PATHS": ["articles"],
        "PAGE_PATHS": ["pages-stock"],  # the pages without `template:` (bench.run.stock_pages)
        "IGNORE_FILES": [".#*", "*.yaml"],
        "PLUGINS": ["pelican.plugins.yaml_metadata"],
        "SITENAME": "Orbit Exchange (stock)",
        "SITEURL": "",
        "TIMEZONE": "UTC",
        "FEED_ALL_ATOM": None,
        "CATEGORY_FEED_ATOM": None,
        "TRANSLATION_FEED_ATOM": None,
        "AUTHOR_FEED_ATOM": None,
        "AUTHOR_FEED_RSS": None,
        **(cache or {}),
    }
    return read_settings(None, override=override)


def run_stock(args: dict) -> dict:
    from pelican import Pelican
    from pelican.log import init as init_logging

    init_logging(level=logging.WARNING)
    settings = stock_settings(args["content"], args["output"], args.get("cache"))
    Pelican(settings).run()
    return {"pages": sum(1 for _ in Path(args["output"]).rglob("*.html"))}


def run_ours(args: dict) -> dict:
    sys.path.insert(0, str(Path(args["settings"]).parent / "plugins"))
    from orbit_cli.build import build

    overrides = {
        "PATH": args["content"],
        "ORBIT_PAGEFIND": args.get("pagefind", False),
        **(args.get("cache") or {}),
    }
    code = build(args["settings"], args["output"], overrides, quiet=True)
    if code:
        raise SystemExit(f"our build failed with exit code {code}")
    return {"pages": sum(1 for _ in Path(args["output"]).rglob("*.html"))}


def run_precompress(args: dict) -> dict:
    from pelican.plugins import precompress

    settings = {
        "OUTPUT_PATH": args["output"],
        "PRECOMPRESS_GZIP": True,
        "PRECOMPRESS_BROTLI": True,
        "PRECOMPRESS_ZOPFLI": False,
        "PRECOMPRESS_ZSTANDARD": False,
        "PRECOMPRESS_OVERWRITE": True,
    }
    precompress.compress_files(SimpleNamespace(settings=settings))
    out = Path(args["output"])
    return {"gz": sum(1 for _ in out.rglob("*.gz")), "br": sum(1 for _ in out.rglob("*.br"))}


def run_optimize(args: dict) -> dict:
    sys.path.insert(0, str(Path(args["settings"]).parent / "plugins"))
    from orbit_assets import publish

    output = Path(args["output"])
    publish.minify(output)
    renamed = publish.fingerprint(output, "theme")
    return {"fingerprinted": len(renamed)}


def run_imports(args: dict) -> dict:
    import importlib

    sys.path.insert(0, str(Path(args["settings"]).parent / "plugins"))
    imported, failed = 0, []
    for listed in args["lists"]:
        for name in Path(listed).read_text(encoding="utf-8").split():
            if name in sys.modules:
                continue
            try:
                importlib.import_module(name)
                imported += 1
            except Exception:  # noqa: BLE001 — listed: a module only its parent can import
                failed.append(name)
    return {"imported": imported, "failed": failed}


STEPS = {
    "ours": run_ours,
    "stock": run_stock,
    "precompress": run_precompress,
    "optimize": run_optimize,
    "imports": run_imports,
}


def main() -> int:
    args = json.loads(sys.argv[1])
    started = time.perf_counter()
    chatter = io.StringIO()
    try:
        with redirect_stdout(chatter):  # Pelican prints its "Done: …" line
            detail = STEPS[args["step"]](args)
        result = {"ok": True, "detail": detail}
        if args.get("modules"):
            result["modules"] = sorted(sys.modules)
    except BaseException as err:  # noqa: BLE001 — reported to the parent, which stops the run
        result = {"ok": False, "detail": f"{type(err).__name__}: {err}"}
    result["seconds"] = time.perf_counter() - started
    Path(args["result"]).write_text(json.dumps(result), encoding="utf-8")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
