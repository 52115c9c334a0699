"""The stylesheets: theme/styles/ joined into one minified file per kind of page.

The styles are kept as small files in theme/styles/ (core/ first: tokens, base, layout; then
components/; print.css last) and served as one minified file per kind of page, so every page
costs one stylesheet request and an article does not download the timeline's or the tables'
rules. No Node tool is needed to join them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import minify_html

from orbit_contract import HASH_LENGTH

CORE = ("tokens", "base", "layout")
# Which components each stylesheet carries; a template picks one with `css_bundle`. Every
# bundle starts with `page` (page header, meta lines, badges), and each kind of page gets only
# what it shows: a stylesheet is render-blocking, and below about 14 KB it arrives in a new
# connection's first round trip (the timeline's, glossary's and sources' bundles are a third
# of the size of `data`, which serves the generated views that are rarely read).
BUNDLES = {
    "main": ("page", "content"),  # articles and pages: the budget is tightest here
    "figures": ("page", "content", "tables", "figures"),  # stories that show a build-time figure
    "home": ("page", "lists", "home", "figures"),  # the home page and its lead figure
    "lists": ("page", "lists", "home"),  # topics, tags, archives, 404
    "tables": ("page", "lists", "tables", "figures", "sources"),  # seat swaps, Moon missions
    "data": (  # the other generated views: agencies, corrections, search, data downloads
        "page",
        "content",
        "lists",
        "tables",
        "figures",
        "filters",
        "timeline",
        "glossary",
        "sources",
        "reference",
    ),
    "timeline": ("page", "filters", "timeline"),
    "glossary": ("page", "filters", "glossary"),
    "sources": ("page", "filters", "sources"),
}


def style_files(theme: Path, bundle: str = "main") -> list[Path]:
    """A bundle's source files in cascade order: core, its components, then print."""
    folder = Path(theme) / "styles"
    names = [folder / "core" / f"{n}.css" for n in CORE]
    names += [folder / "components" / f"{n}.css" for n in BUNDLES[bundle]]
    names.append(folder / "print.css")
    return [p for p in names if p.exists()]


def minify(css: str) -> str:
    """The one CSS minifier: minify-html's (the publish step's HTML minifier uses the same
    engine for inline CSS), which parses CSS rather than guessing at whitespace."""
    return (
        minify_html.minify(f"<style>{css}</style>", minify_css=True)
        .removeprefix("<style>")
        .removesuffix("</style>")
    )


def stylesheets(theme: Path) -> dict[str, str]:
    """Every bundle, minified: each source file is minified once and the bundles join the
    results. That is byte for byte what minifying each joined bundle gives (minify-html
    rewrites within a rule, never across files; test_views.py holds it to that), at a fifth
    of the cost, which was paid on every preview rebuild."""
    minified: dict[Path, str] = {}
    bundles = {}
    for name in BUNDLES:
        files = style_files(theme, name)
        for path in files:
            if path not in minified:
                minified[path] = minify(path.read_text(encoding="utf-8"))
        bundles[name] = "".join(minified[path] for path in files)
    return bundles


def write_stylesheets(theme: Path, folder: Path, static_dir: str) -> dict[str, str]:
    """Write each bundle, minified, as css/<bundle>.<hash>.css under the theme's static
    folder; return each bundle's path from the site root, for the templates' links.

    The hash in the name is the only cache-buster: a changed stylesheet has a new address,
    so publish builds can serve it as immutable and no `?v=` is needed."""
    paths = {}
    out = folder / static_dir / "css"
    out.mkdir(parents=True, exist_ok=True)
    for name, css in stylesheets(theme).items():
        digest = hashlib.sha256(css.encode()).hexdigest()[:HASH_LENGTH]
        (out / f"{name}.{digest}.css").write_text(css, encoding="utf-8")
        paths[name] = f"{static_dir}/css/{name}.{digest}.css"
    return paths
