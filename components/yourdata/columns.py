"""Which column of a reader's table holds what: recognised by name in English or German, and
changed by the reader in the mapping step.

Latitude and longitude are recognised as ``lat``/``latitude`` and ``lon``/``lng``/``long``/
``longitude``, alone or as a word of the name (``office_lat``); ``x`` and ``y`` only when the
reader picks them. Without coordinates, places come from city and country (with state and
address where given).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from components.text.folding import fold
from components.yourdata.messages import Message
from components.yourdata.vocabulary import (
    ANNOUNCED_WORDS,
    COLUMN_NAMES,
    EXISTING_WORDS,
    every_language,
)

Field = Literal[
    "name", "lat", "lon", "city", "country", "state", "address", "status", "region",
    "founded", "announced", "opened", "planned_opening", "notes", "url",
]  # fmt: skip
FIELDS: tuple[Field, ...] = (
    "name", "lat", "lon", "city", "country", "state", "address", "status", "region",
    "founded", "announced", "opened", "planned_opening", "notes", "url",
)  # fmt: skip
DATE_FIELDS: tuple[Field, ...] = ("founded", "announced", "opened", "planned_opening")

# Folded names that say what a column holds, in any language readers write; a name matches a
# word of the column's name too where marked (latitude and longitude), or the whole name
# otherwise.
_NAMES: dict[Field, frozenset[str]] = {
    field: frozenset(name for language in COLUMN_NAMES.values() for name in language.get(field, ()))
    for field in FIELDS
}
_WORD_MATCH: frozenset[Field] = frozenset({"lat", "lon"})


def _words(column: str) -> tuple[str, str]:
    """A column's name folded whole, and with underscores, dots and dashes as spaces."""
    folded = fold(column)
    return folded, " ".join(re.split(r"[\s_.\-/]+", folded)).strip()


@dataclass(frozen=True)
class ColumnMap:
    """For each field, the column that holds it (``None``: no such column)."""

    name: str | None = None
    lat: str | None = None
    lon: str | None = None
    city: str | None = None
    country: str | None = None
    state: str | None = None
    address: str | None = None
    status: str | None = None
    region: str | None = None
    founded: str | None = None
    announced: str | None = None
    opened: str | None = None
    planned_opening: str | None = None
    notes: str | None = None
    url: str | None = None

    def column(self, field: Field) -> str | None:
        value: str | None = getattr(self, field)
        return value

    def with_column(self, field: Field, column: str | None) -> ColumnMap:
        return replace(self, **{field: column})

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def label(self) -> str | None:
        """The column that names a row: its name, else its city, else its address."""
        return self.name or self.city or self.address

    @property
    def has_places(self) -> bool:
        return self.city is not None or self.country is not None

    def value(self, row: Mapping[str, str], field: Field) -> str:
        """The cell of ``row`` that holds ``field``, stripped (empty where no column does)."""
        column = self.column(field)
        return row.get(column, "").strip() if column else ""

    def problems(self) -> list[Message]:
        """What keeps this mapping from placing rows (empty when nothing does)."""
        problems = []
        if (self.lat is None) != (self.lon is None):
            problems.append(Message.of("columns.half_coordinates"))
        if not self.has_coordinates and not self.has_places:
            problems.append(Message.of("columns.nothing_to_place"))
        used = [column for column in (getattr(self, f) for f in FIELDS) if column]
        if len(used) != len(set(used)):
            problems.append(Message.of("columns.used_twice"))
        return problems


def detect(columns: Sequence[str], rows: Iterable[Mapping[str, str]] = ()) -> ColumnMap:
    """The mapping the column names suggest (the reader can change every part of it).

    A latitude or longitude column counts only where its values are numbers: most of them
    where its name only contains the word, half where it is named for the field.
    """
    sample = list(rows)[:200]
    found: dict[Field, str] = {}
    taken: set[str] = set()
    for field in FIELDS:
        for column in columns:
            if column in taken:
                continue
            whole, spaced = _words(column)
            names = _NAMES[field]
            named = whole in names or spaced in names
            # A coordinate column holds numbers: most of them where its name only contains the
            # word ("office_lat"), half where it is named for the field (a few bad cells do
            # not lose the column for the rows that are right).
            worded = not named and field in _WORD_MATCH and any(w in names for w in spaced.split())
            numbers = _share_of_numbers(sample, column) if field in _WORD_MATCH else 1.0
            if (named and numbers >= 0.5) or (worded and numbers >= 0.8):
                found[field] = column
                taken.add(column)
                break
    return ColumnMap(**found)


def _share_of_numbers(rows: Sequence[Mapping[str, str]], column: str) -> float:
    values = [row.get(column, "").strip() for row in rows]
    values = [value for value in values if value]
    if not values:
        return 1.0  # an empty column named "lat" is still the latitude column
    return sum(parse_number(value) is not None for value in values) / len(values)


def parse_number(value: str) -> float | None:
    """``48.137``, ``48,137`` (a decimal comma), ``-0.5``; ``None`` for anything else."""
    text = value.strip().replace("\u2212", "-")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


# Status values ---------------------------------------------------------------------------------

Status = Literal["existing", "announced"]
_EXISTING = every_language(EXISTING_WORDS)
_ANNOUNCED = every_language(ANNOUNCED_WORDS)


def guess_status(value: str) -> Status:
    """A status value as the app's two statuses: planned and the like are "announced",
    anything else (including an empty cell) "existing"."""
    return "announced" if fold(value) in _ANNOUNCED else "existing"


def status_values(rows: Iterable[Mapping[str, str]], column: str | None) -> dict[str, Status]:
    """Every distinct value of the status column, with its guessed status."""
    if column is None:
        return {}
    values = dict.fromkeys(row.get(column, "").strip() for row in rows)
    return {value: guess_status(value) for value in values}


def is_known_status(value: str) -> bool:
    """Whether a status value was recognised (rather than taken as existing by default)."""
    return fold(value) in _EXISTING or fold(value) in _ANNOUNCED
