"""The benchmarks' generated datasets hold as many offices as asked, valid and distinct."""

from __future__ import annotations

import json

from bench.generate import cities, generate
from components.data.loading import parse_dataset
from components.facts.geo import distance_km


def test_more_offices_than_cities_are_branches_near_their_city() -> None:
    count = len(cities()) + 2_000  # past the last city: branches of the first ones
    dataset = parse_dataset(json.dumps(generate(count)), "generated")  # valid, ids distinct
    assert len(dataset.offices) == count
    for first, branch in ((0, len(cities())), (1_999, count - 1)):
        city, office = dataset.offices[first], dataset.offices[branch]
        assert office.city == city.city and office.id != city.id
        assert 1 < distance_km(city, office) < 5


def test_within_the_cities_each_office_is_a_city_once() -> None:
    offices = generate(500)["offices"]
    assert len(offices) == 500
    assert len({(office["city"]["en"], office["country"]) for office in offices}) > 490
