from __future__ import annotations

import json

import pytest

from bench.generate import generate
from components.data.loading import parse_dataset
from components.data.schema import Dataset
from components.facts.geo import distance_km, distances_to_headquarters, nearest_office
from tests.helpers import dataset_from, raw_data


def test_paris_to_london_is_about_344_km(dataset: Dataset) -> None:
    assert distance_km(dataset.office("paris"), dataset.office("london")) == pytest.approx(
        344, abs=1
    )


def test_distance_is_symmetric_and_zero_to_itself(dataset: Dataset) -> None:
    tokyo, seattle = dataset.office("tokyo"), dataset.office("seattle")
    assert distance_km(tokyo, seattle) == pytest.approx(distance_km(seattle, tokyo))
    assert distance_km(tokyo, tokyo) == 0


def test_san_francisco_to_new_york_is_about_4130_km(dataset: Dataset) -> None:
    assert distance_km(
        dataset.office("san-francisco"), dataset.office("new-york")
    ) == pytest.approx(4130, abs=10)


@pytest.mark.parametrize(
    ("office_id", "expected"),
    [
        ("paris", "brussels"),
        ("london", "brussels"),
        ("san-francisco", "seattle"),
        ("singapore", "tokyo"),
    ],
)
def test_nearest_office(office_id: str, expected: str, dataset: Dataset) -> None:
    neighbour = nearest_office(dataset, dataset.office(office_id))
    assert neighbour is not None and neighbour.office.id == expected


def test_nearest_office_of_a_lone_office_is_none() -> None:
    raw = raw_data()
    raw["offices"] = [office for office in raw["offices"] if office["id"] == "san-francisco"]
    raw["people"], raw["partnerships"] = [], []
    dataset = dataset_from(raw)
    assert nearest_office(dataset, dataset.offices[0]) is None


@pytest.fixture(scope="module")
def world() -> Dataset:
    """300 offices on the world's largest cities (bench/generate.py)."""
    return parse_dataset(json.dumps(generate(300)), "generated")


def test_the_nearest_office_is_the_nearest_on_the_ellipsoid(world: Dataset) -> None:
    for office in world.offices[::7]:
        found = nearest_office(world, office)
        others = [other for other in world.offices if other.id != office.id]
        closest = min(distance_km(office, other) for other in others)
        assert found is not None and found.distance_km == pytest.approx(closest), office.id


def test_distances_to_headquarters_are_geodesic(world: Dataset) -> None:
    distances = distances_to_headquarters(world)
    hq = world.headquarters
    assert distances[hq.id] == 0
    for office in world.offices[::25]:
        assert distances[office.id] == pytest.approx(distance_km(office, hq))
