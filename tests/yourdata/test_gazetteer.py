from __future__ import annotations

import pytest

from components.text.folding import fold
from components.yourdata.gazetteer import country_code, find, nearest, suggest
from testing.places import COUNTRY_FORMS, STATE_CASES, TYPOS


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


def test_a_name_several_places_share_is_marked_ambiguous_with_its_alternatives() -> None:
    match = find("Springfield", "US")
    assert match is not None and match.outcome == "ambiguous"
    assert match.doubt == "most_populous"
    assert all(other.place.name == "Springfield" for other in match.alternatives)
    assert match.place.population >= max(other.place.population for other in match.alternatives)
    assert all(other.km > 20 for other in match.alternatives)  # with their distance


@pytest.mark.parametrize(
    ("city", "country", "state", "expected"),
    STATE_CASES,
)
def test_a_state_or_province_tells_apart_places_of_one_name(
    city: str, country: str, state: str, expected: tuple[str, str]
) -> None:
    match = find(city, country, state)
    assert match is not None and (match.place.name, match.place.state) == expected
    assert match.outcome == "matched"


def test_a_state_that_disagrees_makes_the_match_approximate() -> None:
    # Only one Jeypore is known, and it is not in Maharashtra: placed, but doubtful.
    match = find("Jeypore", "India", "Maharashtra")
    assert match is not None and match.outcome == "approximate"
    assert match.doubt == "state_disagrees"
    assert match.place.state == "Odisha"


def test_a_place_called_so_comes_before_one_that_has_the_name_as_another_name() -> None:
    # New Orleans is also called Crescent City; the towns called Crescent City come first.
    match = find("Crescent City", "US")
    assert match is not None and match.place.name == "Crescent City"
    assert "New Orleans" not in {other.place.name for other in match.alternatives}


@pytest.mark.parametrize(
    ("typo", "country", "meant"),
    TYPOS,
)
def test_a_name_not_found_gets_suggestions_naming_the_meant_place(
    typo: str, country: str, meant: str
) -> None:
    assert find(typo, country) is None
    suggestions = suggest(typo, country)
    assert suggestions and suggestions[0].name == meant


def test_a_country_alone_is_placed_at_its_capital_and_marked() -> None:
    match = find("", "Frankreich")
    assert match is not None and match.how == "country"
    assert (match.outcome, match.doubt) == ("approximate", "capital")
    assert (match.place.name, match.place.country) == ("Paris", "FR")


@pytest.mark.parametrize(("city", "country"), [("Atlantisxx", ""), ("Berlin", "Narnia")])
def test_unknown_places_are_not_guessed(city: str, country: str) -> None:
    assert find(city, country) is None


def test_thirty_two_everyday_country_forms() -> None:
    assert len(COUNTRY_FORMS) == 32
    assert {form: country_code(form) for form in COUNTRY_FORMS} == COUNTRY_FORMS


@pytest.mark.parametrize(("value", "code"), [("xx", None), ("", None), ("Narnia", None)])
def test_countries_by_code_or_name_in_english_or_german(value: str, code: str | None) -> None:
    assert country_code(value) == code


def test_folding_ignores_case_accents_and_spacing() -> None:
    assert fold("  São-Paulo ") == fold("sao paulo") == "sao paulo"
    assert fold("Straße") == "strasse"


def test_the_nearest_city_gives_country_and_time_zone() -> None:
    place = nearest(48.14, 11.58)
    assert (place.name, place.country, place.timezone) == ("Munich", "DE", "Europe/Berlin")


def test_any_other_place_of_the_name_makes_the_row_ambiguous_however_small() -> None:
    # Union, New Jersey has five times the people of the next Union: still the reader's
    # Union may be any of them (the truth set's Union, New York was 216 km off).
    match = find("Union", "US")
    assert match is not None and match.outcome == "ambiguous"
    assert match.place.population > 5 * max(other.place.population for other in match.alternatives)


def test_a_name_a_far_smaller_place_also_goes_by_leaves_the_city_matched() -> None:
    # "New York" is also a name of York, Nebraska and of Clinton, Wisconsin in GeoNames.
    match = find("New York", "USA")
    assert match is not None and match.place.name == "New York City"
    assert match.outcome == "matched"
