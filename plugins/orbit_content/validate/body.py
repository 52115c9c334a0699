"""The Markdown body: citations, {filename}/{static} links and images, with their lines.

Also the checks that tie the body to the front matter: every source cited, cited ids that
exist, key facts and events resting on listed sources, the slug matching the file name.
"""

from __future__ import annotations

import re
from pathlib import Path

from orbit_contract import CITATION, CITED_ID, INTERNAL_LINK

from ..problems import did_you_mean
from ..yamlpos import Document
from .fields import check_url

IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)")
FENCED = re.compile(r"^(```|~~~)")
CODE_SPAN = re.compile(r"(`+).+?\1")  # `[@id]` inside backticks is shown as code, not cited


def check_body(v, doc: Document, item):
    """Citations, internal links and images in the Markdown body, with their lines."""
    source_ids = {s.get("id") for s in doc.data.get("sources") or [] if isinstance(s, dict)}
    # Without a sources: field (already reported) every citation would be reported again.
    check_citations = "sources" in doc.data
    cited: set[str] = set()
    in_code = False
    for offset, text in enumerate(doc.body.splitlines()):
        line = doc.body_start + offset
        if FENCED.match(text.strip()):
            in_code = not in_code
        if in_code:
            continue
        text = CODE_SPAN.sub("", text)
        for match in CITATION.finditer(text):
            for part in match.group(1).split(";"):
                m = CITED_ID.match(part.strip())
                if not m:
                    v.report(
                        doc.path,
                        ("body",),
                        f"malformed citation '{match.group(0)}'",
                        "write [@source-id] or [@one; @two]",
                        line=line,
                    )
                    continue
                ident = m.group(1)
                cited.add(ident)
                if check_citations and ident not in source_ids:
                    v.report(
                        doc.path,
                        ("body",),
                        f"cites unknown source '{ident}'",
                        did_you_mean(ident, source_ids, "add it to sources: or fix the id"),
                        line=line,
                    )
        for match in INTERNAL_LINK.finditer(text):
            check_link(v, doc, match.group(1), match.group(2), line)
        for match in IMAGE.finditer(text):
            if not match.group(1).strip():
                v.report(
                    doc.path,
                    ("body",),
                    f"image '{match.group(2)}' has no alt text",
                    "describe the picture inside ![…]",
                    line=line,
                )
    if item is None:
        return
    for index, source in enumerate(item.sources):
        check_url(v, doc, ("sources", index, "url"), source.url)
        if source.id not in cited:
            v.report(
                doc,
                ("sources", index, "id"),
                f"source '{source.id}' is never cited",
                f"cite it in the text with [@{source.id}] or remove it",
            )
    seen: dict[str, int] = {}
    for index, source in enumerate(item.sources):
        if source.id in seen:
            v.report(
                doc,
                ("sources", index, "id"),
                f"duplicate source id '{source.id}'",
                f"already used at line {seen[source.id]}; give each source its own id",
            )
        seen.setdefault(source.id, doc.line_of(("sources", index)))
    for name in ("key_facts", "events"):
        for index, entry in enumerate(getattr(item, name, [])):
            if entry.source not in source_ids:
                v.report(
                    doc,
                    (name, index, "source"),
                    f"unknown source '{entry.source}'",
                    did_you_mean(entry.source, source_ids, "use an id from sources:"),
                )
    hero = getattr(item, "hero", None)
    if hero:
        check_link(v, doc, "static", hero.src, doc.line_of(("hero", "src")), relative_to_root=True)
    stem = doc.path.stem
    if item.slug != stem:
        v.report(
            doc,
            ("slug",),
            f"'{item.slug}' differs from the file name '{doc.path.name}'",
            f"rename the file to {item.slug}.md or set slug: {stem}",
        )


def check_link(v, doc, kind, target, line, relative_to_root=False):
    target = target.split("#", 1)[0].split("?", 1)[0]
    if not target:
        v.report(
            doc.path,
            ("body",),
            f"{{{kind}}} link has no file name",
            f"write the path after {{{kind}}}, like {{filename}}other-article.md",
            line=line,
        )
        return
    root = v.site.root
    base = root if relative_to_root or target.startswith("/") else doc.path.parent
    path = (base / target.lstrip("/")).resolve()
    if not path.is_file():
        names = [p.name for p in root.rglob(f"*{path.suffix}") if p.is_file()]
        hint = did_you_mean(Path(target).name, names, "check the path; it is relative to this file")
        if hint.startswith("did you mean"):
            hint = hint.replace("did you mean '", "did you mean a file named '")
        v.report(
            doc.path,
            ("hero", "src") if relative_to_root else ("body",),
            f"{{{kind}}}{target} points to a file that does not exist",
            hint,
            line=line,
        )
