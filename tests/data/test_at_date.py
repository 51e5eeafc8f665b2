"""The footprint at any date: the article's date as the page has always shown it, the
latest date with every sourced office, and every date between them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from components.data.at_date import (
    LATEST,
    dataset_at,
    default_step,
    footprint_at,
    placed_events,
    resolve_step,
    steps,
)
from components.data.dates import partial_date_start
from components.data.events import status_after
from components.data.schema import Dataset
from tests.helpers import dataset_from, problems_of, raw_data

ARTICLE = {
    "san-francisco": "existing", "london": "existing", "dublin": "existing", "tokyo": "existing",
    "new-york": "announced", "seattle": "announced", "paris": "announced",
    "brussels": "announced", "singapore": "announced",
}  # fmt: skip


def statuses(dataset: Dataset) -> dict[str, str]:
    return {office.id: office.status for office in dataset.offices}


@pytest.mark.parametrize("requested", ["", "2024-10-09", "2024-10"])
def test_the_article_date_shows_the_nine_offices_as_the_article_has_them(
    catalog: Dataset, requested: str
) -> None:
    footprint = footprint_at(catalog, requested)
    assert statuses(footprint) == ARTICLE
    assert footprint.upcoming and all(o.id not in ARTICLE for o in footprint.upcoming)


def test_the_page_opens_on_the_article_date(catalog: Dataset) -> None:
    assert catalog.as_of == "2024-10" and default_step(catalog) == "2024-10-09"


def test_the_latest_date_shows_every_sourced_office_with_its_latest_status(
    catalog: Dataset,
) -> None:
    latest = footprint_at(catalog, LATEST)
    assert statuses(latest) == {
        **ARTICLE,
        "paris": "existing",  # November 2024
        "seattle": "existing",  # Bellevue, 5 March 2026
        "zurich": "announced",
        "munich": "announced",
        "seoul": "existing",  # 10 September 2025
        "new-delhi": "announced",
        "sydney": "existing",  # launched; the date no source gives
    }
    assert latest.upcoming == () and all(not office.later for office in latest.offices)


def test_each_step_is_the_status_its_events_give_up_to_then(catalog: Dataset) -> None:
    """At every step and the day before it, each office is there exactly when its events up
    to that day give it a status, with that status; and it keeps the later ones aside."""
    days = [partial_date_start(step) for step in steps(catalog)]
    days += [day - timedelta(days=1) for day in days]
    for day in days:
        footprint = dataset_at(catalog, day.isoformat())
        for office in catalog.offices:
            placed = placed_events(office, catalog.sources_by_id)
            past = [p.event.kind for p in placed if partial_date_start(p.step) <= day]
            expected = status_after(past)
            shown = footprint.offices_by_id.get(office.id)
            assert (shown.status if shown else None) == expected, (day, office.id)
            if shown is not None:
                assert len(shown.events) + len(shown.later) == len(office.events)


def test_steps_are_in_order_and_end_with_the_latest(catalog: Dataset) -> None:
    known = steps(catalog)
    assert [partial_date_start(s) for s in known] == sorted(partial_date_start(s) for s in known)
    assert known[0] == "2015-12" and "2024-10-09" in known and "2024-11" in known
    assert resolve_step(catalog, LATEST) == known[-1]


def test_an_undated_event_is_placed_by_its_sources_and_never_before_the_one_before(
    catalog: Dataset,
) -> None:
    sydney = placed_events(catalog.office("sydney"), catalog.sources_by_id)
    assert [(p.event.kind, p.step, p.dated) for p in sydney] == [
        ("announced", "2025-08-27", False),  # WAtoday's date
        ("opened", "2026-12-01", False),  # the date its sources were read
    ]
    london = placed_events(catalog.office("london"), catalog.sources_by_id)
    assert [(p.step, p.dated) for p in london] == [("2023-06-28", True), ("2023-06-28", False)]


@pytest.mark.parametrize(
    "future", ["9999", "9999-12-31", (date.today() + timedelta(days=1)).isoformat()]
)
def test_a_date_still_to_come_is_the_latest(catalog: Dataset, future: str) -> None:
    assert resolve_step(catalog, future) == steps(catalog)[-1]


def test_a_date_before_the_company_is_the_headquarters_first_date(catalog: Dataset) -> None:
    assert resolve_step(catalog, "1999-01-01") == "2015-12"
    assert statuses(dataset_at(catalog, "2015-12")) == {"san-francisco": "existing"}


def test_the_same_date_is_the_same_footprint(catalog: Dataset) -> None:
    assert dataset_at(catalog, "2025-06") is dataset_at(catalog, "2025-06")
    footprint = dataset_at(catalog, "2025-06")
    assert footprint.as_of == "2025-06"
    assert set(footprint.offices_by_id) == {o.id for o in footprint.offices}  # not the catalog's


def test_a_closed_office_leaves_the_map_and_people_and_partners_follow() -> None:
    raw = raw_data()
    (singapore,) = (office for office in raw["offices"] if office["id"] == "singapore")
    singapore["events"].append({"kind": "closed", "date": "2026-01", "sources": ["cna-2024-10-09"]})
    catalog = dataset_from(raw)
    before, after = dataset_at(catalog, "2025-12"), dataset_at(catalog, "2026-01")
    assert "singapore" in before.offices_by_id and "singapore" not in after.offices_by_id
    assert any("singapore" in p.offices for p in before.partnerships)
    assert all("singapore" not in p.offices for p in after.partnerships)
    assert all(person.base_office != "singapore" for person in after.people)


def test_a_dataset_without_events_is_itself_at_every_date(dataset: Dataset) -> None:
    raw = raw_data()
    for office in raw["offices"]:
        events = office.pop("events", [])
        office["status"] = status_after(event["kind"] for event in events) or "announced"
    plain = dataset_from(raw)
    assert steps(plain) == () and dataset_at(plain, "2030") is plain
    assert resolve_step(plain, "") == resolve_step(plain, LATEST) == plain.as_of


def test_an_undated_event_whose_sources_have_no_date_is_rejected() -> None:
    raw = raw_data()
    index = next(i for i, office in enumerate(raw["offices"]) if office["id"] == "sydney")
    raw["offices"][index]["events"][1]["sources"] = ["maginative-2024-10"]  # no date
    (problem,) = problems_of(raw)
    assert problem.startswith(f"offices[{index}].events[1].date: no date, and none of its")


def test_an_office_without_events_is_there_at_every_date() -> None:
    raw = raw_data()
    (tokyo,) = (office for office in raw["offices"] if office["id"] == "tokyo")
    tokyo.pop("events")
    tokyo["status"] = "existing"
    catalog = dataset_from(raw)
    for step in steps(catalog):
        assert dataset_at(catalog, step).office("tokyo").status == "existing"
