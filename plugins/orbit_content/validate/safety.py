"""Raw HTML and URLs in a body that would run code or load from another site are refused.

Markdown lets a contributor write any HTML, and Pelican copies it verbatim: a `<script>`, an
`onclick=`, an `<iframe>` or a `javascript:` link would be published as written. The site's
Content-Security-Policy blocks most of it in the browser, but a page must not depend on that, and
a blocked element is a broken page. So the checker allows the HTML that only structures text
(an allowlist, listed in CONTRIBUTING.md) and refuses everything else by name, at its line.
Elements made by Markdown are checked the same way, since `{: attr="…"}` lists can add attributes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from .body import Body

# Elements that only structure or mark up text (or show a local image).
ALLOWED_TAGS = frozenset(
    """
    a abbr b bdi bdo blockquote br caption cite code col colgroup data dd del details dfn div dl
    dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p picture pre q rp rt
    ruby s samp small source span strong sub summary sup table tbody td tfoot th thead time tr u
    ul var wbr
""".split()
)
GLOBAL_ATTRS = frozenset({"class", "id", "title", "lang", "dir", "role", "markdown"})
TAG_ATTRS = {
    "a": {"href", "rel", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "source": {"srcset", "type", "media", "sizes"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "del": {"datetime", "cite"},
    "ins": {"datetime", "cite"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "details": {"open"},
    "data": {"value"},
}
URL_ATTRS = {
    "href",
    "src",
    "srcset",
    "cite",
    "poster",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "background",
}
EMBEDDING_ATTRS = {"src", "srcset", "poster", "data", "background"}  # fetched by the browser
RUNS_CODE = {
    "script",
    "noscript",
    "template",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "portal",
    "svg",
    "math",
    "base",
    "meta",
    "link",
    "form",
    "input",
    "button",
    "textarea",
    "select",
}
EMBEDS = {"iframe", "frame", "object", "embed", "applet", "portal", "video", "audio", "track"}
BAD_SCHEMES = {"javascript", "vbscript", "data", "file"}

HTML_HELP = "CONTRIBUTING.md ('Raw HTML') lists what you can use"


def problems(body: Body) -> list[tuple[int, str, str]]:
    """(line, problem, fix) for every unsafe element, attribute or URL in the body."""
    found = []
    for element in body.elements:
        tag, line = element.tag, element.line
        if tag in EMBEDS:
            src = dict(element.attrs).get("src") or dict(element.attrs).get("data") or ""
            found.append(
                (
                    line,
                    f"<{tag}{f' src={src!r}' if src else ''}> embeds another page or player",
                    "link to it instead, like [its title](https://…)",
                )
            )
            continue
        if tag in RUNS_CODE:
            found.append(
                (
                    line,
                    f"<{tag}> can run code or change the page, which raw HTML may not do",
                    f"remove it; {HTML_HELP}",
                )
            )
            continue
        if element.raw and tag not in ALLOWED_TAGS:
            found.append(
                (
                    line,
                    f"<{tag}> is not allowed in raw HTML",
                    f"use Markdown, or an element {HTML_HELP}",
                )
            )
            continue
        for name, value in element.attrs:
            name = name.lower()
            if name.startswith("on"):
                found.append(
                    (line, f'{name}="{value[:40]}" on <{tag}> runs code', "remove the attribute")
                )
            elif name == "style":
                found.append(
                    (
                        line,
                        f'style="{value[:40]}" on <{tag}> is blocked by the site\'s '
                        "Content-Security-Policy",
                        "remove it; the theme styles the text",
                    )
                )
            elif name in URL_ATTRS:
                found += [(line, *p) for p in url_problems(tag, name, value)]
            elif not (
                name in GLOBAL_ATTRS or name.startswith("aria-") or name in TAG_ATTRS.get(tag, ())
            ):
                allowed = sorted(GLOBAL_ATTRS - {"markdown"} | TAG_ATTRS.get(tag, set()))
                found.append(
                    (
                        line,
                        f"attribute '{name}' on <{tag}> is not allowed",
                        f"remove it; allowed on <{tag}>: {', '.join(allowed)}, aria-*",
                    )
                )
    return found


def url_problems(tag: str, attribute: str, value: str) -> list[tuple[str, str]]:
    """One URL's problems: a scheme that runs code or inlines data, or another origin embedded."""
    urls = (
        [part.strip().split()[0] for part in value.split(",") if part.strip()]
        if attribute == "srcset"
        else [value.strip()]
    )
    found = []
    for url in urls:
        scheme = urlsplit(url).scheme.lower() if ":" in url else ""
        # Browsers ignore tabs and newlines inside a scheme: "java\tscript:" still runs.
        squeezed = "".join(url.split()).lower()
        bad = next((s for s in BAD_SCHEMES if squeezed.startswith(s + ":")), None)
        if bad or scheme in BAD_SCHEMES:
            what = "image" if tag == "img" else "link"
            if (bad or scheme) == "data":
                found.append(
                    (
                        f"{what} to a data: URL is not allowed",
                        "put the file in content/images/ and use {static}/images/…",
                    )
                )
            else:
                found.append(
                    (
                        f"{what} to '{url[:40]}' runs code or opens a local file",
                        "link to an https:// page instead",
                    )
                )
        elif attribute in EMBEDDING_ATTRS and (scheme in {"http", "https"} or url.startswith("//")):
            found.append(
                (
                    f"<{tag}> loads {url[:60]} from another site",
                    "save the file in content/images/ (with its licence) and use {static}/images/…",
                )
            )
    return found
