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
    lat, lng = clicked.get("lat"), clicked.get("lng")
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lng)):
        return None
    if not (math.isfinite(lat) and math.isfinite(lng)):
        return None
    for office in dataset.offices:
        if (
            abs(office.lat - lat) <= COORDINATE_TOLERANCE
            and abs(office.lon - lng) <= COORDINATE_TOLERANCE
        ):
            return office
    return None
