"""The sources index (every source once, with the pages citing it) and the agencies index."""

from __future__ import annotations

import itertools

from orbit_content.validate import SiteContent
from orbit_contract import source_anchor

from .links import Link, Links


def sources_index(site: SiteContent, links: Links) -> list[dict]:
    """Every source on the site once (by address), with every page that cites it."""
    found: dict[str, dict] = {}

    def add(source, link: Link):
        entry = found.setdefault(
            source.url,
            {
                "title": source.title,
                "publisher": source.publisher,
                "url": source.url,
                "published": source.published,
                "accessed": source.accessed,
                "language": source.language,
                "kind": source.kind,
                "cited_on": [],
            },
        )
        entry["accessed"] = max(entry["accessed"], source.accessed)
        if all(c["url"] != link.url for c in entry["cited_on"]):
            entry["cited_on"].append(
                {"title": link.title, "url": link.url, "page": link.url.partition("#")[0]}
            )

    for a in sorted(links.articles.values(), key=lambda a: a.title):
        for s in a.sources:
            add(s, Link(a.title, f"{links.article(a.slug)}#{source_anchor(s.id)}"))
    for p in sorted(links.pages.values(), key=lambda p: p.title):
        for s in p.sources:
            add(s, Link(p.title, f"{links.page(p.slug)}#{source_anchor(s.id)}"))
    crew, moon = links.view("crew-exchange"), links.view("moon-missions")
    if crew:
        for f in site.data.get("flights", []):
            for s in f.sources:
                add(s, crew)
    for m in site.data.get("missions", []):
        if moon and m.kind == "lunar-lander":
            for s in m.sources:
                add(s, moon)
    return sorted(found.values(), key=lambda e: (e["publisher"].casefold(), e["title"].casefold()))


def publisher_groups(sources: list[dict]) -> list[dict]:
    """The sources index grouped by publisher, case-insensitively, each group named as its
    first source spells the publisher."""
    groups = []
    by_name = sorted(sources, key=lambda s: s["publisher"].lower())
    for _, items in itertools.groupby(by_name, key=lambda s: s["publisher"].lower()):
        items = list(items)
        groups.append({"publisher": items[0]["publisher"], "sources": items, "count": len(items)})
    return groups


def agency_index(site: SiteContent, links: Links) -> list[dict]:
    out = []
    flights = site.data.get("flights", [])
    for key, agency in site.collection("agencies").items():
        out.append(
            {
                "key": key,
                "id": f"agency-{key}",
                "name": agency.name,
                "abbreviation": agency.abbreviation,
                "country": agency.country,
                "url": agency.url,
                "description": agency.description,
                "articles": [
                    {"title": a.title, "url": links.article(a.slug)}
                    for a in sorted(links.articles.values(), key=lambda a: a.title)
                    if key in a.agencies
                ],
                "missions": [m.name for m in site.data.get("missions", []) if key in m.agencies],
                "flights": sum(1 for f in flights if f.agency == key),
            }
        )
    return out
