"""Placing rows offline: coordinates checked, cities found, and every doubt given a reason."""

from __future__ import annotations

import pytest

from components.yourdata.columns import ColumnMap
from components.yourdata.messages import render
from components.yourdata.placing import locate, locate_row

PLACES = ColumnMap(name="name", city="city", country="country", state="state")
COORDINATES = ColumnMap(name="name", lat="lat", lon="lon", country="country")


def row(**values: str) -> dict[str, str]:
    return {"name": "", "city": "", "country": "", "state": "", **values}


def test_rows_with_a_city_are_placed_offline_with_how_and_where() -> None:
    located = locate_row(2, row(city="München", country="Deutschland"), PLACES)
    assert (located.outcome, located.how, located.country) == ("matched", "gazetteer", "DE")
    assert render(located.place, "en") == "Munich, Bavaria, DE"  # type: ignore[arg-type]
    assert located.timezone == "Europe/Berlin"
    assert located.lat == pytest.approx(48.137, abs=0.01)


def test_an_ambiguous_city_is_placed_and_says_so_with_its_alternatives() -> None:
    located = locate_row(3, row(city="Springfield", country="US"), PLACES)
    assert located.outcome == "ambiguous" and located.placed
    assert located.reason is not None and located.reason.code == "place.most_populous"
    assert render(located.reason, "en").startswith("the largest of ")
    assert all(other.place.name == "Springfield" for other in located.alternatives)


def test_a_country_alone_is_placed_at_its_capital_and_marked() -> None:
    located = locate_row(4, row(country="Japan"), PLACES)
    assert (located.outcome, located.how) == ("approximate", "country")
    assert render(located.place, "de") == "Tokyo, Tōkyō, JP"  # type: ignore[arg-type]
    assert render(located.reason, "de").startswith("nur ein Land")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"city": "Atlantisxx", "country": "DE"}, "place.not_in_gazetteer_in"),
        ({"city": "Berlin", "country": "Narnia"}, "place.unknown_country"),
        ({}, "place.nothing_given"),
    ],
)
def test_rows_that_cannot_be_placed_say_why(values: dict[str, str], code: str) -> None:
    located = locate_row(5, row(**values), PLACES)
    assert located.outcome == "unmatched" and not located.placed
    assert located.reason is not None and located.reason.code == code


def test_coordinates_are_used_and_checked_row_by_row() -> None:
    rows = [
        {"name": "a", "lat": "48,137", "lon": "11.575", "country": ""},
        {"name": "b", "lat": "139.65", "lon": "35.67", "country": ""},
        {"name": "c", "lat": "200", "lon": "300", "country": ""},
        {"name": "d", "lat": "north", "lon": "east", "country": ""},
        {"name": "e", "lat": "0", "lon": "0", "country": ""},
        {"name": "f", "lat": "48", "lon": "137", "country": "DE"},  # "48,137" split by commas
        {"name": "g", "lat": "11.575", "lon": "48.137", "country": "DE"},  # swapped, in range
        {"name": "h", "lat": "48.137", "lon": "11.575", "country": "France"},
    ]
    located = locate(rows, COORDINATES, lines=[2, 3, 4, 5, 6, 7, 9, 10])
    first, *rest = located
    assert (first.how, first.country, first.timezone) == ("column", "DE", "Europe/Berlin")
    assert [(item.outcome, item.reason.code if item.reason else None) for item in rest] == [
        ("unmatched", "place.swapped"),
        ("unmatched", "place.out_of_range"),
        ("unmatched", "place.not_a_number"),
        ("unmatched", "place.zero_zero"),
        ("unmatched", "place.whole_numbers"),
        ("approximate", "place.swapped_in_range"),
        ("approximate", "place.country_disagrees"),
    ]
    assert "look swapped" in render(rest[0].reason, "en")  # type: ignore[arg-type]
    swapped = rest[5]
    assert (swapped.lat, swapped.lon, swapped.country) == (48.137, 11.575, "DE")
    assert [item.row for item in located] == [2, 3, 4, 5, 6, 7, 9, 10]  # the file's lines
