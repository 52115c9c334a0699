"""Editorial minimums for published articles, beyond what the schema can say.

These are the site's standards for a published explainer: long enough to explain, every
paragraph that states a figure or date cited, computed flight durations agreeing with the
reported ones. Drafts are exempt: a new article starts short. `./site check` applies them
after the validation (they need valid content); a build does not, so a preview of a short
published article still works while it is being written.
"""

from __future__ import annotations

import re
from pathlib import Path

from orbit_contract import CITATION, WRONG_WHEN_OFF_BY, duration_days

from .problems import Problem, dotted
from .validate import SiteContent

MIN_WORDS = 600
MIN_SOURCES = 3
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.,-]*")
MARKUP = re.compile(r"\{(?:filename|static|attach)\}[^)\s]*|\]\([^)]*\)|[#*_>`\[\]]")


def body_words(body: str) -> int:
    """Words a reader reads: without citations, link targets and Markdown punctuation."""
    return len(WORD.findall(MARKUP.sub(" ", CITATION.sub(" ", body))))


def paragraphs(body: str):
    """(first line counted from 0, text) of each blank-line-separated block of the body."""
    start, lines = None, []
    for number, line in enumerate([*body.split("\n"), ""]):
        if line.strip():
            start = number if start is None else start
            lines.append(line)
        elif lines:
            yield start, "\n".join(lines).strip()
            start, lines = None, []


def uncited_paragraphs(body: str) -> list[tuple[int, str]]:
    """Paragraphs that state a number or a date but cite nothing, with their first line."""
    found = []
    for start, text in paragraphs(body):
        if text.startswith("#") or text.startswith("```"):
            continue
        prose = re.sub(r"\]\([^)]*\)", "]", text)  # link targets hold digits that are not facts
        prose = re.sub(r"\bas of (?:\d{1,2} )?[A-Z][a-z]+ \d{4}", "", prose)  # dates our own claims
        # A number that is not part of a name (Luna-25, Soyuz MS-22, Crew-8) states a fact.
        if re.search(r"(?<![-\w])\d", prose) and not CITATION.search(text):
            found.append((start, text[:80]))
    return found


def article_problems(site: SiteContent) -> list[Problem]:
    """The editorial minimums for every published article, as contributor problems."""
    problems = []
    for path, article in sorted(site.articles.items()):
        if article.status != "published":
            continue
        doc = site.documents[path]
        name = _rel(site, path)
        if (words := body_words(doc.body)) < MIN_WORDS:
            problems.append(
                Problem(
                    name,
                    doc.body_start,
                    "body",
                    f"{words} words, fewer than {MIN_WORDS}",
                    "explain more, or keep it as status: draft until it is ready",
                )
            )
        if len(article.sources) < MIN_SOURCES:
            problems.append(
                Problem(
                    name,
                    doc.line_of(("sources",)),
                    "sources",
                    f"{len(article.sources)} sources, fewer than {MIN_SOURCES}",
                    "check the story against more independent sources",
                )
            )
        problems += [
            Problem(
                name,
                doc.body_start + line,
                "body",
                f"paragraph with a figure but no citation: '{text}…'",
                "cite where the figure comes from with [@source-id]",
            )
            for line, text in uncited_paragraphs(doc.body)
        ]
    return problems


def flight_problems(site: SiteContent) -> list[Problem]:
    """Flights whose reported duration is more than a day from the one their dates give."""
    problems = []
    path = site.root / "data" / "flights.yaml"
    doc = site.documents.get(path)
    for index, flight in enumerate(site.data.get("flights", [])):
        computed = duration_days(flight.launch, flight.landing)
        reported = flight.duration_reported_days
        if (
            computed is not None
            and reported is not None
            and abs(computed - reported) > WRONG_WHEN_OFF_BY
        ):
            loc = ("flights", index, "duration_reported_days")
            problems.append(
                Problem(
                    _rel(site, path),
                    doc.line_of(loc) if doc else None,
                    dotted(loc),
                    f"{flight.key}: computed {computed} days, reported {reported}",
                    "check launch, landing and the reported days against the sources",
                )
            )
    return problems


def _rel(site: SiteContent, path: Path) -> str:
    try:
        return str(path.relative_to(site.root.parent))
    except ValueError:
        return str(path)
