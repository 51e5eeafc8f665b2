"""Everything the details panel shows about one office, formatted for the reader's language:
status, place, role, dates with their sources, distances, local time, people, partners.

Pure functions of plain values; the panels only lay out what these return.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from components.data.at_date import placed_events
from components.data.schema import (
    Dataset,
    DateName,
    Office,
    Partnership,
    Person,
)
from components.facts.citations import Citations, SourcedLine, SourceRef, differences
from components.facts.geo import distance_km, nearest_office
from components.facts.history import event_date, office_history
from components.facts.local_time import (
    describe_difference,
    difference,
    format_local_time,
)
from components.facts.queries import partnerships_for_office, people_for_office
from components.text.catalog import _
from components.text.formatting import country_name, format_km, format_partial_date
from components.text.names import date_name, region_name, status_name


def office_date(office: Office, name: DateName, lang: str = "en") -> str | None:
    """An office's date as shown: the source's wording for a planned opening ("end of 2024")
    where the data has it, else the formatted date; ``None`` where the date is unknown."""
    dates = office.dates
    if name == "planned_opening" and dates.planned_opening_label:
        return dates.planned_opening_label.get(lang)
    value: str | None = getattr(dates, name)
    return format_partial_date(value, lang) if value else None


@dataclass(frozen=True)
class DatedEvent:
    label: str
    value: str
    sources: tuple[int, ...] = ()


@dataclass(frozen=True)
class OfficeDetails:
    """Everything the details panel shows about one office, formatted for ``lang``."""

    office: Office
    city: str
    status: str
    country: str
    region: str
    role: str | None
    notes: str | None
    dates: tuple[DatedEvent, ...]
    differences: tuple[SourcedLine, ...]
    # Up to the date shown, what no date line says (a development, a move); after it, all.
    history: tuple[SourcedLine, ...]
    since: tuple[SourcedLine, ...]
    # Every source of the office, once, numbered as the dates cite them.
    sources: tuple[SourceRef, ...]
    people: tuple[Person, ...]
    partnerships: tuple[Partnership, ...]
    distance_to_hq: str | None
    nearest: str | None
    local_time: str
    time_to_hq: str | None


def _office_dates(
    office: Office, lang: str, citations: Citations | None = None, dataset: Dataset | None = None
) -> tuple[DatedEvent, ...]:
    dates = office.dates
    # An event no source dates says so, and where it is placed (its sources' date).
    undated: dict[str, str] = {
        placed.event.kind: event_date(placed, lang)
        for placed in (placed_events(office, dataset.sources_by_id) if dataset else ())
        if not placed.dated and placed.event in office.events
    }
    shown: list[DateName] = ["announced", "opened"]
    if dates.founded:
        shown.insert(0, "founded")
    if office.status == "announced" or dates.planned_opening:
        shown.append("planned_opening")
    return tuple(
        DatedEvent(
            date_name(name, lang),
            office_date(office, name, lang)
            or undated.get(name)
            or _missing_date(office, name, lang),
            citations.cite(dates.sources.get(name, ())) if citations else (),
        )
        for name in shown
    )


def _missing_date(office: Office, name: DateName, lang: str) -> str:
    """What a date line says without a date, in words that fit the office's status: an
    announced office has not opened yet; any other date is one the sources do not give."""
    if name == "opened" and office.status == "announced":
        return _("not yet", lang)
    return _("not stated in the sources", lang)


def office_details(
    dataset: Dataset, office_id: str, lang: str = "en", at: datetime | None = None
) -> OfficeDetails:
    """The office's details in ``lang``; local times are those at ``at`` (default: now)."""
    at = at or datetime.now(UTC)
    office = dataset.office(office_id)
    hq = dataset.headquarters
    stated = dataset.company.headquarters_stated
    to_hq: str | None
    if not stated:
        to_hq = None
    elif office.id == hq.id:
        to_hq = _("This is the headquarters.", lang)
    else:
        to_hq = _(
            "To headquarters ({city}): {km} km",
            lang,
            city=hq.city.get(lang),
            km=format_km(distance_km(office, hq), lang),
        )
    neighbour = nearest_office(dataset, office)
    nearest = (
        _(
            "Nearest office: {city}, {km} km",
            lang,
            city=neighbour.office.city.get(lang),
            km=format_km(neighbour.distance_km, lang),
        )
        if neighbour
        else None
    )
    citations = Citations(dataset, lang)
    shown_dates = _office_dates(office, lang, citations, dataset)
    shown_differences = differences(citations, office.differences, lang)
    citations.cite(office.sources)
    history = office_history(dataset, office, citations, lang)
    return OfficeDetails(
        office=office,
        city=office.city.get(lang),
        status=status_name(office.status, lang),
        country=country_name(office.country, lang),
        region=region_name(office.region, lang),
        role=office.role.get(lang) if office.role else None,
        notes=office.notes.get(lang) if office.notes else None,
        dates=shown_dates,
        differences=shown_differences,
        history=history.past,
        since=history.later,
        sources=citations.listed,
        people=people_for_office(dataset, office.id),
        partnerships=partnerships_for_office(dataset, office.id),
        distance_to_hq=to_hq,
        nearest=nearest,
        local_time=_("Local time: {time}", lang, time=format_local_time(office.timezone, at, lang)),
        time_to_hq=None if office.id == hq.id or not stated else time_to_hq(office, hq, at, lang),
    )


def time_to_hq(office: Office, hq: Office, at: datetime, lang: str) -> str:
    """``16 h ahead of San Francisco``."""
    return describe_difference(
        difference(office.timezone, hq.timezone, at), hq.city.get(lang), lang
    )
