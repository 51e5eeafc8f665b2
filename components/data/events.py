"""What happened to an office, and what it makes of it: the status and dates its events give.

Pure functions over events in the order they happened (the schema's ``Event``: ``kind``,
``date``, ``sources``); the schema derives an office's status and dates with them, and the
page derives the footprint at any date (:mod:`components.data.at_date`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal, Protocol

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
