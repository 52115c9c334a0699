"""The content model: one pydantic model per kind of file in content/.

Field names here are the contract with contributors; CONTRIBUTING.md's front-matter table and the
JSON Schema files for editors are generated from these models, so the docs cannot drift.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _as_date(value):
    """Normalise a YAML date: unquoted ISO dates arrive as date, quoted ones as str.

    A datetime (a time was written) is accepted only at midnight, so '2023-08-25T10:00' in a
    date-only field is reported rather than silently truncated.
    """
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0, 0) or value.tzinfo is not None:
            raise ValueError("is a date and time — write a date only, like 2023-08-25")
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(f"'{value}' is not an ISO date — write it as YYYY-MM-DD, like 2023-08-25")
        try:
            return dt.date.fromisoformat(text)
        except ValueError as err:
            raise ValueError(f"'{value}' is not a real date ({err}) — check the day and month") from None
    raise ValueError(f"expected a date like 2023-08-25, got {type(value).__name__}")


def _as_instant(value):
    """Normalise a moment in time to an aware UTC datetime, or keep a bare date.

    YAML gives naive datetimes for times written without a zone and aware ones for 'Z' or
    '+hh:mm'; we store UTC only, so a naive time is read as UTC (the data files say so).
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return _as_date(text)
        try:
            parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(
                f"'{value}' is not an ISO date or UTC time — write 2023-08-25 or 2023-08-25T10:00:00Z"
            ) from None
        return _as_instant(parsed)
    raise ValueError(f"expected a date or UTC time, got {type(value).__name__}")


def _kebab(value: str) -> str:
    if not KEBAB.match(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        raise ValueError(f"'{value}' must be lowercase words joined by hyphens, like '{suggestion}'")
    return value


def _https(value: str) -> str:
    if not re.match(r"^https?://[^/\s]+", value):
        raise ValueError(f"'{value}' is not a web address — give the full https:// URL")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_as_date)]
Instant = Annotated[dt.datetime | dt.date, BeforeValidator(_as_instant)]
Key = Annotated[str, AfterValidator(_kebab)]
Url = Annotated[str, AfterValidator(_https)]
Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt field must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Source(Strict):
    id: Key
    title: Text
    publisher: Text
    url: Url
    published: IsoDate | None = None
    accessed: IsoDate
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")] | None = None


class KeyFact(Strict):
    label: Text
    value: Text
    source: Key
    as_of: IsoDate | None = None


class Event(Strict):
    date: IsoDate
    text: Text
    source: Key
    mission: Key | None = None


class Correction(Strict):
    date: IsoDate
    text: Text


class Image(Strict):
    src: Text
    alt: Text
    credit: Text
    license: Text


class Document(Strict):
    """What articles and pages share."""

    title: Text
    slug: Key
    summary: Annotated[str, Field(min_length=20, max_length=160)]
    date: IsoDate | None = None
    modified: IsoDate | None = None
    reviewed: IsoDate | None = None
    status: Literal["published", "draft", "hidden"] = "published"
    sources: list[Source] = []

    @field_validator("modified", "reviewed")
    @classmethod
    def _not_before_date(cls, value, info: ValidationInfo):
        first = info.data.get("date")
        if value and first and value < first:
            raise ValueError(f"{value} is before date ({first}) — it must be on or after date")
        return value


class Article(Document):
    date: IsoDate
    reviewed: IsoDate
    category: Key
    tags: list[Key] = []
    agencies: list[Key] = []
    related: list[Key] = []
    hero: Image | None = None
    key_facts: Annotated[list[KeyFact], Field(min_length=3)]
    events: Annotated[list[Event], Field(min_length=1)]
    sources: Annotated[list[Source], Field(min_length=1)]
    corrections: list[Correction] = []


class Page(Document):
    template: Key | None = None


# ---- data collections (content/data/*.yaml) -------------------------------------------------


class Topic(Strict):
    key: Key
    name: Text
    description: Text


class Agency(Strict):
    key: Key
    name: Text
    abbreviation: Text
    country: Text
    url: Url
    description: Text


class Site(Strict):
    name: Text
    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]
    kind: Literal["landing", "impact", "target"] = "landing"


class Mission(Strict):
    key: Key
    name: Text
    agencies: Annotated[list[Key], Field(min_length=1)]
    kind: Literal["lunar-lander", "crew-transport", "cargo", "station-module", "other"]
    launch: Instant | None = None
    end: Instant | None = None
    outcome: Literal["success", "partial", "failure", "ongoing", "planned"]
    summary: Text
    site: Site | None = None
    target: Site | None = None
    sources: Annotated[list[Source], Field(min_length=1)]

    @field_validator("end")
    @classmethod
    def _end_after_launch(cls, value, info: ValidationInfo):
        launch = info.data.get("launch")
        if value and launch and _day(value) < _day(launch):
            raise ValueError(f"{value} is before launch ({launch}) — check both dates")
        return value


class Flight(Strict):
    key: Key
    person: Text
    agency: Key
    launch_mission: Key
    return_mission: Key | None = None
    crewmates: list[Text] = []
    launch: Instant | None = None
    landing: Instant | None = None
    launch_site: Text | None = None
    landing_site: Text | None = None
    duration_reported_days: Annotated[int, Field(gt=0)] | None = None
    agreement: Text
    agreement_inferred: bool = False
    status: Literal["completed", "in-progress", "planned"]
    as_of: Annotated[IsoDate | None, Field(validate_default=True)] = None
    notes: str | None = None
    sources: Annotated[list[Source], Field(min_length=1)]

    @field_validator("landing")
    @classmethod
    def _landing_after_launch(cls, value, info: ValidationInfo):
        launch = info.data.get("launch")
        if value and launch and _day(value) < _day(launch):
            raise ValueError(f"{value} is before launch ({launch}) — check both times")
        return value

    @field_validator("status")
    @classmethod
    def _completed_has_landing(cls, value, info: ValidationInfo):
        if value == "completed" and info.data.get("landing") is None and "landing" in info.data:
            raise ValueError("is completed but landing is empty — add the landing time")
        return value

    @field_validator("as_of")
    @classmethod
    def _status_dated(cls, value, info: ValidationInfo):
        status = info.data.get("status")
        if value is None and status in {"in-progress", "planned"}:
            raise ValueError(f"is missing for a {status} flight — add as_of: the date it was true")
        return value


class GlossaryTerm(Strict):
    term: Text
    abbr: str | None = None
    definition: Text
    aliases: list[Text] = []
    see: Key | None = None


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


# Each data file holds one top-level list under this key, of this model.
COLLECTIONS: dict[str, tuple[str, type[Strict]]] = {
    "topics.yaml": ("topics", Topic),
    "agencies.yaml": ("agencies", Agency),
    "missions.yaml": ("missions", Mission),
    "flights.yaml": ("flights", Flight),
    "glossary.yaml": ("terms", GlossaryTerm),
}
