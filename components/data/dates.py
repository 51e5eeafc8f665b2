"""Dates as the data writes them: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a partial date says
only what its source says). The one parser of dates in the app: the schema validates with it,
the pages format with it, and a reader's table is read into it (:func:`read_date`)."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# How people write dates in a table, and which part each group is.
_WRITTEN_FORMS = (
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:T.*)?"), ("y", "m", "d")),
    (re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"), ("y", "m", "d")),
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})"), ("d", "m", "y")),
    (re.compile(r"(\d{4})-(\d{1,2})"), ("y", "m")),
    (re.compile(r"(\d{1,2})/(\d{4})"), ("m", "y")),
    (re.compile(r"(\d{4})"), ("y",)),
)

PartialDate = tuple[int, int | None, int | None]


@lru_cache(maxsize=4096)  # a dataset repeats its dates: each is checked once
def parse_partial_date(value: str) -> PartialDate:
    """``2024-10-09`` → ``(2024, 10, 9)``, ``2015-12`` → ``(2015, 12, None)``, ``2017`` →
    ``(2017, None, None)``. Raises ``ValueError`` for anything else, and for dates that do
    not exist."""
    match = _PARTIAL_DATE.fullmatch(value)
    if not match:
        raise ValueError("expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None  # the pattern requires it
    return _checked(year, month, day)


def _checked(year: int, month: int | None, day: int | None) -> PartialDate:
    try:
        date(year, month or 1, day or 1)
    except ValueError as exc:
        raise ValueError(f"not a real date ({exc})") from None
    return year, month, day


def partial_date_start(value: str) -> date:
    """The first day a partial date can mean: ``2015-12`` → 1 December 2015."""
    year, month, day = parse_partial_date(value)
    return date(year, month or 1, day or 1)


def partial_date_end(value: str) -> date:
    """The last day a partial date can mean: ``2015-12`` → 31 December 2015."""
    year, month, day = parse_partial_date(value)
    if day is not None:
        return date(year, month or 1, day)
    if month is None:
        return date(year, 12, 31)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def write_partial_date(year: int, month: int | None = None, day: int | None = None) -> str:
    """``(2024, 10, None)`` → ``2024-10``."""
    written = f"{year:04d}"
    if month is not None:
        written += f"-{month:02d}"
        if day is not None:
            written += f"-{day:02d}"
    return written


def read_date(text: str) -> str | None:
    """A date as a reader writes it in a table (ISO ``2024-10-09``, ``9.10.2024``,
    ``2024/10/09``, ``10/2024``, ``2024-10``, ``2024``) as the data writes it; ``None`` where it
    is none of these or no real date."""
    for pattern, parts in _WRITTEN_FORMS:
        match = pattern.fullmatch(text.strip())
        if not match:
            continue
        values = dict(zip(parts, (int(group) for group in match.groups()), strict=True))
        try:
            year, month, day = _checked(values["y"], values.get("m"), values.get("d"))
        except ValueError:
            return None
        return write_partial_date(year, month, day)
    return None
