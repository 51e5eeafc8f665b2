"""The dataset's schema: a typed, immutable model of ``data/offices.json``.

Every record is a frozen pydantic model that forbids unknown fields. Fields that name another
record carry what they refer to in their type (:data:`OfficeId`, :data:`SourceId`), and the
records that others refer to say what kind they are (``kind``): checking references and
duplicate ids is derived from this schema (:mod:`components.data.problems`), so a new
reference is one field of the right type.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Annotated, Any, ClassVar, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    RootModel,
    SerializationInfo,
    StringConstraints,
    model_serializer,
    model_validator,
)

from components.data.dates import parse_partial_date
from components.data.events import EventKind, Status, check_events, derived_dates, standing_status

Region = Literal["Americas", "EMEA", "APAC"]
DateName = Literal["founded", "announced", "opened", "planned_opening"]

RecordKind = Literal["office", "source", "person", "partnership"]

STATUSES: tuple[Status, ...] = ("existing", "announced")
REGIONS: tuple[Region, ...] = ("Americas", "EMEA", "APAC")
# Texts fall back to this language where the data has none in the reader's.
SOURCE_LANGUAGE = "en"

# Babel knows these two-letter codes, but they name groupings or placeholders, not countries.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})
_COUNTRY_CODES = frozenset(
    code
    for code in Locale.parse("en").territories
    if isinstance(code, str) and re.fullmatch(r"[A-Z]{2}", code) and code not in _NOT_COUNTRIES
)


@dataclass(frozen=True)
class RefersTo:
    """Marks an identifier field as a reference to a record of ``kind``."""

    kind: RecordKind


def _check_partial_date(value: str) -> str:
    parse_partial_date(value)
    return value


@lru_cache(maxsize=1024)
def _is_time_zone(value: str) -> bool:
    """Whether zoneinfo knows the zone (asked once per name: ZoneInfo keeps its instances
    only while they are used, and reading a zone's file is the slowest part of validating
    thousands of offices)."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _check_timezone(value: str) -> str:
    if not _is_time_zone(value):
        raise ValueError("expected an IANA time zone such as 'Europe/Paris'")
    return value


def _check_country(value: str) -> str:
    if value not in _COUNTRY_CODES:
        raise ValueError("expected an ISO 3166-1 alpha-2 country code such as 'FR'")
    return value


def _check_sides(value: tuple[str, ...]) -> tuple[str, ...]:
    if len(set(value)) < 2:
        raise ValueError(
            "a note that sources differ must cite at least two different sources, one for each side"
        )
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
OfficeId = Annotated[Identifier, RefersTo("office")]
SourceId = Annotated[Identifier, RefersTo("source")]
PartialDate = Annotated[str, AfterValidator(_check_partial_date)]
CountryCode = Annotated[str, AfterValidator(_check_country)]
TimeZone = Annotated[str, StringConstraints(max_length=64), AfterValidator(_check_timezone)]
SourceIds = Annotated[tuple[SourceId, ...], Field(min_length=1)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
DifferingSources = Annotated[tuple[SourceId, ...], AfterValidator(_check_sides)]


class Model(BaseModel):
    """Base of every record: immutable, strict, and no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, serialize_by_alias=True)


def _needs_source_language(value: Mapping[str, str]) -> Mapping[str, str]:
    if SOURCE_LANGUAGE not in value:
        raise ValueError(f"a text needs at least its '{SOURCE_LANGUAGE}' version")
    return value


def _same_in_every_language(value: Any) -> Any:
    """A name given once (``"Reuters"``) is the same in every language."""
    return {SOURCE_LANGUAGE: value} if isinstance(value, str) else value


class LocalizedText(RootModel[dict[LanguageCode, Text]]):
    """A human-readable text by language code: ``{"en": "Brussels", "de": "Brüssel"}``.

    A language the data does not have reads the English text, so a new language needs no
    change here, only its texts in the data where they differ.
    """

    model_config = ConfigDict(frozen=True, strict=True)
    root: Annotated[dict[LanguageCode, Text], AfterValidator(_needs_source_language)]

    def get(self, lang: str) -> str:
        """The text in ``lang``, else in English."""
        return self.root.get(lang) or self.root[SOURCE_LANGUAGE]

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(self.root)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.root.items())))

    @model_serializer(mode="plain")
    def _serialize(self, info: SerializationInfo) -> dict[str, str]:
        """As written; with ``context={"languages": […]}``, in each of those languages (an
        export for readers of every language the app speaks)."""
        context = info.context if isinstance(info.context, dict) else {}
        languages = context.get("languages") or ()
        return {**{lang: self.get(lang) for lang in languages}, **self.root}


Name = Annotated[LocalizedText, BeforeValidator(_same_in_every_language)]


class SourcedText(Model):
    text: LocalizedText
    sources: SourceIds


class Difference(Model):
    """Where sources disagree about a fact: both sides, each with its source."""

    text: LocalizedText
    sources: DifferingSources


class Development(Model):
    """Something that happened after the data's date, with its source; it changes no status."""

    date: PartialDate | None
    text: LocalizedText
    sources: SourceIds


class Source(Model):
    kind: ClassVar[RecordKind] = "source"

    id: Identifier
    # A name given once is the same in every language ("Reuters").
    publisher: Name
    title: LocalizedText
    date: PartialDate | None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None
    # The language the source is written in (ISO 639-1), ``null`` where not seen.
    language: LanguageCode | None
    # ``"copy": true``: the address is a reprint, the original was not seen. (Named
    # ``is_copy`` here because ``copy`` is a method of every pydantic model.)
    is_copy: bool = Field(default=False, alias="copy")
    # When it was read, for a source that shows no date of its own.
    accessed: PartialDate | None = None
    # What a reader should know about the source ("Quotes OpenAI's post on X: …").
    note: LocalizedText | None = None


class OfficeDates(Model):
    # With events, the first three are derived from them and left out of the file.
    founded: PartialDate | None = None
    announced: PartialDate | None = None
    opened: PartialDate | None = None
    planned_opening: PartialDate | None = None
    # How the source words the plan ("end of 2024"), shown instead of the bare date.
    planned_opening_label: LocalizedText | None = None
    # Which sources give which date.
    sources: dict[DateName, tuple[SourceId, ...]] = Field(default_factory=dict)


class Event(Model):
    """Something that happened to an office, on a date its sources give (``null``: none
    gives it; it is then placed by its sources' dates, and says so)."""

    kind: EventKind
    date: PartialDate | None
    sources: SourceIds
    # What a reader should know about it ("in Bellevue, for up to 1,400 people").
    note: LocalizedText | None = None


class Office(Model):
    kind: ClassVar[RecordKind] = "office"

    id: Identifier
    city: LocalizedText
    country: CountryCode
    region: Region
    lat: Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
    lon: Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]
    timezone: TimeZone
    # Without events, the file gives the status; with them, it is derived (``status``).
    status_given: Status | None = Field(default=None, alias="status")
    # Without events, the file gives every date; with them, only the planned opening.
    dates_given: OfficeDates = Field(default_factory=OfficeDates, alias="dates")
    # What the office is for; a reader's table has none (no line says "Role: Office").
    role: LocalizedText | None = None
    notes: LocalizedText | None
    sources: SourceIds
    differences: tuple[Difference, ...] = ()
    # Later developments; the office's status stays that of the data's date.
    since: tuple[Development, ...] = ()
    # Whose name the map keeps where labels would collide (higher first); without it,
    # headquarters, then existing, then announced offices.
    label_priority: Annotated[int, Field(ge=0, le=100)] | None = None
    # What happened to it, in order. Where given, its status (after the last event) and its
    # founding, announcement and opening dates are derived from them, never written twice.
    events: tuple[Event, ...] = ()
    _later: tuple[Event, ...] = PrivateAttr(default=())

    @property
    def status(self) -> Status:
        """Its status after its events (a closed office: the one it had), else as given."""
        if not self.events:
            assert self.status_given is not None  # the validator requires it
            return self.status_given
        derived = standing_status(self.events)
        assert derived is not None  # the validator requires an event that gives one
        return derived

    @property
    def later(self) -> tuple[Event, ...]:
        """On the footprint at a date: its events after that date (none on the dataset)."""
        return self._later

    @property
    def closed(self) -> bool:
        """Whether its last event closed it."""
        return bool(self.events) and self.events[-1].kind == "closed"

    @property
    def dates(self) -> OfficeDates:
        """Its dates: the file's, and with events, those the events give."""
        if not self.events:
            return self.dates_given
        derived = derived_dates(self.events)
        sources = {**self.dates_given.sources, **derived.pop("sources")}
        return self.dates_given.model_copy(update={**derived, "sources": sources})

    @model_validator(mode="after")
    def _check_events(self) -> Office:
        check_events(self.status_given, self.dates_given, self.events)
        return self


class Statement(Model):
    kind: Literal["quote", "paraphrase"]
    original_language: LanguageCode
    text: LocalizedText


class Person(Model):
    kind: ClassVar[RecordKind] = "person"

    id: Identifier
    name: Text
    role: LocalizedText
    previous_positions: tuple[LocalizedText, ...]
    other_roles: tuple[LocalizedText, ...]
    base_office: OfficeId | None
    related_offices: tuple[OfficeId, ...]
    statement: Statement | None
    sources: SourceIds
    differences: tuple[Difference, ...] = ()


class Partnership(Model):
    kind: ClassVar[RecordKind] = "partnership"

    id: Identifier
    partner: Text
    description: LocalizedText
    partner_since: PartialDate | None
    initiated_by: Text | None
    aim: LocalizedText
    offices: tuple[OfficeId, ...]
    notes: tuple[SourcedText, ...]
    sources: SourceIds
    differences: tuple[Difference, ...] = ()


class Funding(Model):
    amount_usd: Annotated[int, Field(gt=0)]
    description: LocalizedText
    uses: tuple[LocalizedText, ...]
    credit_line_usd: Annotated[int, Field(gt=0)] | None
    valuation_usd: Annotated[int, Field(gt=0)] | None
    details_sources: tuple[SourceId, ...]
    sources: SourceIds
    context: tuple[SourcedText, ...]
    differences: tuple[Difference, ...] = ()


class Licence(Model):
    """Under what terms the data may be reused, as the export's footer states it."""

    name: Text
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    # Who to credit, where not the company's name ("OpenAI offices, compiled from …").
    attribution: LocalizedText | None = None


class Company(Model):
    name: Name
    # False for a stand-in (a reader's table without a name, or without a headquarters
    # marked): nothing calls it so (see docs/data.md, "A headquarters named, or a stand-in").
    name_stated: bool = True
    headquarters: OfficeId
    headquarters_stated: bool = True
    sources: SourceIds
    # Later developments that belong to no office on the map (a planned office elsewhere).
    since: tuple[Development, ...] = ()


class Dataset(Model):
    """Everything the dashboard shows, validated and immutable."""

    schema_version: Literal[1]
    company: Company
    as_of: PartialDate
    sources: tuple[Source, ...]
    offices: Annotated[tuple[Office, ...], Field(min_length=1)]
    # A company's own list of places may have none of these.
    people: tuple[Person, ...] = ()
    partnerships: tuple[Partnership, ...] = ()
    funding: Funding | None = None
    licence: Licence | None = None
    _upcoming: tuple[Office, ...] = PrivateAttr(default=())

    @property
    def upcoming(self) -> tuple[Office, ...]:
        """On the footprint at a date: the offices that appear after it (none otherwise)."""
        return self._upcoming

    @cached_property
    def offices_by_id(self) -> dict[str, Office]:
        return {office.id: office for office in self.offices}

    @cached_property
    def sources_by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}

    def office(self, office_id: str) -> Office:
        return self.offices_by_id[office_id]

    @property
    def headquarters(self) -> Office:
        return self.office(self.company.headquarters)


def status_counts(offices: Iterable[Office]) -> Counter[Status]:
    """How many of these offices have each status (every status counted, zero included)."""
    counts: Counter[Status] = Counter(dict.fromkeys(STATUSES, 0))
    counts.update(office.status for office in offices)
    return counts
