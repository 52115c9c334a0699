"""The stylesheets: theme/styles/ joined into one minified file per kind of page.

The styles are kept as small files in theme/styles/ (core/ first: tokens, base, layout; then
components/; print.css last) and served as one minified file per kind of page, so every page
costs one stylesheet request and an article does not download the timeline's or the tables'
rules. No Node tool is needed to join them.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

CORE = ("tokens", "base", "layout")
# Which components each stylesheet carries; a template picks one with `css_bundle`.
BUNDLES = {
    "main": ("content",),  # articles and pages: the budget is tightest here
    "lists": ("content", "lists", "home", "figures"),  # home (its lead figure), topics, tags, archives
    "data": ("content", "lists", "tables", "figures", "timeline", "reference"),  # generated views
    "figures": ("content", "tables", "figures"),  # stories that show a build-time figure
}


def style_files(theme: Path, bundle: str = "main") -> list[Path]:
    """A bundle's source files in cascade order: core, its components, then print."""
    folder = Path(theme) / "styles"
    names = [folder / "core" / f"{n}.css" for n in CORE]
    names += [folder / "components" / f"{n}.css" for n in BUNDLES[bundle]]
    names.append(folder / "print.css")
    return [p for p in names if p.exists()]


def minify(css: str) -> str:
    """Drop comments and the whitespace CSS does not need (never the space before ':')."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r"\s*([{};,>])\s*", r"\1", css)
    css = re.sub(r":\s+", ":", css)
    return css.replace(";}", "}").strip() + "\n"


def stylesheet(theme: Path, bundle: str = "main") -> str:
    return minify("\n".join(p.read_text(encoding="utf-8") for p in style_files(theme, bundle)))


def stylesheet_versions(theme: Path) -> dict[str, str]:
    """A short hash per bundle, appended to its URL so browsers refetch it when it changes."""
    return {name: hashlib.sha256(stylesheet(theme, name).encode()).hexdigest()[:10]
            for name in BUNDLES}


def write_stylesheets(pelican):
    settings = pelican.settings
    folder = Path(pelican.output_path) / settings["THEME_STATIC_DIR"] / "css"
    folder.mkdir(parents=True, exist_ok=True)
    for name in BUNDLES:
        (folder / f"{name}.css").write_text(stylesheet(Path(settings["THEME"]), name),
                                            encoding="utf-8")
