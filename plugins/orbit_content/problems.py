"""One contributor-facing problem: `path:line: field: what is wrong — how to fix it`."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    field: str
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message} — {self.fix}"


class ContentError(Exception):
    """Raised with every problem found, so the build can report them all and stop."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} content problem(s)")
        self.problems = sorted(problems, key=lambda p: (p.path, p.line or 0, p.field))


def did_you_mean(word: str, choices, fallback: str) -> str:
    """'did you mean X?' for a close match among choices, else the fallback advice."""
    match = difflib.get_close_matches(str(word), sorted(set(choices)), n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else fallback


def dotted(loc: tuple) -> str:
    """('sources', 2, 'url') -> 'sources[2].url'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"
