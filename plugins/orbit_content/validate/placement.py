"""Every file in content/ is in its place, or refused by name: nothing is skipped in silence.

Pelican reads Markdown only from ARTICLE_PATHS and PAGE_PATHS, with any of its Markdown
extensions (.md, .markdown, .mkd, .mdown), and copies STATIC_PATHS; anything else is ignored
without a word. The validator reads `*.md` only. So an article saved in content/ was dropped
from the site, a `.markdown` file was built without being validated (and failed in the theme),
and a dangling symlink crashed the check. Here each of those is one line naming the file.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

MARKDOWN = {".md", ".markdown", ".mkd", ".mdown", ".mdwn", ".mkdn", ".mdtxt", ".mdtext"}
LOOKS_LIKE_CONTENT = MARKDOWN | {".html", ".htm", ".rst", ".txt"}
HELP = "move it to content/articles/ (an article) or content/pages/ (a page)"


def problems(root: Path, settings: dict) -> list[tuple[Path, str, str]]:
    """(path, problem, fix) for each file under `root` that the build would drop or misread."""
    content_dirs = [
        *settings.get("ARTICLE_PATHS", ["articles"]),
        *settings.get("PAGE_PATHS", ["pages"]),
    ]
    static_dirs = settings.get("STATIC_PATHS", ["images"])
    ignored = settings.get("IGNORE_FILES", [".#*"])
    found = []
    for path in sorted(_walk(root)):
        rel = path.relative_to(root)
        if any(fnmatch.fnmatch(path.name, pattern) for pattern in ignored if pattern != "*.yaml"):
            continue
        top = rel.parts[0] if len(rel.parts) > 1 else ""
        if path.is_symlink() and not path.exists():
            found.append(
                (
                    path,
                    f"is a link to '{path.readlink()}', which does not exist",
                    "remove the link, or restore the file it points to",
                )
            )
            continue
        if path.is_dir():
            continue
        suffix = path.suffix.lower()
        if top in content_dirs:
            if suffix == ".md":
                continue
            if suffix in MARKDOWN:
                found.append(
                    (
                        path,
                        f"has the extension '{path.suffix}'; content files end in .md",
                        f"rename it to {path.stem}.md",
                    )
                )
            elif suffix in LOOKS_LIKE_CONTENT:
                found.append(
                    (
                        path,
                        f"is a {suffix} file, which the site does not build",
                        f"write it in Markdown as {path.stem}.md, with front matter",
                    )
                )
            else:
                found.append(
                    (
                        path,
                        "is not content, so the build leaves it out",
                        "move images and files to content/images/ and link them with "
                        "{static}/images/…",
                    )
                )
        elif top == "data":
            if suffix == ".yml":
                found.append(
                    (
                        path,
                        "has the extension .yml; data files end in .yaml",
                        f"rename it to {path.stem}.yaml",
                    )
                )
            elif suffix != ".yaml":
                found.append(
                    (
                        path,
                        "is not a data file (content/data/ holds .yaml files)",
                        f"remove it, or {HELP}" if suffix in LOOKS_LIKE_CONTENT else "remove it",
                    )
                )
        elif top in static_dirs:
            if suffix in MARKDOWN:
                found.append(
                    (
                        path,
                        f"is Markdown in content/{top}/, which is copied as a file, "
                        "not built as a page",
                        HELP,
                    )
                )
        elif suffix in LOOKS_LIKE_CONTENT:
            where = f"content/{top}/" if top else "content/"
            found.append(
                (
                    path,
                    f"is in {where}, where the build does not look, so it is not published",
                    HELP,
                )
            )
    return found


def _walk(root: Path):
    """Every path under root, symlinks included but not followed (a link may point nowhere)."""
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            yield entry
            if entry.is_dir() and not entry.is_symlink():
                stack.append(entry)
