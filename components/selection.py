"""Which office a reader chose: pure rules, shared by the map, the list and the other routes."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from components.dataset import Dataset, Office

COORDINATE_TOLERANCE = 1e-6


def office_at(dataset: Dataset, clicked: Any) -> Office | None:
    """The office whose marker was clicked, from streamlit-folium's ``last_object_clicked``.

    The value comes from the browser: anything that is not ``{"lat": …, "lng": …}`` at an
    office's position gives ``None``.
    """
    if not isinstance(clicked, Mapping):
        return None
    lat, lng = _coordinate(clicked.get("lat")), _coordinate(clicked.get("lng"))
    if lat is None or lng is None:
        return None
    for office in dataset.offices:
        if (
            abs(office.lat - lat) <= COORDINATE_TOLERANCE
            and abs(office.lon - lng) <= COORDINATE_TOLERANCE
        ):
            return office
    return None


def _coordinate(value: object) -> float | None:
    """A finite number from the browser, or ``None`` (``True`` is not a number here)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None
