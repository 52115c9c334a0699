"""Links, images and fragments in bodies, resolved at check time against what the build will write.

A plain Markdown link (`[x](/chandrayan-3/)`, `[x](other.md)`, `#no-such-heading`) or image
(`![x](images/none.png)`) is copied by Pelican as written; a typo used to pass the check, the
build and the preview and show up only in `check --output`, named by output page. Here each
href is resolved the way a browser will resolve it from the page's own address, against the
addresses the build writes (one per article and page, by status; the generated lists; static
files), and a miss is reported at its source line with the nearest real address.

Also: published content never points at a draft. A draft is written only in previews
(`/drafts/…`), so a link, a `related:` card or a glossary `see:` from a published page to a
draft is a 404 (or a card that silently disappears) on the public site, in every build.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlparse, urlsplit

from orbit_contract import pelican_slugify

from ..problems import did_you_mean
from .generated_ids import data_values, glossary_ids, template_ids
from .plausibility import reserved_slugs

if TYPE_CHECKING:
    from .body import Body

INTERNAL = re.compile(r"^\{(filename|static|attach|index|tag|category|author)\}(.*)$")
ID_IN_TEMPLATE = re.compile(r'\bid="([A-Za-z][\w-]*)"')
# Folders whose contents the build writes but this checker does not list file by file.
GENERATED_PREFIXES = ("theme/", "pagefind/", "feeds/")
GENERATED_FILES = ("sitemap.xml", "robots.txt", "404.html", "_headers")


@dataclass
class Doc:
    """What the link check needs to know about one article or page."""

    path: Path
    kind: str  # "article" or "page"
    slug: str
    status: str
    body: Body
    source_ids: set[str] = field(default_factory=set)
    generated: bool = False  # a page whose template draws more than the body (timeline, …)

    @property
    def published(self) -> bool:
        """Written by every build at its address, so a link to it works on the public site.

        Pelican writes a `status: hidden` article or page like a published one, at
        ARTICLE_SAVE_AS / PAGE_SAVE_AS (hidden only keeps it out of the lists, the feeds and
        the sitemap), in the publish build too: only drafts lose their address there
        (orbit_assets.publish blanks DRAFT_SAVE_AS). The site's own menu links hidden pages
        on purpose (orbit_views.links counts them as pages), so a link to a hidden page or
        article is fine; what the views leave out is a hidden *article* as a `related:` card
        or a glossary `see:` (unpublished_references).
        """
        return self.status != "draft"

    @property
    def listed(self) -> bool:
        """Shown by the views as a card or a glossary link: all but drafts and hidden articles
        (a status that failed validation is reported by itself, not again here)."""
        return self.published and not (self.status == "hidden" and self.kind == "article")


@dataclass
class Target:
    what: str  # "doc", "static" or "generated"
    doc: Doc | None = None
    template: str = ""  # a generated list's template (archives, tag…), for its ids


def _url(pattern: str, slug: str) -> str:
    url = pattern.format(slug=slug, lang="en")
    return url.removesuffix("index.html")


class SiteMap:
    """Every address the build writes, from the settings and the content."""

    def __init__(
        self,
        settings: dict,
        root: Path,
        docs: list[Doc],
        tags=(),
        categories=(),
        theme: Path | None = None,
        templates: dict[Path, str] | None = None,
        values=None,
        glossary: set[str] | None = None,
    ):
        self.root, self.docs = root, docs
        # What the ids of generated pages are made from (generated_ids.py): each page's
        # template, the data's values, and the glossary's ids from the views' own functions.
        self.theme, self.templates = theme, templates or {}
        self.values, self.glossary = values, glossary or set()
        self._page_ids: dict[str, object] = {}
        self.by_path = {d.path: d for d in docs}
        self.urls: dict[str, Target] = {}
        self.doc_url: dict[Path, str] = {}
        for doc in docs:
            kind = "PAGE" if doc.kind == "page" else "ARTICLE"
            if doc.status == "draft":
                pattern = settings.get(
                    f"DRAFT_{'PAGE_' if kind == 'PAGE' else ''}URL", "drafts/{slug}/"
                )
            else:
                pattern = settings.get(f"{kind}_URL", "{slug}/")
            url = _url(pattern, doc.slug)
            self.doc_url[doc.path] = url
            self.urls[url] = Target("doc", doc)
        subs = settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
        for template in settings.get("DIRECT_TEMPLATES", []):
            save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
            if save_as:
                self.urls[save_as.removesuffix("index.html")] = Target(
                    "generated", template=template
                )
        for name, items in (("CATEGORY", categories), ("TAG", tags)):
            for item in items:
                self.urls[_url(settings.get(f"{name}_URL", ""), pelican_slugify(item, subs))] = (
                    Target("generated", template=name.lower())
                )
        for folder in settings.get("STATIC_PATHS", []):
            base = root / folder
            files = [base] if base.is_file() else (p for p in base.rglob("*") if p.is_file())
            for path in files:
                self.urls[path.relative_to(root).as_posix()] = Target("static")
        for name in GENERATED_FILES:
            self.urls.setdefault(name, Target("generated"))
        self.layout_ids = _template_ids(theme) if theme else set()

    def lookup(self, path: str) -> Target | None:
        path = unquote(path).lstrip("/")
        for candidate in (path, path.removesuffix("index.html"), path + "/"):
            if candidate in self.urls:
                return self.urls[candidate]
        if path.startswith(GENERATED_PREFIXES):
            return Target("generated")
        return None

    def ids_of(self, doc: Doc) -> set[str]:
        return set(doc.body.ids) | self.layout_ids | {f"source-{ident}" for ident in doc.source_ids}

    def template_of(self, target: Target | Doc) -> str:
        if isinstance(target, Target):
            return target.template or (self.template_of(target.doc) if target.doc else "")
        return self.templates.get(target.path, "")

    def page_ids(self, template: str):
        if template not in self._page_ids:
            folder = (self.theme or Path("theme")) / "templates"
            self._page_ids[template] = template_ids(folder, f"{template}.html")
        return self._page_ids[template]

    def has_id(self, target: Target | Doc, fragment: str) -> bool:
        """Whether the page `target` leads to will have an element with this id."""
        doc = target.doc if isinstance(target, Target) else target
        if doc is not None and (not doc.body.parsed or fragment in self.ids_of(doc)):
            return True  # (a body refused unparsed is reported by itself, not by its links)
        template = self.template_of(target)
        if not template:
            return doc is None and fragment in self.layout_ids
        if template == "glossary" and fragment in self.glossary:
            return True
        if self.values is None:  # nothing known about the data: do not guess
            return True
        return fragment in self.layout_ids or self.page_ids(template).has(fragment, self.values)

    def id_choices(self, target: Target | Doc) -> list[str]:
        doc = target.doc if isinstance(target, Target) else target
        choices = sorted(r.target for r in doc.body.headings) if doc is not None else []
        template = self.template_of(target)
        if template and self.values is not None:
            choices += self.page_ids(template).examples(self.values)
            choices += sorted(self.glossary) if template == "glossary" else []
        return choices


def _template_ids(theme: Path) -> set[str]:
    """Ids the layout of an article or page already uses (skip link target, section headings)."""
    folder = theme / "templates"
    files = [folder / n for n in ("base.html", "article.html", "page.html")]
    files += [*folder.glob("partials/*.html"), *folder.glob("macros/*.html")]
    ids = set()
    for path in files:
        if path.is_file():
            ids.update(ID_IN_TEMPLATE.findall(path.read_text(encoding="utf-8")))
    return ids


def check_doc(site: SiteMap, doc: Doc, own_hosts=()) -> list[tuple[int, str, str]]:
    """(line, problem, fix) for each link or image of one document that leads nowhere."""
    found = []
    base = "/" + site.doc_url[doc.path]
    for ref, is_image in [
        *((r, False) for r in doc.body.links),
        *((r, True) for r in doc.body.images),
    ]:
        href = ref.target.strip()
        what = "image" if is_image else "link"
        if not href or INTERNAL.match(href):
            found += [(ref.line, *p) for p in _internal(site, doc, href, what)]
            continue
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            if parts.scheme in {"http", "https"} and parts.hostname in own_hosts:
                found.append(
                    (
                        ref.line,
                        f"{what} to {href} is an absolute address of this site",
                        f"write it from the site's root: {parts.path or '/'}",
                    )
                )
            continue
        resolved = urlsplit(urljoin(base, href))
        if not parts.path:  # '#fragment' on this page
            found += _fragment(site, doc, doc, resolved.fragment, ref, href)
            continue
        target = site.lookup(resolved.path)
        if target is None:
            found.append((ref.line, *_missing(site, doc, href, resolved.path, what, did_you_mean)))
        elif target.what == "generated" and resolved.fragment:
            found += _fragment(site, doc, target, resolved.fragment, ref, href, resolved.path)
        elif target.what == "doc":
            if doc.published and not target.doc.published:
                found.append(_to_draft(ref.line, what, href, target.doc, site))
            elif resolved.fragment and _fragment(
                site, doc, target.doc, resolved.fragment, ref, href
            ):
                found += _fragment(site, doc, target.doc, resolved.fragment, ref, href)
            elif href.startswith("/"):
                found.append(_from_root(ref.line, what, href, target, doc))
        elif is_image and target.what != "static":
            found.append(
                (
                    ref.line,
                    f"image {href} is not an image file",
                    "point it at a file in content/images/ with {static}/images/…",
                )
            )
        elif href.startswith("/") and target.what == "static":
            found.append(_from_root(ref.line, what, href, target, doc))
    return found


def _from_root(line, what, href, target: Target, doc: Doc):
    """A link written from the site's root works only where the site is the host's root; the
    publish workflow serves it under /<repository>/, where only {filename} and {static} links
    (made absolute from SITEURL) still lead somewhere."""
    if target.doc is not None:
        rel = os.path.relpath(target.doc.path, doc.path.parent)
        fragment = urlsplit(href).fragment
        fix = f"write ({{filename}}{rel}{'#' + fragment if fragment else ''})"
    else:
        fix = f"write ({{static}}/{urlsplit(href).path.lstrip('/')})"
    return (
        line,
        f"{what} to '{href}' is written from the site's root, which breaks when the "
        "site is served under a path",
        fix,
    )


def _missing(site, doc, href, path, what, did_you_mean):
    path = unquote(path).lstrip("/")
    name = Path(path).name
    files = [p for p in site.root.rglob(name) if p.is_file()] if name else []
    if files:
        rel = files[0].relative_to(site.root).as_posix()
        if files[0] in site.by_path:
            near = files[0].name if files[0].parent == doc.path.parent else "/" + rel
            return (
                f"{what} to '{href}' leads nowhere: Markdown files are linked with {{filename}}",
                f"write ({{filename}}{near})",
            )
        return (
            f"{what} to '{href}' leads nowhere from this page's address /{site.doc_url[doc.path]}",
            f"write ({{static}}/{rel})",
        )
    if what == "image" and not files:
        return (
            f"image '{href}' is not a file of the site",
            f"save it as content/images/{name or 'name.png'} and write "
            f"({{static}}/images/{name or 'name.png'})",
        )
    pages = ["/" + u for u, t in site.urls.items() if t.what != "static" and u]
    statics = ["/" + u for u, t in site.urls.items() if t.what == "static"]
    choices = statics if what == "image" else pages + statics
    hint = did_you_mean(
        "/" + path, choices, "check the address: no page or file of the site has it"
    )
    near = site.urls.get(hint.removeprefix("did you mean '/").removesuffix("'?"))
    if hint.startswith("did you mean") and near is not None and near.doc is not None:
        # The page meant, linked the way that survives a site served under a path.
        rel = os.path.relpath(near.doc.path, doc.path.parent)
        hint = f"did you mean ({{filename}}{rel})?"
    return (f"{what} to '{href}' goes to no page or file the build writes", hint)


def _to_draft(line, what, href, target: Doc, site: SiteMap):
    return (
        line,
        f"{what} to '{href}' points at {target.path.name}, a draft, which the "
        "published site does not have",
        f"publish {target.path.name} first (status: published), or remove the {what}",
    )


def _fragment(site, doc, target: Doc | Target, fragment, ref, href, address=""):
    if not fragment or site.has_id(target, fragment):
        return []
    page = target.doc if isinstance(target, Target) else target
    if page is doc:
        where = "this page"
    elif page is not None:
        where = page.path.name
    else:
        where = address
    return [
        (
            ref.line,
            f"link to '{href}' names no heading or id on {where}",
            did_you_mean(
                fragment,
                site.id_choices(target),
                "use the id of a heading: its words in lowercase, joined by hyphens",
            ),
        )
    ]


def _internal(site, doc, href, what):
    """{filename} and {static} links: the file exists; a published page is not led to a draft."""
    match = INTERNAL.match(href)
    kind, target = (match.group(1), match.group(2)) if match else ("filename", "")
    if kind not in {"filename", "static", "attach"}:
        return []
    path_part, _, fragment = target.partition("#")
    path_part = path_part.split("?", 1)[0]
    if not path_part:
        return [
            (
                f"{{{kind}}} link has no file name",
                f"write the path after {{{kind}}}, like {{filename}}other-article.md",
            )
        ]
    base = site.root if path_part.startswith("/") else doc.path.parent
    path = (base / path_part.lstrip("/")).resolve()
    if not path.is_file():
        names = [p.name for p in site.root.rglob(f"*{path.suffix}") if p.is_file()]
        hint = did_you_mean(
            Path(path_part).name, names, "check the path; it is relative to this file"
        )
        hint = hint.replace("did you mean '", "did you mean a file named '")
        return [(f"{{{kind}}}{path_part} points to a file that does not exist", hint)]
    target_doc = site.by_path.get(path)
    if target_doc is not None and doc.published and not target_doc.published:
        return [_to_draft(0, what, href, target_doc, site)[1:]]
    if target_doc is not None and fragment and not site.has_id(target_doc, fragment):
        return [
            (
                f"link to '{href}' names no heading or id on {path.name}",
                did_you_mean(
                    fragment, site.id_choices(target_doc), "use the id of one of its headings"
                ),
            )
        ]
    return []


def unpublished_references(
    docs: list[Doc], related: dict[Path, list[str]], terms: list[tuple[int, str]]
) -> list[tuple[str, object, str, str]]:
    """`related:` cards and glossary `see:` from published content to drafts.

    Returns (where, loc, problem, fix): where is a Doc path or "glossary", loc the field.
    """
    by_slug = {d.slug: d for d in docs}
    found = []
    for doc in docs:
        if not doc.published:
            continue
        for index, slug in enumerate(related.get(doc.path, [])):
            target = by_slug.get(slug)
            if target is not None and not target.published:
                found.append(
                    (
                        doc.path,
                        ("related", index),
                        f"'{slug}' is a draft, so its card would be left out of the published page",
                        f"publish {target.path.name} first, or remove it",
                    )
                )
            elif target is not None and not target.listed:
                found.append(
                    (
                        doc.path,
                        ("related", index),
                        f"'{slug}' is hidden (status: hidden), so its card would be left out "
                        "of the published page",
                        f"set status: published in {target.path.name}, or remove it",
                    )
                )
    for index, slug in terms:
        target = by_slug.get(slug)
        if target is not None and not target.published:
            found.append(
                (
                    "glossary",
                    ("terms", index, "see"),
                    f"'{slug}' is a draft, so the glossary would link to a missing page",
                    f"publish {target.path.name} first, or remove see:",
                )
            )
        elif target is not None and not target.listed:
            found.append(
                (
                    "glossary",
                    ("terms", index, "see"),
                    f"'{slug}' is a hidden article (status: hidden), so the glossary would "
                    "leave out its link",
                    f"set status: published in {target.path.name}, or remove see:",
                )
            )
    return found


def sitemap_for(v) -> SiteMap:
    """Every address and id the build will write, for the Validator `v` once it has read all."""
    site, settings = v.site, v.settings
    published = [a for a in site.articles.values() if a.status == "published"]
    return SiteMap(
        settings,
        site.root,
        v.docs,
        {t for a in published for t in a.tags},
        {a.category for a in published},
        Path(settings.get("THEME", "theme")),
        {path: page.template for path, page in site.pages.items() if page.template},
        data_values(
            site.data,
            published,
            Path(__file__).parents[2] / "orbit_views",
            settings.get("ORBIT_STRANDS", []),
        ),
        glossary_ids(site.data.get("terms", [])),
    )


def check_site(v):
    """Run each link rule over the validated site; `v` is the Validator (report, docs, settings)."""
    site, settings = v.site, v.settings
    sitemap = sitemap_for(v)
    own_hosts = {
        urlparse(settings.get(k) or "").hostname for k in ("SITEURL", "PUBLISH_SITEURL")
    } - {None}
    for doc in v.docs:
        for line, message, fix in check_doc(sitemap, doc, own_hosts):
            v.report(doc.path, ("body",), message, fix, line=line or None)
        for ref in doc.body.headings:
            if ref.target in sitemap.layout_ids:
                v.report(
                    doc.path,
                    ("body",),
                    f"heading '{ref.text}' gets the id '{ref.target}', "
                    "which the page layout already uses",
                    "reword the heading",
                    line=ref.line,
                )
    related = {p: list(a.related) for p, a in site.articles.items()}
    terms = [(i, t.see) for i, t in enumerate(site.data.get("terms", [])) if t.see]
    glossary = next((d for p, d in site.documents.items() if p.name == "glossary.yaml"), None)
    for where, loc, message, fix in unpublished_references(v.docs, related, terms):
        v.report(glossary if where == "glossary" else site.documents[where], loc, message, fix)
    reserved = reserved_slugs(settings)
    for path, item in [*site.articles.items(), *site.pages.items()]:
        if item.slug in reserved:
            v.report(
                site.documents[path],
                ("slug",),
                f"'{item.slug}' is the address of a page the site generates itself (/{item.slug}/)",
                f"choose another slug (and file name); reserved: {', '.join(sorted(reserved))}",
            )
