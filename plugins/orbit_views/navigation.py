"""The main menu, the footer and the home page's entry points, from the settings."""

from __future__ import annotations

from .links import Links
from .wording import Words


def navigation(links: Links, settings, words: Words) -> list[dict]:
    """The main menu: each entry of ORBIT_NAV that exists on this site."""
    items = []
    for entry in settings.get("ORBIT_NAV", []):
        if entry == "archives":
            items.append(
                {
                    "key": "archives",
                    "label": words("nav-stories"),
                    "url": settings.get("ARCHIVES_URL", "archives/"),
                    "save_as": settings.get("ARCHIVES_SAVE_AS", "archives/index.html"),
                }
            )
        elif entry in links.pages:
            page = links.pages[entry]
            items.append(
                {
                    "key": entry,
                    "label": settings.get("ORBIT_NAV_LABELS", {}).get(entry, page.title),
                    "url": links.page(entry),
                    "save_as": links.page_save_as(entry),
                }
            )
    return items


def footer_links(links: Links, settings, words: Words) -> list[dict]:
    links = [
        {"label": links.pages[s].title, "url": links.page(s), "save_as": links.page_save_as(s)}
        for s in settings.get("ORBIT_FOOTER", [])
        if s in links.pages
    ]
    links.append(
        {
            "label": words("footer-topics"),
            "url": settings.get("CATEGORIES_URL", "topics/"),
            "save_as": settings.get("CATEGORIES_SAVE_AS", ""),
        }
    )
    links.append(
        {
            "label": words("footer-tags"),
            "url": settings.get("TAGS_URL", "tags/"),
            "save_as": settings.get("TAGS_SAVE_AS", ""),
        }
    )
    return links


def explore_links(links: Links, settings) -> list[dict]:
    """Entry points to the generated views, for the home page (ORBIT_EXPLORE order)."""
    return [
        {"title": link.title, "url": link.url, "summary": link.extra.get("summary", "")}
        for template in settings.get("ORBIT_EXPLORE", [])
        if (link := links.view(template))
    ]
