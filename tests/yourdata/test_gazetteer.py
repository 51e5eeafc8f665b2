from __future__ import annotations

import pytest

from components.text.folding import fold
from components.yourdata.gazetteer import country_code, find, nearest


@pytest.mark.parametrize(
    ("city", "country", "expected"),
    [
        ("München", "Deutschland", ("Munich", "DE")),
        ("Munich", "DE", ("Munich", "DE")),
        ("munchen", "germany", ("Munich", "DE")),
        ("Bangalore", "India", ("Bengaluru", "IN")),
        ("Bengaluru", "IND", ("Bengaluru", "IN")),
        ("Wien", "Österreich", ("Vienna", "AT")),
        ("Tokio", "Japan", ("Tokyo", "JP")),
        ("Brüssel", "Belgien", ("Brussels", "BE")),
        ("SAO PAULO", "Brasilien", ("São Paulo", "BR")),
        ("Zürich", "CH", ("Zürich", "CH")),
        ("Paris", "", ("Paris", "FR")),  # the most populous Paris wins
        ("Paris", "US", ("Paris", "US")),  # within a country, that country's
    ],
)
def test_cities_are_found_by_their_names_in_either_language(
    city: str, country: str, expected: tuple[str, str]
) -> None:
    match = find(city, country)
    assert match is not None and (match.place.name, match.place.country) == expected
    assert match.how == "gazetteer"


def test_a_near_tie_is_marked_ambiguous_with_its_alternatives() -> None:
    match = find("Springfield", "US")
    assert match is not None and match.ambiguous
    assert all(other.name == "Springfield" for other in match.alternatives)
    assert match.place.population >= max(other.population for other in match.alternatives)


def test_a_state_settles_a_tie() -> None:
    ambiguous = find("Springfield", "US")
    assert ambiguous is not None
    other = ambiguous.alternatives[0]
    settled = find("Springfield", "US", other.admin1)
    assert settled is not None and settled.place == other


def test_a_country_alone_is_placed_at_its_capital_and_marked() -> None:
    match = find("", "Frankreich")
    assert match is not None and match.how == "country"
    assert (match.place.name, match.place.country) == ("Paris", "FR")


@pytest.mark.parametrize(("city", "country"), [("Atlantisxx", ""), ("Berlin", "Narnia")])
def test_unknown_places_are_not_guessed(city: str, country: str) -> None:
    assert find(city, country) is None


@pytest.mark.parametrize(
    ("value", "code"),
    [("DE", "DE"), ("deu", "DE"), ("Germany", "DE"), ("Deutschland", "DE"),
     ("Vereinigtes Königreich", "GB"), ("United Kingdom", "GB"), ("xx", None), ("", None)],
)  # fmt: skip
def test_countries_by_code_or_name_in_english_or_german(value: str, code: str | None) -> None:
    assert country_code(value) == code


def test_folding_ignores_case_accents_and_spacing() -> None:
    assert fold("  São-Paulo ") == fold("sao paulo") == "sao paulo"
    assert fold("Straße") == "strasse"


def test_the_nearest_city_gives_country_and_time_zone() -> None:
    place = nearest(48.14, 11.58)
    assert (place.name, place.country, place.timezone) == ("Munich", "DE", "Europe/Berlin")
