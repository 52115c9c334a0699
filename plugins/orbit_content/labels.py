"""The site's own words (content/data/labels.yaml): which labels the build asks for, and the
values each may show.

Chart titles, captions, table headings, status names and the notes the build adds are site
copy, edited in content/ like everything else readers see; the views fill in the values they
compute. This is the contract between the two: a label the views ask for must be in the file
(`check_labels`), and a text may name only the values its label is given (`template_fields`),
so a typo in either is a one-line problem at `./site check`, never a broken page.
"""

from __future__ import annotations

import difflib
import string

from .problems import did_you_mean

# Each label's key and the names of the values the views fill in, as {name} in its text.
FIELDS: dict[str, tuple[str, ...]] = {
    "seat-lanes-title": (),
    "seat-lanes-caption": (),
    "seat-lanes-caption-unbroken": (),
    "seat-lanes-caption-breaks": ("breaks",),
    "seat-lanes-caption-tick": ("person", "planned", "days"),
    "seat-lanes-caption-end": (),
    "seat-lanes-source": (),
    "seat-lanes-table-caption": (),
    "seat-lanes-head-person": (),
    "seat-lanes-head-lane": (),
    "seat-lanes-head-launch": (),
    "seat-lanes-head-landing": (),
    "seat-lanes-head-days": (),
    "seat-lanes-head-planned-days": (),
    "lane-soyuz": (),
    "lane-dragon": (),
    "lane-soyuz-phone": (),
    "lane-dragon-phone": (),
    "seat-lanes-chart-title": (),
    "seat-lanes-bar-planned": ("month",),
    "seat-lanes-bar-stay": ("days", "planned"),
    "seat-lanes-bar-stay-phone": ("days", "planned"),
    "seat-lanes-break-dates": ("start", "end"),
    "seat-lanes-break": ("dates",),
    "seat-lanes-as-of": ("date",),
    "seat-lanes-desc": ("month", "soyuz", "dragon"),
    "seat-lanes-desc-unbroken": (),
    "seat-lanes-desc-breaks": ("gaps",),
    "seat-lanes-desc-as-of": ("date",),
    "figure-status-completed": (),
    "figure-status-in-progress": (),
    "figure-status-planned": (),
    "figure-status-as-of": ("status", "date"),
    "plans-title": (),
    "plans-caption": (),
    "plans-source": (),
    "plans-table-caption": (),
    "plans-head-announced": (),
    "plans-head-plan": (),
    "plans-head-year": (),
    "plans-head-drawn-as": (),
    "plans-head-source": (),
    "plans-drawn-lower": (),
    "plans-drawn-upper": (),
    "plans-drawn-point": (),
    "plans-chart-title": (),
    "plans-axis-when": (),
    "plans-axis-year": (),
    "plans-today": ("date",),
    "plans-desc": ("announcements",),
    "plans-desc-item": ("when", "subject", "named"),
    "south-pole-title": (),
    "south-pole-caption": (),
    "south-pole-source": (),
    "south-pole-table-caption": (),
    "south-pole-head-mission": (),
    "south-pole-head-site": (),
    "south-pole-head-where": (),
    "south-pole-head-from-pole": (),
    "south-pole-head-source": (),
    "south-pole-table-site": ("kind", "name"),
    "south-pole-note-target": ("mission",),
    "south-pole-note-landed": ("mission",),
    "south-pole-note-from-pole": ("km",),
    "south-pole-note-crashed": ("mission",),
    "south-pole-note-probable": (),
    "south-pole-no-coordinates": (),
    "km": ("km",),
    "south-pole-scale-note": ("lat",),
    "south-pole-chart-title": (),
    "south-pole-desc": ("sites", "craters"),
    "south-pole-desc-site": ("mission", "kind", "lat", "lon"),
    "download-csv": (),
    "download-json": (),
    "download-craters-csv": (),
    "dataset-flights-title": (),
    "dataset-flights-description": (),
    "dataset-flights-key": (),
    "dataset-flights-person": (),
    "dataset-flights-agency": (),
    "dataset-flights-lane": (),
    "dataset-flights-launch-vehicle": (),
    "dataset-flights-return-vehicle": (),
    "dataset-flights-launch-utc": (),
    "dataset-flights-landing-utc": (),
    "dataset-flights-days-in-space": (),
    "dataset-flights-days-reported": (),
    "dataset-flights-planned-days": (),
    "dataset-flights-planned-launch": (),
    "dataset-flights-status": (),
    "dataset-flights-as-of": (),
    "dataset-flights-agreement": (),
    "dataset-flights-agreement-inferred": (),
    "dataset-flights-source": (),
    "dataset-flights-source-url": (),
    "dataset-flights-all-sources": (),
    "dataset-plans-title": (),
    "dataset-plans-description": (),
    "dataset-plans-key": (),
    "dataset-plans-announced": (),
    "dataset-plans-subject": (),
    "dataset-plans-named": (),
    "dataset-plans-named-year": (),
    "dataset-plans-bound": (),
    "dataset-plans-plotted-at": (),
    "dataset-plans-source": (),
    "dataset-plans-source-url": (),
    "dataset-plans-all-sources": (),
    "dataset-lunar-sites-title": (),
    "dataset-lunar-sites-description": (),
    "dataset-lunar-sites-mission": (),
    "dataset-lunar-sites-kind": (),
    "dataset-lunar-sites-name": (),
    "dataset-lunar-sites-lat": (),
    "dataset-lunar-sites-lon": (),
    "dataset-lunar-sites-km-from-pole": (),
    "dataset-lunar-sites-source": (),
    "dataset-lunar-sites-source-url": (),
    "dataset-craters-title": (),
    "dataset-craters-description": (),
    "dataset-craters-key": (),
    "dataset-craters-name": (),
    "dataset-craters-lat": (),
    "dataset-craters-lon": (),
    "dataset-craters-diameter-km": (),
    "dataset-craters-made-by": (),
    "dataset-craters-source": (),
    "dataset-craters-source-url": (),
    "key-number-stay": ("person",),
    "key-number-stay-unit": (),
    "key-number-flights": ("month",),
    "key-number-flights-unit": (),
    "key-number-burn-value": ("actual",),
    "key-number-burn-unit": ("planned",),
    "key-number-burn": ("mission",),
    "key-number-landing": ("mission", "km"),
    "key-number-module": ("when",),
    "flight-status-completed": (),
    "flight-status-in-progress": (),
    "flight-status-planned": (),
    "flight-days-reported": ("days",),
    "flight-days-so-far": (),
    "expected-launch": ("when",),
    "expected-return": ("when",),
    "expected-fact": ("when",),
    "expected-unconfirmed": ("note",),
    "outcome-success": (),
    "outcome-partial": (),
    "outcome-failure": (),
    "outcome-ongoing": (),
    "outcome-planned": (),
    "site-kind-landing": (),
    "site-kind-impact": (),
    "site-kind-target": (),
    "comparison-joiner": (),
    "comparison-agency": (),
    "comparison-launched": (),
    "comparison-ended": (),
    "comparison-outcome": (),
    "comparison-aimed-for": (),
    "comparison-came-down": (),
    "comparison-in-brief": (),
    "timeline-who": ("person", "agency"),
    "timeline-flight-launch": ("who", "vehicle"),
    "timeline-flight-return": ("who", "vehicle"),
    "timeline-mission-launch": ("mission",),
    "timeline-mission-end": ("mission",),
    "timeline-mission-end-partial": ("mission",),
    "timeline-mission-end-failure": ("mission",),
    "timeline-flight-launch-due": ("who", "vehicle"),
    "timeline-flight-return-due": ("who", "vehicle"),
    "timeline-mission-launch-due": ("mission",),
    "timeline-mission-end-due": ("mission",),
    "topic-other": (),
    "nav-stories": (),
    "footer-topics": (),
    "footer-tags": (),
    "strand-more": (),
    "search-kind-page": (),
    "update-published": (),
    "update-updated": (),
    "update-corrected": (),
    "cite-facts-as-of": ("date",),
    "flights-table-caption": (),
    "flights-head-person": (),
    "flights-head-vehicle": (),
    "flights-head-launch": (),
    "flights-head-landing": (),
    "flights-head-days": (),
    "flights-head-agreement": (),
    "flights-head-sources": (),
    "flights-home-on": ("vehicle",),
    "flights-launch-planned": ("month",),
    "flights-launch-unannounced": (),
    "flights-as-of": ("date",),
    "flights-inferred": (),
    "flights-inferred-title": (),
    "flights-table-note": (),
    "figure-number": ("number",),
    "figure-source": ("source",),
    "data-as-of": ("date",),
    "figure-downloads": ("files", "columns"),
    "figure-columns": (),
    "dataset-rows": ("rows",),
    "dataset-downloads": ("files",),
    "dataset-licence": ("licence",),
    "dataset-columns-caption": ("file",),
    "dataset-head-column": (),
    "dataset-head-holds": (),
    "dataset-cite-as": (),
    "dataset-cite": ("site", "title", "date", "url"),
    "dataset-undated": (),
    "article-published": ("date",),
    "article-changed": ("date",),
    "article-facts-as-of": ("date",),
    "article-sources-read": ("first", "last"),
    "article-reading-time": ("minutes",),
    "key-facts-heading": (),
    "key-facts-note": ("date",),
    "key-facts-dated-note": ("date",),
    "key-fact-source": ("source",),
    "key-fact-as-of": ("month",),
    "sources-heading": (),
    "sources-accessed-all": ("date",),
    "sources-back": ("number",),
    "sources-back-to": ("label",),
    "source-reprint": (),
    "source-reprint-of": ("original",),
    "source-other": (),
    "source-language": ("language",),
    "source-accessed": ("date",),
    "cite-heading": (),
    "cite-style": (),
    "cite-style-facts": ("date",),
    "cite-files": ("bibtex", "csl"),
    "cite-copy": (),
    "timeline-planned": (),
    "timeline-source": (),
    "timeline-source-of": ("publisher",),
    "flights-sources-read": ("date",),
    "missions-sources-read": ("date",),
    "seat-lanes-bar-overdue": (),
    "seat-lanes-caption-overdue": (),
    "seat-lanes-desc-overdue": ("flights",),
    "seat-lanes-desc-overdue-item": ("person", "date"),
    "figure-status-overdue": ("date",),
    "timeline-overdue": ("date",),
    "plans-end-overdue": (),
    "plans-year-overdue": ("named", "date"),
}


def known_key(value: str) -> str:
    """A label key the views ask for, or a did-you-mean error."""
    if value not in FIELDS:
        raise ValueError(
            f"unknown label '{value}' — "
            + did_you_mean(value, FIELDS, "keep the keys as they are; see the file's comments")
        )
    return value


def template_fields(key: str, text: str) -> str:
    """`text` if every {name} in it is one its label is given, else an error naming them."""
    allowed = FIELDS.get(key, ())
    offered = ", ".join(f"{{{n}}}" for n in allowed) if allowed else "none"
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError:
        raise ValueError(
            "has an unmatched { or } — write each value as {name}, or {{ and }} for a brace"
        ) from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in allowed:
            shown = f"{{{name}}}" if name else "{}"
            raise ValueError(
                f"uses {shown}, which this label is not given — "
                + did_you_mean(name, allowed, f"use only: {offered}")
                .replace("did you mean '", "did you mean '{")
                .replace("'?", "}'?")
            )
        if spec or conversion:
            raise ValueError(
                f"formats {{{name}}} itself — write {{{name}}} alone; the build formats the value"
            )
    return text


def check_labels(v) -> None:
    """Every label the views ask for is in labels.yaml, reported at its `labels:` line.

    A key written with a typo is reported once, as unknown (with a did-you-mean), and not
    again as the label it was meant to be."""
    if "labels" not in v.site.data:
        return  # the file is missing or unreadable: already reported
    path = v.site.root / "data" / "labels.yaml"
    doc = v.site.documents.get(path)
    written = v.written_keys.get("labels", set())
    misspelt = written - FIELDS.keys()
    for key in FIELDS:
        if key in written or difflib.get_close_matches(key, misspelt, 1, 0.6):
            continue
        values = FIELDS[key]
        uses = f" (it may use {', '.join(f'{{{n}}}' for n in values)})" if values else ""
        v.report(
            doc or path,
            ("labels",),
            f"no label '{key}'",
            f"add an entry with key: {key} and its text{uses}",
        )
