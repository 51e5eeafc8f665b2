"""An offline gazetteer: place names to positions, from GeoNames' places of 500 people or
more, with no network (the index: :mod:`components.yourdata.gazetteer_index`).

A place is found by its own name before any place that has it only as an alternate name
(Crescent City, California, not New Orleans, which is also called that), accents and case
ignored; within a country written any way people write one (``DE``, ``Deutschland``,
``UK``, ``Holland``, ``Korea, South``); within a state or province given by name, code or
local form (``Brandenburg``, ``BB``, ``Maine``, ``Bayern``), which also tells apart places of
one name and makes a match doubtful when it disagrees; the most populous last. Every doubt
is said: a match is ``matched``, ``ambiguous`` (places of that name nearly as large, named
with their distance from the choice) or ``approximate`` (a row with only a country, placed
at its capital; a state that disagrees). A name not found gets suggestions, never applied
by themselves (:func:`suggest`). The nearest place to a position gives its country and time
zone.
"""

from __future__ import annotations

import math
import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from typing import Literal

import numpy as np
from geopy.distance import great_circle
from rapidfuzz import fuzz, process

from components.text.folding import fold
from components.yourdata.gazetteer_index import ATTRIBUTION, ensure_index

__all__ = ["ATTRIBUTION", "Alternative", "Match", "Place", "country_code", "find", "nearest"]

# A place known by the row's name only as another name is a rival from this share of the
# chosen place's people ("New York" is also a name of York, Nebraska: no rival to the city).
ALSO_CALLED_SHARE = 0.1
# Two entries closer than this are one town listed twice, not two places.
SAME_PLACE_KM = 20.0
# A suggestion is a name at least this similar (rapidfuzz's ratio, 0-100).
SUGGESTION_SCORE = 75.0

How = Literal["gazetteer", "country"]
Outcome = Literal["matched", "ambiguous", "approximate"]
# Why a match is doubtful (or what was not checked): codes the placing step words.
Doubt = Literal["most_populous", "capital", "state_disagrees", "state_unknown"]


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str  # ISO 3166-1 alpha-2
    admin1: str  # GeoNames' first-level division code
    state: str  # that division's name, where known
    lat: float
    lon: float
    population: int
    timezone: str


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another place the row could mean, and how far it is from the one chosen."""

    place: Place
    km: float


@dataclass(frozen=True)
class Match:
    """Where a row's place is: the place found, how, how sure, and what else it could be."""

    place: Place
    how: How
    outcome: Outcome = "matched"
    doubt: Doubt | None = None
    alternatives: tuple[Alternative, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.outcome == "ambiguous"


_local = threading.local()


def _db() -> sqlite3.Connection:
    """This thread's read-only connection to the index (built first if there is none)."""
    connection: sqlite3.Connection | None = getattr(_local, "db", None)
    if connection is None:
        path = ensure_index()
        connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
        _local.db = connection
    return connection


_PLACE = (
    "SELECT p.name, p.country, p.admin1, COALESCE(("
    "SELECT d.name FROM divisions d WHERE d.country = p.country AND d.admin1 = p.admin1 "
    "LIMIT 1), ''), p.lat, p.lon, p.population, p.timezone"
)


def _place(row: tuple[object, ...]) -> Place:
    return Place(*row[:8])  # type: ignore[arg-type]


def country_code(value: str) -> str | None:
    """``de``, ``DEU``, ``Deutschland``, ``UK``, ``Korea, South`` → the alpha-2 code; ``None``
    if unknown."""
    if not value.strip():
        return None
    row = _db().execute("SELECT code FROM countries WHERE key = ?", (fold(value),)).fetchone()
    return str(row[0]) if row else None


def _in_state(country: str, state: str) -> set[str] | None:
    """The GeoNames codes of the divisions ``state`` names in ``country``; ``None`` where
    this index knows no division of that name or code there."""
    key = fold(state)
    rows = (
        _db()
        .execute("SELECT admin1 FROM divisions WHERE country = ? AND key = ?", (country, key))
        .fetchall()
    )
    codes = {str(row[0]) for row in rows}
    known = (
        _db()
        .execute(
            "SELECT 1 FROM places WHERE country = ? AND admin1 = ? LIMIT 1",
            (country, state.strip()),
        )
        .fetchone()
    )
    if known:
        codes.add(state.strip())  # GeoNames' own code, as written
    return codes or None


def find(city: str, country: str = "", state: str = "") -> Match | None:
    """The place a city (and optional country and state) names, or ``None``.

    With only a country, its capital (``approximate``, ``how="country"``).
    """
    code = country_code(country) if country.strip() else None
    if country.strip() and code is None:
        return None  # a country that is not one: better no match than a guess
    key = fold(city)
    if not key:
        if code is None:
            return None
        row = (
            _db()
            .execute(
                f"{_PLACE} FROM capitals c JOIN places p ON p.id = c.place WHERE c.code = ?",
                (code,),
            )
            .fetchone()
        )
        return Match(_place(row), "country", "approximate", "capital") if row else None
    query = f"{_PLACE}, n.kind FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?"
    rows = (
        _db()
        .execute(query + (" AND p.country = ?" if code else ""), (key, code) if code else (key,))
        .fetchall()
    )
    if not rows:
        return None
    own = [row for row in rows if row[8] == 0]
    typed = city.strip().casefold()
    candidates = sorted(
        (_place(row) for row in (own or rows)),
        key=lambda place: (place.name.casefold() != typed, -place.population),
    )
    doubt: Doubt | None = None
    outcome: Outcome = "matched"
    contenders = candidates  # the places the row may mean, given what it says
    if state.strip():
        known = {place.country: _in_state(place.country, state) for place in candidates}
        if any(codes is not None for codes in known.values()):
            agreeing = [p for p in candidates if p.admin1 in (known.get(p.country) or ())]
            if agreeing:
                contenders = agreeing
                candidates = agreeing + [p for p in candidates if p not in agreeing]
            else:
                outcome, doubt = "approximate", "state_disagrees"
        else:
            doubt = "state_unknown"
    best = candidates[0]
    # The row may mean any other place of that name (in the state given, if one agreed), or
    # a place known by that name as another name, of some size beside the chosen one: the
    # reader's town may be one GeoNames calls otherwise. Any of them more than a town's
    # width away makes the row ambiguous.
    also_called = {_place(row) for row in rows if row[8] == 1}
    states = {place.admin1 for place in contenders}
    others = contenders[1:] + [
        place for place in also_called if own and (place.admin1 in states or not state.strip())
    ]
    rivals = [
        place
        for place in others
        if _km(place, best) > SAME_PLACE_KM
        and (place not in also_called or place.population >= ALSO_CALLED_SHARE * best.population)
    ]
    if rivals and outcome == "matched":
        outcome, doubt = "ambiguous", "most_populous"
    apart = [place for place in candidates[1:] if _km(place, best) > SAME_PLACE_KM]
    alternatives = tuple(Alternative(place, round(_km(place, best))) for place in apart[:3])
    return Match(best, "gazetteer", outcome, doubt, alternatives)


def _km(a: Place, b: Place) -> float:
    return great_circle_km(a.lat, a.lon, b.lat, b.lon)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Kilometres on the sphere (geopy's great circle): enough to tell places apart, and
    cheaper per pair than the ellipsoid the offices' own distances use."""
    return float(great_circle((lat1, lon1), (lat2, lon2)).kilometers)


_NAMES_LOCK = threading.Lock()
_NAMES: OrderedDict[str, tuple[list[str], list[int]]] = OrderedDict()


def _names_of(country: str) -> tuple[list[str], list[int]]:
    """The names (folded) of a country's places and the most populous place of each; the
    last few countries asked for are kept."""
    with _NAMES_LOCK:
        if country in _NAMES:
            _NAMES.move_to_end(country)
            return _NAMES[country]
    rows = (
        _db()
        .execute(
            "SELECT n.key, p.id FROM places p JOIN names n ON n.place = p.id "
            "WHERE p.country = ? ORDER BY p.population",
            (country,),
        )
        .fetchall()
    )
    best = {str(key): int(place) for key, place in rows}  # the most populous comes last
    names = (list(best), list(best.values()))
    with _NAMES_LOCK:
        _NAMES[country] = names
        while len(_NAMES) > 8:
            _NAMES.popitem(last=False)
    return names


def suggest(city: str, country: str, limit: int = 3) -> tuple[Place, ...]:
    """Places of ``country`` whose names are closest to ``city`` (a typo's likely meaning),
    best first; none below :data:`SUGGESTION_SCORE`."""
    code = country_code(country)
    key = fold(city)
    if code is None or not key:
        return ()
    keys, places = _names_of(code)
    found = process.extract(
        key, keys, scorer=fuzz.ratio, limit=limit * 3, score_cutoff=SUGGESTION_SCORE
    )
    ids: list[int] = []
    for _name, _score, index in found:
        if places[index] not in ids:
            ids.append(places[index])
    db = _db()
    suggestions = [
        _place(db.execute(f"{_PLACE} FROM places p WHERE p.id = ?", (place,)).fetchone())
        for place in ids[:limit]
    ]
    return tuple(suggestions)


@dataclass(frozen=True)
class _Grid:
    """Every place's position, bucketed by whole degrees, for nearest-place queries."""

    ids: np.ndarray
    lat: np.ndarray  # radians
    lon: np.ndarray
    cells: dict[tuple[int, int], np.ndarray]  # (floor lat, floor lon) → indices


@cache
def _grid() -> _Grid:
    rows = np.array(_db().execute("SELECT id, lat, lon FROM places").fetchall())
    lat, lon = rows[:, 1], rows[:, 2]
    keys = np.floor(lat).astype(np.int64) * 1000 + np.floor(lon).astype(np.int64)
    order = np.argsort(keys, kind="stable")
    unique, starts = np.unique(keys[order], return_index=True)
    ends = np.append(starts[1:], len(order))
    cells: dict[tuple[int, int], np.ndarray] = {}
    for key, a, b in zip(unique.tolist(), starts.tolist(), ends.tolist(), strict=True):
        cell_lat, cell_lon = divmod(key + 180, 1000)
        cells[(cell_lat, cell_lon - 180)] = order[a:b]
    return _Grid(rows[:, 0].astype(np.int64), np.radians(lat), np.radians(lon), cells)


def nearest(lat: float, lon: float) -> Place:
    """The place nearest a position (for its country and time zone): a first candidate from
    the degree cells around it (widened ring by ring until one holds a place), then every
    cell within that candidate's distance (cells narrow towards the poles, so the ring it
    came from is not enough)."""
    grid = _grid()
    row, column = math.floor(lat), math.floor(lon)
    phi, lam = math.radians(lat), math.radians(lon)

    def cells(rows: range, columns: range) -> np.ndarray:
        found = [
            grid.cells[key]
            for r in rows
            for c in columns
            if (key := (r, (c + 180) % 360 - 180)) in grid.cells
        ]
        return np.concatenate(found) if found else np.empty(0, dtype=np.int64)

    def closest(indices: np.ndarray) -> tuple[int, float]:
        rank = (
            np.sin((grid.lat[indices] - phi) / 2) ** 2
            + math.cos(phi) * np.cos(grid.lat[indices]) * np.sin((grid.lon[indices] - lam) / 2) ** 2
        )
        best = int(np.argmin(rank))
        return int(indices[best]), 2 * math.asin(math.sqrt(min(1.0, float(rank[best]))))

    candidates = np.empty(0, dtype=np.int64)
    for reach in range(1, 181):
        candidates = cells(
            range(row - reach, row + reach + 1), range(column - reach, column + reach + 1)
        )
        if len(candidates):
            break
    first, angle = closest(candidates)
    degrees = math.degrees(angle)
    spread = degrees / max(math.cos(math.radians(min(89.9, abs(lat) + degrees))), 1e-3)
    rows = range(math.floor(lat - degrees) - 1, math.floor(lat + degrees) + 2)
    columns = range(math.floor(lon - min(spread, 180)) - 1, math.floor(lon + min(spread, 180)) + 2)
    best, _angle = closest(np.concatenate([cells(rows, columns), [first]]))
    found = _db().execute(f"{_PLACE} FROM places p WHERE p.id = ?", (int(grid.ids[best]),))
    return _place(found.fetchone())
