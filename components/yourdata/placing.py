"""Every row of a reader's table placed on the map, or told why not.

A row is placed from its coordinate columns if it has them (checked for range, and for
latitude and longitude swapped), else from its city and country in the offline gazetteer,
else, only when the reader switched it on, by OpenStreetMap's Nominatim (geopy). Nothing is
dropped: each row comes back matched, ambiguous (placed at the most populous candidate, the
others named) or unmatched (with the reason).

    python -m components.yourdata.placing INPUT [-o OUTPUT] [--online]

writes a dataset of the rows it placed (``OUTPUT``, default ``INPUT`` with ``.offices.json``)
and a report of the others (``….report.csv``); exit 0 when every row was placed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from geopy.exc import GeocoderRateLimited, GeocoderServiceError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from components.yourdata import gazetteer
from components.yourdata.columns import ColumnMap, parse_number

USER_AGENT = "footprint-map/1.0 (interactive map of a company's offices; geopy)"
NOMINATIM_ATTRIBUTION = "© OpenStreetMap contributors, ODbL; geocoding by Nominatim"
ONLINE_TIMEOUT_SECONDS = 2
CACHE_ENV_VAR = "FOOTPRINT_GEOCODE_CACHE"

Outcome = Literal["matched", "ambiguous", "unmatched"]
How = Literal["column", "gazetteer", "country", "nominatim"]


@dataclass(frozen=True)
class Located:
    """Where one row of the table landed (``row`` counts as a spreadsheet does: the header
    is row 1)."""

    row: int
    outcome: Outcome
    how: How | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    timezone: str | None = None
    place: str = ""  # what was matched, e.g. "Munich, DE"
    reason: str = ""  # why not placed, or what to check
    alternatives: tuple[str, ...] = ()

    @property
    def placed(self) -> bool:
        return self.lat is not None and self.lon is not None


# Online geocoding -----------------------------------------------------------------------------


def default_cache_path() -> Path:
    """``$FOOTPRINT_GEOCODE_CACHE``, else ``~/.cache/footprint-map/nominatim.json``."""
    configured = os.environ.get(CACHE_ENV_VAR, "").strip()
    if configured:
        return Path(configured)
    return Path.home() / ".cache" / "footprint-map" / "nominatim.json"


class OnlineGeocoder:
    """Nominatim behind geopy's RateLimiter (one request a second, as its usage policy asks),
    with a cache of query → result that survives restarts and holds nothing else.

    It tries once per query (no retries) with a short timeout, and gives up for good at the
    first failure of the service (no network, refused, timed out): ``failure`` then says
    why, once, and every later query is answered from the cache or not at all.
    """

    def __init__(
        self,
        cache_path: Path | None = None,
        adapter_factory: Callable[..., Any] | None = None,
    ) -> None:
        self.cache_path = cache_path or default_cache_path()
        self.failure: str | None = None
        self._cache = self._read_cache()
        options: dict[str, Any] = {"user_agent": USER_AGENT, "timeout": ONLINE_TIMEOUT_SECONDS}
        if adapter_factory is not None:
            options["adapter_factory"] = adapter_factory
        nominatim = Nominatim(**options)
        self._geocode = RateLimiter(
            nominatim.geocode, min_delay_seconds=1, max_retries=0, swallow_exceptions=False
        )

    def _read_cache(self) -> dict[str, list[Any] | None]:
        try:
            data = json.loads(self.cache_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write_cache(self) -> None:
        try:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.cache_path.with_suffix(".tmp")
            partial.write_text(json.dumps(self._cache, ensure_ascii=False), encoding="utf-8")
            partial.replace(self.cache_path)
        except OSError:
            pass  # a cache that cannot be written only costs a lookup next time

    def lookup(self, query: str) -> tuple[float, float, str] | None:
        """``(lat, lon, name)`` for a query, or ``None`` when not found (or unavailable:
        then ``failure`` is set)."""
        key = " ".join(query.split()).casefold()
        if key in self._cache:
            hit = self._cache[key]
            return (float(hit[0]), float(hit[1]), str(hit[2])) if hit else None
        if self.failure:
            return None
        try:
            location = self._geocode(query, exactly_one=True)
        except GeocoderRateLimited:
            self.failure = "Nominatim asks us to slow down; try again in a few minutes."
            return None
        except (GeocoderServiceError, OSError) as exc:
            # GeocoderServiceError covers "unavailable" and "timed out": no network,
            # a firewall, or the service down. Not found is not an error (None below).
            self.failure = f"Online geocoding is unavailable ({type(exc).__name__}: {exc})."
            return None
        if location is None:
            self._cache[key] = None
        else:
            self._cache[key] = [location.latitude, location.longitude, location.address]
        self._write_cache()
        hit = self._cache[key]
        return (float(hit[0]), float(hit[1]), str(hit[2])) if hit else None


# Placing rows -----------------------------------------------------------------------------------


def _cell(row: Mapping[str, str], column: str | None) -> str:
    return row.get(column, "").strip() if column else ""


def locate_row(
    number: int,
    row: Mapping[str, str],
    columns: ColumnMap,
    online: OnlineGeocoder | None = None,
) -> Located:
    """Place one row (``number`` as the reader sees it)."""
    if columns.has_coordinates:
        lat_text, lon_text = _cell(row, columns.lat), _cell(row, columns.lon)
        if lat_text or lon_text:
            return _from_coordinates(number, row, columns, lat_text, lon_text)
    city, country = _cell(row, columns.city), _cell(row, columns.country)
    state, address = _cell(row, columns.state), _cell(row, columns.address)
    if not (city or country or address):
        return Located(number, "unmatched", reason="no coordinates, city or country")
    code = gazetteer.country_code(country) if country else None
    if country and code is None:
        reason = f"“{country}” is not a country this app knows (try its English name or ISO code)"
        return _online(number, row, columns, online, reason)
    match = gazetteer.find(city, country, state) if (city or country) else None
    if match is None:
        where = f"“{city}”" + (f" in {code}" if code else "")
        reason = f"{where} is not among the offline gazetteer's cities of 15,000 people or more"
        return _online(number, row, columns, online, reason)
    place = match.place
    alternatives = tuple(
        f"{other.name}, {other.country} ({other.population:,} people)"
        for other in match.alternatives
    )
    if match.how == "country":
        note = f"only a country: placed at its capital, {place.name}"
        return Located(
            number, "matched", "country", place.lat, place.lon, place.country, place.timezone,
            f"{place.name}, {place.country} (capital)", note,
        )  # fmt: skip
    return Located(
        number,
        "ambiguous" if alternatives else "matched",
        "gazetteer",
        place.lat,
        place.lon,
        place.country,
        place.timezone,
        f"{place.name}, {place.country}",
        "the most populous of several places of that name: check it" if alternatives else "",
        alternatives,
    )


def _from_coordinates(
    number: int, row: Mapping[str, str], columns: ColumnMap, lat_text: str, lon_text: str
) -> Located:
    lat, lon = parse_number(lat_text), parse_number(lon_text)
    if lat is None or lon is None:
        bad = lat_text if lat is None else lon_text
        return Located(number, "unmatched", reason=f"“{bad}” is not a number")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        if -90 <= lon <= 90 and -180 <= lat <= 180:
            reason = (
                f"latitude {lat:g} is out of range (-90 to 90) but longitude {lon:g} would fit: "
                "latitude and longitude look swapped"
            )
        else:
            reason = f"coordinates {lat:g}, {lon:g} are out of range"
        return Located(number, "unmatched", reason=reason)
    nearest = gazetteer.nearest(lat, lon)
    given = _cell(row, columns.country)
    code = gazetteer.country_code(given) if given else None
    return Located(
        number, "matched", "column", lat, lon, code or nearest.country, nearest.timezone,
        f"near {nearest.name}, {nearest.country}",
    )  # fmt: skip


def _online(
    number: int,
    row: Mapping[str, str],
    columns: ColumnMap,
    online: OnlineGeocoder | None,
    offline_reason: str,
) -> Located:
    if online is None:
        return Located(number, "unmatched", reason=offline_reason)
    parts = [_cell(row, field) for field in (columns.address, columns.city, columns.state)]
    query = ", ".join(part for part in (*parts, _cell(row, columns.country)) if part)
    found = online.lookup(query)
    if found is None:
        reason = f"{offline_reason}; " + (
            "online geocoding is unavailable" if online.failure else "not found online either"
        )
        return Located(number, "unmatched", reason=reason)
    lat, lon, name = found
    nearest = gazetteer.nearest(lat, lon)
    return Located(
        number, "matched", "nominatim", lat, lon, nearest.country, nearest.timezone, name
    )


def locate(
    rows: Sequence[Mapping[str, str]],
    columns: ColumnMap,
    online: OnlineGeocoder | None = None,
) -> list[Located]:
    """Every row placed or told why not, in order (row 2 is the first under the header)."""
    return [locate_row(index + 2, row, columns, online) for index, row in enumerate(rows)]


# The command ------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    # Imported here: user_dataset builds on this module's Located.
    from components.yourdata.building import build_dataset
    from components.yourdata.columns import detect, status_values
    from components.yourdata.reading import InputError, read_table

    parser = argparse.ArgumentParser(
        prog="python -m components.yourdata.placing",
        description="Place a table of offices on the map: write a dataset and a report.",
    )
    parser.add_argument("input", type=Path, help="CSV, XLSX, JSON or GeoJSON")
    parser.add_argument("-o", "--output", type=Path, help="the dataset to write")
    parser.add_argument("--company", default="", help="the company's name (default: the file's)")
    parser.add_argument(
        "--online", action="store_true", help="look up what the offline gazetteer lacks online"
    )
    args = parser.parse_args(argv)
    try:
        table = read_table(args.input.name, args.input.read_bytes())
    except (InputError, OSError) as exc:
        print(f"{args.input}: {exc}", file=sys.stderr)
        return 2
    for note in table.notes:
        print(note, file=sys.stderr)
    columns = detect(table.columns, table.rows)
    problems = columns.problems()
    if problems:
        print(f"{args.input}: cannot place rows: {'; '.join(problems)}", file=sys.stderr)
        return 2
    online = OnlineGeocoder() if args.online else None
    located = locate(table.rows, columns, online)
    if online and online.failure:
        print(online.failure, file=sys.stderr)
    output = args.output or args.input.with_suffix(".offices.json")
    report = output.with_suffix(".report.csv")
    placed = [item for item in located if item.placed]
    if placed:
        built = build_dataset(
            table, columns, located, status_values(table.rows, columns.status),
            args.company or args.input.stem,
        )  # fmt: skip
        output.write_text(built.json_text, encoding="utf-8")
        print(f"{output}: {len(built.dataset.offices)} offices")
    unplaced = [item for item in located if not item.placed]
    with report.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["row", "outcome", "reason"])
        for item in located:
            if not item.placed or item.outcome == "ambiguous":
                writer.writerow([item.row, item.outcome, item.reason])
    print(f"{len(placed)} of {len(located)} rows placed; report: {report}")
    return 0 if not unplaced else 1


if __name__ == "__main__":
    sys.exit(main())
