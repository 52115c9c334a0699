"""The content model: one pydantic model per kind of file in content/.

Field names here are the contract with contributors; CONTRIBUTING.md's front-matter table and the
JSON Schema files for editors are generated from these models, so the docs cannot drift.
"""

# No `from __future__ import annotations` here: with it every annotation is a string, which
# pydantic compiles and evaluates while it builds the models, a fifth of importing this module
# (and `./site check` imports it on every run).
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

from orbit_contract import slugify

from . import labels
from .expected import Expected

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
            raise ValueError(
                f"'{value}' is not an ISO date — write it as YYYY-MM-DD, like 2023-08-25"
            )
        try:
            return dt.date.fromisoformat(text)
        except ValueError as err:
            raise ValueError(
                f"'{value}' is not a real date ({err}) — check the day and month"
            ) from None
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
                f"'{value}' is not an ISO date or UTC time"
                " — write 2023-08-25 or 2023-08-25T10:00:00Z"
            ) from None
        return _as_instant(parsed)
    raise ValueError(f"expected a date or UTC time, got {type(value).__name__}")


def _kebab(value: str) -> str:
    if not KEBAB.match(value):
        suggestion = slugify(value)
        raise ValueError(
            f"'{value}' must be lowercase words joined by hyphens, like '{suggestion}'"
        )
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
# What kind of publisher a source is. Key facts, figure and table data cite only the first four.
SourceKind = Literal["agency", "official", "wire", "press", "reference", "reprint", "other"]
PRIMARY_KINDS = frozenset({"agency", "official", "wire", "press"})


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt field must not be silently ignored."""

    # The attribute docstrings below become field descriptions when the contributor docs and
    # the editor schemas are generated (orbit_cli/docs.py's describe), not at every import.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Source(Strict):
    id: Key
    """Short lowercase-kebab name, unique in the file, cited in the text as [@id]."""
    title: Text
    """The source's own headline or title."""
    publisher: Text
    """Who published it; say 'X, reprinting Y' for a reprint or mirror."""
    url: Url
    """The address you read (https unless the host is in ORBIT_HTTP_HOSTS)."""
    published: IsoDate | None = None
    """When the source was published, if known."""
    accessed: IsoDate
    """When the source was read and checked."""
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")] | None = None
    """Two-letter language code when not English, like ru."""
    kind: SourceKind
    """agency, official (a government or treaty document), wire (Reuters, AP, AFP, PTI, TASS, RIA,
    Interfax), press, reference, reprint (a copy on another host: name the first publisher in
    original) or other (blogs, forums, aggregators)."""
    original: Text | None = None
    """For a reprint: who first published it, like 'CNN' (publisher names the reprinting host)."""


class KeyFact(Strict):
    label: Text
    """What the fact is about, shown in bold."""
    value: Text
    """The figure or date, as readers should see it."""
    source: Key
    """The id of the source that states it."""
    as_of: IsoDate | None = None
    """For facts that can change (plans, status): the date it was true."""
    expected_by: Expected | None = None
    """For a fact that is a plan: when it is due, as the source says (2028, 2026-06, 2026-07-26)."""
    outcome: Text | None = None
    """Once a planned fact's date has passed: what happened, in a few words (cite its source)."""


class Event(Strict):
    date: IsoDate
    """When it happened (ISO date)."""
    text: Text
    """One line for the site timeline."""
    source: Key
    """The id of the source that dates it."""
    mission: Key | None = None
    """Mission key in missions.yaml; the date must fall within the mission."""


class Correction(Strict):
    date: IsoDate
    """When the correction was made."""
    was: Text | None = None
    """What the page said, in its own words (quote the wrong sentence or figure)."""
    now: Text | None = None
    """What the page says now."""
    source: Key | None = None
    """The id of the source (in this article's sources) that shows the right fact."""
    text: Text | None = None
    """Why it was wrong, or anything else a reader should know; needed only without was and now."""


class Document(Strict):
    """What articles and pages share."""

    title: Text
    """A plain-English headline."""
    slug: Key
    """The web address (/slug/); must equal the file name without .md."""
    summary: Annotated[str, Field(min_length=20, max_length=160)]
    """One sentence (20–160 characters) for cards, feeds and link previews."""
    date: IsoDate | None = None
    """First published (ISO date)."""
    modified: IsoDate | None = None
    """Last substantive change; on or after date."""
    reviewed: IsoDate | None = None
    """Last time every fact was checked against its source; on or after date."""
    status: Literal["published", "draft", "hidden"] = "published"
    """draft: shown in previews only, never published."""
    sources: list[Source] = []
    """Every source the text cites; each must be cited as [@id]."""

    @field_validator("modified", "reviewed")
    @classmethod
    def _not_before_date(cls, value, info: ValidationInfo):
        first = info.data.get("date")
        if value and first and value < first:
            raise ValueError(f"{value} is before date ({first}) — it must be on or after date")
        return value


class Article(Document):
    date: IsoDate
    """First published (ISO date). Required for articles."""
    reviewed: IsoDate
    """Last time every fact was checked against its source. Required for articles."""
    category: Key
    """The topic: a key in content/data/topics.yaml."""
    tags: list[Key] = []
    """Lowercase-kebab tags, like [luna-25, soyuz]."""
    agencies: list[Key] = []
    """Keys in content/data/agencies.yaml, like [nasa, roscosmos]."""
    related: list[Key] = []
    """Slugs of other articles to suggest next."""
    key_facts: Annotated[list[KeyFact], Field(min_length=3)]
    """At least 3 facts for the key-facts panel: label, value, source, as_of."""
    events: Annotated[list[Event], Field(min_length=1)]
    """Dated events for the site timeline: date, text, source, mission."""
    sources: Annotated[list[Source], Field(min_length=1)]
    """Every source the text cites: id, title, publisher, url, published, accessed, language."""
    corrections: list[Correction] = []
    """Corrections made after publication: date, text."""


class Page(Document):
    template: Key | None = None
    """A theme template for generated pages, like timeline."""


# ---- data collections (content/data/*.yaml) -------------------------------------------------


class Topic(Strict):
    key: Key
    """Lowercase-kebab key, used as an article's category."""
    name: Text
    """The topic's name as readers see it."""
    description: Text
    """One sentence on what the topic covers."""


class Agency(Strict):
    key: Key
    """Lowercase-kebab key, like nasa."""
    name: Text
    """Full official name."""
    abbreviation: Text
    """Short name, like NASA."""
    country: Text
    """Country or region it belongs to."""
    url: Url
    """Official home page."""
    description: Text
    """One or two plain sentences."""


class Site(Strict):
    name: Text
    """Where it is, in words."""
    lat: Annotated[float, Field(ge=-90, le=90)] | None = None
    """Latitude in decimal degrees, south negative; leave both out if no source gives them."""
    lon: Annotated[
        Annotated[float, Field(ge=-180, le=180)] | None, Field(validate_default=True)
    ] = None
    """Longitude in decimal degrees, west negative."""
    kind: Literal["landing", "impact", "target"] = "landing"
    """landing, impact or target."""

    @field_validator("lon")
    @classmethod
    def _both_or_neither(cls, value, info: ValidationInfo):
        if "lat" in info.data and (value is None) != (info.data["lat"] is None):
            state = "is missing but lat is given" if value is None else "is given without lat"
            raise ValueError(f"{state} — give both lat and lon, or neither")
        return value

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


class Mission(Strict):
    key: Key
    """Lowercase-kebab key, like soyuz-ms-22."""
    name: Text
    """The mission's name."""
    agencies: Annotated[list[Key], Field(min_length=1)]
    """Agency keys."""
    kind: Literal["lunar-lander", "crew-transport", "cargo", "station-module", "other"]
    """lunar-lander, crew-transport, cargo, station-module or other."""
    launch: Instant | None = None
    """Launch: ISO date, or UTC time like 2023-08-10T23:10:57Z."""
    end: Instant | None = None
    """End (landing, crash, end of contact); empty while ongoing."""
    outcome: Literal["success", "partial", "failure", "ongoing", "planned"]
    """success, partial, failure, ongoing or planned."""
    expected_by: Annotated[Expected | None, Field(validate_default=True)] = None
    """Required while planned or ongoing: when launch (planned) or the end (ongoing) is expected,
    as the source gives it: 2027, 2026-06 or 2026-07-26."""
    summary: Text
    """One or two plain sentences."""
    site: Site | None = None
    """Landing or impact site: name, lat, lon, kind."""
    target: Site | None = None
    """Intended landing site: name, lat, lon."""
    burn_planned_s: Annotated[float, Field(gt=0)] | None = None
    """For a lander lost to an engine burn: how long the burn was meant to last, in seconds."""
    burn_actual_s: Annotated[float, Field(gt=0)] | None = None
    """How long it actually ran, in seconds (with burn_planned_s; from the same sources)."""
    sources: Annotated[list[Source], Field(min_length=1)]
    """Sources for this entry (same fields as an article's)."""

    @field_validator("end")
    @classmethod
    def _end_after_launch(cls, value, info: ValidationInfo):
        return _not_before_launch(value, info, "dates")

    @field_validator("expected_by")
    @classmethod
    def _future_dated(cls, value, info: ValidationInfo):
        outcome = info.data.get("outcome")
        if outcome not in {"planned", "ongoing"}:
            return value
        step = "launch" if outcome == "planned" else "end"
        return _due_date_required(value, f"a mission that is {outcome}", step, "2027")


class Flight(Strict):
    key: Key
    """Lowercase-kebab key, like rubio-ms22."""
    person: Text
    """Who flew."""
    agency: Key
    """Their agency's key."""
    launch_mission: Key
    """Mission key of the launch vehicle."""
    return_mission: Key | None = None
    """Mission key of the return vehicle; empty until they return."""
    crewmates: list[Text] = []
    """Who flew with them."""
    launch: Instant | None = None
    """Launch, UTC (a date when only the day is known)."""
    landing: Instant | None = None
    """Landing, UTC; empty until they land."""
    launch_site: Text | None = None
    """Where they launched from."""
    landing_site: Text | None = None
    """Where they landed."""
    duration_reported_days: Annotated[int, Field(gt=0)] | None = None
    """The duration agencies reported, in whole days (durations are otherwise computed)."""
    agreement: Text
    """Which agreement or supplement covered the seat."""
    agreement_inferred: bool = False
    """true when no source says which agreement covered it."""
    status: Literal["completed", "in-progress", "planned"]
    """completed, in-progress or planned."""
    as_of: Annotated[IsoDate | None, Field(validate_default=True)] = None
    """Required unless completed: the date the status was true."""
    expected_by: Annotated[Expected | None, Field(validate_default=True)] = None
    """Required unless completed: when launch (planned) or landing (in progress) is expected, as
    the source gives it: 2026, 2026-06 or 2026-07-26."""
    notes: str | None = None
    """A plain-English note."""
    planned_days: Annotated[int, Field(gt=0)] | None = None
    """The stay planned at launch, in days, where a source gives it (drawn beside the real one)."""
    planned_launch: IsoDate | None = None
    """For a planned flight: the launch date announced; the 1st when only the month is known."""
    planned_launch_precision: Literal["day", "month"] = "day"
    """month when the sources give only the month of the planned launch."""
    sources: Annotated[list[Source], Field(min_length=1)]
    """Sources for this entry (same fields as an article's)."""

    @field_validator("landing")
    @classmethod
    def _landing_after_launch(cls, value, info: ValidationInfo):
        return _not_before_launch(value, info, "times")

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

    @field_validator("expected_by")
    @classmethod
    def _future_dated(cls, value, info: ValidationInfo):
        status = info.data.get("status")
        if status not in {"in-progress", "planned"}:
            return value
        step = "launch" if status == "planned" else "landing"
        which = "a planned flight" if status == "planned" else "a flight in progress"
        return _due_date_required(value, which, step, "2026")


class RefusedHost(Strict):
    host: Annotated[str, Field(pattern=r"^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$")]
    """A host we never cite, like learnerz.in; its subdomains are refused too (*.page4.com)."""
    reason: Text
    """Why: what the host is (a mirror, a copy farm, an aggregator) and what was wrong with it."""
    instead: Text
    """The better kind of source to look for, told to whoever cites the host."""


class GlossaryTerm(Strict):
    term: Text
    """The word or phrase as readers meet it."""
    abbr: str | None = None
    """Its abbreviation, if any."""
    definition: Text
    """One or two plain sentences."""
    aliases: list[Text] = []
    """Other spellings or names."""
    see: Key | None = None
    """Slug of the article that explains it."""


class GlossaryStop(Strict):
    term: Text
    """A word or phrase the glossary never marks in running text, exactly as written."""


# The longest name an end label of the plans chart fits on a phone (orbit_views.figures).
SHORT_SUBJECT = 17


class Plan(Strict):
    key: Key
    """Lowercase-kebab key, like ros-nem-2024-07."""
    subject: Text
    """Which plan (one line on the chart per subject), like "Russia's ISS exit"."""
    short_subject: Annotated[
        Annotated[str, Field(min_length=1, max_length=SHORT_SUBJECT)] | None,
        Field(validate_default=True),
    ] = None
    """How the chart's end label names the plan, like "First module": at most 17 characters.
    Needed when subject is longer; without it the label is the subject. The label uses the
    newest announcement's."""
    announced: IsoDate
    """When it was said (ISO date)."""
    announced_precision: Literal["day", "month"] = "day"
    """month when the sources give only the month; write the day as 01."""
    named: Text
    """What was named, in the source's words, like "after 2024"."""
    named_year: Annotated[int, Field(ge=1990, le=2100)]
    """The year that plots it."""
    expected_by: Expected | None = None
    """When the plan is due, if sharper than named_year (2028-06); else the end of named_year."""
    outcome: Text | None = None
    """Once it is due: what happened, in a few words (the source goes in sources)."""
    sources: Annotated[list[Source], Field(min_length=1)]
    """Sources for this entry (same fields as an article's)."""

    @field_validator("short_subject")
    @classmethod
    def _fits_the_chart(cls, value, info: ValidationInfo):
        subject = info.data.get("subject") or ""
        if value is None and len(subject) > SHORT_SUBJECT:
            raise ValueError(
                f"is missing, and the subject is {len(subject)} characters, too long for the "
                f"chart's end label — add short_subject: a name of at most {SHORT_SUBJECT} "
                'characters, like "First module"'
            )
        return value

    @field_validator("announced_precision")
    @classmethod
    def _month_is_first(cls, value, info: ValidationInfo):
        announced = info.data.get("announced")
        if value == "month" and announced and announced.day != 1:
            raise ValueError(f"is month but announced is {announced} — write the day as 01")
        return value


def day(value: dt.date | dt.datetime | None) -> dt.date | None:
    """The calendar date (UTC) of a date or an instant; the one place instants become days."""
    if value is None:
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def _due_date_required(value, what: str, step: str, year: str):
    """`expected_by` for something still to happen (a plan, a stay under way): without it the
    stale list could never say the date has passed."""
    if value is None:
        raise ValueError(
            f"is missing for {what} — add expected_by: when its {step} is expected, as the "
            f"source says ({year}, 2026-06 or 2026-07-26)"
        )
    return value


def _not_before_launch(value, info: ValidationInfo, what: str):
    launch = info.data.get("launch")
    if value and launch and day(value) < day(launch):
        raise ValueError(f"{value} is before launch ({launch}) — check both {what}")
    return value


class Crater(Strict):
    key: Key
    """Lowercase-kebab key, like manzinus-c."""
    name: Text
    """The IAU name, like "Manzinus C"."""
    lat: Annotated[float, Field(ge=-90, le=90)]
    """Centre latitude in decimal degrees, south negative."""
    lon: Annotated[float, Field(ge=-180, le=180)]
    """Centre longitude in decimal degrees, east positive."""
    diameter_km: Annotated[float, Field(gt=0)]
    """Rim diameter in kilometres."""
    mission: Key | None = None
    """For a crater a spacecraft made: the mission's key (the map marks it as that impact site)."""
    sources: Annotated[list[Source], Field(min_length=1)]
    """Where the position and size come from."""


class Label(Strict):
    key: Annotated[str, AfterValidator(labels.known_key)]
    """Which label: the name the build asks for it by, like seat-lanes-title. Keep it as it is."""
    text: Text
    """What readers see. A name in braces, like {date}, is filled in by the build; each label may
    use only the names it is given (the file's comments say which)."""

    @field_validator("text")
    @classmethod
    def _known_fields(cls, value, info: ValidationInfo):
        key = info.data.get("key")
        return labels.template_fields(key, value) if key else value


# Each data file holds one top-level list under this key, of this model.
COLLECTIONS: dict[str, tuple[str, type[Strict]]] = {
    "topics.yaml": ("topics", Topic),
    "agencies.yaml": ("agencies", Agency),
    "missions.yaml": ("missions", Mission),
    "flights.yaml": ("flights", Flight),
    "glossary.yaml": ("terms", GlossaryTerm),
    "plans.yaml": ("plans", Plan),
    "craters.yaml": ("craters", Crater),
    "refused-hosts.yaml": ("hosts", RefusedHost),
    "glossary-stop.yaml": ("stop", GlossaryStop),
    "labels.yaml": ("labels", Label),
}
# Collections a site may leave out (the plans chart is simply not drawn without one).
OPTIONAL_COLLECTIONS = {"plans.yaml", "craters.yaml", "refused-hosts.yaml", "glossary-stop.yaml"}
