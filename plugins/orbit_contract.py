"""What several stages (and sitecheck) must agree on, defined once and imported, never copied.

The citation grammar and the anchors it produces, the `{filename}`-style link pattern, the date
format readers see, flight-duration arithmetic and its tolerance, the page budgets, and
Pelican's own defaults and slug rule. This module imports nothing heavier than the standard
library, markupsafe and unidecode (Pelican's own dependencies for its slugs), so `./site check`
and sitecheck can use it without loading Pelican: `import pelican` loads all of it, docutils,
Pygments and Jinja included (half a second and more).
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import importlib.util
import os
import re
import unicodedata
from pathlib import Path

import unidecode
from markupsafe import Markup

# -- citations ---------------------------------------------------------------------------------

# A source id as a citation may write it; the schema's ids are a subset (kebab-case keys).
CITE_ID = r"[A-Za-z0-9][A-Za-z0-9_.:-]*"
# In the Markdown body: `[@id]` or `[@one; @two]`. The loose form finds everything that looks
# like a citation (so a malformed one is reported); the strict form is what the extension renders.
CITATION = re.compile(r"\[@([^\]\n]+)\]")
CITED_ID = re.compile(rf"^@?({CITE_ID})$")
CITATION_PATTERN = rf"\[@({CITE_ID}(?:\s*;\s*@{CITE_ID})*)\]"
# The anchors written into the HTML: each source's list item, and each use of it in the text.
SOURCE_PREFIX, CITE_PREFIX = "source-", "cite-"


def source_anchor(ident: str) -> str:
    """The id of a source's entry in the page's source list."""
    return f"{SOURCE_PREFIX}{ident}"


def cite_anchor(ident: str, use: int) -> str:
    """The id of the `use`-th citation of a source in the text (from 1)."""
    return f"{CITE_PREFIX}{ident}-{use}"


# -- internal links ----------------------------------------------------------------------------

# Pelican's intra-site link markers. In the Markdown source a contributor writes these three;
# after a build, any marker left in the output is a link Pelican could not resolve.
INTERNAL_LINK = re.compile(r"\{(filename|static|attach)\}([^)\s\"'>]*)")
LEFTOVER = re.compile(r"\{(?:filename|static|attach|index|tag|category|author)\}")
LEFTOVER_ENCODED = re.compile(
    r"%7B(?:filename|static|attach|index|tag|category|author)%7D", re.IGNORECASE
)

# -- names in text -----------------------------------------------------------------------------

# A name joined to its number by a hyphen: Chandrayaan-3, Luna-25, Soyuz MS-29, Crew-12 (and
# "mid-2028", which should not break either). Kept on one line wherever the site shows it, in a
# span of class "nowrap": bodies by orbit_content.unbroken's treeprocessor, the texts of front
# matter and data by its `markup` (the theme's `unbroken` filter).
NAME_NUMBER = re.compile(r"\b[^\W\d]\w*-\d+\b(?!-)")  # a name: not a date such as 2023-08-19
NOWRAP_CLASS = "nowrap"

# -- dates and durations -----------------------------------------------------------------------

# How a date reads on the site ("4 October 2023"); also DEFAULT_DATE_FORMAT in pelican.conf.py.
DATE_FORMAT = "%-d %B %Y"
# How a month reads ("June 2026"): a plan known to the month, the start of a series.
MONTH_FORMAT = "%B %Y"


def duration_days(start, end) -> float | None:
    """Days between two instants (or dates, counted from midnight UTC), to a tenth of a day."""
    if start is None or end is None:
        return None

    def as_dt(value):
        if isinstance(value, dt.datetime):
            return value
        return dt.datetime.combine(value, dt.time(), tzinfo=dt.UTC)

    return round((as_dt(end) - as_dt(start)).total_seconds() / 86400, 1)


# Tolerance between a flight's reported whole days and the computed duration: the page notes
# the reported figure when it is not the computed one rounded; the editorial check fails a
# flight only when they are more than a day apart (then one of the two dates is wrong).
SHOWN_WHEN_OFF_BY = 0.5
WRONG_WHEN_OFF_BY = 1


# -- Pelican's defaults and slugs --------------------------------------------------------------


def pelican_folder() -> Path:
    """Where the installed Pelican package lives, found without importing it."""
    spec = importlib.util.find_spec("pelican")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("Pelican is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


@functools.cache  # a pure function of the installed Pelican; the tests call it many times
def pelican_defaults() -> dict:
    """pelican.settings.DEFAULT_CONFIG, read from the source of pelican/settings.py.

    Importing pelican.settings imports the whole package (pelican/__init__ loads the generators,
    readers, docutils, Pygments and Jinja); the dict is written as literals in that file, so
    reading it costs a parse of its lines. Its two computed values (PATH is os.curdir, THEME is
    DEFAULT_THEME, the bundled notmyidea theme) are computed as Pelican computes them.
    tests/test_settings.py compares the result with the imported DEFAULT_CONFIG, so a Pelican
    upgrade that writes it differently fails a test instead of drifting.
    """
    source = pelican_folder() / "settings.py"
    text = source.read_text(encoding="utf-8")
    # Only the dict's own lines are parsed when it is written as a block (a fifth of the file).
    block = text.find("\nDEFAULT_CONFIG = {\n")
    end = text.find("\n}\n", block) if block >= 0 else -1
    tree = ast.parse(text[block + 1 : end + 2] if end > block >= 0 else text, str(source))
    theme = str(source.parent / "themes" / "notmyidea")
    computed = {"os.curdir": os.curdir, "DEFAULT_THEME": theme}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and [getattr(t, "id", None) for t in node.targets] == ["DEFAULT_CONFIG"]
            and isinstance(node.value, ast.Dict)
        ):
            defaults = {}
            for key, value in zip(node.value.keys, node.value.values, strict=True):
                try:
                    defaults[ast.literal_eval(key)] = ast.literal_eval(value)
                except ValueError:
                    defaults[ast.literal_eval(key)] = computed[ast.unparse(value)]
            return defaults
    raise LookupError(f"no DEFAULT_CONFIG dict in {source}")


def pelican_slugify(
    value: str, regex_subs=(), preserve_case: bool = False, use_unicode: bool = False
) -> str:
    """pelican.utils.slugify, step for step (tags' and categories' slugs, and so their URLs),
    without importing Pelican; tests/test_settings.py compares the two on every title, tag and
    category of the site and on harder cases."""
    value = unicodedata.normalize("NFKC", Markup(value).striptags())
    if not use_unicode:
        value = unidecode.unidecode(value)
    for src, dst in regex_subs:
        value = re.sub(
            unicodedata.normalize("NFKC", src),
            unicodedata.normalize("NFKC", dst),
            value,
            flags=re.IGNORECASE,
        )
    if not preserve_case:
        value = value.lower()
    return value.strip()


def slugify(text: str) -> str:
    """A slug or key for a title or name, by Pelican's own rule (the one its tag and category
    slugs use), so 'Луна-25' becomes 'luna-25' (unidecode transliterates), then with
    underscores as hyphens and none at either end, so the result is a valid key."""
    slug = pelican_slugify(text, regex_subs=pelican_defaults()["SLUG_REGEX_SUBSTITUTIONS"])
    return re.sub(r"-{2,}", "-", slug.replace("_", "-")).strip("-")


# -- assets ------------------------------------------------------------------------------------

# Fingerprinted files are named name.<first HASH_LENGTH hex digits of sha256>.ext.
HASH_LENGTH = 10
HASHED_NAME = re.compile(rf"\.[0-9a-f]{{{HASH_LENGTH}}}\.(?:css|js)$")

# -- page budgets ------------------------------------------------------------------------------

KB = 1000  # budgets are in kilobytes of 1,000 bytes, as browsers' network panels count them
# (requests, raw bytes of everything the page loads) per kind of page; the article budget is
# the site's promise to readers on slow links, the others follow from the pages' jobs.
# Font files are counted apart: a story's four requests are HTML, CSS, icon and its one script.
PAGE_BUDGETS = {
    "article": (4, 70 * KB),
    "timeline": (4, 60 * KB),  # its optional filter script is a fourth request
    "page": (4, 60 * KB),
    "sources": (3, 120 * KB),  # lists every source once: split it by topic past this
}
DEFAULT_BUDGET = (3, 60 * KB)
# A story with a build-time figure carries its SVG inline (two layouts); each may add this much.
FIGURE_BUDGET_BYTES = 24 * KB
# The site's own fonts (theme/static/fonts) a page may load, all faces together.
FONT_BUDGET_BYTES = 150 * KB
