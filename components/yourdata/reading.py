"""A reader's own table, from whatever they bring: CSV (any common delimiter and encoding),
Excel (XLSX), the app's own JSON, GeoJSON points, or text pasted from a spreadsheet.

Everything is read as text: a spreadsheet formula stays its text (``=SUM(A1)``), markup stays
markup, and both are escaped wherever they are shown. A file that cannot be read raises
:class:`InputError` with a message that says what is wrong and what to do; nothing half-read
is ever used.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl import load_workbook

MAX_ROWS = 10_000
MAX_BYTES = 20 * 1024 * 1024  # matches server.maxUploadSize (MB) in .streamlit/config.toml
_DELIMITERS = ",;\t|"


class InputError(ValueError):
    """A table that cannot be read; the message is for the reader."""


@dataclass(frozen=True)
class Table:
    """Rows of text under named columns, and what the reader should know about the reading."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    notes: tuple[str, ...] = ()
    # The app's own dataset file, when that is what was brought (used as it is).
    dataset_text: str | None = None
    source_name: str = ""


def read_table(name: str, data: bytes) -> Table:
    """Read an uploaded file by what it contains (its extension is only checked against
    that, so a mislabelled file gets a clear message)."""
    if not data.strip():
        raise InputError(f"“{name}” is empty.")
    if len(data) > MAX_BYTES:
        raise InputError(
            f"“{name}” is {len(data) / 1e6:.1f} MB; files up to {MAX_BYTES // 2**20} MB are "
            "read. Split it, or keep only the columns the map needs."
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if data[:4] == b"PK\x03\x04":
        if extension not in ("xlsx", "xlsm", ""):
            raise InputError(
                f"“{name}” is an Excel workbook (or another zip file), not .{extension}: "
                "save it as .xlsx or CSV."
            )
        return _read_xlsx(name, data)
    if extension in ("xlsx", "xlsm", "xls"):
        kind = "an old Excel file (.xls)" if data[:4] == b"\xd0\xcf\x11\xe0" else "not a workbook"
        raise InputError(
            f"“{name}” is named .{extension} but is {kind}: save it from Excel as .xlsx or CSV."
        )
    text, note = _decode(name, data)
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        if extension not in ("json", "geojson", ""):
            raise InputError(f"“{name}” holds JSON, not .{extension}: name it .json.")
        table = _read_json(name, text)
    else:
        if extension in ("json", "geojson"):
            raise InputError(f"“{name}” is named .{extension} but does not hold JSON.")
        table = read_pasted(text, name)
    notes = (*((note,) if note else ()), *table.notes)
    return Table(table.columns, table.rows, notes, table.dataset_text, name)


def _decode(name: str, data: bytes) -> tuple[str, str | None]:
    """Text of a file: UTF-8 (with or without a byte-order mark), else Windows-1252, which
    European Excel writes; binary data is refused."""
    if b"\x00" in data[:4096]:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            try:
                return data.decode("utf-16"), "Read as UTF-16 text."
            except UnicodeDecodeError:
                pass
        raise InputError(f"“{name}” is not a text file or a spreadsheet this app can read.")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text, (
        f"“{name}” is not UTF-8; it was read as Windows-1252 (Western European). If accented "
        "letters look wrong, save the file as “CSV UTF-8” and upload it again."
    )


def read_pasted(text: str, name: str = "pasted table") -> Table:
    """Rows pasted from a spreadsheet (tabs) or written as CSV (commas, semicolons, pipes)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise InputError(f"The {name} is empty.")
    if any("\x00" <= char < " " and char not in "\t\r\n" for char in text[:4096]):
        raise InputError(f"The {name} is not text this app can read.")
    sample = "\n".join(lines[:50])
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:
        dialect = csv.excel_tab if "\t" in sample else csv.excel
    reader = csv.reader(io.StringIO("\n".join(lines)), dialect)
    header, *records = list(reader)
    return _from_records(header, records, name)


def _from_records(header: Sequence[Any], records: Sequence[Sequence[Any]], name: str) -> Table:
    columns = _column_names(header)
    if len(columns) < 2:
        raise InputError(
            f"The {name} has a single column. A table of places needs at least two, such as "
            "city and country, separated by commas, semicolons or tabs."
        )
    notes = []
    if len(records) > MAX_ROWS:
        notes.append(
            f"The {name} has {len(records):,} rows; the first {MAX_ROWS:,} are used. "
            "Split it to map the rest."
        )
        records = records[:MAX_ROWS]
    rows = []
    for record in records:
        values = [_text(value) for value in record]
        if not any(values):
            continue
        values += [""] * (len(columns) - len(values))
        rows.append(dict(zip(columns, values, strict=False)))
    if not rows:
        raise InputError(f"The {name} has a header but no rows.")
    return Table(tuple(columns), tuple(rows), tuple(notes))


def _column_names(header: Sequence[Any]) -> list[str]:
    """Header cells as names: blanks named by position, repeats told apart."""
    names: list[str] = []
    for position, cell in enumerate(header, start=1):
        base = _text(cell) or f"column {position}"
        candidate, count = base, 2
        while candidate in names:
            candidate, count = f"{base} ({count})", count + 1
        names.append(candidate)
    return names


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(name: str, data: bytes) -> Table:
    try:
        # Formulas are read as their text (data_only=False), never evaluated.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"“{name}” could not be opened as an Excel workbook ({exc}).") from None
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[Any]] = [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    rows = [row for row in rows if any(cell not in (None, "") for cell in row)]
    if not rows:
        raise InputError(f"The first sheet of “{name}” is empty.")
    notes = []
    if len(workbook.sheetnames) > 1:
        notes.append(f"Only the first sheet (“{workbook.sheetnames[0]}”) of “{name}” is read.")
    header, *records = rows
    table = _from_records(header, records, f"first sheet of “{name}”")
    return Table(table.columns, table.rows, (*notes, *table.notes))


def _read_json(name: str, text: str) -> Table:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"“{name}” is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    if isinstance(data, dict) and "offices" in data and "schema_version" in data:
        return Table((), (), (), dataset_text=text)
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        return _from_geojson(name, data)
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        header = list(dict.fromkeys(key for item in data for key in item))
        return _from_records(header, [[item.get(key) for key in header] for item in data], name)
    raise InputError(
        f"“{name}” is JSON, but neither this app's dataset, a GeoJSON FeatureCollection of "
        "points, nor a list of records."
    )


def _from_geojson(name: str, data: dict[str, Any]) -> Table:
    features = data.get("features")
    if not isinstance(features, list):
        raise InputError(f"“{name}” is a FeatureCollection without a list of features.")
    records: list[dict[str, Any]] = []
    skipped = 0
    for feature in features:
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if (
            not isinstance(geometry, dict)
            or geometry.get("type") != "Point"
            or not isinstance(coordinates, list)
            or len(coordinates) < 2
        ):
            skipped += 1
            continue
        properties = feature.get("properties") or {}
        flat = {
            key: value if not isinstance(value, dict | list) else json.dumps(value)
            for key, value in (properties.items() if isinstance(properties, dict) else ())
        }
        records.append({**flat, "longitude": coordinates[0], "latitude": coordinates[1]})
    if not records:
        raise InputError(f"“{name}” has no Point features: only points can be mapped as offices.")
    header = list(dict.fromkeys(key for record in records for key in record))
    table = _from_records(header, [[r.get(key) for key in header] for r in records], name)
    notes = (
        (f"{skipped} features of “{name}” are not points and were not read.",) if skipped else ()
    )
    return Table(table.columns, table.rows, (*table.notes, *notes))
