"""The project's Pelican settings, for checks run without a settings file (the tests)."""

from __future__ import annotations

import functools
from pathlib import Path

from ..settings import read_settings

SETTINGS_FILE = Path(__file__).resolve().parents[3] / "pelican.conf.py"


@functools.cache
def _load() -> dict:
    return read_settings(SETTINGS_FILE)


def load() -> dict:
    return dict(_load())
