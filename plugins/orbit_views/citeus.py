"""How to cite a story: an APA reference on the page, BibTeX and CSL-JSON files beside it.

Computed from the validated front matter (title, dates), the page's "facts as of" date (the
newest access date of its sources, as its header shows it) and the
story's public address, so a citation names the page readers can reach even when it is copied
from a preview build. The files are written next to the story's index.html as cite.bib and
cite.json (CSL-JSON, what Zotero, Pandoc and citation.js read), so the page itself carries
only the formatted reference and two links.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from orbit_contract import DATE_FORMAT

from .freshness import page_dates
from .wording import Words

BIB_NAME, CSL_NAME = "cite.bib", "cite.json"
# BibTeX treats these as markup; in a title they are escaped.
BIB_SPECIAL = re.compile(r"([&%$#_{}~^\\])")


def public_url(settings, url: str) -> str:
    """The page's absolute address: SITEURL in a publish build, else the public site's."""
    base = settings.get("SITEURL") or ""
    if not base.startswith(("http://", "https://")):
        base = settings.get("PUBLISH_SITEURL", "")
    return f"{base.rstrip('/')}/{url}"


def _bib_title(title: str) -> str:
    """Escape BibTeX's specials and brace words with capitals after the first, so styles that
    lowercase titles keep NASA, ISS and names as written."""
    words = BIB_SPECIAL.sub(r"\\\1", title).split(" ")
    return " ".join(w if i == 0 or w == w.lower() else "{" + w + "}" for i, w in enumerate(words))


def cite_this(model, url: str, settings, words: Words) -> dict:
    """The story's citation: APA parts for the page, BibTeX and CSL-JSON text for the files."""
    site = settings.get("SITENAME", "")
    dates = page_dates(model)  # the same "facts as of" the page's header shows
    issued = dates["changed"] or model.date
    checked = dates["facts_as_of"] or model.reviewed
    address = public_url(settings, url)
    key = re.sub(r"[^a-z0-9]+", "-", f"{site} {model.slug}".lower()).strip("-")
    facts = words("cite-facts-as-of", date=checked.strftime(DATE_FORMAT)) if checked else None
    bib_fields = [
        ("author", "{" + site + "}"),
        ("title", _bib_title(model.title)),
        ("date", issued.isoformat()),
        ("url", address),
        ("organization", site),
    ] + ([("note", facts)] if facts else [])
    bibtex = (
        "@online{"
        + key
        + ",\n"
        + "".join(f"  {name:<12} = {{{value}}},\n" for name, value in bib_fields)
        + "}\n"
    )
    csl = [
        {
            "id": key,
            "type": "webpage",
            "title": model.title,
            "author": [{"literal": site}],
            "container-title": site,
            "issued": {"date-parts": [[issued.year, issued.month, issued.day]]},
            "URL": address,
            **({"note": facts} if facts else {}),
        }
    ]
    return {
        "author": site,
        # APA 7, a web page by an organisation: Author. (Year, Month Day). Title. URL
        "apa_date": f"{issued.year}, {issued.strftime('%B')} {issued.day}",
        "title": model.title,
        "url": address,
        "facts_as_of": checked,
        "bibtex": bibtex,
        "csl_json": json.dumps(csl, ensure_ascii=False, indent=2) + "\n",
        "bib_file": BIB_NAME,
        "csl_file": CSL_NAME,
    }


def write_files(generator, writer):
    """Write each story's cite.bib and cite.json beside its page (Pelican has written it).

    Drafts too: a preview shows their "Cite this page" links, which must not lead nowhere.
    """
    output = Path(writer.output_path)
    stories = [*getattr(generator, "articles", []), *getattr(generator, "drafts", [])]
    for article in stories:
        cite = (getattr(article, "view", None) or {}).get("cite")
        if not cite or not article.save_as:
            continue
        folder = (output / article.save_as).parent
        folder.mkdir(parents=True, exist_ok=True)
        (folder / BIB_NAME).write_text(cite["bibtex"], encoding="utf-8")
        (folder / CSL_NAME).write_text(cite["csl_json"], encoding="utf-8")
