"""Events as data: the status and dates an office's events give, and what the validator
rejects (an event without a source, a status that contradicts the events)."""

from __future__ import annotations

from typing import Any

import pytest

from components.data.events import status_after
from tests.helpers import dataset_from, problems_of, raw_data


def with_paris_events(events: list[dict[str, Any]], **fields: Any) -> tuple[dict[str, Any], int]:
    """The real data with Paris given these events (its status and event dates left out)."""
    raw = raw_data()
    index = next(i for i, office in enumerate(raw["offices"]) if office["id"] == "paris")
    paris = raw["offices"][index]
    paris.pop("status", None)
    paris["dates"] = {
        key: value
        for key, value in paris.get("dates", {}).items()
        if key not in ("founded", "announced", "opened")
    }
    paris["dates"]["sources"] = {}
    paris["events"] = events
    paris.update(fields)
    return raw, index


def event(kind: str, date: str | None, *sources: str) -> dict[str, Any]:
    return {"kind": kind, "date": date, "sources": list(sources or ["techcrunch-2024-10-09"])}


@pytest.mark.parametrize(
    ("kinds", "status"),
    [
        ((), None),
        (("announced",), "announced"),
        (("announced", "opened"), "existing"),
        (("opened", "announced"), "existing"),  # announcing an open office changes nothing
        (("founded", "moved", "renamed"), "existing"),
        (("announced", "closed"), None),
        (("opened", "closed", "opened"), "existing"),
    ],
)
def test_the_status_after_events(kinds: tuple[str, ...], status: str | None) -> None:
    assert status_after(kinds) == status


def test_status_and_dates_are_derived_from_the_events() -> None:
    raw, index = with_paris_events(
        [event("announced", "2024-10-09"), event("opened", "2024-11", "techcrunch-2024-10-09")]
    )
    paris = dataset_from(raw).offices[index]
    assert paris.status == "existing"
    assert paris.dates.announced == "2024-10-09"
    assert paris.dates.opened == "2024-11"
    assert paris.dates.sources["opened"] == ("techcrunch-2024-10-09",)
    assert not paris.closed


def test_an_announced_office_stays_announced_until_an_event_opens_it() -> None:
    raw, index = with_paris_events([event("announced", "2024-10-09")])
    assert dataset_from(raw).offices[index].status == "announced"


def test_a_closed_office_keeps_the_status_it_had_and_says_it_closed() -> None:
    raw, index = with_paris_events([event("opened", "2020"), event("closed", "2025-03")])
    paris = dataset_from(raw).offices[index]
    assert (paris.status, paris.closed) == ("existing", True)


def test_an_event_without_a_source_is_rejected_where_it_is() -> None:
    raw, index = with_paris_events([event("announced", "2024-10-09")])
    raw["offices"][index]["events"][0]["sources"] = []
    (problem,) = problems_of(raw)
    assert problem.startswith(f"offices[{index}].events[0].sources: ")


def test_an_event_with_an_unknown_source_is_rejected() -> None:
    raw, index = with_paris_events([event("announced", "2024-10-09", "no-such-source")])
    (problem,) = problems_of(raw)
    assert problem.startswith(f"offices[{index}].events[0].sources[0]: unknown source id")


def test_a_status_that_contradicts_the_events_is_rejected_with_both() -> None:
    raw, index = with_paris_events(
        [event("announced", "2024-10-09"), event("opened", "2024-11")], status="announced"
    )
    (problem,) = problems_of(raw)
    assert problem.startswith(f"offices[{index}]: ")
    assert "'announced' contradicts the events" in problem
    assert "('opened', 2024-11) it is 'existing'" in problem


def test_a_status_that_agrees_with_the_events_is_accepted() -> None:
    raw, index = with_paris_events([event("announced", "2024-10-09")], status="announced")
    assert dataset_from(raw).offices[index].status == "announced"


def test_a_date_written_twice_in_dates_and_events_is_rejected() -> None:
    raw, index = with_paris_events([event("announced", "2024-10-09")])
    raw["offices"][index]["dates"]["announced"] = "2024-10-09"
    (problem,) = problems_of(raw)
    assert "dates.announced is given, but with events the events give it" in problem


def test_events_out_of_order_are_rejected() -> None:
    raw, _ = with_paris_events([event("opened", "2024-11"), event("announced", "2024-10-09")])
    (problem,) = problems_of(raw)
    assert "in the order they happened" in problem


def test_events_that_never_announce_or_open_the_office_are_rejected() -> None:
    raw, _ = with_paris_events([event("moved", "2025")])
    (problem,) = problems_of(raw)
    assert "no event announces, founds or opens the office" in problem


def test_an_office_without_status_or_events_is_rejected() -> None:
    raw, _ = with_paris_events([])
    (problem,) = problems_of(raw)
    assert "needs a status, or events that give it" in problem


def test_an_unknown_event_kind_is_reported_with_the_bad_value() -> None:
    raw, index = with_paris_events([event("rumoured", "2024-10-09")])
    (problem,) = problems_of(raw)
    assert problem.startswith(f"offices[{index}].events[0].kind: ")
    assert "(got 'rumoured')" in problem
