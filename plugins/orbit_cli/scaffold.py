"""Write a new draft article whose front matter already passes validation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from orbit_content.yamlpos import FrontMatterError, read_markdown
from orbit_contract import slugify


class ScaffoldError(Exception):
    """The article cannot be created (bad title, or the file or slug exists)."""


TEMPLATE = """\
---
# yaml-language-server: $schema=../../schemas/article.schema.json
# Fields are explained in CONTRIBUTING.md. `./site check` tells you what to fix.
title: "{title}"
slug: {slug}                      # the web address: /{slug}/ (must match the file name)
summary: "One sentence (20–160 characters) for cards, feeds and link previews."
date: {today}                 # first published
reviewed: {today}             # last time every fact was checked against its source
status: draft                     # change to published when it is ready
category: {category}                # a key in content/data/topics.yaml
tags: []
agencies: []                      # keys in content/data/agencies.yaml, like [nasa, roscosmos]
key_facts:                        # at least 3; each names one of the sources below
  - {{label: "First fact", value: "Its value", source: example-source}}
  - {{label: "Second fact", value: "Its value", source: example-source}}
  - {{label: "Third fact", value: "Its value", source: example-source}}
events:                           # dated events for the site timeline
  - {{date: {today}, text: "What happened on this day", source: example-source}}
sources:                          # every source must be cited in the text as [@id]
  - id: example-source
    title: "The headline of the page you read"
    publisher: "Who published it"
    url: https://www.example.org/
    accessed: {today}
    kind: press                   # agency, official, wire, press, reference, reprint or other
---
Write the story here in short paragraphs. Put a citation after each fact.[@example-source]

## A section heading
"""


PAGE_TEMPLATE = """\
---
# yaml-language-server: $schema=../../schemas/page.schema.json
# Fields are explained in CONTRIBUTING.md. `./site check` tells you what to fix.
title: "{title}"
slug: {slug}                      # the web address: /{slug}/ (must match the file name)
summary: "One sentence (20–160 characters) for link previews and search results."
date: {today}
status: draft                     # change to published when it is ready
---
Write the page here. Pages that state facts need `sources:` and `[@id]` citations, like articles.
"""


def scaffold(
    content: Path, title: str, category: str, today: dt.date | None = None, kind: str = "article"
) -> Path:
    """Create content/articles/<slug>.md (or pages/); refuse to overwrite a file or reuse a slug."""
    if kind not in {"article", "page"}:
        raise ScaffoldError(f"kind '{kind}' is not article or page")
    if title.startswith("-"):
        raise ScaffoldError(
            f"'{title}' looks like an option, not a title — put the title in "
            'quotes first: ./site new "Title" --category moon'
        )
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(f"'{title}' has no letters or digits to make a web address from")
    path = content / f"{kind}s" / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(
            f"{path.relative_to(content.parent)} already exists — edit it, or choose another title"
        )
    for existing in sorted(content.rglob("*.md")):
        try:
            if read_markdown(existing).data.get("slug") == slug:
                raise ScaffoldError(
                    f"slug '{slug}' is already used by "
                    f"{existing.relative_to(content.parent)} — choose another title"
                )
        except FrontMatterError:
            continue
    today = (today or dt.date.today()).isoformat()
    path.parent.mkdir(parents=True, exist_ok=True)
    template = TEMPLATE if kind == "article" else PAGE_TEMPLATE
    path.write_text(
        template.format(title=title.replace('"', '\\"'), slug=slug, today=today, category=category),
        encoding="utf-8",
    )
    return path
