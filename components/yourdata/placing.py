"""Every row of a reader's table placed on the map, or told why not.

A row is placed from its coordinate columns if it has them (checked for range, and for
latitude and longitude swapped), else from its city and country in the offline gazetteer,
else, only when the reader switched it on, online (:mod:`components.yourdata.online`).
Nothing is dropped: each row comes back matched, ambiguous (placed at the most populous
candidate, the others named) or unmatched (with the reason), each reason a
:class:`~components.yourdata.messages.Message`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from components.yourdata import gazetteer
from components.yourdata.columns import ColumnMap, parse_number
from components.yourdata.gazetteer import Place
from components.yourdata.messages import Message
from components.yourdata.online import OnlineGeocoder

Outcome = Literal["matched", "ambiguous", "unmatched"]
How = Literal["column", "gazetteer", "country", "nominatim"]
OUTCOMES: tuple[Outcome, ...] = ("matched", "ambiguous", "unmatched")


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
    place: Message | None = None  # what was matched: "Munich, DE"
    reason: Message | None = None  # why not placed, or what to check
    alternatives: tuple[Place, ...] = ()

    @property
    def placed(self) -> bool:
        return self.lat is not None and self.lon is not None


def locate_row(
    number: int,
    row: Mapping[str, str],
    columns: ColumnMap,
    online: OnlineGeocoder | None = None,
) -> Located:
    """Place one row (``number`` as the reader sees it)."""
    if columns.has_coordinates:
        lat_text, lon_text = columns.value(row, "lat"), columns.value(row, "lon")
        if lat_text or lon_text:
            return _from_coordinates(number, row, columns, lat_text, lon_text)
    city, country = columns.value(row, "city"), columns.value(row, "country")
    state, address = columns.value(row, "state"), columns.value(row, "address")
    if not (city or country or address):
        return Located(number, "unmatched", reason=Message.of("place.nothing_given"))
    code = gazetteer.country_code(country) if country else None
    if country and code is None:
        reason = Message.of("place.unknown_country", country=country)
        return _online(number, row, columns, online, reason)
    match = gazetteer.find(city, country, state) if (city or country) else None
    if match is None:
        if code:
            reason = Message.of("place.not_in_gazetteer_in", city=city, country=code)
        else:
            reason = Message.of("place.not_in_gazetteer", city=city)
        return _online(number, row, columns, online, reason)
    place = match.place
    found = Message.of("place.found", city=place.name, country=place.country)
    if match.how == "country":
        return Located(
            number, "matched", "country", place.lat, place.lon, place.country, place.timezone,
            Message.of("place.found_capital", city=place.name, country=place.country),
            Message.of("place.capital", city=place.name),
        )  # fmt: skip
    ambiguous = bool(match.alternatives)
    return Located(
        number,
        "ambiguous" if ambiguous else "matched",
        "gazetteer",
        place.lat,
        place.lon,
        place.country,
        place.timezone,
        found,
        Message.of("place.most_populous") if ambiguous else None,
        match.alternatives,
    )


def _from_coordinates(
    number: int, row: Mapping[str, str], columns: ColumnMap, lat_text: str, lon_text: str
) -> Located:
    lat, lon = parse_number(lat_text), parse_number(lon_text)
    if lat is None or lon is None:
        bad = lat_text if lat is None else lon_text
        return Located(number, "unmatched", reason=Message.of("place.not_a_number", value=bad))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        swapped = -90 <= lon <= 90 and -180 <= lat <= 180
        code = "place.swapped" if swapped else "place.out_of_range"
        return Located(number, "unmatched", reason=Message.of(code, lat=lat, lon=lon))
    nearest = gazetteer.nearest(lat, lon)
    given = columns.value(row, "country")
    given_code = gazetteer.country_code(given) if given else None
    return Located(
        number, "matched", "column", lat, lon, given_code or nearest.country, nearest.timezone,
        Message.of("place.near", city=nearest.name, country=nearest.country),
    )  # fmt: skip


def _online(
    number: int,
    row: Mapping[str, str],
    columns: ColumnMap,
    online: OnlineGeocoder | None,
    offline_reason: Message,
) -> Located:
    if online is None:
        return Located(number, "unmatched", reason=offline_reason)
    parts = [columns.value(row, field) for field in ("address", "city", "state", "country")]
    skipped = online.skipped
    found = online.lookup(", ".join(part for part in parts if part))
    if found is None:
        if online.failure:
            code = "place.offline_and_unavailable"
        elif online.skipped > skipped:
            code = "place.offline_and_over_the_cap"
        else:
            code = "place.offline_and_not_found"
        return Located(number, "unmatched", reason=Message.of(code, reason=offline_reason))
    nearest = gazetteer.nearest(found.lat, found.lon)
    return Located(
        number, "matched", "nominatim", found.lat, found.lon, nearest.country, nearest.timezone,
        Message.of("place.online", address=found.name),
    )  # fmt: skip


def locate(
    rows: Sequence[Mapping[str, str]],
    columns: ColumnMap,
    online: OnlineGeocoder | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Located]:
    """Every row placed or told why not, in order (row 2 is the first under the header).

    ``progress(done, total)`` is called after each row that went online: the page draws it,
    which also lets a new run of the page (a new table, a closed tab) stop the loop there.
    """
    located = []
    for index, row in enumerate(rows):
        requests = online.requests if online else 0
        located.append(locate_row(index + 2, row, columns, online))
        if progress and online and online.requests > requests:
            progress(index + 1, len(rows))
    return located
