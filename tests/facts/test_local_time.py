from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from components.data.schema import Dataset
from components.facts.details import office_details
from components.facts.local_time import (
    describe_difference,
    difference,
    format_duration,
    format_local_time,
    format_offset,
    utc_offset,
)
from components.facts.tables import from_headquarters_rows
from tests.helpers import problems_of, raw_data

ANNOUNCEMENT = datetime(2024, 10, 9, 12, 0, tzinfo=UTC)


def test_offsets_on_the_day_of_the_announcement() -> None:
    assert utc_offset("Asia/Tokyo", ANNOUNCEMENT) == timedelta(hours=9)
    assert utc_offset("America/Los_Angeles", ANNOUNCEMENT) == timedelta(hours=-7)  # summer
    assert utc_offset("Europe/Dublin", ANNOUNCEMENT) == timedelta(hours=1)


def test_summer_time_ends_in_europe_a_week_before_america() -> None:
    # 2024: Europe leaves summer time on 27 October, the US on 3 November.
    before = datetime(2024, 10, 27, 0, 59, tzinfo=UTC)
    after = datetime(2024, 10, 27, 1, 0, tzinfo=UTC)
    assert utc_offset("Europe/Paris", before) == timedelta(hours=2)
    assert utc_offset("Europe/Paris", after) == timedelta(hours=1)
    # So for one week Paris is only 8 hours ahead of San Francisco instead of 9.
    assert difference("Europe/Paris", "America/Los_Angeles", before) == timedelta(hours=9)
    assert difference("Europe/Paris", "America/Los_Angeles", after) == timedelta(hours=8)
    november = datetime(2024, 11, 4, 12, tzinfo=UTC)
    assert difference("Europe/Paris", "America/Los_Angeles", november) == timedelta(hours=9)


def test_zones_without_summer_time_stay_put() -> None:
    winter, summer = datetime(2024, 1, 15, tzinfo=UTC), datetime(2024, 7, 15, tzinfo=UTC)
    assert utc_offset("Asia/Singapore", winter) == utc_offset("Asia/Singapore", summer)


@pytest.mark.parametrize(
    ("delta", "shown"),
    [
        (timedelta(hours=9), "UTC+9"),
        (timedelta(hours=-7), "UTC\u22127"),
        (timedelta(hours=5, minutes=30), "UTC+5:30"),
        (timedelta(0), "UTC±0"),
    ],
)
def test_format_offset(delta: timedelta, shown: str) -> None:
    assert format_offset(delta) == shown


def test_differences_read_naturally_in_both_languages() -> None:
    assert describe_difference(timedelta(hours=16), "San Francisco") == (
        "16 h ahead of San Francisco"
    )
    assert describe_difference(timedelta(hours=-3), "New York", "de") == "3 Std. hinter New York"
    assert describe_difference(timedelta(0), "Seattle") == "same time as Seattle"
    assert format_duration(timedelta(hours=5, minutes=30)) == "5 h 30 min"


def test_local_time_is_shown_with_its_offset() -> None:
    assert format_local_time("Asia/Tokyo", ANNOUNCEMENT) == "21:00 (UTC+9)"


def test_details_give_local_time_and_difference_to_headquarters(dataset: Dataset) -> None:
    details = office_details(dataset, "tokyo", "en", at=ANNOUNCEMENT)
    assert details.local_time == "Local time: 21:00 (UTC+9)"
    assert details.time_to_hq == "16 h ahead of San Francisco"
    assert office_details(dataset, "san-francisco", at=ANNOUNCEMENT).time_to_hq is None


def test_from_headquarters_table(dataset: Dataset) -> None:
    rows = from_headquarters_rows(dataset, "en", at=ANNOUNCEMENT)
    by_city = {row["City"]: row for row in rows}
    assert by_city["Seattle"]["Time difference"] == "same time as San Francisco"
    assert by_city["Paris"]["Distance (km)"] == pytest.approx(8970, abs=20)
    assert by_city["Singapore"]["UTC offset"] == "UTC+8"


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "../../etc/passwd", "", "UTC+25"])
def test_unknown_time_zone_is_a_data_problem(zone: str) -> None:
    raw = raw_data()
    raw["offices"][0]["timezone"] = zone
    (problem,) = problems_of(raw)
    assert problem.startswith("offices[0].timezone: ")
