from __future__ import annotations

import pytest

from components.dataset import Dataset
from components.selection import office_at


@pytest.mark.parametrize("office_id", ["london", "singapore", "new-york"])
def test_office_at_finds_the_clicked_marker(office_id: str, dataset: Dataset) -> None:
    office = dataset.office(office_id)
    found = office_at(dataset, {"lat": office.lat, "lng": office.lon})
    assert found is not None and found.id == office_id


@pytest.mark.parametrize(
    "clicked",
    [
        None,
        "london",
        [51.5, -0.12],
        {"lat": 51.5074},
        {"lat": "51.5074", "lng": "-0.1278"},
        {"lat": True, "lng": False},
        {"lat": float("nan"), "lng": 0},
        {"lat": 51.6, "lng": -0.1278},
    ],
)
def test_office_at_ignores_anything_that_is_not_a_marker(clicked: object, dataset: Dataset) -> None:
    assert office_at(dataset, clicked) is None
