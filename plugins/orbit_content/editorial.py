"""Editorial minimums for published articles, beyond what the schema can say.

These are the site's standards for the explainer (issue: researched, cited articles): long
enough to explain, every paragraph that states a figure or date cited, computed flight durations
agreeing with the reported ones. Drafts are exempt: a new article starts short.
"""

from __future__ import annotations

import re

from orbit_contract import CITATION, duration_days

from .validate import SiteContent

MIN_WORDS = 600
MIN_SOURCES = 3
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.,-]*")
MARKUP = re.compile(r"\{(?:filename|static|attach)\}[^)\s]*|\]\([^)]*\)|[#*_>`\[\]]")


def body_words(body: str) -> int:
    """Words a reader reads: without citations, link targets and Markdown punctuation."""
    return len(WORD.findall(MARKUP.sub(" ", CITATION.sub(" ", body))))


def uncited_paragraphs(body: str) -> list[str]:
    """Paragraphs that state a number or a date but cite nothing."""
    found = []
    for block in re.split(r"\n\s*\n", body):
        text = block.strip()
        if not text or text.startswith("#") or text.startswith("```"):
            continue
        prose = re.sub(r"\]\([^)]*\)", "]", text)  # link targets hold digits that are not facts
        prose = re.sub(r"\bas of (?:\d{1,2} )?[A-Z][a-z]+ \d{4}", "", prose)  # dates our own claims
        # A number that is not part of a name (Luna-25, Soyuz MS-22, Crew-8) states a fact.
        if re.search(r"(?<![-\w])\d", prose) and not CITATION.search(text):
            found.append(text[:80])
    return found


def article_problems(site: SiteContent) -> list[str]:
    problems = []
    for path, article in sorted(site.articles.items()):
        if article.status != "published":
            continue
        body = site.documents[path].body
        name = path.name
        if (words := body_words(body)) < MIN_WORDS:
            problems.append(f"{name}: {words} words, fewer than {MIN_WORDS}")
        if len(article.sources) < MIN_SOURCES:
            problems.append(f"{name}: {len(article.sources)} sources, fewer than {MIN_SOURCES}")
        problems += [f"{name}: paragraph with a figure but no citation: '{p}…'"
                     for p in uncited_paragraphs(body)]
    return problems


def flight_problems(site: SiteContent) -> list[str]:
    problems = []
    for flight in site.data.get("flights", []):
        computed = duration_days(flight.launch, flight.landing)
        reported = flight.duration_reported_days
        if computed is not None and reported is not None and abs(computed - reported) > 1:
            problems.append(f"{flight.key}: computed {computed} days, reported {reported}")
    return problems
