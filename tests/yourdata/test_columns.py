from __future__ import annotations

import pytest

from components.yourdata.columns import ColumnMap, detect, guess_status, parse_number, status_values
from components.yourdata.messages import Message


def test_english_columns_are_recognised() -> None:
    columns = detect(
        ["Office Name", "City", "Country", "Status", "Opened", "Notes", "URL"],
        [{"City": "Paris"}],
    )
    assert columns == ColumnMap(
        name="Office Name", city="City", country="Country", status="Status",
        opened="Opened", notes="Notes", url="URL",
    )  # fmt: skip


def test_german_columns_are_recognised() -> None:
    columns = detect(["Standort", "Stadt", "Land", "Eröffnet am", "Breite", "Länge"], [])
    assert (columns.name, columns.city, columns.country, columns.opened) == (
        "Standort", "Stadt", "Land", "Eröffnet am",
    )  # fmt: skip
    assert (columns.lat, columns.lon) == ("Breite", "Länge")


@pytest.mark.parametrize(
    ("lat", "lon"),
    [("lat", "lon"), ("Latitude", "Longitude"), ("office_lat", "office_lng"), ("LAT", "long")],
)
def test_coordinates_are_recognised_by_name_and_as_a_word_of_it(lat: str, lon: str) -> None:
    columns = detect([lat, lon, "name"], [{lat: "48.1", lon: "11.5"}])
    assert (columns.lat, columns.lon) == (lat, lon)


def test_x_and_y_are_coordinates_only_when_the_reader_picks_them() -> None:
    columns = detect(["x", "y", "name"], [{"x": "11.5", "y": "48.1"}])
    assert (columns.lat, columns.lon) == (None, None)
    assert columns.problems()  # nothing to place rows by, yet
    picked = columns.with_column("lat", "y").with_column("lon", "x")
    assert picked.problems() == []


def test_a_latitude_column_of_words_is_not_taken_for_coordinates() -> None:
    columns = detect(["lat", "lon"], [{"lat": "north", "lon": "east"}] * 5)
    assert columns.lat is None and columns.lon is None


def test_a_mapping_says_what_keeps_it_from_placing_rows() -> None:
    assert ColumnMap(lat="a", city="c").problems() == [Message.of("columns.half_coordinates")]
    assert Message.of("columns.used_twice") in ColumnMap(city="a", country="a").problems()


@pytest.mark.parametrize(
    ("text", "number"),
    [("48.137", 48.137), ("48,137", 48.137), ("\u221212.5", -12.5), ("", None),
     ("1,234.5", None), ("north", None), ("nan", None), ("inf", None)],
)  # fmt: skip
def test_numbers_with_a_decimal_point_or_comma(text: str, number: float | None) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize(
    ("value", "status"),
    [("open", "existing"), ("Eröffnet", "existing"), ("", "existing"), ("planned", "announced"),
     ("Geplant", "announced"), ("coming soon", "announced")],
)  # fmt: skip
def test_status_values_are_guessed(value: str, status: str) -> None:
    assert guess_status(value) == status


def test_every_status_value_is_listed_once() -> None:
    rows = [{"s": "open"}, {"s": "planned"}, {"s": "open"}]
    assert status_values(rows, "s") == {"open": "existing", "planned": "announced"}
    assert status_values(rows, None) == {}
