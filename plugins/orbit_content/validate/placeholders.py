"""The hints `./site new` writes in place of real text, and the rule that none is ever published.

A scaffolded file passes validation on purpose (a contributor previews it at once), so without
this rule a draft switched to `status: published` with its hints still in place would publish
"One sentence (20–160 characters) for cards…" as its summary and a fact labelled "First fact"
citing example.org. The scaffold (orbit_cli/scaffold.py) writes its hints from the constants
here, so what is written and what is looked for have one definition. Each hint left in a file
is reported at its line: a warning while the file is a draft, an error once it is published
(or hidden, which is written at its address like a published page).
"""

from __future__ import annotations

SUMMARY = "One sentence (20–160 characters) for cards, feeds and link previews."
PAGE_SUMMARY = "One sentence (20–160 characters) for link previews and search results."
FACT_LABELS = ("First fact", "Second fact", "Third fact")
FACT_VALUE = "Its value"
EVENT_TEXT = "What happened on this day"
SOURCE_ID = "example-source"
SOURCE_TITLE = "The headline of the page you read"
SOURCE_PUBLISHER = "Who published it"
SOURCE_URL = "https://www.example.org/"
BODY = "Write the story here in short paragraphs. Put a citation after each fact."
HEADING = "## A section heading"
PAGE_BODY = "Write the page here. Pages that state facts need `sources:` and `[@id]` citations"

# Front matter: (field path, '*' for any list index; the hint or hints; how to replace it).
FIELDS = [
    (("summary",), (SUMMARY, PAGE_SUMMARY), "write one sentence that says what the page tells"),
    (("key_facts", "*", "label"), FACT_LABELS, 'name the fact, like "Launch"'),
    (("key_facts", "*", "value"), (FACT_VALUE,), "write its value as the source gives it"),
    (("events", "*", "text"), (EVENT_TEXT,), "say in one line what happened that day"),
    (
        ("sources", "*", "id"),
        (SOURCE_ID,),
        "give the source its own id, like tass-2023-08-20, and cite it by that id",
    ),
    (("sources", "*", "title"), (SOURCE_TITLE,), "copy the headline of the page you read"),
    (("sources", "*", "publisher"), (SOURCE_PUBLISHER,), "name who published the page"),
    (("sources", "*", "url"), (SOURCE_URL,), "paste the address of the page you read"),
]
# Body: (the start of a line as written; how to replace it).
LINES = [
    (BODY, "write the text in its place, with a citation after each fact"),
    (HEADING, "name the section after what it tells, or remove the heading"),
    (PAGE_BODY, "write the page's text in its place"),
]


def _matches(data, pattern: tuple, loc: tuple = ()):
    """(loc, value) for every value in `data` at a path matching `pattern`."""
    if not pattern:
        yield loc, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for index, item in enumerate(data if isinstance(data, list) else []):
            yield from _matches(item, rest, (*loc, index))
    elif isinstance(data, dict) and head in data:
        yield from _matches(data[head], rest, (*loc, head))


def found(doc) -> list[tuple[tuple, int | None, str, str]]:
    """(field, line, hint, fix) for each scaffold hint still in one article or page."""
    hits = []
    for pattern, hints, fix in FIELDS:
        for loc, value in _matches(doc.data, pattern):
            if isinstance(value, str) and value.strip() in hints:
                hits.append((loc, doc.line_of(loc), value.strip(), fix))
    for index, line in enumerate(doc.body.splitlines()):
        for hint, fix in LINES:
            if line.strip().startswith(hint):
                hits.append((("body",), doc.body_start + index, hint, fix))
    return hits


def check_placeholders(v, doc):
    """Report each hint: an error on a page the build publishes, a warning on a draft."""
    draft = str(doc.data.get("status", "published")) == "draft"
    for loc, line, hint, fix in found(doc):
        shown = hint if len(hint) <= 40 else hint[:37] + "…"
        if draft:
            problem, fix = f"'{shown}' is the hint ./site new wrote", f"{fix}, before you publish"
        else:
            problem = f"'{shown}' is the hint ./site new wrote, and this page is published"
        v.report(doc.path, loc, problem, fix, line=line, warning=draft)
