from __future__ import annotations

import pytest

from components.data.regions import region_of
from components.data.schema import Dataset


def test_the_shipped_offices_are_in_the_regions_the_data_gives(dataset: Dataset) -> None:
    for office in dataset.offices:
        assert region_of(office.country) == office.region, office.id


@pytest.mark.parametrize(
    ("country", "region"),
    [("br", "Americas"), ("DE", "EMEA"), ("AE", "EMEA"), ("ZA", "EMEA"), ("IN", "APAC"),
     ("NZ", "APAC"), ("AQ", None), ("", None), ("12", None), ("USA", None)],
)  # fmt: skip
def test_countries_fall_into_their_regions(country: str, region: str | None) -> None:
    assert region_of(country) == region
