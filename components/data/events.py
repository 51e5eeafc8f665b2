"""What happened to an office, and what it makes of it: the status and dates its events give.

Pure functions over events in the order they happened (the schema's ``Event``: ``kind``,
``date``, ``sources``); the schema derives an office's status and dates with them, and the
page derives the footprint at any date (:mod:`components.data.at_date`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal, Protocol

from components.data.dates import partial_date_start

Status = Literal["existing", "announced"]
# What can happen to an office.
EventKind = Literal["founded", "announced", "opened", "moved", "renamed", "closed"]
# The dates an office's events give, each named for the kind of event that gives it.
EVENT_DATES: tuple[EventKind, ...] = ("founded", "announced", "opened")


class EventLike(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def date(self) -> str | None: ...
    @property
    def sources(self) -> tuple[str, ...]: ...


def status_after(kinds: Iterable[str]) -> Status | None:
    """The status events of these kinds, in order, leave an office in: ``None`` before it is
    announced, founded or opened, and after it is closed (moving or renaming changes none).
    An office's own ``status`` is the one it has after its events, closing left aside."""
    status: Status | None = None
    for kind in kinds:
        if kind == "announced" and status is None:
            status = "announced"
        elif kind in ("founded", "opened"):
            status = "existing"
        elif kind == "closed":
            status = None
    return status


def standing_status(events: Iterable[EventLike]) -> Status | None:
    """The status an office's events leave it in, closing left aside (a closed office
    keeps the status it had): the office's own ``status``."""
    return status_after(event.kind for event in events if event.kind != "closed")


def derived_dates(events: Iterable[EventLike]) -> dict[str, Any]:
    """The dates an office's events give (the first event of each kind), with their sources,
    as :class:`OfficeDates` fields."""
    dates: dict[str, Any] = {}
    sources: dict[str, tuple[str, ...]] = {}
    for event in events:
        if event.kind in EVENT_DATES and event.kind not in sources:
            dates[event.kind] = event.date
            sources[event.kind] = event.sources
    return {**dates, "sources": sources}


def check_events(status_given: str | None, dates_given: Any, events: Sequence[EventLike]) -> None:
    """Raise ``ValueError`` where an office's status, dates and events do not agree: without
    events a status is needed; with them, no event date is written twice (in ``dates``), the
    events are in order, one of them gives a status, and a given status is theirs."""
    if not events:
        if status_given is None:
            raise ValueError("an office needs a status, or events that give it")
        return
    given_dates = [name for name in EVENT_DATES if getattr(dates_given, name) is not None]
    if given_dates:
        raise ValueError(
            f"dates.{given_dates[0]} is given, but with events the events give it:"
            " leave it out of the file"
        )
    starts = [partial_date_start(event.date) for event in events if event.date is not None]
    if starts != sorted(starts):
        raise ValueError("events must be in the order they happened (their dates go back)")
    derived = standing_status(events)
    if derived is None:
        raise ValueError("no event announces, founds or opens the office")
    if status_given is not None and status_given != derived:
        last = events[-1]
        raise ValueError(
            f"status {status_given!r} contradicts the events: after the last"
            f" ({last.kind!r}, {last.date or 'date not stated'}) it is {derived!r}"
        )
