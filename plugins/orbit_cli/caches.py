"""Where the warm caches live: one folder per version of the code, beside the settings file.

The preview's rebuilds and `check` share it, so a check after a save (or a second check)
parses and converts only the files that changed.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path


def project_cache(settings_file: str) -> Path:
    """The project's cache folder: cache/ beside pelican.conf.py (ignored by git)."""
    return Path(settings_file).resolve().parent / "cache"


def current(folder: Path) -> Path:
    """The subfolder of `folder` for the code that runs now, named for it; the subfolders of
    other versions are removed. The caches hold pickles and compiled templates made by the
    code: after a change to it (or to a locked package) they would give the old output for
    unchanged files, and a pickled class that no longer exists failed every build (`Can't get
    attribute 'PageMemo'`) until `./site clean`."""
    here = folder / f"code-{code_version()}"
    if folder.is_dir():
        for old in folder.glob("code-*"):
            if old != here:
                shutil.rmtree(old, ignore_errors=True)
    return here


def cache_settings(folder: Path) -> dict:
    """Pelican's content cache and ours, in current(folder)."""
    # Uncompressed: the cache stays on this machine, and gzip was 5–10% of every rebuild.
    return {
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "GZIP_CACHE": False,
        "CACHE_PATH": str(current(folder)),
    }


def templates_cache(settings_file: str, settings: dict) -> Path:
    """Where every build keeps the theme's compiled templates: in the content cache's folder
    when that is on, else in current(cache/ beside the settings), as the code they were
    compiled for checked our filters and globals. Jinja reuses a compiled template only while
    its source is byte for byte the same, and replaces each file whole."""
    if settings.get("CACHE_CONTENT"):
        return Path(settings["CACHE_PATH"]) / "jinja"
    return current(project_cache(settings_file)) / "jinja"


def code_version() -> str:
    """A digest of the plugins' source and the lock file (a few milliseconds)."""
    plugins = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted([*plugins.rglob("*.py"), plugins.parent / "uv.lock"]):
        if path.is_file():
            digest.update(str(path.relative_to(plugins.parent)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
