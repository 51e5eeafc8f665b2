from __future__ import annotations

import pytest

from components.dataset import Dataset
from components.map_views import (
    DEFAULT_CENTER,
    DEFAULT_ZOOM,
    FRAME_PADDING,
    MAP_SIZE,
    MAX_FRAME_ZOOM,
    MIN_ZOOM,
    arc_points,
    frame,
    region_view,
)
from components.marker_layout import project


def test_arc_runs_from_start_to_end() -> None:
    points = arc_points((37.77, -122.42), (48.86, 2.35), segments=16)
    assert len(points) == 17
    assert points[0] == pytest.approx((37.77, -122.42))
    assert points[-1] == pytest.approx((48.86, 2.35))


def test_an_eastward_arc_bows_north_of_the_straight_line() -> None:
    start, end = (10.0, 0.0), (10.0, 100.0)
    middle = arc_points(start, end, segments=2)[1]
    assert middle[0] > 10.0 and middle[1] == pytest.approx(50.0)


def test_arcs_stay_on_the_mercator_map() -> None:
    assert all(-85 <= lat <= 85 for lat, _ in arc_points((80, -170), (80, 170)))


def test_a_region_frame_shows_all_its_offices_inside_the_padding(dataset: Dataset) -> None:
    left, top, right, bottom = FRAME_PADDING
    for region in ("Americas", "EMEA", "APAC"):
        offices = [o for o in dataset.offices if o.region == region]
        (lat, lon), zoom = frame(offices)
        cx, cy = project(lat, lon, zoom)
        for office in offices:
            x, y = project(office.lat, office.lon, zoom)
            # Position on the map, with the map's top left corner at (0, 0).
            mx, my = x - cx + MAP_SIZE[0] / 2, y - cy + MAP_SIZE[1] / 2
            assert left - 1 <= mx <= MAP_SIZE[0] - right + 1, (region, office.id)
            assert top - 1 <= my <= MAP_SIZE[1] - bottom + 1, (region, office.id)


def test_smaller_regions_get_closer_views(dataset: Dataset) -> None:
    zooms = {
        region: frame([o for o in dataset.offices if o.region == region])[1]
        for region in ("Americas", "EMEA", "APAC")
    }
    assert zooms["EMEA"] > zooms["Americas"] and zooms["EMEA"] > zooms["APAC"]
    assert all(zoom * 4 == int(zoom * 4) for zoom in zooms.values())  # quarter steps


def test_a_single_office_is_framed_at_the_closest_zoom(dataset: Dataset) -> None:
    tokyo = dataset.office("tokyo")
    (lat, lon), zoom = frame([tokyo])
    assert zoom == MAX_FRAME_ZOOM
    # Tokyo lands in the middle of the room left free by the controls.
    left, top, right, bottom = FRAME_PADDING
    x, y = project(tokyo.lat, tokyo.lon, zoom)
    cx, cy = project(lat, lon, zoom)
    assert x - cx == pytest.approx((left - right) / 2, abs=0.5)
    assert y - cy == pytest.approx((top - bottom) / 2, abs=0.5)


def test_region_view_leaves_the_map_alone_until_a_region_is_framed(dataset: Dataset) -> None:
    assert region_view(dataset.offices, None, framed=False) == (None, None)
    assert region_view(dataset.offices, "all", framed=False) == (None, None)
    # Once a region was framed, "all" goes back to the world explicitly.
    assert region_view(dataset.offices, "all", framed=True) == (DEFAULT_CENTER, DEFAULT_ZOOM)


def test_region_view_frames_the_regions_offices_that_are_shown(dataset: Dataset) -> None:
    emea = [office for office in dataset.offices if office.region == "EMEA"]
    assert region_view(dataset.offices, "EMEA", framed=True) == frame(emea, min_zoom=MIN_ZOOM)
    americas_only = [office for office in dataset.offices if office.region == "Americas"]
    # A region with no office shown (filtered out) leaves the framing as it was.
    assert region_view(americas_only, "EMEA", framed=False) == (None, None)
