"""Each file's front matter or data entries against its pydantic model, as contributor advice.

Pydantic's errors are translated into `path:line: field: problem — fix` lines: a misspelt
field is reported once with a did-you-mean, a missing one with an example of what to add.
"""

from __future__ import annotations

import difflib
import re
from typing import get_args
from urllib.parse import urlparse

from pydantic import BaseModel, ValidationError

from ..problems import did_you_mean

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
    "kind": "kind: agency, official, wire, press, reference, reprint or other",
}


def check_model(v, doc, model: type[BaseModel], data, prefix: tuple = ()):
    try:
        return model.model_validate(data)
    except ValidationError as err:
        errors = err.errors()
        # A misspelt field also makes the real one "missing": report the misspelling only.
        suggested = {
            (tuple(e["loc"][:-1]), s)
            for e in errors
            if e["type"] == "extra_forbidden"
            for s in difflib.get_close_matches(
                str(e["loc"][-1]), _fields_at(model, tuple(e["loc"][:-1])), 1, 0.6
            )
        }
        for error in errors:
            loc = tuple(error["loc"])
            if error["type"] == "missing" and (loc[:-1], loc[-1]) in suggested:
                continue
            _pydantic_problem(v, doc, model, prefix, loc, error)
        return None


def _pydantic_problem(v, doc, model, prefix, loc, error):
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
    v.report(doc, prefix + loc, message, fix)


def check_url(v, doc, loc, url):
    parsed = urlparse(url)
    if parsed.scheme == "http" and parsed.hostname not in v.http_hosts:
        v.report(
            doc,
            loc,
            f"'{url}' is not https",
            "use the https:// address, or add the host to ORBIT_HTTP_HOSTS in "
            "pelican.conf.py if the site has none",
        )


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
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found:
            return found
    return None
