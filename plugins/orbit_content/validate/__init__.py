"""Validate every content file and the links between them; collect every problem, never stop early.

Runs without Pelican (`invoke check`) and again at the start of every build (the plugin's
`initialized` receiver), so a build never renders content that breaks the model.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from markdown import Markdown
from pydantic import BaseModel

from .. import glossary_marks, parallel, schema
from ..labels import check_labels
from ..problems import Problem, did_you_mean, dotted
from ..yamlpos import Document, FrontMatterError, ParseCache, read_data, read_markdown
from . import links, placement, plausibility
from .body import check_body, conversion_key, markdown_for
from .corrections import check_corrections
from .dates import check_dates
from .fields import check_model, check_url
from .references import check_references
from .settings import load as project_settings
from .sources import check_sources
from .stale import check_stale


@dataclass
class SiteContent:
    """Everything read from content/: validated models by path, data collections by name."""

    root: Path
    articles: dict[Path, schema.Article] = field(default_factory=dict)
    pages: dict[Path, schema.Page] = field(default_factory=dict)
    data: dict[str, list] = field(default_factory=dict)
    documents: dict[Path, Document] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Each article's and page's body digest (body_digest), its HTML and citation numbering: the
    # Markdown conversion the validator made, which the build's reader takes instead of a
    # second one when the file's body still has that digest.
    rendered: dict[Path, tuple[bytes, str, dict]] = field(default_factory=dict)
    # Each body's table of contents and word count, from the same conversion.
    outlines: dict[Path, glossary_marks.Outline] = field(default_factory=dict)
    # Printed by `./site check` but never failing it (like a plan whose date has passed).
    warnings: list[Problem] = field(default_factory=list)
    # Claims about the future whose expected date has passed with no outcome (validate/stale.py).
    stale: list[Problem] = field(default_factory=list)

    def collection(self, name: str) -> dict[str, BaseModel]:
        return {item.key: item for item in self.data.get(name, []) if hasattr(item, "key")}


def body_digest(body: str) -> bytes:
    """What identifies a body's text for reusing its conversion. A digest rather than the text:
    the bodies of 1,000 articles were 5 MiB kept for the whole build. Leading blank lines
    (after the closing ---) make no difference to Markdown."""
    return hashlib.blake2b(body.lstrip("\n").encode(), digest_size=16).digest()


class Validator:
    """Collects problems for one site; `report` is the only way a problem is recorded."""

    def __init__(
        self,
        root: Path,
        http_hosts: frozenset[str] = frozenset(),
        templates: Path | None = None,
        cache: Path | None = None,
        settings: dict | None = None,
        today: dt.date | None = None,
    ):
        self.parsed = ParseCache(cache)
        # The build's own settings: the body is parsed with its MARKDOWN configuration and links
        # are resolved against its URL patterns (the project's pelican.conf.py by default).
        self.settings = settings if settings is not None else project_settings()
        self.today = today or dt.date.today()
        self.limits = plausibility.limits(self.settings)
        self._md: Markdown | None = None
        self.marker: glossary_marks.Marker | None = None
        self.conversion = conversion_key(self.settings["MARKDOWN"], None)
        self.docs: list[links.Doc] = []
        self.site = SiteContent(root=root)
        self.http_hosts = http_hosts
        self.templates = templates
        # Keys and slugs as written, even in entries that fail validation, so one mistake is
        # reported once and not again by every reference to the broken entry.
        self.written_keys: dict[str, set[str]] = {}
        self.written_slugs: set[str] = set()

    @property
    def md(self) -> Markdown:
        """The Markdown converter, made when a body is first converted: a check or rebuild
        whose bodies all come from the parse cache never loads Markdown's extensions."""
        if self._md is None:
            self._md = markdown_for(self.settings["MARKDOWN"])
            glossary_marks.use(self._md, self.marker)
        return self._md

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.site.root.parent))
        except ValueError:
            return str(path)

    def report(
        self,
        doc_or_path,
        loc,
        message: str,
        fix: str,
        line: int | None = None,
        warning: bool = False,
    ):
        if isinstance(doc_or_path, Document):
            path, line = doc_or_path.path, line or doc_or_path.line_of(tuple(loc))
        else:
            path = doc_or_path
        found = self.site.warnings if warning else self.site.problems
        found.append(Problem(self.rel(path), line, dotted(tuple(loc)), message, fix))

    # -- reading and the per-file model --------------------------------------------------------

    def read(self, path: Path, reader) -> Document | None:
        too_big = plausibility.file_too_big(path, self.settings)
        if too_big:  # checked first: no input may take the checker more than a second
            self.report(path, ("file",), *too_big, line=1)
            return None
        try:
            doc = self.parsed.read(path, reader)
        except FrontMatterError as err:
            where = "front matter" if reader is read_markdown else "data"
            self.report(path, (where,), err.message, err.fix, line=err.line)
            return None
        except UnicodeDecodeError:
            self.report(path, ("file",), "is not UTF-8 text", "save the file as UTF-8", line=1)
            return None
        except OSError as err:
            self.report(
                path,
                ("file",),
                f"cannot be read ({err.strerror})",
                "check that the file exists and is readable",
                line=1,
            )
            return None
        return doc

    # -- the whole site --------------------------------------------------------------------------

    def run(self) -> SiteContent:
        root = self.site.root
        for path, message, fix in [
            *placement.problems(root, self.settings),
            *plausibility.image_problems(root, self.settings),
        ]:
            self.report(path, ("file",), message, fix, line=1)
        for path in sorted((root / "data").glob("*.yaml")):
            self.data_file(path)
        present = {p.name for p in (root / "data").glob("*.yaml")}
        for filename in schema.COLLECTIONS.keys() - present - schema.OPTIONAL_COLLECTIONS:
            self.report(
                root / "data" / filename,
                ("data",),
                "is missing",
                "create it with its top-level list; see CONTRIBUTING.md",
                line=None,
            )
        # Pages first: articles' glossary terms are marked as they are converted, and linked
        # to the page whose template is the glossary.
        for kind, model, store in (
            ("pages", schema.Page, self.site.pages),
            ("articles", schema.Article, self.site.articles),
        ):
            marker = glossary_marks.Marker.for_site(self.site) if kind == "articles" else None
            self.marker = marker
            if self._md is not None:
                glossary_marks.use(self._md, marker)
            self.conversion = conversion_key(self.settings["MARKDOWN"], marker)
            paths = [p for p in sorted((root / kind).rglob("*.md")) if p.is_file()]
            # (not a file: a dangling link, reported by placement.py, or a folder)
            for path, slug, doc, item, outline, link_doc in self.content_files(paths, kind, model):
                self.written_slugs.add(slug)
                if doc is None:
                    continue
                self.site.documents[path] = doc
                if item is not None:
                    store[path] = item
                self.site.rendered[path] = (
                    body_digest(doc.body),
                    link_doc.body.html,
                    link_doc.body.cited,
                )
                self.site.outlines[path] = outline
                self.docs.append(link_doc)
        check_references(self)
        links.check_site(self)
        check_sources(self)
        check_corrections(self)
        check_dates(self)
        check_stale(self)
        check_labels(self)
        order = lambda p: (p.path, p.line or 0, p.field, p.message)  # noqa: E731
        self.site.problems = sorted(set(self.site.problems), key=order)
        self.site.warnings = sorted(set(self.site.warnings), key=order)
        self.parsed.save()
        return self.site

    def content_file(self, path: Path, kind: str, model: type[BaseModel]) -> tuple:
        """Read and check one article or page: (path, slug, document, model, outline, the
        link checks' record), the last four None when the file cannot be read."""
        doc = self.read(path, read_markdown)
        if doc is None:
            return path, path.stem, None, None, None, None
        slug = str(doc.data.get("slug", path.stem))
        item = check_model(self, doc, model, doc.data)
        if item is not None:
            for loc, message, fix in plausibility.document_dates(
                item, self.today, self.limits["future_days"]
            ):
                self.report(doc, loc, message, fix)
        body = check_body(self, doc, item)
        link_doc = links.Doc(
            path,
            kind.removesuffix("s"),
            slug,
            str(doc.data.get("status", "published")),
            body,
            {str(s.get("id")) for s in doc.data.get("sources") or [] if isinstance(s, dict)},
            generated=bool(doc.data.get("template")),
        )
        return path, slug, doc, item, body.outline, link_doc

    def content_files(self, paths: list[Path], kind: str, model: type[BaseModel]) -> list[tuple]:
        """content_file() for each path, in order; shared with other processes when there are
        enough files to repay starting them.

        Each file is read and checked on its own, and converting its Markdown is most of a
        cold build's time on a large site (1,000 articles: about 10 s of CPU). A forked child
        inherits this validator as it is (settings, data, the glossary marker), checks its
        share and sends back its results and problems, pickled; this process checks its own
        share meanwhile. Only where fork is the platform's own way to start a process (Linux;
        macOS spawns, as fork is unsafe there) and without the parse cache, whose record of
        the files a child read would stay in the child. A child that dies or fails is not a
        lost file: its share is checked here.
        """
        processes = parallel.processes_for(len(paths)) if self.parsed.path is None else 1
        if processes == 1:
            return [self.content_file(path, kind, model) for path in paths]
        shares = [paths[i::processes] for i in range(processes)]

        def check(share):
            # This share's problems leave the lists and come back with its results, from
            # whichever process checked it.
            problems, warnings = len(self.site.problems), len(self.site.warnings)
            results = [self.content_file(path, kind, model) for path in share]
            found = self.site.problems[problems:], self.site.warnings[warnings:]
            del self.site.problems[problems:], self.site.warnings[warnings:]
            return results, *found

        found = {}
        for results, problems, warnings in parallel.run_shares(check, shares):
            found.update((result[0], result) for result in results)
            self.site.problems += problems
            self.site.warnings += warnings
        return [found[path] for path in paths]

    def data_file(self, path: Path):
        known = schema.COLLECTIONS
        if path.name not in known:
            self.report(
                path,
                ("data",),
                "unknown data file",
                did_you_mean(path.name, known, f"name it one of: {', '.join(known)}"),
                line=1,
            )
            return
        doc = self.read(path, read_data)
        if doc is None:
            return
        self.site.documents[path] = doc
        key, model = known[path.name]
        if not isinstance(doc.data, dict) or key not in doc.data:
            found = list(doc.data) if isinstance(doc.data, dict) else []
            self.report(
                doc,
                ("data",),
                f"has no top-level '{key}:' list",
                did_you_mean(found[0] if found else "", [key], f"start the file with '{key}:'"),
                line=1,
            )
            return
        for extra in set(doc.data) - {key}:
            self.report(
                doc, (extra,), f"unknown top-level key '{extra}'", f"only '{key}:' belongs here"
            )
        items, seen = [], {}
        self.written_keys[key] = {
            str(raw.get("key")) for raw in doc.data[key] or [] if isinstance(raw, dict)
        }
        for index, raw in enumerate(doc.data[key] or []):
            item = check_model(self, doc, model, raw, (key, index))
            if item is None:
                continue
            ident = next(
                getattr(item, name) for name in ("key", "term", "host") if hasattr(item, name)
            )
            if ident in seen:
                self.report(
                    doc,
                    (key, index),
                    f"duplicate '{ident}'",
                    f"already defined at line {seen[ident]}; keep one",
                )
            seen[ident] = doc.line_of((key, index))
            items.append(item)
            for s_index, source in enumerate(getattr(item, "sources", [])):
                check_url(self, doc, (key, index, "sources", s_index, "url"), source.url)
        self.site.data[key] = items
        if not doc.data[key]:
            optional = path.name in schema.OPTIONAL_COLLECTIONS
            self.report(
                doc,
                (key,),
                f"'{key}:' has no entries",
                "add at least one entry"
                + (
                    ", or delete the file"
                    if optional
                    else "; the pages built from it would be empty"
                ),
            )
        for loc, message, fix in plausibility.collection_values(
            key, items, self.today, self.limits
        ):
            self.report(doc, loc, message, fix)


def validate_content(
    root: Path,
    http_hosts=frozenset(),
    templates: Path | None = None,
    cache: Path | None = None,
    settings: dict | None = None,
    today: dt.date | None = None,
) -> SiteContent:
    """Read and check everything under content/; the result's `problems` lists what is wrong.

    With `templates` (the theme's templates folder), pages' `template:` names are checked too;
    with `cache`, unchanged files are not parsed again (yamlpos.ParseCache); `settings` are the
    build's (default: the project's pelican.conf.py); `today` dates the future-date rule and
    decides which claims about the future are past due (`stale`).
    """
    return Validator(
        Path(root).resolve(), frozenset(http_hosts), templates, cache, settings, today
    ).run()
