"""Map geometry beyond the markers: the default view and the expansion arcs."""

from __future__ import annotations

import itertools
import math

from geographiclib.geodesic import Geodesic

LatLon = tuple[float, float]

# The view before the map knows its size; it then frames its offices itself
# (static/office_map/framing.js).
DEFAULT_CENTER = (30.0, 8.6)
DEFAULT_ZOOM = 1.75
# One point of an arc about every this many kilometres (at least eight segments an arc).
ARC_STEP_KM = 250


def geodesic_arc(start: LatLon, end: LatLon, step_km: float = ARC_STEP_KM) -> list[list[LatLon]]:
    """The shortest path on the WGS-84 ellipsoid from ``start`` to ``end``, as points.

    Split where it crosses the antimeridian, so that on a flat map San Francisco → Tokyo
    leaves the right edge and enters from the left across the Pacific instead of running
    back over the Atlantic. Returns the parts, each a list of ``(lat, lon)``.
    """
    line = Geodesic.WGS84.InverseLine(start[0], start[1], end[0], end[1])
    segments = max(8, math.ceil(line.s13 / 1000 / step_km))
    points = []
    for index in range(segments + 1):
        position = line.Position(line.s13 * index / segments)
        points.append((position["lat2"], position["lon2"]))
    parts: list[list[LatLon]] = [[points[0]]]
    for (lat1, lon1), (lat2, lon2) in itertools.pairwise(points):
        if abs(lon2 - lon1) > 180:
            # Where the path meets the edge: interpolate the latitude at ±180°.
            edge = 180.0 if lon1 > 0 else -180.0
            unwrapped = lon2 + (360.0 if lon1 > 0 else -360.0)
            share = (edge - lon1) / (unwrapped - lon1)
            lat_edge = lat1 + share * (lat2 - lat1)
            parts[-1].append((lat_edge, edge))
            parts.append([(lat_edge, -edge)])
        parts[-1].append((lat2, lon2))
    return parts
