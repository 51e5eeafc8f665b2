"""The footprint at any date: which offices there were, with what status, from their events.

Every event stands at a *step*: its own date where a source gives it; else (``date: null``)
the earliest date of its sources (when published, or when read: ``accessed``), never before
the event before it, and marked as placed so. The steps of a dataset are the dates at which
something happened; :func:`dataset_at` is the dataset as it stood at one of them (or at any
date): offices not yet announced are left out, the others carry the events up to then, and
what came later is kept aside (``Office.later``) for the details to mark.

Offices without events are the same at every date: a dataset without any (a reader's table,
the benchmark's thousands) has no steps and is its own footprint at every date.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from components.data.dates import partial_date_end, partial_date_start
from components.data.events import status_after
from components.data.memo import per_object
from components.data.problems import Problem
from components.data.schema import Dataset, Event, Office, Source

LATEST = "latest"
# How many footprints are kept per dataset (a link may name any date).
_KEPT_PER_DATASET = 64


@dataclass(frozen=True)
class PlacedEvent:
    """An office's event where it stands on the timeline."""

    event: Event
    step: str  # the date it stands at (a partial date, as the data writes one)
    dated: bool  # whether a source gives its date; if not, it is placed by its sources'


def _sources_date(event: Event, sources: Mapping[str, Source]) -> str | None:
    """The earliest date of an event's sources: published, else read (``accessed``)."""
    dates = [
        written
        for source_id in event.sources
        if (source := sources.get(source_id)) is not None
        for written in (source.date or source.accessed,)
        if written is not None
    ]
    return min(dates, key=partial_date_start, default=None)


def placed_events(office: Office, sources: Mapping[str, Source]) -> tuple[PlacedEvent, ...]:
    """An office's events where they stand, those after a footprint's date included (an
    undated one is never before the one before)."""
    placed: list[PlacedEvent] = []
    for event in (*office.events, *office.later):
        if event.date is not None:
            placed.append(PlacedEvent(event, event.date, dated=True))
            continue
        step = _sources_date(event, sources)
        if step is None:
            continue  # reported by placement_problems; a valid dataset has none
        if placed and partial_date_start(placed[-1].step) > partial_date_start(step):
            step = placed[-1].step
        placed.append(PlacedEvent(event, step, dated=False))
    return tuple(placed)


def placement_problems(dataset: Dataset) -> Iterator[Problem]:
    """Undated events that no source's date can place."""
    for i, office in enumerate(dataset.offices):
        for j, event in enumerate(office.events):
            if event.date is None and _sources_date(event, dataset.sources_by_id) is None:
                yield Problem(
                    f"offices[{i}].events[{j}].date",
                    "no date, and none of its sources has a date or an 'accessed' date to"
                    " place it by",
                )


@per_object()
def steps(dataset: Dataset) -> tuple[str, ...]:
    """The dates at which something happened to an office, in order (none without events)."""
    found = {
        placed.step
        for office in dataset.offices
        for placed in placed_events(office, dataset.sources_by_id)
    }
    return tuple(sorted(found, key=lambda step: (partial_date_start(step), len(step))))


def default_step(dataset: Dataset) -> str:
    """Where the page opens: the data's own date (the last step within it, where the data's
    date is a month or a year: the October 2024 of the article is its 9 October)."""
    end = partial_date_end(dataset.as_of)
    within = [step for step in steps(dataset) if partial_date_start(step) <= end]
    return within[-1] if within else dataset.as_of


def earliest_step(dataset: Dataset) -> str | None:
    """The first date with a footprint to show: the headquarters' first event (before it,
    there is no company), or the first step; ``None`` without events."""
    known = steps(dataset)
    if not known:
        return None
    headquarters = placed_events(dataset.headquarters, dataset.sources_by_id)
    return headquarters[0].step if headquarters else known[0]


def resolve_step(dataset: Dataset, requested: str) -> str:
    """The date a view asks for (``""``: the data's date; ``"latest"``; a date, never before
    :func:`earliest_step`, and a date still to come read as the latest: no footprint is
    claimed for the future) as a date."""
    if not requested:
        return default_step(dataset)
    known = steps(dataset)
    if requested == LATEST or partial_date_start(requested) > date.today():
        return known[-1] if known else dataset.as_of
    earliest = earliest_step(dataset)
    if earliest is not None and partial_date_end(requested) < partial_date_start(earliest):
        return earliest
    return requested


def footprint_at(dataset: Dataset, requested: str) -> Dataset:
    """The dataset as a view asks for it (``""``, ``"latest"`` or a date, as
    :func:`resolve_step` reads it): what the page, its downloads and the published map
    show."""
    return dataset_at(dataset, resolve_step(dataset, requested))


def requested_for(dataset: Dataset, step: str) -> str:
    """What a view keeps for a step: ``""`` for the data's own date and ``"latest"`` for the
    last step (so the address leaves the first out and follows new data for the second)."""
    if step == default_step(dataset):
        return ""
    known = steps(dataset)
    return LATEST if known and step == known[-1] else step


def _office_at(office: Office, placed: tuple[PlacedEvent, ...], end: date) -> Office | None:
    if not placed:
        return office  # no events: the same at every date
    past = tuple(p.event for p in placed if partial_date_start(p.step) <= end)
    if status_after(event.kind for event in past) is None:
        return None  # not yet announced, or closed
    later = tuple(p.event for p in placed[len(past) :])
    if not later:
        return office
    at_date = office.model_copy(update={"events": past})
    at_date._later = later
    return at_date


@per_object(maxsize=4)
def _footprints(dataset: Dataset) -> tuple[OrderedDict[str, Dataset], threading.Lock]:
    return OrderedDict(), threading.Lock()


def dataset_at(dataset: Dataset, step: str) -> Dataset:
    """The dataset as it stood at a date (a partial date: its last day counts), with that
    date as its ``as_of``; the same object for the same date, so what is kept per dataset
    stays valid. A dataset without events is itself at every date."""
    if not steps(dataset):
        return dataset
    kept, lock = _footprints(dataset)
    with lock:
        if step in kept:
            kept.move_to_end(step)
            return kept[step]
    end = partial_date_end(step)
    at_date: list[Office] = []
    upcoming: list[Office] = []
    for office in dataset.offices:
        placed = placed_events(office, dataset.sources_by_id)
        shown = _office_at(office, placed, end)
        if shown is not None:
            at_date.append(shown)
        elif any(partial_date_start(p.step) > end for p in placed):
            upcoming.append(office)
    offices = tuple(at_date)
    present = {office.id for office in offices}
    # Built afresh, not copied: a copy would keep the dataset's cached lookups (offices_by_id).
    footprint = Dataset.model_construct(
        **{
            **{name: getattr(dataset, name) for name in Dataset.model_fields},
            "as_of": step,
            "offices": offices,
            "people": tuple(
                person.model_copy(
                    update={
                        "related_offices": tuple(o for o in person.related_offices if o in present),
                        "base_office": person.base_office
                        if person.base_office in present
                        else None,
                    }
                )
                for person in dataset.people
            ),
            "partnerships": tuple(
                partnership.model_copy(
                    update={"offices": tuple(o for o in partnership.offices if o in present)}
                )
                for partnership in dataset.partnerships
            ),
        }
    )
    footprint._upcoming = tuple(upcoming)
    with lock:
        footprint = kept.setdefault(step, footprint)
        while len(kept) > _KEPT_PER_DATASET:
            kept.popitem(last=False)
    return footprint
