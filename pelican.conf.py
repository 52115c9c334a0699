"""Pelican settings for Orbit Exchange: the only settings file.

A publish build overrides values here from tasks.py (absolute SITEURL, feeds) instead of
keeping a second settings module.
"""

# Site
SITENAME = "Orbit Exchange"
SITE_TAGLINE = (
    "The ISS partnership, the seat swap, Russia's next station "
    "and the 2023 race to the Moon's south pole"
)
# The home page's headline and the paragraph beneath it (the tagline stays the site's
# description, title and social-card text).
SITE_HEADLINE = "Sharing seats in orbit, racing to the Moon"
SITE_DEK = (
    "How NASA and Roscosmos came to swap seats on flights to the International Space Station, "
    "why Russia plans to leave it for a station of its own, and how the August 2023 race to the "
    "Moon's south pole ended"
)
AUTHOR = "Orbit Exchange"
SITEURL = ""
PUBLISH_SITEURL = "https://orbit-exchange.github.io"
DEFAULT_LANG = "en"
TIMEZONE = "UTC"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
# Names shown for sources in other languages (the `language:` field of a source).
LANGUAGE_NAMES = {
    "ru": "Russian",
    "hi": "Hindi",
    "fr": "French",
    "de": "German",
    "ja": "Japanese",
    "zh": "Chinese",
    "es": "Spanish",
    "it": "Italian",
    "kk": "Kazakh",
    "pt": "Portuguese",
}
REPOSITORY_URL = "https://github.com/orbit-exchange/orbit-exchange"

# Content
PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]

IGNORE_FILES = [".#*", "*.yaml"]
READERS = {"html": None}
FORMATTED_FIELDS = ["summary"]

# Plugins: listed explicitly, in order. With PLUGINS unset Pelican loads every installed plugin.
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "pelican.plugins.yaml_metadata",
    "orbit_content.plugin",  # stage 1: validate, then read (before views: they need .model)
    "orbit_views.plugin",  # stage 2: the values templates show
    "orbit_assets.plugin",  # stage 3: stylesheets, robots.txt, search index
    "pelican.plugins.sitemap",
]

# Sitemap (pelican-sitemap): every page but the 404, which static hosts serve for missing paths.
SITEMAP = {"format": "xml", "exclude": [r"^404\.html$"]}

# Source hosts for which the research dossier records only an http:// address. Every other
# source must be https; re-check these with `invoke linkcheck` when online.
ORBIT_HTTP_HOSTS = [
    "astroduet.blogspot.com",
    "ospreywatch.org",
    "russianspacenews.com",
    "ummnews.org",
    "www.boeing.com",
    "www.britannica.com",
    "www.collectspace.com",
    "www.esa.int",
    "www.russianspaceweb.com",
]

MARKDOWN = {
    "extensions": ["orbit_content.citations", "orbit_content.unbroken"],
    "extension_configs": {
        "markdown.extensions.extra": {},
        # Characters, not entities: as in the front matter (typography.py) and the data.
        "markdown.extensions.smarty": {
            "substitutions": {
                "left-single-quote": "‘",
                "right-single-quote": "’",
                "left-double-quote": "“",
                "right-double-quote": "”",
                "left-angle-quote": "«",
                "right-angle-quote": "»",
                "ndash": "–",
                "mdash": "—",
                "ellipsis": "…",
            }
        },
        "markdown.extensions.toc": {"permalink": False, "toc_depth": "2-3"},
    },
    "output_format": "html5",
}

# Theme
THEME = "theme"
THEME_STATIC_DIR = "theme"
# Autoescape: every value is escaped unless a template marks it safe (rendered HTML only).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
# The main menu and the footer, by page slug ("archives" is the list of all stories); entries
# whose page does not exist are left out.
ORBIT_NAV = ["archives", "timeline", "crew-exchange", "moon-missions", "glossary", "search"]
ORBIT_NAV_LABELS = {"crew-exchange": "Seat swaps", "moon-missions": "Moon missions"}
ORBIT_EXPLORE = [
    "timeline",
    "crew-exchange",
    "moon-missions",
    "data",
    "glossary",
    "sources",
    "agencies",
]
ORBIT_FOOTER = ["about", "how-we-source", "corrections", "sources", "agencies", "data"]
# The three strands a reader follows (main menu, list of all stories), by the topics they
# gather; each lists its stories in ORBIT_STORY_ORDER.
ORBIT_STRANDS = [
    {"key": "iss", "name": "The ISS and the seat swap", "topics": ["station", "crew-exchange"]},
    {"key": "russia", "name": "Russia's next station", "topics": ["russia"]},
    {"key": "moon", "name": "The Moon race", "topics": ["moon"]},
]
# The home page tells the story in this order; other articles follow by topic.
ORBIT_STORY_ORDER = [
    "extra-soyuz-seat",
    "seat-swap",
    "iss-partnership",
    "russian-orbital-station",
    "lunar-south-pole",
    "luna-25",
    "chandrayaan-3",
]
# Build-time figures shown inside articles (seat_lanes, plans, south_pole), when their data exists.
ORBIT_ARTICLE_FIGURES = {
    "russian-orbital-station": ["plans"],
    "seat-swap": ["seat_lanes"],
    "extra-soyuz-seat": ["seat_lanes"],
    "lunar-south-pole": ["south_pole"],
    "luna-25": ["south_pole"],
    "chandrayaan-3": ["south_pole"],
}
# What a search result calls a page, by its template: the kind whose words are the label
# search-kind-<kind> in content/data/labels.yaml (others are "page"; articles are "story").
ORBIT_SEARCH_KINDS = {
    "timeline": "data",
    "crew-exchange": "data",
    "moon-missions": "data",
    "agencies": "data",
    "data": "data",
    "glossary": "glossary",
    "sources": "sources",
}
# Index the built pages for search with Pagefind after every build.
ORBIT_PAGEFIND = True
# Theme boilerplate kept out of the search index and its excerpts: citation marks, key-fact
# labels and source lines, back-links.
ORBIT_PAGEFIND_EXCLUDE = [
    "sup.cite",
    ".key-facts h2",
    ".key-facts dt",
    ".fact-meta",
    ".backrefs",
    ".backref",
    ".event-meta",
]
# 404 is rendered to 404.html, the name static hosts look for.
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives", "404"]
DEFAULT_PAGINATION = False

# URLs: one folder per page, so addresses stay clean (/seat-swap/)
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "topics/{slug}/"
CATEGORY_SAVE_AS = "topics/{slug}/index.html"
CATEGORIES_URL = "topics/"
CATEGORIES_SAVE_AS = "topics/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
INDEX_SAVE_AS = "index.html"

# Feeds only in a publish build (they need an absolute SITEURL)
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

RELATIVE_URLS = False
