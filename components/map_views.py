"""Map geometry beyond the markers: the default view, region framings, expansion arcs."""

from __future__ import annotations

import math
from collections.abc import Sequence

from components.dataset import Office
from components.marker_layout import TILE_SIZE, project

LatLon = tuple[float, float]

# The default view shows all nine offices in a map about 760 px wide (a 1400 px window);
# marker offsets are computed for this zoom, and the map cannot zoom out beyond it.
DEFAULT_CENTER = (30.0, 8.6)
DEFAULT_ZOOM = 1.75
MIN_ZOOM = DEFAULT_ZOOM

# Region buttons: the region filter's values, with the map framed on those offices.
REGION_VIEWS = ("all", "Americas", "EMEA", "APAC")
# The map's size at the default layout (a 1400 px window), and the room kept free at each
# edge (left, top, right, bottom): the layer list sits top right, the legend bottom right.
MAP_SIZE = (760, 520)
FRAME_PADDING = (60, 120, 60, 100)
MAX_FRAME_ZOOM = 5.0


def arc_points(start: LatLon, end: LatLon, segments: int = 32, bend: float = 0.2) -> list[LatLon]:
    """A curved line from ``start`` to ``end``: a quadratic Bézier whose control point sits
    ``bend`` times the chord's length to the left of the chord's midpoint."""
    (lat1, lon1), (lat2, lon2) = start, end
    mid_lat, mid_lon = (lat1 + lat2) / 2, (lon1 + lon2) / 2
    # Left of the direction of travel, in the (lon, lat) plane.
    control = (mid_lat + bend * (lon2 - lon1), mid_lon - bend * (lat2 - lat1))
    points = []
    for step in range(segments + 1):
        t = step / segments
        a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t**2
        points.append(
            (
                max(-85.0, min(85.0, a * lat1 + b * control[0] + c * lat2)),
                a * lon1 + b * control[1] + c * lon2,
            )
        )
    return points


def frame(
    offices: Sequence[Office], size: tuple[int, int] = MAP_SIZE, min_zoom: float = 0.0
) -> tuple[LatLon, float]:
    """Centre and zoom (in steps of 0.25) that show every office clear of the map's controls."""
    lats, lons = [o.lat for o in offices], [o.lon for o in offices]
    south_west, north_east = project(min(lats), min(lons), 0), project(max(lats), max(lons), 0)
    span_x = max(north_east[0] - south_west[0], 1e-9)
    span_y = max(south_west[1] - north_east[1], 1e-9)
    left, top, right, bottom = FRAME_PADDING
    width, height = size[0] - left - right, size[1] - top - bottom
    zoom = min(math.log2(width / span_x), math.log2(height / span_y), MAX_FRAME_ZOOM)
    zoom = max(min_zoom, math.floor(zoom * 4) / 4)
    scale = 2**zoom
    # Put the offices' centre in the middle of the free box, not of the whole map.
    shift_x = (left + width / 2 - size[0] / 2) / scale
    shift_y = (top + height / 2 - size[1] / 2) / scale
    centre_x = (south_west[0] + north_east[0]) / 2 - shift_x
    centre_y = (south_west[1] + north_east[1]) / 2 - shift_y
    return _unproject(centre_x, centre_y), zoom


def _unproject(x: float, y: float) -> LatLon:
    """The inverse of ``project`` at zoom 0."""
    lon = x / TILE_SIZE * 360.0 - 180.0
    n = math.pi - 2 * math.pi * y / TILE_SIZE
    lat = math.degrees(math.atan(math.sinh(n)))
    return lat, lon


def region_view(
    shown: Sequence[Office], choice: str | None, framed: bool
) -> tuple[LatLon | None, float | None]:
    """Centre and zoom for the region buttons' ``choice``, or ``None``s to leave the map's
    view alone. Until a region has been ``framed`` the map keeps its own first view (phones
    fit all offices); after that, "all" returns to the default view."""
    offices = [office for office in shown if office.region == choice]
    if choice not in (None, "all") and offices:
        return frame(offices, min_zoom=MIN_ZOOM)
    if framed:
        return DEFAULT_CENTER, DEFAULT_ZOOM
    return None, None
