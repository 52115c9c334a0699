"""Which sources a claim may rest on: kinds, reprints, refused hosts.

A reader trusts a key fact, a timeline event or a data row only as far as its source: the agency
itself, an official document, a wire report or established press. A reprint or a blog may add
colour to the body, labelled as what it is, but never carry such a claim alone. Some hosts
(mirrors, copy farms) are never cited at all; content/data/refused-hosts.yaml lists them with
the reason, so the list is content that can be reviewed, not code.
"""

from __future__ import annotations

from urllib.parse import urlparse

from .. import schema

PRIMARY_FIX = (
    "cite the agency's own release, the official document, the wire report or an "
    "established paper that states it; a reprint or blog may only add colour in the text"
)
# Data collections whose rows are facts shown in tables and charts, each needing a primary source.
DATA_FILES = {"missions": "missions.yaml", "flights": "flights.yaml", "plans": "plans.yaml"}


def check_sources(v):
    """Report refused hosts, unnamed originals and claims that rest on no primary source."""
    site = v.site
    refused = [(h.host.removeprefix("*."), h) for h in site.data.get("hosts", [])]
    for path, item in [*site.articles.items(), *site.pages.items()]:
        doc = site.documents[path]
        _each_source(v, doc, (), item.sources, refused)
        by_id = {s.id: s for s in item.sources}
        for field in ("key_facts", "events"):
            for i, claim in enumerate(getattr(item, field, [])):
                source = by_id.get(claim.source)
                if source is not None and source.kind not in schema.PRIMARY_KINDS:
                    what = "a key fact" if field == "key_facts" else "a timeline event"
                    v.report(
                        doc,
                        (field, i, "source"),
                        f"'{source.id}' is a source of kind '{source.kind}', and {what} must "
                        "rest on an agency, official, wire or press source",
                        PRIMARY_FIX,
                    )
    data_docs = {p.name: d for p, d in site.documents.items() if p.parent == site.root / "data"}
    for key, filename in DATA_FILES.items():
        doc = data_docs.get(filename)
        if doc is None:
            continue
        positions = _raw_positions(doc, key)
        for item in site.data.get(key, []):
            index = positions.get(item.key)
            if index is None:
                continue
            _each_source(v, doc, (key, index), item.sources, refused)
            kinds = [s.kind for s in item.sources]
            if not set(kinds) & schema.PRIMARY_KINDS:
                v.report(
                    doc,
                    (key, index, "sources"),
                    f"'{item.key}' has no agency, official, wire or press source "
                    f"(only {', '.join(sorted(set(kinds)))})",
                    PRIMARY_FIX,
                )


def _each_source(v, doc, prefix: tuple, sources, refused):
    """Check each source's host and that a reprint names its original."""
    for i, source in enumerate(sources):
        loc = (*prefix, "sources", i)
        host = (urlparse(source.url).hostname or "").lower()
        for name, entry in refused:
            if host == name or host.endswith("." + name):
                v.report(
                    doc,
                    (*loc, "url"),
                    f"{host} is a host we never cite ({entry.reason})",
                    f"{entry.instead} (content/data/refused-hosts.yaml)",
                )
                break
        if source.kind == "reprint" and not source.original:
            v.report(
                doc,
                (*loc, "kind"),
                "is reprint but original is missing",
                "add original: the first publisher, like 'Reuters', and cite the "
                "original's own address if it is stored",
            )


def _raw_positions(doc, key: str) -> dict[str, int]:
    """Each entry's index in the file as written (invalid entries are not in site.data)."""
    raw = doc.data.get(key) if isinstance(doc.data, dict) else None
    return {
        str(entry.get("key")): i for i, entry in enumerate(raw or []) if isinstance(entry, dict)
    }
