"""Placing rows offline: coordinates checked, cities found, and every doubt given a reason."""

from __future__ import annotations

import pytest

from components.yourdata.columns import ColumnMap
from components.yourdata.messages import Message, render
from components.yourdata.placing import locate, locate_row

PLACES = ColumnMap(name="name", city="city", country="country", state="state")
COORDINATES = ColumnMap(name="name", lat="lat", lon="lon", country="country")


def row(**values: str) -> dict[str, str]:
    return {"name": "", "city": "", "country": "", "state": "", **values}


def test_rows_with_a_city_are_placed_offline_with_how_and_where() -> None:
    located = locate_row(2, row(city="München", country="Deutschland"), PLACES)
    assert (located.outcome, located.how, located.country) == ("matched", "gazetteer", "DE")
    assert located.place == Message.of("place.found", city="Munich", country="DE")
    assert located.timezone == "Europe/Berlin"
    assert located.lat == pytest.approx(48.137, abs=0.01)


def test_an_ambiguous_city_is_placed_and_says_so_with_its_alternatives() -> None:
    located = locate_row(3, row(city="Springfield", country="US"), PLACES)
    assert located.outcome == "ambiguous" and located.placed
    assert located.alternatives and located.reason == Message.of("place.most_populous")


def test_a_country_alone_is_placed_at_its_capital_and_marked() -> None:
    located = locate_row(4, row(country="Japan"), PLACES)
    assert (located.outcome, located.how) == ("matched", "country")
    assert located.place is not None and located.place.code == "place.found_capital"
    assert render(located.place, "de") == "Tokyo, JP (Hauptstadt)"


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


def test_coordinates_are_used_and_checked() -> None:
    rows = [
        {"name": "a", "lat": "48,137", "lon": "11.575", "country": ""},
        {"name": "b", "lat": "139.65", "lon": "35.67", "country": ""},
        {"name": "c", "lat": "200", "lon": "300", "country": ""},
        {"name": "d", "lat": "north", "lon": "east", "country": ""},
    ]
    first, swapped, out_of_range, words = locate(rows, COORDINATES)
    assert (first.how, first.country, first.timezone) == ("column", "DE", "Europe/Berlin")
    reasons = [item.reason.code if item.reason else None for item in (swapped, out_of_range, words)]
    assert reasons == ["place.swapped", "place.out_of_range", "place.not_a_number"]
    assert not swapped.placed
    assert "look swapped" in render(swapped.reason, "en")  # type: ignore[arg-type]
    assert [item.row for item in (first, swapped, out_of_range, words)] == [2, 3, 4, 5]
