"""The site's strands: the three stories readers follow (ORBIT_STRANDS), each a list of its
articles in reading order (ORBIT_STORY_ORDER), for the main menu and the list of all stories.

A strand names the topics it gathers; an article whose topic no strand names is listed under
"More stories", so none is ever left out of the list.
"""

from __future__ import annotations

from orbit_content.typography import smarten
from orbit_content.validate import SiteContent

from .home import story_cards
from .links import Links
from .wording import Words

# The strand of stories no strand in ORBIT_STRANDS gathers; its name is strand-more in labels.yaml.
OTHER = "more"


def strands(site: SiteContent, settings, links: Links) -> list[dict]:
    """Each strand with its stories in reading order; strands without a story are left out."""
    topic_of = {a.slug: a.category for a in site.articles.values()}
    cards = story_cards(site, settings, links)
    out, placed = [], set()
    for strand in settings.get("ORBIT_STRANDS", []):
        stories = [c for c in cards if topic_of.get(c["slug"]) in strand["topics"]]
        placed.update(c["slug"] for c in stories)
        if stories:
            out.append(
                {
                    "key": strand["key"],
                    "name": smarten(strand["name"]),
                    "id": f"strand-{strand['key']}",
                    "stories": stories,
                }
            )
    rest = [c for c in cards if c["slug"] not in placed]
    if rest:
        name = Words.of(site)("strand-more")
        out.append({"key": OTHER, "name": name, "id": f"strand-{OTHER}", "stories": rest})
    return out
