"""Pelican's reading, joined to the validator's: front matter parsed once, sources numbered.

`reuse_front_matter` hands the Markdown reader the front matter the validator already parsed;
`attach_model` puts the validated model and the numbered source list on each content object.
"""

from __future__ import annotations

from pathlib import Path

from orbit_contract import CITE_ANCHOR, cite_anchor, source_anchor

from . import state


def attach_model(content):
    """Attach the validated front matter and the numbered source list to each article or page."""
    build = state.of(content)
    site = build.site if build else None
    if site is None or not getattr(content, "source_path", None):
        return
    path = Path(content.source_path).resolve()
    model = site.articles.get(path) or site.pages.get(path)
    if model is None:
        return
    content.model = model
    by_id = {source.id: source for source in model.sources}
    order: dict[str, list[int]] = {}
    for ident, use in CITE_ANCHOR.findall(content._content or ""):
        order.setdefault(ident, []).append(int(use))
    content.citations = [
        {
            "number": n,
            "anchor": source_anchor(ident),
            "source": by_id[ident],
            "backrefs": [cite_anchor(ident, use) for use in uses],
        }
        for n, (ident, uses) in enumerate(order.items(), start=1)
        if ident in by_id
    ]


def reuse_front_matter(readers):
    """Let the Markdown reader take each file's front matter from the validator, which has
    already parsed it, instead of parsing the YAML a second time."""
    base = readers.reader_classes.get("md")
    if base is None or not hasattr(base, "_load_yaml_metadata"):
        return

    class ValidatedFrontMatterReader(base):
        def _load_yaml_metadata(self, text, source_path):
            build = state.of(self.settings)
            doc = build.site.documents.get(Path(source_path).resolve()) if build else None
            if doc is None or not isinstance(doc.data, dict):
                return super()._load_yaml_metadata(text, source_path)
            return self._parse_yaml_metadata(dict(doc.data), source_path)

    for ext in base.file_extensions:
        readers.reader_classes[ext] = ValidatedFrontMatterReader
