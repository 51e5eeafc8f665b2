from __future__ import annotations

import math
from collections.abc import Mapping

import pytest

from components.dataset import Dataset
from components.marker_layout import project, spread_markers


def test_project_puts_null_island_at_the_centre_of_the_world() -> None:
    assert project(0, 0, 0) == pytest.approx((128, 128))
    assert project(0, 0, 2) == pytest.approx((512, 512))


def test_project_x_is_linear_in_longitude() -> None:
    assert project(0, -180, 1)[0] == pytest.approx(0)
    assert project(0, 90, 1)[0] == pytest.approx(384)


def test_project_y_grows_southward() -> None:
    assert project(50, 0, 2)[1] < project(0, 0, 2)[1] < project(-50, 0, 2)[1]


def displayed(
    positions: Mapping[str, tuple[float, float]],
    zoom: float,
    offsets: Mapping[str, tuple[int, int]],
) -> dict[str, tuple[float, float]]:
    shown = {}
    for key, (dx, dy) in offsets.items():
        x, y = project(*positions[key], zoom)
        shown[key] = (x + dx, y + dy)
    return shown


def test_offices_are_spread_to_the_minimum_separation(dataset: Dataset) -> None:
    positions = {office.id: (office.lat, office.lon) for office in dataset.offices}
    offsets = spread_markers(positions, 1.75, 30)
    shown = displayed(positions, 1.75, offsets)
    keys = sorted(shown)
    closest = min(math.dist(shown[a], shown[b]) for i, a in enumerate(keys) for b in keys[i + 1 :])
    assert closest >= 29  # whole-pixel rounding


def test_only_crowded_offices_move(dataset: Dataset) -> None:
    positions = {office.id: (office.lat, office.lon) for office in dataset.offices}
    offsets = spread_markers(positions, 1.75, 30)
    moved = {key for key, offset in offsets.items() if offset != (0, 0)}
    assert moved == {"london", "dublin", "paris", "brussels"}


def test_identical_positions_are_separated() -> None:
    offsets = spread_markers({"a": (10, 10), "b": (10, 10), "c": (10, 10)}, 3, 20)
    shown = displayed({"a": (10, 10), "b": (10, 10), "c": (10, 10)}, 3, offsets)
    assert min(math.dist(shown[a], shown[b]) for a, b in [("a", "b"), ("a", "c"), ("b", "c")]) >= 19


def test_a_ring_touching_a_neighbour_pulls_it_in() -> None:
    positions = {"a": (0, 0), "b": (0, 0.01), "c": (0, 1.0)}
    offsets = spread_markers(positions, 4, 40)
    shown = displayed(positions, 4, offsets)
    assert all(math.dist(shown[a], shown[b]) >= 39 for a, b in [("a", "b"), ("a", "c"), ("b", "c")])


def test_layout_is_deterministic(dataset: Dataset) -> None:
    positions = {office.id: (office.lat, office.lon) for office in dataset.offices}
    assert spread_markers(positions, 1.75, 30) == spread_markers(
        dict(reversed(positions.items())), 1.75, 30
    )
