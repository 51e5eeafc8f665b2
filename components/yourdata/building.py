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

from components.data.dates import partial_date_start, read_date
from components.data.events import EVENT_DATES, status_after
from components.data.loading import parse_dataset
from components.data.regions import region_of
from components.data.schema import SOURCE_LANGUAGE, Dataset
from components.text.catalog import LANGUAGES
from components.text.folding import fold, slug
from components.text.names import date_name
from components.yourdata.columns import DATE_FIELDS, ColumnMap, Field, Status
from components.yourdata.messages import Message, render
from components.yourdata.placing import Located
from components.yourdata.reading import Table
from components.yourdata.vocabulary import REGION_WORDS

FILE_SOURCE = "your-data"
# Region values as readers write them, folded, by the app's region they mean.
_REGIONS = {
    word: region
    for language in REGION_WORDS.values()
    for region, words in language.items()
    for word in words
}


def region(value: str, country: str) -> str | None:
    """The region a cell names (Europe, APAC, Asien…), else the country's."""
    return _REGIONS.get(fold(value)) or region_of(country)


class NothingPlacedError(ValueError):
    """No row of the table was placed: there is no dataset to build."""


@dataclass(frozen=True)
class Built:
    dataset: Dataset
    json_text: str
    office_ids: dict[int, str]  # table row → office id
    warnings: tuple[Message, ...]


def _everywhere(message: Message) -> dict[str, str]:
    """A message as a text of the data, in every language the app speaks."""
    return {lang: render(message, lang) for lang in LANGUAGES}


def _same_everywhere(text: str) -> dict[str, str]:
    return {SOURCE_LANGUAGE: text}


def _label(row: Mapping[str, str], columns: ColumnMap, located: Located) -> str | None:
    """The office's name: its name, city or address cell, else the place found."""
    fields: tuple[Field, ...] = ("name", "city", "address")
    for field in fields:
        value = columns.value(row, field)
        if value:
            return value[:120]
    found = located.place.value("city") if located.place else None
    return str(found) if found else None


def dated_events(dates: dict[str, Any], status: Status, sources: list[str]) -> list[dict[str, Any]]:
    """A row's founding, announcement and opening dates as events, in the order they
    happened, so that the expansion can be played; the dates move out of ``dates`` (the
    events give them). An opening of an office the table calls announced is a planned one;
    an office it calls existing that the dates leave announced opened on a date not stated
    (placed by the table's date). No dates: no events (the status is the table's)."""
    if status == "announced" and dates["opened"] and not dates["planned_opening"]:
        dates["planned_opening"], dates["opened"] = dates["opened"], None
    given = [(kind, dates[kind]) for kind in EVENT_DATES if dates[kind]]
    if not given:
        return []
    for kind in EVENT_DATES:
        dates[kind] = None
    given.sort(key=lambda pair: partial_date_start(pair[1]))
    events = [{"kind": kind, "date": when, "sources": sources} for kind, when in given]
    if status == "existing" and status_after(kind for kind, _when in given) != "existing":
        events.append({"kind": "opened", "date": None, "sources": sources})
    return events


def build_dataset(
    table: Table,
    columns: ColumnMap,
    located: Sequence[Located],
    statuses: Mapping[str, Status],
    company: str,
    headquarters_row: int | None = None,
    as_of: str | None = None,
) -> Built:
    """The dataset of the placed rows (raises :class:`NothingPlacedError` when there are none)."""
    row_of = {item.row: row for item, row in zip(located, table.rows, strict=True)}
    placed = [item for item in located if item.placed]
    if not placed:
        raise NothingPlacedError(render(Message.of("build.nothing_placed"), SOURCE_LANGUAGE))
    warnings: list[Message] = []
    today = date.today()
    source_title = (
        _same_everywhere(table.source_name)
        if table.source_name
        else _everywhere(Message.of("build.your_table"))
    )
    sources: list[dict[str, Any]] = [
        {
            "id": FILE_SOURCE,
            "publisher": _same_everywhere(company)
            if company
            else _everywhere(Message.of("build.your_data")),
            "title": source_title,
            "date": f"{today:%Y-%m}",
            "url": None,
            "language": None,
        }
    ]
    offices: list[dict[str, Any]] = []
    ids: dict[int, str] = {}
    taken: set[str] = set()
    names_seen: dict[str, int] = {}
    for item in placed:
        row = row_of[item.row]
        label = _label(row, columns, item)
        name = (
            _same_everywhere(label) if label else _everywhere(Message.of("build.row", row=item.row))
        )
        key = name[SOURCE_LANGUAGE].casefold()
        if key in names_seen:
            warnings.append(
                Message.of(
                    "build.same_name", first=names_seen[key], second=item.row,
                    name=name[SOURCE_LANGUAGE],
                )
            )  # fmt: skip
        names_seen.setdefault(key, item.row)
        office_id = base = slug(name[SOURCE_LANGUAGE])
        suffix = 2
        while office_id in taken:
            office_id, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(office_id)
        ids[item.row] = office_id
        country = item.country or "XX"
        office_sources = [FILE_SOURCE]
        url = columns.value(row, "url")
        if re.fullmatch(r"https?://\S+", url):
            sources.append(
                {
                    "id": f"row-{item.row}",
                    "publisher": re.sub(r"^https?://(www\.)?", "", url).split("/")[0][:80],
                    "title": _same_everywhere(url[:200]),
                    "date": None,
                    "url": url,
                    "language": None,
                }
            )
            office_sources.append(f"row-{item.row}")
        elif url:
            warnings.append(Message.of("build.not_an_address", row=item.row, value=url[:60]))
        dates: dict[str, Any] = {field: None for field in DATE_FIELDS}
        dates["planned_opening_label"] = None
        unread: list[tuple[str, str]] = []
        for field in DATE_FIELDS:
            written = columns.value(row, field)
            if written:
                dates[field] = read_date(written)
                if dates[field] is None:
                    unread.append((field, written[:60]))
        own_notes = columns.value(row, "notes")
        notes = {lang: own_notes for lang in LANGUAGES}
        if unread:
            kept = Message.of(
                "build.dates_as_notes",
                row=item.row,
                dates="; ".join(f"{field}: {value}" for field, value in unread),
            )
            warnings.append(kept)
            for lang in LANGUAGES:
                parts = [f"{date_name(field, lang)}: {value}" for field, value in unread]
                notes[lang] = "; ".join(part for part in (own_notes, *parts) if part)
        status = statuses.get(columns.value(row, "status"), "existing")
        events = dated_events(dates, status, office_sources)
        offices.append(
            {
                "id": office_id,
                "city": name,
                "country": country,
                "region": region(columns.value(row, "region"), country) or "EMEA",
                "lat": round(float(item.lat or 0), 6),
                "lon": round(float(item.lon or 0), 6),
                "timezone": item.timezone or "UTC",
                "status": status,
                "dates": dates,
                "notes": {lang: text[:2000] for lang, text in notes.items()}
                if any(notes.values())
                else None,
                "sources": office_sources,
                **({"events": events} if events else {}),
            }
        )
    headquarters = ids.get(headquarters_row or 0) or offices[0]["id"]
    data = {
        "schema_version": 1,
        "company": {
            "name": _same_everywhere(company)
            if company
            else _everywhere(Message.of("build.your_company")),
            "headquarters": headquarters,
            "name_stated": bool(company),
            "headquarters_stated": headquarters_row is not None and headquarters_row in ids,
            "sources": [FILE_SOURCE],
        },
        "as_of": as_of or f"{today:%Y-%m}",
        "sources": sources,
        "offices": offices,
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    dataset = parse_dataset(text, source_title[SOURCE_LANGUAGE])
    return Built(dataset, text, ids, tuple(warnings))
