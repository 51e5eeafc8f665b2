"""Distances between offices on the WGS-84 ellipsoid (geopy's geodesic)."""

from __future__ import annotations

from dataclasses import dataclass

from geopy.distance import geodesic

from components.dataset import Dataset, Office


def distance_km(a: Office, b: Office) -> float:
    """Geodesic distance between two offices in kilometres."""
    return float(geodesic((a.lat, a.lon), (b.lat, b.lon)).kilometers)


@dataclass(frozen=True)
class Neighbour:
    office: Office
    distance_km: float


def nearest_office(dataset: Dataset, office: Office) -> Neighbour | None:
    """The closest other office, or ``None`` when there is no other office."""
    others = [
        Neighbour(other, distance_km(office, other))
        for other in dataset.offices
        if other.id != office.id
    ]
    return min(others, key=lambda neighbour: neighbour.distance_km, default=None)
