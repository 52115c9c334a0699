"""Validate every content file and the links between them; collect every problem, never stop early.

Runs without Pelican (`invoke check`) and again at the start of every build (the plugin's
`initialized` receiver), so a build never renders content that breaks the model.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from pydantic import BaseModel, ValidationError

from . import schema
from .schema import day
from .frontmatter import Document, FrontMatterError, ParseCache, read_data, read_markdown
from .problems import Problem, did_you_mean, dotted

CITATION = re.compile(r"\[@([^\]\n]+)\]")
CITED_ID = re.compile(r"^@?([A-Za-z0-9][A-Za-z0-9_.:-]*)$")
INTERNAL_LINK = re.compile(r"\{(filename|static|attach)\}([^)\s\"'>]*)")
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)")
FENCED = re.compile(r"^(```|~~~)")
CODE_SPAN = re.compile(r"(`+).+?\1")  # `[@id]` inside backticks is shown as code, not cited

# Advice when a required field is missing, shown after "add it:".
FIELD_HINTS = {
    "title": 'title: "A plain-English headline"',
    "slug": "slug: the-file-name-without-md",
    "summary": "summary: one sentence of 20 to 160 characters",
    "date": "date: 2026-11-25 (first published)",
    "reviewed": "reviewed: 2026-11-25 (when every fact was last checked)",
    "category": "category: one of the topics in content/data/topics.yaml",
    "key_facts": "key_facts: at least 3 items of {label, value, source}",
    "events": "events: at least 1 item of {date, text, source}",
    "sources": "sources: at least 1 item of {id, title, publisher, url, accessed}",
    "accessed": "accessed: the date you read the source, like 2026-11-25",
    "url": "url: https://… the page you read",
}


@dataclass
class SiteContent:
    """Everything read from content/: validated models by path, data collections by name."""

    root: Path
    articles: dict[Path, schema.Article] = field(default_factory=dict)
    pages: dict[Path, schema.Page] = field(default_factory=dict)
    data: dict[str, list] = field(default_factory=dict)
    documents: dict[Path, Document] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def collection(self, name: str) -> dict[str, BaseModel]:
        return {item.key: item for item in self.data.get(name, []) if hasattr(item, "key")}


class Validator:
    """Collects problems for one site; `report` is the only way a problem is recorded."""

    def __init__(self, root: Path, http_hosts: frozenset[str] = frozenset(),
                 templates: Path | None = None, cache: Path | None = None):
        self.parsed = ParseCache(cache)
        self.site = SiteContent(root=root)
        self.http_hosts = http_hosts
        self.templates = templates
        # Keys and slugs as written, even in entries that fail validation, so one mistake is
        # reported once and not again by every reference to the broken entry.
        self.written_keys: dict[str, set[str]] = {}
        self.written_slugs: set[str] = set()

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.site.root.parent))
        except ValueError:
            return str(path)

    def report(self, doc_or_path, loc, message: str, fix: str, line: int | None = None):
        if isinstance(doc_or_path, Document):
            path, line = doc_or_path.path, line or doc_or_path.line_of(tuple(loc))
        else:
            path = doc_or_path
        self.site.problems.append(Problem(self.rel(path), line, dotted(tuple(loc)), message, fix))

    # -- reading and the per-file model --------------------------------------------------------

    def read(self, path: Path, reader) -> Document | None:
        try:
            doc = self.parsed.read(path, reader)
        except FrontMatterError as err:
            where = "front matter" if reader is read_markdown else "data"
            self.report(path, (where,), err.message, err.fix, line=err.line)
            return None
        except UnicodeDecodeError:
            self.report(path, ("file",), "is not UTF-8 text", "save the file as UTF-8", line=1)
            return None
        self.site.documents[path] = doc
        return doc

    def model(self, doc: Document, model: type[BaseModel], data, prefix: tuple = ()):
        try:
            return model.model_validate(data)
        except ValidationError as err:
            errors = err.errors()
            # A misspelt field also makes the real one "missing": report the misspelling only.
            suggested = {
                (tuple(e["loc"][:-1]), s)
                for e in errors if e["type"] == "extra_forbidden"
                for s in difflib.get_close_matches(str(e["loc"][-1]),
                                                   _fields_at(model, tuple(e["loc"][:-1])), 1, 0.6)
            }
            for error in errors:
                loc = tuple(error["loc"])
                if error["type"] == "missing" and (loc[:-1], loc[-1]) in suggested:
                    continue
                self._pydantic_problem(doc, model, prefix, loc, error)
            return None

    def _pydantic_problem(self, doc, model, prefix, loc, error):
        kind, name = error["type"], str(loc[-1]) if loc else ""
        message = error["msg"].removeprefix("Value error, ")
        fix = "see the field table in CONTRIBUTING.md"
        if kind == "extra_forbidden":
            allowed = _fields_at(model, loc[:-1])
            message = f"unknown field '{name}'"
            fix = did_you_mean(name, allowed, f"remove it; allowed here: {', '.join(allowed)}")
        elif kind == "missing":
            message = "is missing"
            fix = f"add it: {FIELD_HINTS.get(name, name + ': …')}"
        elif kind == "literal_error":
            expected = error["ctx"]["expected"]
            message = f"'{error['input']}' is not allowed"
            fix = did_you_mean(error["input"], re.findall(r"'([^']+)'", expected), f"use {expected}")
        elif kind == "string_too_long":
            message = f"is {len(error['input'])} characters long"
            fix = f"shorten it to at most {error['ctx']['max_length']} characters"
        elif kind == "string_too_short":
            fix = f"write at least {error['ctx']['min_length']} characters"
        elif kind == "too_short":
            message = f"has {error['ctx']['actual_length']} item(s)"
            fix = f"give at least {error['ctx']['min_length']}"
        elif kind in {"list_type", "dict_type", "model_type"}:
            fix = "check the indentation and the '- ' of list items"
        elif " — " in message:
            message, fix = message.split(" — ", 1)
        self.report(doc, prefix + loc, message, fix)

    # -- the whole site --------------------------------------------------------------------------

    def run(self) -> SiteContent:
        root = self.site.root
        for path in sorted((root / "data").glob("*.yaml")):
            self.data_file(path)
        present = {p.name for p in (root / "data").glob("*.yaml")}
        for filename in schema.COLLECTIONS.keys() - present - schema.OPTIONAL_COLLECTIONS:
            self.report(root / "data" / filename, ("data",), "is missing",
                        "create it with its top-level list; see CONTRIBUTING.md", line=None)
        for kind, model, store in (
            ("articles", schema.Article, self.site.articles),
            ("pages", schema.Page, self.site.pages),
        ):
            for path in sorted((root / kind).rglob("*.md")):
                doc = self.read(path, read_markdown)
                if doc is None:
                    self.written_slugs.add(path.stem)
                    continue
                self.written_slugs.add(str(doc.data.get("slug", path.stem)))
                item = self.model(doc, model, doc.data)
                if item is not None:
                    store[path] = item
                self.body(doc, item)
        self.cross_references()
        self.site.problems = sorted(set(self.site.problems), key=lambda p: (p.path, p.line or 0, p.field, p.message))
        self.parsed.save()
        return self.site

    def data_file(self, path: Path):
        known = schema.COLLECTIONS
        if path.name not in known:
            self.report(path, ("data",), "unknown data file", did_you_mean(
                path.name, known, f"name it one of: {', '.join(known)}"), line=1)
            return
        doc = self.read(path, read_data)
        if doc is None:
            return
        key, model = known[path.name]
        if not isinstance(doc.data, dict) or key not in doc.data:
            found = list(doc.data) if isinstance(doc.data, dict) else []
            self.report(doc, ("data",), f"has no top-level '{key}:' list", did_you_mean(
                found[0] if found else "", [key], f"start the file with '{key}:'"), line=1)
            return
        for extra in set(doc.data) - {key}:
            self.report(doc, (extra,), f"unknown top-level key '{extra}'", f"only '{key}:' belongs here")
        items, seen = [], {}
        self.written_keys[key] = {
            str(raw.get("key")) for raw in doc.data[key] or [] if isinstance(raw, dict)
        }
        for index, raw in enumerate(doc.data[key] or []):
            item = self.model(doc, model, raw, (key, index))
            if item is None:
                continue
            ident = getattr(item, "key", None) or getattr(item, "term", None)
            if ident in seen:
                self.report(doc, (key, index), f"duplicate '{ident}'",
                            f"already defined at line {seen[ident]}; keep one")
            seen[ident] = doc.line_of((key, index))
            items.append(item)
            for s_index, source in enumerate(getattr(item, "sources", [])):
                self.url(doc, (key, index, "sources", s_index, "url"), source.url)
        self.site.data[key] = items

    def url(self, doc, loc, url):
        parsed = urlparse(url)
        if parsed.scheme == "http" and parsed.hostname not in self.http_hosts:
            self.report(doc, loc, f"'{url}' is not https",
                        "use the https:// address, or add the host to ORBIT_HTTP_HOSTS in "
                        "pelican.conf.py if the site has none")

    def body(self, doc: Document, item):
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
                        self.report(doc.path, ("body",), f"malformed citation '{match.group(0)}'",
                                    "write [@source-id] or [@one; @two]", line=line)
                        continue
                    ident = m.group(1)
                    cited.add(ident)
                    if check_citations and ident not in source_ids:
                        self.report(doc.path, ("body",), f"cites unknown source '{ident}'",
                                    did_you_mean(ident, source_ids,
                                                 "add it to sources: or fix the id"), line=line)
            for match in INTERNAL_LINK.finditer(text):
                self.link(doc, match.group(1), match.group(2), line)
            for match in IMAGE.finditer(text):
                if not match.group(1).strip():
                    self.report(doc.path, ("body",), f"image '{match.group(2)}' has no alt text",
                                "describe the picture inside ![…]", line=line)
        if item is None:
            return
        for index, source in enumerate(item.sources):
            self.url(doc, ("sources", index, "url"), source.url)
            if source.id not in cited:
                self.report(doc, ("sources", index, "id"), f"source '{source.id}' is never cited",
                            f"cite it in the text with [@{source.id}] or remove it")
        seen: dict[str, int] = {}
        for index, source in enumerate(item.sources):
            if source.id in seen:
                self.report(doc, ("sources", index, "id"), f"duplicate source id '{source.id}'",
                            f"already used at line {seen[source.id]}; give each source its own id")
            seen.setdefault(source.id, doc.line_of(("sources", index)))
        for name in ("key_facts", "events"):
            for index, entry in enumerate(getattr(item, name, [])):
                if entry.source not in source_ids:
                    self.report(doc, (name, index, "source"), f"unknown source '{entry.source}'",
                                did_you_mean(entry.source, source_ids, "use an id from sources:"))
        hero = getattr(item, "hero", None)
        if hero:
            self.link(doc, "static", hero.src, doc.line_of(("hero", "src")), relative_to_root=True)
        stem = doc.path.stem
        if item.slug != stem:
            self.report(doc, ("slug",), f"'{item.slug}' differs from the file name '{doc.path.name}'",
                        f"rename the file to {item.slug}.md or set slug: {stem}")

    def link(self, doc, kind, target, line, relative_to_root=False):
        target = target.split("#", 1)[0].split("?", 1)[0]
        if not target:
            self.report(doc.path, ("body",), f"{{{kind}}} link has no file name",
                        f"write the path after {{{kind}}}, like {{filename}}other-article.md",
                        line=line)
            return
        root = self.site.root
        base = root if relative_to_root or target.startswith("/") else doc.path.parent
        path = (base / target.lstrip("/")).resolve()
        if not path.is_file():
            names = [p.name for p in root.rglob(f"*{path.suffix}") if p.is_file()]
            hint = did_you_mean(Path(target).name, names, "check the path; it is relative to this file")
            if hint.startswith("did you mean"):
                hint = hint.replace("did you mean '", "did you mean a file named '")
            self.report(doc.path, ("hero", "src") if relative_to_root else ("body",),
                        f"{{{kind}}}{target} points to a file that does not exist", hint, line=line)

    def cross_references(self):
        site = self.site
        topics, agencies = site.collection("topics"), site.collection("agencies")
        missions = site.collection("missions")
        slugs: dict[str, Path] = {}
        for path, item in [*site.articles.items(), *site.pages.items()]:
            if item.slug in slugs:
                self.report(site.documents[path], ("slug",), f"'{item.slug}' is already used",
                            f"by {self.rel(slugs[item.slug])}; choose another")
            slugs.setdefault(item.slug, path)
        article_slugs = {a.slug for a in site.articles.values()} | {
            slug for slug in self.written_slugs if slug not in slugs}
        for path, article in site.articles.items():
            doc = site.documents[path]
            self.key(doc, ("category",), article.category, topics, "topics.yaml")
            for i, key in enumerate(article.agencies):
                self.key(doc, ("agencies", i), key, agencies, "agencies.yaml")
            for i, slug in enumerate(article.related):
                if slug not in article_slugs or slug == article.slug:
                    self.report(doc, ("related", i), f"no other article has slug '{slug}'",
                                did_you_mean(slug, article_slugs - {article.slug},
                                             "use the slug of another article"))
            for i, event in enumerate(article.events):
                if event.mission is None:
                    continue
                mission = self.key(doc, ("events", i, "mission"), event.mission, missions, "missions.yaml")
                if mission is not None and not _within(event.date, mission.launch, mission.end):
                    self.report(doc, ("events", i, "date"),
                                f"{event.date} is outside {mission.name} ({_span(mission)})",
                                "check the date or the mission")
        data_docs = {p.name: d for p, d in site.documents.items() if p.parent == site.root / "data"}
        for i, mission in enumerate(site.data.get("missions", [])):
            for j, key in enumerate(mission.agencies):
                self.key(data_docs["missions.yaml"], ("missions", i, "agencies", j), key, agencies,
                         "agencies.yaml")
        for i, flight in enumerate(site.data.get("flights", [])):
            doc = data_docs["flights.yaml"]
            self.key(doc, ("flights", i, "agency"), flight.agency, agencies, "agencies.yaml")
            self.key(doc, ("flights", i, "launch_mission"), flight.launch_mission, missions,
                     "missions.yaml")
            if flight.return_mission:
                self.key(doc, ("flights", i, "return_mission"), flight.return_mission, missions,
                         "missions.yaml")
        if self.templates is not None:
            available = sorted(p.stem for p in self.templates.glob("*.html"))
            for path, page in site.pages.items():
                if page.template and page.template not in available:
                    self.report(site.documents[path], ("template",),
                                f"there is no template '{page.template}' in the theme",
                                did_you_mean(page.template, available,
                                             f"use one of: {', '.join(available)}"))
        for i, term in enumerate(site.data.get("terms", [])):
            if term.see and term.see not in slugs and term.see not in self.written_slugs:
                self.report(data_docs["glossary.yaml"], ("terms", i, "see"),
                            f"no article or page has slug '{term.see}'",
                            did_you_mean(term.see, slugs, "use an article slug"))

    def key(self, doc, loc, key, collection, filename):
        if key in collection:
            return collection[key]
        name = schema.COLLECTIONS[filename][0]
        if name not in self.written_keys or key in self.written_keys[name]:
            return None  # missing file, or an invalid entry: reported once, where it is
        self.report(doc, loc, f"unknown key '{key}'",
                    did_you_mean(key, collection, f"use a key from content/data/{filename}"))
        return None


def _within(when, start, end) -> bool:
    return (start is None or day(start) <= when) and (end is None or when <= day(end))


def _span(mission) -> str:
    end = day(mission.end) if mission.end else "ongoing"
    return f"{day(mission.launch) if mission.launch else '?'} to {end}"


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed at a location inside a model, for did-you-mean."""
    current = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        current = _inner_model(info.annotation) if info else None
    return list(current.model_fields) if current else []


def _inner_model(annotation):
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found:
            return found
    return None


def validate_content(root: Path, http_hosts=frozenset(), templates: Path | None = None,
                     cache: Path | None = None) -> SiteContent:
    """Read and check everything under content/; the result's `problems` lists what is wrong.

    With `templates` (the theme's templates folder), pages' `template:` names are checked too;
    with `cache`, unchanged files are not parsed again (frontmatter.ParseCache).
    """
    return Validator(Path(root).resolve(), frozenset(http_hosts), templates, cache).run()
