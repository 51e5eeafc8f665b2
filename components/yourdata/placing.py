"""Every row of a reader's table placed on the map, or told why not.

A row is placed from its coordinate columns if it has them (checked for range, for latitude
and longitude swapped, for (0, 0), for whole numbers that a decimal comma split, and
against the country it names), else from its city, state and country in the offline
gazetteer, else, only when the reader switched it on, online
(:mod:`components.yourdata.online`). Nothing is dropped, and every doubt is said: each row
comes back ``matched``, ``ambiguous`` (placed at the most populous of places of that name,
the others named with their distance), ``approximate`` (a country only, a state that
disagrees, coordinates checked against something that disagrees) or ``unmatched`` (with the
reason and, for a name not found, the closest names of that country as suggestions, never
applied by themselves). Each reason is a :class:`~components.yourdata.messages.Message`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from components.yourdata import gazetteer
from components.yourdata.columns import ColumnMap, parse_number
from components.yourdata.gazetteer import Alternative, Place
from components.yourdata.messages import Message
from components.yourdata.online import Found, OnlineGeocoder

Outcome = Literal["matched", "ambiguous", "approximate", "unmatched"]
How = Literal["column", "gazetteer", "country", "nominatim"]
OUTCOMES: tuple[Outcome, ...] = ("matched", "ambiguous", "approximate", "unmatched")
# The outcomes a reader should look at, the most doubtful first.
DOUBTFUL: tuple[Outcome, ...] = ("unmatched", "approximate", "ambiguous")
# Suggestions for names not found are looked for in at most this many rows of a table.
MAX_SUGGESTED_ROWS = 500


@dataclass(frozen=True)
class Located:
    """Where one row of the table landed (``row``: the row's line in the reader's file)."""

    row: int
    outcome: Outcome
    how: How | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    timezone: str | None = None
    place: Message | None = None  # what was matched: "Portland, Maine, US"
    reason: Message | None = None  # why not placed, or what to check
    alternatives: tuple[Alternative, ...] = ()  # other places of that name
    suggestions: tuple[Place, ...] = ()  # places a name not found may mean
    chosen: Place | None = None  # the gazetteer's place, where it chose one

    @property
    def placed(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def doubtful(self) -> bool:
        return self.outcome in DOUBTFUL


def place_message(place: Place) -> Message:
    """ "Portland, Maine, US": a place as the page and the report name it."""
    if place.state:
        return Message.of(
            "place.found_in", city=place.name, state=place.state, country=place.country
        )
    return Message.of("place.found", city=place.name, country=place.country)


def alternative_message(other: Alternative) -> Message:
    """ "Portland, Oregon, US, 4,081 km away": another place a row could mean."""
    return Message.of("place.alternative", place=place_message(other.place), km=other.km)


def from_place(
    number: int,
    place: Place,
    how: How = "gazetteer",
    outcome: Outcome = "matched",
    reason: Message | None = None,
    alternatives: tuple[Alternative, ...] = (),
) -> Located:
    """A row placed at a gazetteer's place (its choice, or a suggestion or alternative the
    reader took)."""
    return Located(
        number, outcome, how, place.lat, place.lon, place.country, place.timezone,
        place_message(place), reason, alternatives, chosen=place,
    )  # fmt: skip


def locate_row(
    number: int,
    row: Mapping[str, str],
    columns: ColumnMap,
    online: OnlineGeocoder | None = None,
    suggest: bool = True,
    check_doubtful: bool = False,
) -> Located:
    """Place one row (``number``: its line in the reader's file); ``check_doubtful``: a row
    the offline list places with doubt is looked up online too (where ``online`` is given),
    and the online answer is taken if there is one."""
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
        unknown = Message.of("place.unknown_country", country=country)
        return _online(number, row, columns, online, unknown)
    match = gazetteer.find(city, country, state) if (city or country) else None
    if match is None:
        suggestions = gazetteer.suggest(city, code) if (suggest and city and code) else ()
        if code:
            missing = Message.of("place.not_in_gazetteer_in", city=city, country=code)
        else:
            missing = Message.of("place.not_in_gazetteer", city=city)
        return _online(number, row, columns, online, missing, suggestions)
    offline = _from_match(number, match, state)
    if check_doubtful and online is not None and offline.doubtful:
        found = _lookup(row, columns, online)
        if found is not None:
            checked = Message.of("place.checked_online", offline=offline.place or "")
            return _from_online(number, found, checked)
    return offline


def _from_match(number: int, match: gazetteer.Match, state: str) -> Located:
    place = match.place
    if match.how == "country":
        return from_place(
            number, place, "country", outcome="approximate",
            reason=Message.of("place.capital", city=place.name),
        )  # fmt: skip
    reason = None
    if match.doubt == "most_populous":
        reason = Message.of("place.most_populous", count=len(match.alternatives) + 1)
    elif match.doubt == "state_disagrees":
        reason = Message.of("place.state_disagrees", state=state, place=place_message(place))
    elif match.doubt == "state_unknown":
        reason = Message.of("place.state_unknown", state=state, country=place.country)
    return from_place(
        number, place, outcome=match.outcome, reason=reason, alternatives=match.alternatives
    )


def _from_coordinates(
    number: int, row: Mapping[str, str], columns: ColumnMap, lat_text: str, lon_text: str
) -> Located:
    lat, lon = parse_number(lat_text), parse_number(lon_text)
    if lat is None or lon is None:
        bad = lat_text if lat is None else lon_text
        return Located(number, "unmatched", reason=Message.of("place.not_a_number", value=bad))
    if lat == 0 and lon == 0:
        return Located(number, "unmatched", reason=Message.of("place.zero_zero"))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        swapped = -90 <= lon <= 90 and -180 <= lat <= 180
        code = "place.swapped" if swapped else "place.out_of_range"
        return Located(number, "unmatched", reason=Message.of(code, lat=lat, lon=lon))
    if _whole(lat_text) and _whole(lon_text):
        # "48,137" and "11,575" in a comma-separated file become 48 | 137 | 11 | 575.
        reason = Message.of("place.whole_numbers", lat=lat_text, lon=lon_text)
        return Located(number, "unmatched", reason=reason)
    nearest = gazetteer.nearest(lat, lon)
    given = columns.value(row, "country")
    given_code = gazetteer.country_code(given) if given else None
    near = Message.of("place.near", city=nearest.name, country=nearest.country)
    if given_code and given_code != nearest.country:
        swapped_place = gazetteer.nearest(lon, lat) if -90 <= lon <= 90 else None
        if swapped_place is not None and swapped_place.country == given_code:
            return Located(
                number, "approximate", "column", lon, lat, given_code, swapped_place.timezone,
                Message.of("place.near", city=swapped_place.name, country=given_code),
                Message.of("place.swapped_in_range", lat=lat, lon=lon, country=given_code),
            )  # fmt: skip
        return Located(
            number, "approximate", "column", lat, lon, nearest.country, nearest.timezone, near,
            Message.of("place.country_disagrees", country=given_code, near=nearest.country),
        )  # fmt: skip
    return Located(
        number, "matched", "column", lat, lon, given_code or nearest.country, nearest.timezone,
        near,
    )  # fmt: skip


def _whole(text: str) -> bool:
    """A coordinate written as a whole number (no decimal point or comma)."""
    digits = text.strip().lstrip("+-\u2212")
    return digits.isdigit()


def _online(
    number: int,
    row: Mapping[str, str],
    columns: ColumnMap,
    online: OnlineGeocoder | None,
    offline_reason: Message,
    suggestions: tuple[Place, ...] = (),
) -> Located:
    if online is None:
        return Located(number, "unmatched", reason=offline_reason, suggestions=suggestions)
    skipped = online.skipped
    found = _lookup(row, columns, online)
    if found is None:
        if online.failure:
            code = "place.offline_and_unavailable"
        elif online.skipped > skipped:
            code = "place.offline_and_over_the_cap"
        else:
            code = "place.offline_and_not_found"
        reason = Message.of(code, reason=offline_reason)
        return Located(number, "unmatched", reason=reason, suggestions=suggestions)
    return _from_online(number, found)


def _lookup(row: Mapping[str, str], columns: ColumnMap, online: OnlineGeocoder) -> Found | None:
    parts = [columns.value(row, field) for field in ("address", "city", "state", "country")]
    return online.lookup(", ".join(part for part in parts if part))


def _from_online(number: int, found: Found, reason: Message | None = None) -> Located:
    nearest = gazetteer.nearest(found.lat, found.lon)
    return Located(
        number, "matched", "nominatim", found.lat, found.lon, nearest.country, nearest.timezone,
        Message.of("place.online", address=found.name), reason,
    )  # fmt: skip


def locate(
    rows: Sequence[Mapping[str, str]],
    columns: ColumnMap,
    online: OnlineGeocoder | None = None,
    progress: Callable[[int, int], None] | None = None,
    lines: Sequence[int] = (),
    check_doubtful: bool = False,
) -> list[Located]:
    """Every row placed or told why not, in order; ``lines``: each row's line in the
    reader's file (by default, row 2 is the first under the header).

    ``progress(done, total)`` is called after each row that went online: the page draws it,
    which also lets a new run of the page (a new table, a closed tab) stop the loop there.
    """
    located = []
    suggested = 0
    for index, row in enumerate(rows):
        requests = online.requests if online else 0
        number = lines[index] if index < len(lines) else index + 2
        one = locate_row(
            number, row, columns, online, suggested < MAX_SUGGESTED_ROWS, check_doubtful
        )
        suggested += one.outcome == "unmatched"
        located.append(one)
        if progress and online and online.requests > requests:
            progress(index + 1, len(rows))
    return located
