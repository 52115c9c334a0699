"""Production-only steps, loaded as an extra plugin by `invoke publish`.

pelican-granular-signals runs these after every `finalized` receiver, in its fixed order:
`optimize` (minify HTML with minify-html, then fingerprint the theme's JS: content hash in the
file name, every reference rewritten; the stylesheets are minified and fingerprinted when they
are written, stylesheets.py), then pelican-precompress's `compress` (.gz and .br of
every text file), and `deploy` (the `_headers` file that Netlify and Cloudflare Pages read).
Fingerprinting is hand-written because no maintained Pelican plugin does it without webassets
(and its Node-free filters are unmaintained); it is one rename and one rewrite per asset.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path
from urllib.parse import quote

import blinker
import minify_html
from pelican.plugins import granular_signals

from orbit_contract import HASH_LENGTH, HASHED_NAME

log = logging.getLogger(__name__)

FINGERPRINTED = (".css", ".js")
REWRITTEN = (".html", ".css", ".xml", ".txt", ".js", ".json")

# Everything from the site itself; 'wasm-unsafe-eval' for Pagefind's search index; nothing may
# frame the site or be framed by it. One policy, directive by directive, for both places it is
# delivered: `_headers` (Netlify and Cloudflare Pages read it) and, because GitHub Pages (where
# the workflow deploys) sends no headers of ours, a <meta http-equiv> in every page. Browsers
# enforce a meta policy alike, except the directives HTML forbids there and browsers ignore:
# frame-ancestors, report-uri and sandbox. HSTS and Permissions-Policy have no meta form at all.
POLICY = {
    "default-src": "'self'",
    "script-src": "'self' 'wasm-unsafe-eval'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "frame-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "upgrade-insecure-requests": "",
}
HEADER_ONLY = frozenset({"frame-ancestors", "report-uri", "sandbox"})


def policy_text(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}".strip() for name, value in directives.items())


def parse_policy(text: str) -> dict[str, str]:
    """A CSP's directives by name (lowercase), values with whitespace folded."""
    directives = {}
    for part in text.split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), " ".join(words[1:]))
    return directives


def policy_gaps(header: str, meta: str) -> list[str]:
    """How a page's meta policy is weaker than (or differs from) the `_headers` one, where a meta
    element can say the same: one line per directive."""
    sent, carried = parse_policy(header), parse_policy(meta)
    gaps = []
    for name, value in sent.items():
        if name in HEADER_ONLY:
            if name in carried:
                gaps.append(f"{name}: not allowed in a meta policy (browsers ignore it there)")
        elif name not in carried:
            gaps.append(f"{name}: in _headers ({value or 'set'}) but missing from the meta policy")
        elif carried[name] != value:
            gaps.append(f"{name}: _headers says {value!r}, the meta policy {carried[name]!r}")
    gaps += [
        f"{name}: in the meta policy but not in _headers" for name in carried.keys() - sent.keys()
    ]
    return gaps


HEADER_CSP = policy_text(POLICY)
CSP = policy_text({k: v for k, v in POLICY.items() if k not in HEADER_ONLY})  # the meta policy
REFERRER = "strict-origin-when-cross-origin"
META = (
    f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    f'<meta name="referrer" content="{REFERRER}">'
)
CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
# Long-lived caching is safe only for fingerprinted files: their name changes with their content.
HEADERS = """\
/*
  Content-Security-Policy: {csp}
  Strict-Transport-Security: max-age=63072000; includeSubDomains; preload
  Referrer-Policy: {referrer}
  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()
  X-Content-Type-Options: nosniff
  Cache-Control: public, max-age=300

{immutable}
/pagefind/*
  Cache-Control: public, max-age=3600
"""


def fingerprint(output: Path, static_dir: str = "theme") -> dict[str, str]:
    """Rename theme CSS/JS not named by their hash yet to name.<hash>.ext and rewrite every
    reference; return old → new."""
    renamed: dict[str, str] = {}
    folder = output / static_dir
    for path in sorted(folder.rglob("*")):
        if path.suffix not in FINGERPRINTED or HASHED_NAME.search(path.name):
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:HASH_LENGTH]
        target = path.with_name(f"{path.stem}.{digest}{path.suffix}")
        path.rename(target)
        renamed["/" + path.relative_to(output).as_posix()] = (
            "/" + target.relative_to(output).as_posix()
        )
    if not renamed:
        return renamed
    pattern = re.compile("(" + "|".join(re.escape(old) for old in renamed) + ")")
    for page in output.rglob("*"):
        if page.suffix in REWRITTEN and page.is_file():
            text = page.read_text(encoding="utf-8")
            new = pattern.sub(lambda m: renamed[m.group(1)], text)
            if new != text:
                page.write_text(new, encoding="utf-8")
    return renamed


def minify(output: Path):
    """Minify every HTML page (with its inline CSS and JSON-LD), and any stylesheet that is not
    one of the theme's bundles (those are minified once, when they are written)."""
    for path in output.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        path.write_text(
            minify_html.minify(
                html,
                minify_css=True,
                minify_js=False,
                keep_closing_tags=False,
                keep_html_and_head_opening_tags=True,
                keep_comments=False,
            ),
            encoding="utf-8",
        )
    for path in output.rglob("*.css"):
        if HASHED_NAME.search(path.name):
            continue
        css = path.read_text(encoding="utf-8")
        # minify-html minifies CSS inside a <style> element; wrap, minify, unwrap.
        wrapped = minify_html.minify(f"<style>{css}</style>", minify_css=True)
        path.write_text(wrapped.removeprefix("<style>").removesuffix("</style>"), encoding="utf-8")


# The SVG icon is smaller than the headers of the request that would fetch it, and a browser
# asks for it on a reader's first page: the publish build gives the theme the icon as a data:
# URL (ORBIT_ICON_SVG; the policy's img-src allows data:), which its <link rel="icon"> shows
# in place of the file's address, so no page spends a request on it. The PNG icon, for
# browsers without SVG icons, stays a file they fetch instead.
INLINE_ICON_MAX = 1024
ICON = Path("static") / "icons" / "favicon.svg"


def svg_data_url(svg: str) -> str:
    """An SVG as a data: URL: single quotes inside, so the attribute needs no escapes; spaces,
    brackets, # and braces percent-encoded, as URLs must have them."""
    text = re.sub(r">\s+<", "><", svg.strip()).replace('"', "'")
    return "data:image/svg+xml," + quote(text, safe="/:=;,'()!*+.-_~@")


def icon_data_url(theme: Path) -> str:
    """The theme's SVG icon as a data: URL, or "" when it has none or it is too big to inline."""
    file = Path(theme) / ICON
    if not file.is_file() or file.stat().st_size > INLINE_ICON_MAX:
        return ""
    return svg_data_url(file.read_text(encoding="utf-8"))


# Script types a browser does not execute, so CSP's script-src does not apply to them.
DATA_SCRIPTS = {"application/ld+json", "application/json"}


def csp_violations(page: Path) -> list[str]:
    """What in a page our Content-Security-Policy would block: inline scripts, event
    handler attributes, <style> elements and style attributes (no 'unsafe-inline')."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    found = [
        f"inline <script>: {str(tag)[:60]}"
        for tag in soup.find_all("script")
        if not tag.get("src") and tag.get("type") not in DATA_SCRIPTS
    ]
    found += [f"<style> element: {str(tag)[:60]}" for tag in soup.find_all("style")]
    for tag in soup.find_all(True):
        found += [
            f"{name} attribute on <{tag.name}>"
            for name in tag.attrs
            if name == "style" or name.startswith("on")
        ]
    return found


def write_headers(output: Path):
    """The `_headers` file: security headers, and long-lived caching for every file whose name
    carries its content hash."""
    hashed = sorted(
        "/" + p.relative_to(output).as_posix()
        for p in output.rglob("*")
        if HASHED_NAME.search(p.name) and p.is_file()
    )
    immutable = "\n".join(
        f"{path}\n  Cache-Control: public, max-age=31536000, immutable" for path in hashed
    )
    (output / "_headers").write_text(
        HEADERS.format(csp=HEADER_CSP, referrer=REFERRER, immutable=immutable),
        encoding="utf-8",
    )


def add_meta_policy(output: Path) -> list[str]:
    """Put the CSP and referrer policy in every page, right after <meta charset> (before any
    element that loads something); return the pages that have no <meta charset> to anchor it."""
    missing = []
    for path in sorted(output.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if "Content-Security-Policy" in html:
            continue
        new, count = CHARSET.subn(lambda m: m.group(0) + META, html, count=1)
        if count:
            path.write_text(new, encoding="utf-8")
        else:
            missing.append(str(path.relative_to(output)))
    return missing


def overrides(settings: dict, site_url: str | None = None) -> dict:
    """Settings that turn a development build into a production one."""
    url = (site_url or settings["PUBLISH_SITEURL"]).rstrip("/")
    return {
        "SITEURL": url,
        "FEED_DOMAIN": url,
        "FEED_ALL_ATOM": "feeds/all.atom.xml",
        "CATEGORY_FEED_ATOM": "feeds/{slug}.atom.xml",
        "DRAFT_SAVE_AS": "",  # drafts are visible in previews only
        "DRAFT_PAGE_SAVE_AS": "",
        "PLUGINS": [*settings["PLUGINS"], "orbit_assets.publish", "pelican.plugins.precompress"],
        "PRECOMPRESS_GZIP": True,
        "PRECOMPRESS_BROTLI": True,
        "PRECOMPRESS_ZOPFLI": False,
        "ORBIT_ICON_SVG": icon_data_url(settings["THEME"]) if "THEME" in settings else "",
    }


def on_optimize(pelican):
    """Minify, then fingerprint, so each file name hashes the bytes that are served."""
    output = Path(pelican.output_path)
    for page in add_meta_policy(output):
        log.error(
            "publish: %s has no <meta charset>, so its Content-Security-Policy cannot be "
            'set — add <meta charset="utf-8"> first in its <head>',
            page,
        )
    minify(output)
    renamed = fingerprint(output, pelican.settings["THEME_STATIC_DIR"])
    log.info("Minified pages; fingerprinted %d scripts", len(renamed))


def on_deploy(pelican):
    write_headers(Path(pelican.output_path))


def register():
    granular_signals.register()
    blinker.signal("optimize").connect(on_optimize)
    blinker.signal("deploy").connect(on_deploy)
