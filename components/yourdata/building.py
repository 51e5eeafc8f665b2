"""A reader's placed rows as a dataset of the app's own schema: the same dashboard for their
data, and an ``offices.json`` that ``python -m components.data validate`` accepts.

Each placed row becomes an office; rows that were not placed stay out of the dataset and
are reported by the caller, never dropped without a word. Texts from the table are the
office's name in both languages (the reader's table has one); the file itself is the
source of every office, and a row's URL a source of its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from components.data.dates import read_date
from components.data.loading import parse_dataset
from components.data.regions import region_of
from components.data.schema import Dataset
from components.text.folding import fold, slug
from components.yourdata.columns import DATE_FIELDS, ColumnMap, Status
from components.yourdata.placing import Located
from components.yourdata.reading import Table

FILE_SOURCE = "your-data"
_REGIONS = {
    "americas": "Americas", "america": "Americas", "amerika": "Americas",
    "north america": "Americas", "south america": "Americas", "latin america": "Americas",
    "emea": "EMEA", "europe": "EMEA", "europa": "EMEA", "africa": "EMEA", "afrika": "EMEA",
    "middle east": "EMEA", "naher osten": "EMEA",
    "apac": "APAC", "asia": "APAC", "asien": "APAC", "asia pacific": "APAC",
    "asien pazifik": "APAC", "oceania": "APAC", "ozeanien": "APAC",
}  # fmt: skip


def region(value: str, country: str) -> str | None:
    """The region a cell names (Europe, APAC, Asien…), else the country's."""
    return _REGIONS.get(fold(value).replace("-", " ")) or region_of(country)


@dataclass(frozen=True)
class Built:
    dataset: Dataset
    json_text: str
    office_ids: dict[int, str]  # table row → office id
    warnings: tuple[str, ...]


def _cell(row: Mapping[str, str], column: str | None) -> str:
    return row.get(column, "").strip() if column else ""


def _label(row: Mapping[str, str], columns: ColumnMap, located: Located) -> str:
    for field in (columns.name, columns.city, columns.address):
        value = _cell(row, field)
        if value:
            return value[:120]
    return located.place.split(",")[0] or f"Row {located.row}"


def build_dataset(
    table: Table,
    columns: ColumnMap,
    located: Sequence[Located],
    statuses: Mapping[str, Status],
    company: str,
    headquarters_row: int | None = None,
    as_of: str | None = None,
) -> Built:
    """The dataset of the placed rows (raises ``ValueError`` when no row was placed)."""
    rows = table.rows
    placed = [item for item in located if item.placed]
    if not placed:
        raise ValueError("no row was placed on the map")
    warnings: list[str] = []
    today = date.today()
    source_title = table.source_name or "Your table"
    sources: list[dict[str, Any]] = [
        {
            "id": FILE_SOURCE,
            "publisher": company or "Your data",
            "title": {"en": source_title, "de": source_title},
            "date": f"{today:%Y-%m}",
            "url": None,
            "language": "en",
        }
    ]
    offices: list[dict[str, Any]] = []
    ids: dict[int, str] = {}
    taken: set[str] = set()
    names_seen: dict[str, int] = {}
    for item in placed:
        row = rows[item.row - 2]
        label = _label(row, columns, item)
        if label.casefold() in names_seen:
            warnings.append(
                f"Rows {names_seen[label.casefold()]} and {item.row} are both named “{label}”."
            )
        names_seen.setdefault(label.casefold(), item.row)
        office_id = base = slug(label)
        suffix = 2
        while office_id in taken:
            office_id, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(office_id)
        ids[item.row] = office_id
        country = item.country or "XX"
        office_sources = [FILE_SOURCE]
        url = _cell(row, columns.url)
        if re.fullmatch(r"https?://\S+", url):
            sources.append(
                {
                    "id": f"row-{item.row}",
                    "publisher": re.sub(r"^https?://(www\.)?", "", url).split("/")[0][:80],
                    "title": {"en": url[:200], "de": url[:200]},
                    "date": None,
                    "url": url,
                    "language": "en",
                }
            )
            office_sources.append(f"row-{item.row}")
        elif url:
            warnings.append(f"Row {item.row}: “{url[:60]}” is not a web address (http…).")
        dates: dict[str, Any] = {field: None for field in DATE_FIELDS}
        dates["planned_opening_label"] = None
        unread: list[str] = []
        for field in DATE_FIELDS:
            text = _cell(row, columns.column(field))
            if text:
                dates[field] = read_date(text)
                if dates[field] is None:
                    unread.append(f"{field.replace('_', ' ')}: {text[:60]}")
        notes = _cell(row, columns.notes)
        if unread:
            warnings.append(
                f"Row {item.row}: kept as a note, not read as a date: {'; '.join(unread)}."
            )
            notes = "; ".join(part for part in (notes, *unread) if part)
        status = statuses.get(_cell(row, columns.status), "existing")
        offices.append(
            {
                "id": office_id,
                "city": {"en": label, "de": label},
                "country": country,
                "region": region(_cell(row, columns.region), country) or "EMEA",
                "lat": round(float(item.lat or 0), 6),
                "lon": round(float(item.lon or 0), 6),
                "timezone": item.timezone or "UTC",
                "status": status,
                "dates": dates,
                "role": {"en": "Office", "de": "Büro"},
                "notes": {"en": notes[:2000], "de": notes[:2000]} if notes else None,
                "sources": office_sources,
            }
        )
    headquarters = ids.get(headquarters_row or 0) or offices[0]["id"]
    data = {
        "schema_version": 1,
        "company": {
            "name": {"en": company or "Your company", "de": company or "Your company"},
            "headquarters": headquarters,
            "sources": [FILE_SOURCE],
        },
        "as_of": as_of or f"{today:%Y-%m}",
        "sources": sources,
        "offices": offices,
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return Built(parse_dataset(text, source_title), text, ids, tuple(warnings))
