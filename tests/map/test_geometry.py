from __future__ import annotations

import itertools

import pytest
from geographiclib.geodesic import Geodesic

from components.data.schema import Dataset
from components.map.geometry import geodesic_arc


def lengths_km(parts: list[list[tuple[float, float]]]) -> list[float]:
    return [
        Geodesic.WGS84.Inverse(a[0], a[1], b[0], b[1])["s12"] / 1000
        for part in parts
        for a, b in itertools.pairwise(part)
    ]


def test_an_arc_runs_from_start_to_end_along_the_geodesic(dataset: Dataset) -> None:
    sf, paris = dataset.office("san-francisco"), dataset.office("paris")
    parts = geodesic_arc((sf.lat, sf.lon), (paris.lat, paris.lon))
    assert len(parts) == 1
    (points,) = parts
    assert points[0] == pytest.approx((sf.lat, sf.lon))
    assert points[-1] == pytest.approx((paris.lat, paris.lon))
    # The pieces add up to the geodesic distance: the points lie on the shortest path.
    total = Geodesic.WGS84.Inverse(sf.lat, sf.lon, paris.lat, paris.lon)["s12"] / 1000
    assert sum(lengths_km(parts)) == pytest.approx(total, rel=1e-6)
    # A great circle from California to France runs far north of both (over Greenland).
    assert max(lat for lat, _ in points) > 60


@pytest.mark.parametrize("office_id", ["tokyo", "singapore"])
def test_arcs_to_asia_cross_the_pacific_split_at_the_antimeridian(
    dataset: Dataset, office_id: str
) -> None:
    sf, office = dataset.office("san-francisco"), dataset.office(office_id)
    parts = geodesic_arc((sf.lat, sf.lon), (office.lat, office.lon))
    assert len(parts) == 2
    west, east = parts
    assert west[-1][1] == -180.0 and east[0][1] == 180.0
    assert west[-1][0] == pytest.approx(east[0][0])  # the same point on both edges
    # Westward from San Francisco, eastward to Asia: nothing over the Atlantic or Europe.
    assert all(lon <= sf.lon + 1e-9 for _, lon in west)
    assert all(lon >= office.lon - 1e-9 for _, lon in east)
    total = Geodesic.WGS84.Inverse(sf.lat, sf.lon, office.lat, office.lon)["s12"] / 1000
    assert sum(lengths_km(parts)) == pytest.approx(total, rel=1e-3)


def test_arcs_have_a_point_every_few_hundred_kilometres() -> None:
    parts = geodesic_arc((0.0, 0.0), (0.0, 90.0), step_km=250)
    assert 40 <= sum(len(part) for part in parts) <= 42  # about 10,000 km
    assert max(lengths_km(parts)) <= 250
    assert len(geodesic_arc((0.0, 0.0), (0.0, 0.5))[0]) == 9  # at least eight segments
