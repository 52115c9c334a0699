"""Shared fixtures: the real site built once per session, and fixture sites made from overlays."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "tests" / "sites"
SETTINGS = str(ROOT / "pelican.conf.py")


def orbit_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run `python -m orbit …` as a contributor's task would, capturing its output."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    return subprocess.run(
        [sys.executable, "-m", "orbit", *args, "--settings", SETTINGS],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
    )


def overlay_site(case: Path, into: Path) -> Path:
    """Copy the valid fixture site, then the case's files over it; return the content folder."""
    content = into / "content"
    shutil.copytree(SITES / "valid" / "content", content)
    if (case / "content").exists():
        shutil.copytree(case / "content", content, dirs_exist_ok=True)
    return content


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once into a temporary folder through the same runner as `invoke build`."""
    out = tmp_path_factory.mktemp("site") / "output"
    result = orbit_cli("build", "--output", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    return out
