"""Distances between offices on the WGS-84 ellipsoid (geopy's geodesic), and the nearest
office, found without measuring to every other one."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from geopy.distance import geodesic

from components.data.memo import per_object
from components.data.schema import Dataset, Office

# How many offices nearest on the sphere are measured on the ellipsoid: the two orders
# differ by well under 1 %, so the nearest on the ellipsoid is among the first few.
_CANDIDATES = 8


def distance_km(a: Office, b: Office) -> float:
    """Geodesic distance between two offices in kilometres."""
    return float(geodesic((a.lat, a.lon), (b.lat, b.lon)).kilometers)


@dataclass(frozen=True)
class Neighbour:
    office: Office
    distance_km: float


@per_object()
def _positions(dataset: Dataset) -> tuple[np.ndarray, np.ndarray, dict[str, int]]:
    """Latitudes and longitudes in radians, and each office's index."""
    lat = np.radians(np.array([office.lat for office in dataset.offices]))
    lon = np.radians(np.array([office.lon for office in dataset.offices]))
    return lat, lon, {office.id: index for index, office in enumerate(dataset.offices)}


def nearest_office(dataset: Dataset, office: Office) -> Neighbour | None:
    """The closest other office, or ``None`` when there is no other office.

    Ranks every office by great-circle distance (one vectorised pass), then measures the
    nearest few on the ellipsoid: about a millisecond at 5,000 offices, where measuring each
    on the ellipsoid took most of a second.
    """
    if len(dataset.offices) < 2:
        return None
    lat, lon, index = _positions(dataset)
    phi, lam = math.radians(office.lat), math.radians(office.lon)
    # The haversine of the central angle: it grows with the distance, so it ranks alike.
    rank = np.sin((lat - phi) / 2) ** 2 + math.cos(phi) * np.cos(lat) * np.sin((lon - lam) / 2) ** 2
    rank[index[office.id]] = np.inf
    count = min(_CANDIDATES, len(dataset.offices) - 1)
    candidates = np.argpartition(rank, count - 1)[:count]
    neighbours = [
        Neighbour(dataset.offices[i], distance_km(office, dataset.offices[i])) for i in candidates
    ]
    return min(neighbours, key=lambda neighbour: (neighbour.distance_km, neighbour.office.id))


@per_object()
def distances_to_headquarters(dataset: Dataset) -> dict[str, float]:
    """Every office's geodesic distance to headquarters, in kilometres (once per dataset)."""
    hq = dataset.headquarters
    return {office.id: distance_km(office, hq) for office in dataset.offices}
