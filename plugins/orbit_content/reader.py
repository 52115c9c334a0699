"""Pelican's reading, joined to the validator's: front matter parsed once, sources numbered.

`install_reader` gives Pelican a Markdown reader that takes the front matter the validator
already parsed and records the citation extension's numbering; `attach_model` puts the
validated model and the numbered source list on each content object.
"""

from __future__ import annotations

from pathlib import Path

from pelican.plugins.yaml_metadata.yaml_metadata import HEADER_RE
from pelican.utils import pelican_open

from orbit_contract import cite_anchor, source_anchor

from . import state
from .citations import CitationExtension
from .validate import body_digest


def attach_model(content):
    """Attach the validated front matter and the numbered source list to each article or page.

    The numbering is the citation extension's own (the reader below records it as `cited`
    metadata), in the order sources are first cited in the text."""
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
    cited = [
        (ident, uses) for ident, uses in getattr(content, "cited", {}).items() if ident in by_id
    ]
    content.citations = [
        {
            "number": number,
            "anchor": source_anchor(ident),
            "source": by_id[ident],
            "backrefs": [cite_anchor(ident, use) for use in range(1, uses + 1)],
        }
        for number, (ident, uses) in enumerate(cited, start=1)
    ]


def install_reader(readers):
    """Replace the Markdown reader with one that records the citation numbering and takes
    each file's front matter from the validator, which has already parsed it."""
    base = readers.reader_classes.get("md")
    if base is None:
        return
    parses_yaml = hasattr(base, "_load_yaml_metadata")  # pelican-yaml-metadata's reader

    class OrbitMarkdownReader(base):
        def read(self, source_path):
            build = state.of(self.settings)
            converted = build.site.rendered.get(Path(source_path).resolve()) if build else None
            if converted is not None and parses_yaml:
                # The validator converted this body with the same Markdown settings; when the
                # text is the same, its HTML and numbering are what a second conversion gives.
                with pelican_open(source_path) as text:
                    match = HEADER_RE.fullmatch(text)
                digest, html, cited = converted
                if match and body_digest(match.group("content")) == digest:
                    metadata = self._load_yaml_metadata(match.group("metadata"), source_path)
                    metadata["cited"] = dict(cited)
                    return html, metadata
            html, metadata = super().read(source_path)
            found = [e for e in self._md.registeredExtensions if isinstance(e, CitationExtension)]
            # Source id -> times cited, in order of first citation: the extension's numbering.
            metadata["cited"] = dict(found[0].uses) if found else {}
            return html, metadata

        if parses_yaml:

            def _load_yaml_metadata(self, text, source_path):
                build = state.of(self.settings)
                doc = build.site.documents.get(Path(source_path).resolve()) if build else None
                if doc is None or not isinstance(doc.data, dict):
                    return super()._load_yaml_metadata(text, source_path)
                return self._parse_yaml_metadata(dict(doc.data), source_path)

    for ext in base.file_extensions:
        readers.reader_classes[ext] = OrbitMarkdownReader
