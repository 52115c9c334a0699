"""Write a new draft article whose front matter already passes validation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from orbit_content.validate import placeholders as hint
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
summary: "{hint.SUMMARY}"
date: {today}                 # first published
reviewed: {today}             # last time every fact was checked against its source
status: draft                     # change to published when it is ready
category: {category}                # a key in content/data/topics.yaml
tags: []
agencies: []                      # keys in content/data/agencies.yaml, like [nasa, roscosmos]
key_facts:                        # at least 3; each names one of the sources below
  - {{label: "{hint.FACT_LABELS[0]}", value: "{hint.FACT_VALUE}", source: {hint.SOURCE_ID}}}
  - {{label: "{hint.FACT_LABELS[1]}", value: "{hint.FACT_VALUE}", source: {hint.SOURCE_ID}}}
  - {{label: "{hint.FACT_LABELS[2]}", value: "{hint.FACT_VALUE}", source: {hint.SOURCE_ID}}}
events:                           # dated events for the site timeline
  - {{date: {today}, text: "{hint.EVENT_TEXT}", source: {hint.SOURCE_ID}}}
sources:                          # every source must be cited in the text as [@id]
  - id: {hint.SOURCE_ID}
    title: "{hint.SOURCE_TITLE}"
    publisher: "{hint.SOURCE_PUBLISHER}"
    url: {hint.SOURCE_URL}
    accessed: {today}
    kind: press                   # agency, official, wire, press, reference, reprint or other
---
{hint.BODY}[@{hint.SOURCE_ID}]

{hint.HEADING}
"""


PAGE_TEMPLATE = """\
---
# yaml-language-server: $schema=../../schemas/page.schema.json
# Fields are explained in CONTRIBUTING.md. `./site check` tells you what to fix.
title: "{title}"
slug: {slug}                      # the web address: /{slug}/ (must match the file name)
summary: "{hint.PAGE_SUMMARY}"
date: {today}
status: draft                     # change to published when it is ready
---
{hint.PAGE_BODY}, like articles.
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
        template.format(
            title=title.replace('"', '\\"'), slug=slug, today=today, category=category, hint=hint
        ),
        encoding="utf-8",
    )
    return path
