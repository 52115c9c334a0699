"""Values that are well-formed but cannot be right, caught before they are published.

The schema checks shape (an ISO date, a positive number); these rules check sense: a date in
the future (2099 was published as "1 January 2099"), a 51-year spaceflight ("18633.9 days
longest stay"), a reported duration that contradicts the times, an empty collection (an empty
table under "This page lists every such flight"), a slug that is also a generated page (`tags`,
which failed the build naming a temporary file), a misspelt setting (silently ignored), an
image heavier or wider than the documented limits, a file too big to check in a second.
Limits come from settings (ORBIT_LIMITS in pelican.conf.py may override any of LIMITS).
"""

from __future__ import annotations

import ast
import datetime as dt
import os
import re
import struct
import sys
from pathlib import Path

from orbit_contract import pelican_defaults, pelican_folder

from ..labels import FIELDS as LABELS
from ..problems import Problem, did_you_mean

LIMITS = {
    "future_days": 2,  # a date up to this many days ahead is allowed (time zones, scheduling)
    "flight_days": 500,  # longest human spaceflight so far: 437.7 days (Polyakov, 1994–95)
    "reported_days_tolerance": 2,  # reported vs computed duration (rounding, partial days)
    "image_kb": 200,  # CONTRIBUTING.md: PNG/JPEG/WebP under 200 KB …
    "image_px": 1600,  # … at most 1600 px wide
    "file_kb": 256,  # the largest article is under 25 KB; a bigger file is a paste mistake
}


def limits(settings: dict) -> dict:
    return {**LIMITS, **(settings.get("ORBIT_LIMITS") or {})}


# -- dates and durations ----------------------------------------------------------------------


def _day(value):
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def future(value, today: dt.date, margin: int) -> bool:
    when = _day(value)
    return when is not None and when > today + dt.timedelta(days=margin)


def future_fix(today: dt.date) -> str:
    return (
        "check the year; a date yet to come belongs in a plan (a planned flight or "
        "mission, or plans.yaml), not in what has happened"
    )


def document_dates(item, today, margin) -> list[tuple[tuple, str, str]]:
    """(loc, problem, fix) for every date of an article or page that lies in the future."""
    found = []
    names = [("date",), ("modified",), ("reviewed",)]
    for name in names:
        value = getattr(item, name[0], None)
        if future(value, today, margin):
            found.append((name, f"{value} is in the future", future_fix(today)))
    for index, source in enumerate(getattr(item, "sources", [])):
        for field in ("accessed", "published"):
            value = getattr(source, field, None)
            if future(value, today, margin):
                found.append(
                    (("sources", index, field), f"{value} is in the future", future_fix(today))
                )
    for list_name in ("events", "corrections"):
        for index, entry in enumerate(getattr(item, list_name, [])):
            if future(entry.date, today, margin):
                found.append(
                    (
                        (list_name, index, "date"),
                        f"{entry.date} is in the future",
                        future_fix(today),
                    )
                )
    for index, fact in enumerate(getattr(item, "key_facts", [])):
        if future(getattr(fact, "as_of", None), today, margin):
            found.append(
                (("key_facts", index, "as_of"), f"{fact.as_of} is in the future", future_fix(today))
            )
    return found


def collection_values(name: str, items: list, today, limit: dict) -> list[tuple[tuple, str, str]]:
    """(loc, problem, fix) for implausible values in one data collection."""
    margin, found = limit["future_days"], []
    for index, item in enumerate(items):
        loc = (name, index)
        for s_index, source in enumerate(getattr(item, "sources", [])):
            for field in ("accessed", "published"):
                value = getattr(source, field, None)
                if future(value, today, margin):
                    found.append(
                        (
                            loc + ("sources", s_index, field),
                            f"{value} is in the future",
                            future_fix(today),
                        )
                    )
        if name == "flights":
            found += _flight(item, loc, today, limit)
        elif name == "missions" and getattr(item, "outcome", None) != "planned":
            for field in ("launch", "end"):
                value = getattr(item, field, None)
                if future(value, today, margin):
                    found.append(
                        (
                            loc + (field,),
                            f"{value} is in the future, but the outcome is '{item.outcome}'",
                            "use outcome: planned for a mission yet to fly, or check the year",
                        )
                    )
        elif name == "plans" and future(getattr(item, "announced", None), today, margin):
            found.append(
                (
                    loc + ("announced",),
                    f"{item.announced} is in the future",
                    "announced: is when the plan was stated; check the year",
                )
            )
    return found


def _flight(flight, loc, today, limit):
    found = []
    if flight.status != "planned":
        for field in ("launch", "landing"):
            value = getattr(flight, field, None)
            if future(value, today, limit["future_days"]):
                found.append(
                    (
                        loc + (field,),
                        f"{value} is in the future, but the status is '{flight.status}'",
                        "use status: planned with as_of for a "
                        "flight yet to happen, or check the year",
                    )
                )
    if isinstance(flight.launch, dt.datetime) and isinstance(flight.landing, dt.datetime):
        days = (flight.landing - flight.launch).total_seconds() / 86400
    elif flight.launch and flight.landing:
        days = (_day(flight.landing) - _day(flight.launch)).days
    else:
        return found
    if days > limit["flight_days"]:
        found.append(
            (
                loc + ("landing",),
                f"is {days:.0f} days after launch, longer than any "
                f"spaceflight so far (the limit is {limit['flight_days']} days)",
                "check the year of launch and landing",
            )
        )
    reported = flight.duration_reported_days
    if reported is not None and abs(reported - days) > limit["reported_days_tolerance"]:
        found.append(
            (
                loc + ("duration_reported_days",),
                f"is {reported}, but launch to landing is {days:.1f} days",
                "check the reported duration and both times",
            )
        )
    return found


# -- slugs that the site itself uses ----------------------------------------------------------


def reserved_slugs(settings: dict) -> dict[str, str]:
    """First path segments the build writes for its own pages and files -> the setting."""
    reserved = {}
    for name, value in settings.items():
        if not (name.endswith("_SAVE_AS") and isinstance(value, str) and value):
            continue
        first = value.split("/", 1)[0]
        if "{" in first or not first:
            continue
        reserved.setdefault(re.sub(r"\.(html|xml)$", "", first), name)
    for name in settings.get("DIRECT_TEMPLATES", []):
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html") or ""
        first = re.sub(r"\.(html|xml)$", "", save_as.split("/", 1)[0])
        if first:
            reserved.setdefault(first, "DIRECT_TEMPLATES")
    for folder in [*settings.get("STATIC_PATHS", []), settings.get("THEME_STATIC_DIR", "theme")]:
        reserved.setdefault(folder.split("/", 1)[0], "STATIC_PATHS")
    for folder in ("pagefind", "feeds", "drafts", "sitemap", "robots", "index"):
        reserved.setdefault(folder, "the build")
    return reserved


# -- settings ---------------------------------------------------------------------------------

SETTING_NAME = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\b[A-Z]{4,}\b")


def _code_files(code_roots: list[Path]):
    """Our code and theme, then Pelican's modules, then the plugins installed in the
    pelican.plugins namespace (one folder per sys.path entry that has one): every file that
    may read a setting, found without importing Pelican (which would load all of it)."""
    namespace = [Path(p) / "pelican" / "plugins" for p in sys.path]
    roots = [*code_roots, pelican_folder(), *(p for p in namespace if p.is_dir())]
    for root in roots:
        if root.is_file():
            yield root
            continue
        top_only = root == roots[len(code_roots)]  # pelican/ itself: its own modules only
        for folder, subfolders, names in os.walk(root):
            subfolders[:] = [] if top_only else [d for d in subfolders if d != "__pycache__"]
            for name in sorted(names):
                if name.endswith((".py", ".html")):
                    path = Path(folder, name)
                    if "tests" not in path.parts:
                        yield path


def known_settings(code_roots: list[Path]) -> set[str]:
    """Every setting name Pelican knows, and every upper-case name our code or theme reads."""
    # Pelican reads some settings it has no default for (TIMEZONE, AUTHORS_SAVE_AS, …).
    known = set(pelican_defaults())
    for path in _code_files(code_roots):
        known.update(SETTING_NAME.findall(path.read_text(encoding="utf-8", errors="replace")))
    return known


def _unread(names: set[str], code_roots: list[Path]) -> set[str]:
    """The names that are neither Pelican defaults nor read by any file known_settings reads.

    The same answer as `names - known_settings(code_roots)` in a tenth of the time: only these
    names are looked for, each as a whole word (what SETTING_NAME's \\b means) by str.find
    instead of a regular expression tried at every word of 600 KB of code."""
    defaults = set(pelican_defaults())
    pending = {n for n in names - defaults if SETTING_NAME.fullmatch(n)}
    never = {n for n in names - defaults if not SETTING_NAME.fullmatch(n)}
    if pending:
        text = "\n".join(
            p.read_text(encoding="utf-8", errors="replace") for p in _code_files(code_roots)
        )
        pending = {name for name in pending if not _has_word(text, name)}
    return pending | never


def _has_word(text: str, word: str) -> bool:
    def is_word(at: int) -> bool:  # as the regex \w: alphanumeric (any script) or underscore
        return 0 <= at < len(text) and (text[at].isalnum() or text[at] == "_")

    at = text.find(word)
    while at >= 0:
        if not is_word(at - 1) and not is_word(at + len(word)):
            return True
        at = text.find(word, at + 1)
    return False


def settings_problems(
    settings_file: Path, tree: ast.Module, code_roots: list[Path]
) -> list[tuple[int, str, str, str]]:
    """(line, name, problem, fix) for each upper-case setting that nothing reads (a typo)."""
    assigned = []
    for node in tree.body:
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, (ast.AnnAssign, ast.AugAssign))
            else []
        )
        for target in targets:
            name = getattr(target, "id", None)
            if name and name.isupper():
                assigned.append((node.lineno, name))
    unread = _unread({name for _, name in assigned}, code_roots) - {settings_file.stem}
    if not unread:
        return []
    known = known_settings(code_roots) - {settings_file.stem}  # for the suggestions
    return [
        (
            line,
            name,
            f"setting '{name}' is not used by Pelican or this site, so it has no effect",
            did_you_mean(name, known, "remove it, or use it in the theme or a plugin"),
        )
        for line, name in assigned
        if name in unread
    ]


# -- files ------------------------------------------------------------------------------------


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) of a PNG, GIF, JPEG or WebP from its header; None for other files."""
    try:
        with path.open("rb") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return None
    if head[:8] == b"\x89PNG\r\n\x1a\n" and len(head) >= 24:
        return struct.unpack(">II", head[16:24])
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", head[6:10])
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kind = head[12:16]
        if kind == b"VP8 ":
            w, h = struct.unpack("<HH", head[26:30])
            return w & 0x3FFF, h & 0x3FFF
        if kind == b"VP8L":
            bits = int.from_bytes(head[21:25], "little")
            return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
        if kind == b"VP8X":
            return int.from_bytes(head[24:27], "little") + 1, int.from_bytes(
                head[27:30], "little"
            ) + 1
    if head[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(head):
            if head[i] != 0xFF:
                i += 1
                continue
            marker = head[i + 1]
            if marker in (
                0xC0,
                0xC1,
                0xC2,
                0xC3,
                0xC5,
                0xC6,
                0xC7,
                0xC9,
                0xCA,
                0xCB,
                0xCD,
                0xCE,
                0xCF,
            ):
                h, w = struct.unpack(">HH", head[i + 5 : i + 9])
                return w, h
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                i += 2
                continue
            i += 2 + int.from_bytes(head[i + 2 : i + 4], "big")
    return None


IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg", ".avif"}


def image_problems(root: Path, settings: dict) -> list[tuple[Path, str, str]]:
    """(path, problem, fix) for images in the static folders over the documented limits."""
    limit = limits(settings)
    found = []
    for folder in settings.get("STATIC_PATHS", []):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix.lower() not in IMAGE_SUFFIXES or not path.is_file():
                continue
            kb = path.stat().st_size / 1024
            if kb > limit["image_kb"]:
                found.append(
                    (
                        path,
                        f"is {kb:.0f} KB, over the {limit['image_kb']} KB limit",
                        "compress it (or save it as WebP) and resize it to at most "
                        f"{limit['image_px']} px wide",
                    )
                )
            size = image_size(path)
            if size and size[0] > limit["image_px"]:
                found.append(
                    (
                        path,
                        f"is {size[0]} px wide, over the {limit['image_px']} px limit",
                        f"resize it to at most {limit['image_px']} px wide",
                    )
                )
    return found


def file_too_big(path: Path, settings: dict) -> tuple[str, str] | None:
    limit = limits(settings)["file_kb"]
    try:
        kb = path.stat().st_size / 1024
    except OSError:
        return None
    if kb > limit:
        return (
            f"is {kb:.0f} KB, over the {limit} KB a content file may be",
            "split it into several articles, or remove what was pasted by mistake",
        )
    return None


def settings_file_problems(settings_file, theme=None) -> list:
    """Problems for misspelt settings in a settings file, as one-line Problems."""
    path = Path(settings_file).resolve()
    plugins = Path(__file__).resolve().parents[2]
    # The theme named in the file, and the one a --theme override uses, may read settings.
    roots = [
        plugins,
        path.parent / "tasks.py",
        path.parent / "theme",
        *([Path(theme)] if theme else []),
    ]
    try:
        shown = str(path.relative_to(Path.cwd()))
    except ValueError:
        shown = str(path)
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return []  # Pelican reports a settings file it cannot read
    return [
        Problem(shown, line, name, message, fix)
        for line, name, message, fix in [
            *settings_problems(path, tree, roots),
            *search_kinds(tree),
        ]
    ]


def search_kinds(tree: ast.Module) -> list[tuple[int, str, str, str]]:
    """(line, name, problem, fix) for each kind in ORBIT_SEARCH_KINDS without its label
    search-kind-<kind> (the page would fail to build, with no line to look at)."""
    kinds = sorted(k.removeprefix("search-kind-") for k in LABELS if k.startswith("search-kind-"))
    found = []
    for node in tree.body:
        if not (
            isinstance(node, ast.Assign)
            and any(getattr(t, "id", None) == "ORBIT_SEARCH_KINDS" for t in node.targets)
            and isinstance(node.value, ast.Dict)
        ):
            continue
        for value in node.value.values:
            kind = value.value if isinstance(value, ast.Constant) else None
            if not isinstance(kind, str) or kind not in kinds:
                found.append(
                    (
                        value.lineno,
                        "ORBIT_SEARCH_KINDS",
                        f"{ast.unparse(value)} is not a kind of search result",
                        did_you_mean(str(kind), kinds, f"use one of: {', '.join(kinds)}"),
                    )
                )
    return found
