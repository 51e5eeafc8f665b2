from __future__ import annotations

import itertools

import pytest
from geographiclib.geodesic import Geodesic

from components.data.at_date import dataset_at, steps
from components.data.schema import Dataset
from components.map.geometry import _moved, fanned_arcs, geodesic_arc


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


def midpoint(parts: list[list[tuple[float, float]]]) -> tuple[float, float]:
    points = [point for part in parts for point in part]
    return points[len(points) // 2]


def test_arcs_that_would_run_together_are_fanned_apart(catalog: Dataset) -> None:
    """San Francisco to the European offices: as geodesics their middles lie within a few
    hundred kilometres (one band on the map); fanned, each middle stands apart from every
    other, while every arc still starts at headquarters and ends at its office."""
    footprint = dataset_at(catalog, steps(catalog)[-1])
    hq = footprint.headquarters
    europe = [o for o in footprint.offices if o.country in {"GB", "IE", "FR", "BE", "CH", "DE"}]
    assert len(europe) == 6
    ends = [(o.lat, o.lon) for o in europe]
    plain = [geodesic_arc((hq.lat, hq.lon), end) for end in ends]
    fanned = fanned_arcs((hq.lat, hq.lon), ends)

    def apart(arcs: list[list[list[tuple[float, float]]]]) -> float:
        middles = [midpoint(parts) for parts in arcs]
        return min(
            float(Geodesic.WGS84.Inverse(*a, *b)["s12"]) / 1000
            for i, a in enumerate(middles)
            for b in middles[i + 1 :]
        )

    assert apart(plain) < 150  # one band
    assert apart(fanned) > 250
    for parts, end in zip(fanned, ends, strict=True):
        assert parts[0][0] == pytest.approx((hq.lat, hq.lon))
        assert parts[-1][-1] == pytest.approx(end)


def test_an_arc_alone_stays_the_geodesic(catalog: Dataset) -> None:
    hq = catalog.headquarters
    new_york, seattle = catalog.offices_by_id["new-york"], catalog.offices_by_id["seattle"]
    ends = [(new_york.lat, new_york.lon), (seattle.lat, seattle.lon)]
    fanned = fanned_arcs((hq.lat, hq.lon), ends)
    assert fanned == [geodesic_arc((hq.lat, hq.lon), end) for end in ends]


@pytest.mark.parametrize("lat", [-75.0, -33.9, 0.0, 37.8, 64.1])
@pytest.mark.parametrize("lon", [-179.5, -122.4, 2.35, 139.7, 179.9])
@pytest.mark.parametrize("bearing", [0.0, 45.0, 90.0, 200.0, 315.0])
@pytest.mark.parametrize("km", [50.0, 350.0, 2000.0])
def test_a_bow_moves_a_point_where_the_ellipsoid_would_within_one_percent(
    lat: float, lon: float, bearing: float, km: float
) -> None:
    moved = _moved(lat, lon, bearing, km)
    exact = Geodesic.WGS84.Direct(lat, lon, bearing, km * 1000)
    apart = Geodesic.WGS84.Inverse(*moved, exact["lat2"], exact["lon2"])["s12"] / 1000
    assert apart < 0.01 * km
    assert -180 <= moved[1] < 180  # across the antimeridian, still on the map's longitudes
