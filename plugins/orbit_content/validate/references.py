"""References between files: topics, agencies, missions, related slugs, templates, glossary links.

A key that does not resolve is reported where it is written; a key whose entry is itself
invalid is not reported again (that entry's own problem is enough).
"""

from __future__ import annotations

from pathlib import Path

from .. import schema
from ..problems import did_you_mean
from ..schema import day


def check_references(v):
    site = v.site
    topics, agencies = site.collection("topics"), site.collection("agencies")
    missions = site.collection("missions")
    slugs: dict[str, Path] = {}
    for path, item in [*site.articles.items(), *site.pages.items()]:
        if item.slug in slugs:
            v.report(
                site.documents[path],
                ("slug",),
                f"'{item.slug}' is already used",
                f"by {v.rel(slugs[item.slug])}; choose another",
            )
        slugs.setdefault(item.slug, path)
    article_slugs = {a.slug for a in site.articles.values()} | {
        slug for slug in v.written_slugs if slug not in slugs
    }
    for path, article in site.articles.items():
        doc = site.documents[path]
        resolve_key(v, doc, ("category",), article.category, topics, "topics.yaml")
        for i, key in enumerate(article.agencies):
            resolve_key(v, doc, ("agencies", i), key, agencies, "agencies.yaml")
        for i, slug in enumerate(article.related):
            if slug not in article_slugs or slug == article.slug:
                v.report(
                    doc,
                    ("related", i),
                    f"no other article has slug '{slug}'",
                    did_you_mean(
                        slug, article_slugs - {article.slug}, "use the slug of another article"
                    ),
                )
        for i, event in enumerate(article.events):
            if event.mission is None:
                continue
            mission = resolve_key(
                v, doc, ("events", i, "mission"), event.mission, missions, "missions.yaml"
            )
            if mission is not None and not _within(event.date, mission.launch, mission.end):
                v.report(
                    doc,
                    ("events", i, "date"),
                    f"{event.date} is outside {mission.name} ({_span(mission)})",
                    "check the date or the mission",
                )
    data_docs = {p.name: d for p, d in site.documents.items() if p.parent == site.root / "data"}
    for i, mission in enumerate(site.data.get("missions", [])):
        for j, key in enumerate(mission.agencies):
            resolve_key(
                v,
                data_docs["missions.yaml"],
                ("missions", i, "agencies", j),
                key,
                agencies,
                "agencies.yaml",
            )
    for i, flight in enumerate(site.data.get("flights", [])):
        doc = data_docs["flights.yaml"]
        resolve_key(v, doc, ("flights", i, "agency"), flight.agency, agencies, "agencies.yaml")
        resolve_key(
            v,
            doc,
            ("flights", i, "launch_mission"),
            flight.launch_mission,
            missions,
            "missions.yaml",
        )
        if flight.return_mission:
            resolve_key(
                v,
                doc,
                ("flights", i, "return_mission"),
                flight.return_mission,
                missions,
                "missions.yaml",
            )
    if v.templates is not None:
        available = sorted(p.stem for p in v.templates.glob("*.html"))
        for path, page in site.pages.items():
            if page.template and page.template not in available:
                v.report(
                    site.documents[path],
                    ("template",),
                    f"there is no template '{page.template}' in the theme",
                    did_you_mean(page.template, available, f"use one of: {', '.join(available)}"),
                )
    for i, term in enumerate(site.data.get("terms", [])):
        if term.see and term.see not in slugs and term.see not in v.written_slugs:
            v.report(
                data_docs["glossary.yaml"],
                ("terms", i, "see"),
                f"no article or page has slug '{term.see}'",
                did_you_mean(term.see, slugs, "use an article slug"),
            )


def resolve_key(v, doc, loc, key, collection, filename):
    if key in collection:
        return collection[key]
    name = schema.COLLECTIONS[filename][0]
    if name not in v.written_keys or key in v.written_keys[name]:
        return None  # missing file, or an invalid entry: reported once, where it is
    v.report(
        doc,
        loc,
        f"unknown key '{key}'",
        did_you_mean(key, collection, f"use a key from content/data/{filename}"),
    )
    return None


def _within(when, start, end) -> bool:
    return (start is None or day(start) <= when) and (end is None or when <= day(end))


def _span(mission) -> str:
    end = day(mission.end) if mission.end else "ongoing"
    return f"{day(mission.launch) if mission.launch else '?'} to {end}"
