"""What happened to an office, and to the company, before and after the date shown: lines
of history with their dates and sources, for the details and the header.

An event's date is shown as its sources give it; one they do not give says so, with the
date it is placed at (its sources' date). Later developments without an office
(``Development``) are listed with the events, by date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from components.data.at_date import PlacedEvent, placed_events
from components.data.dates import partial_date_end, partial_date_start
from components.data.events import EVENT_DATES
from components.data.schema import Dataset, Development, Office
from components.facts.citations import Citations, SourcedLine
from components.text.catalog import _
from components.text.formatting import format_partial_date
from components.text.names import event_name


@dataclass(frozen=True)
class History:
    """An office's events and developments up to the date shown (``past``: those that are
    not already a date line: moves, renamings, closings, developments) and after it."""

    past: tuple[SourcedLine, ...]
    later: tuple[SourcedLine, ...]


def event_date(placed: PlacedEvent, lang: str) -> str:
    """ "5 March 2026"; for an event no source dates: "date not stated (placed at 27 August
    2025, its sources' date)"."""
    if placed.dated and placed.event.date is not None:
        return format_partial_date(placed.event.date, lang)
    return _(
        "date not stated (placed at {date}, its sources' date)",
        lang,
        date=format_partial_date(placed.step, lang),
    )


def event_line(citations: Citations, placed: PlacedEvent, lang: str) -> SourcedLine:
    """ "Opened — Offices in Bellevue, near Seattle, …", dated, with its sources."""
    text = event_name(placed.event.kind, lang)
    if placed.event.note is not None:
        text = f"{text} — {placed.event.note.get(lang)}"
    return SourcedLine(text, citations.refs(placed.event.sources), event_date(placed, lang))


def development_line(citations: Citations, item: Development, lang: str) -> SourcedLine:
    when = format_partial_date(item.date, lang) if item.date else None
    return SourcedLine(item.text.get(lang), citations.refs(item.sources), when)


def _after(step: str | None, end: date) -> bool:
    """Whether a date comes after the date shown (no date: counted as later)."""
    return step is None or partial_date_start(step) > end


def office_history(dataset: Dataset, office: Office, citations: Citations, lang: str) -> History:
    """The office's history around the dataset's date, oldest first."""
    end = partial_date_end(dataset.as_of)
    placed = placed_events(office, dataset.sources_by_id)
    dated: list[tuple[str, SourcedLine, bool]] = []
    for event in placed:
        later = _after(event.step, end)
        if later or event.event.kind not in EVENT_DATES:  # no date line shows it
            dated.append((event.step, event_line(citations, event, lang), later))
    for item in office.since:
        dated.append(
            (item.date or "9999", development_line(citations, item, lang), _after(item.date, end))
        )
    dated.sort(key=lambda entry: partial_date_start(entry[0]))
    return History(
        past=tuple(line for _step, line, later in dated if not later),
        later=tuple(line for _step, line, later in dated if later),
    )


@dataclass(frozen=True)
class LaterDevelopment:
    """A development after the date shown, for the header: where (an office, or ``None``
    for the company as a whole) and what. ``on_map``: whether its office is on the map at
    the date shown (an office announced later is not)."""

    office_id: str | None
    place: str | None
    line: SourcedLine
    on_map: bool = True


def later_developments(dataset: Dataset, lang: str = "en") -> tuple[LaterDevelopment, ...]:
    """Everything after the dataset's date, offices' events and developments and the
    company's, oldest first, with one numbering of their sources (in that order)."""
    end = partial_date_end(dataset.as_of)
    found: list[tuple[str, Office | None, PlacedEvent | Development]] = []
    for office in (*dataset.offices, *dataset.upcoming):
        found += [
            (placed.step, office, placed)
            for placed in placed_events(office, dataset.sources_by_id)
            if _after(placed.step, end)
        ]
        found += [(item.date or "9999", office, item) for item in _later_items(office.since, end)]
    found += [
        (item.date or "9999", None, item) for item in _later_items(dataset.company.since, end)
    ]
    found.sort(key=lambda entry: partial_date_start(entry[0]))
    citations = Citations(dataset, lang)
    return tuple(
        LaterDevelopment(
            office.id if office else None,
            office.city.get(lang) if office else None,
            event_line(citations, item, lang)
            if isinstance(item, PlacedEvent)
            else development_line(citations, item, lang),
            on_map=office is None or office.id in dataset.offices_by_id,
        )
        for _step, office, item in found
    )


def _later_items(items: Iterable[Development], end: date) -> list[Development]:
    return [item for item in items if _after(item.date, end)]
