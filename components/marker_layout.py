"""Screen placement of map markers, so that markers close together never cover each other.

At world zoom London, Dublin, Paris and Brussels fall within a few pixels of each other.
Markers whose symbols would overlap at the default zoom are fanned out on a small circle
around their common centre, in the order of their true bearings, and each keeps a leader
line to its true position. Offsets are in screen pixels, so they stay the same size at
every zoom level.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

TILE_SIZE = 256

Point = tuple[float, float]


def project(lat: float, lon: float, zoom: float) -> Point:
    """Web Mercator pixel coordinates (x to the east, y to the south) at ``zoom``."""
    scale = TILE_SIZE * 2**zoom
    lat = max(min(lat, 85.05112878), -85.05112878)
    sin_lat = math.sin(math.radians(lat))
    x = (lon + 180.0) / 360.0 * scale
    y = (0.5 - math.log((1 + sin_lat) / (1 - sin_lat)) / (4 * math.pi)) * scale
    return x, y


def _groups(points: Mapping[str, Point], min_separation: float) -> list[list[str]]:
    """Connected groups of points closer than ``min_separation`` to another member."""
    parent = {key: key for key in points}

    def root(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    keys = sorted(points)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if math.dist(points[a], points[b]) < min_separation:
                parent[root(b)] = root(a)
    grouped: dict[str, list[str]] = {}
    for key in keys:
        grouped.setdefault(root(key), []).append(key)
    return list(grouped.values())


def _fan_out(
    members: list[str], points: Mapping[str, Point], min_separation: float
) -> dict[str, Point]:
    """Place a group's members evenly on a circle around their centre."""
    count = len(members)
    cx = sum(points[key][0] for key in members) / count
    cy = sum(points[key][1] for key in members) / count
    bearing = {key: math.atan2(points[key][1] - cy, points[key][0] - cx) for key in members}
    ordered = sorted(members, key=lambda key: (bearing[key], key))
    step = 2 * math.pi / count
    # Turn the ring so that each member lands as near as possible to its own bearing.
    start = math.atan2(
        sum(math.sin(bearing[key] - i * step) for i, key in enumerate(ordered)),
        sum(math.cos(bearing[key] - i * step) for i, key in enumerate(ordered)),
    )
    radius = min_separation / (2 * math.sin(math.pi / count))
    return {
        key: (cx + radius * math.cos(start + i * step), cy + radius * math.sin(start + i * step))
        for i, key in enumerate(ordered)
    }


def spread_markers(
    positions: Mapping[str, tuple[float, float]], zoom: float, min_separation: float
) -> dict[str, tuple[int, int]]:
    """Pixel offsets ``(dx, dy)`` that keep every marker ``min_separation`` from the others.

    ``positions`` maps a key to ``(lat, lon)``. Markers with room keep offset ``(0, 0)``.
    """
    true_points = {key: project(lat, lon, zoom) for key, (lat, lon) in positions.items()}
    # Grouping by true positions can leave a fanned-out ring touching a neighbour; widen
    # the grouping distance until the placement is clear (the ring always is, in the end,
    # once everything close enough forms one group).
    reach = min_separation
    for _ in range(len(positions) + 1):
        placed = dict(true_points)
        for members in _groups(true_points, reach):
            if len(members) > 1:
                placed.update(_fan_out(members, true_points, min_separation))
        if _all_clear(placed, min_separation):
            break
        reach += min_separation
    return {
        key: (
            round(placed[key][0] - true_points[key][0]),
            round(placed[key][1] - true_points[key][1]),
        )
        for key in positions
    }


def _all_clear(points: Mapping[str, Point], min_separation: float) -> bool:
    keys = sorted(points)
    return all(
        math.dist(points[a], points[b]) >= min_separation - 1  # rounding to whole pixels
        for i, a in enumerate(keys)
        for b in keys[i + 1 :]
    )
