"""A reader's own table, from whatever they bring: CSV (any common delimiter and encoding),
Excel (XLSX), the app's own JSON, GeoJSON points, or text pasted from a spreadsheet.

Everything is read as text: a spreadsheet formula stays its text (``=SUM(A1)``), markup stays
markup, and both are escaped wherever they are shown. A file that cannot be read raises
:class:`InputError` with a message (:mod:`components.yourdata.messages`) that says what is
wrong and what to do; nothing half-read is ever used.
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

from components.yourdata.messages import Message, render

MAX_ROWS = 10_000
MAX_BYTES = 20 * 1024 * 1024  # matches server.maxUploadSize (MB) in .streamlit/config.toml
_DELIMITERS = ",;\t|"


PASTED = Message.of("source.pasted")


class InputError(ValueError):
    """A table that cannot be read; ``message`` says why, for the reader."""

    def __init__(self, code: str, **values: Any) -> None:
        self.message = Message.of(code, **values)
        super().__init__(render(self.message, "en"))


@dataclass(frozen=True)
class Table:
    """Rows of text under named columns, and what the reader should know about the reading."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    notes: tuple[Message, ...] = ()
    # The app's own dataset file, when that is what was brought (used as it is).
    dataset_text: str | None = None
    source_name: str = ""


def read_table(name: str | None, data: bytes) -> Table:
    """Read an uploaded file (``name``: its file name) or pasted rows (``name`` ``None``) by
    what it contains (a file's extension is only checked against that, so a mislabelled file
    gets a clear message)."""
    source = Message.of("source.file", name=name) if name is not None else PASTED
    name = name or ""
    if not data.strip():
        raise InputError("read.empty", source=source)
    if len(data) > MAX_BYTES:
        size = round(len(data) / 1e6, 1)
        raise InputError("read.too_big", source=source, size=size, limit=MAX_BYTES // 2**20)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if data[:4] == b"PK\x03\x04":
        if extension not in ("xlsx", "xlsm", ""):
            raise InputError("read.zip_not_xlsx", source=source, extension=extension)
        return _read_xlsx(name, data)
    if extension in ("xlsx", "xlsm", "xls"):
        old = data[:4] == b"\xd0\xcf\x11\xe0"
        code = "read.old_excel" if old else "read.not_a_workbook"
        raise InputError(code, source=source, extension=extension)
    text, note = _decode(source, data)
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        if extension not in ("json", "geojson", ""):
            raise InputError("read.json_misnamed", source=source, extension=extension)
        table = _read_json(source, text)
    else:
        if extension in ("json", "geojson"):
            raise InputError("read.not_json", source=source, extension=extension)
        table = read_pasted(text, source)
    notes = (*((note,) if note else ()), *table.notes)
    return Table(table.columns, table.rows, notes, table.dataset_text, name)


def _decode(source: Message, data: bytes) -> tuple[str, Message | None]:
    """Text of a file: UTF-8 (with or without a byte-order mark), else Windows-1252, which
    European Excel writes; binary data is refused."""
    if b"\x00" in data[:4096]:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            try:
                return data.decode("utf-16"), Message.of("read.utf16", source=source)
            except UnicodeDecodeError:
                pass
        raise InputError("read.binary", source=source)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text, Message.of("read.windows_1252", source=source)


def read_pasted(text: str, source: Message = PASTED) -> Table:
    """Rows pasted from a spreadsheet (tabs) or written as CSV (commas, semicolons, pipes)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise InputError("read.empty", source=source)
    if any("\x00" <= char < " " and char not in "\t\r\n" for char in text[:4096]):
        raise InputError("read.not_text", source=source)
    sample = "\n".join(lines[:50])
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:
        dialect = csv.excel_tab if "\t" in sample else csv.excel
    reader = csv.reader(io.StringIO("\n".join(lines)), dialect)
    header, *records = list(reader)
    return _from_records(header, records, source)


def _from_records(
    header: Sequence[Any], records: Sequence[Sequence[Any]], source: Message
) -> Table:
    columns = _column_names(header)
    if len(columns) < 2:
        raise InputError("read.single_column", source=source)
    notes = []
    if len(records) > MAX_ROWS:
        notes.append(
            Message.of("read.too_many_rows", source=source, rows=len(records), limit=MAX_ROWS)
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
        raise InputError("read.header_only", source=source)
    return Table(tuple(columns), tuple(rows), tuple(notes))


def _column_names(header: Sequence[Any]) -> list[str]:
    """Header cells as names: blanks named by position, repeats told apart."""
    names: list[str] = []
    for position, cell in enumerate(header, start=1):
        base = _text(cell) or _column_letter(position)
        candidate, count = base, 2
        while candidate in names:
            candidate, count = f"{base} ({count})", count + 1
        names.append(candidate)
    return names


def _column_letter(position: int) -> str:
    """A blank header cell's name: its column as a spreadsheet names it (1 → "A", 28 → "AB"),
    the same in every language."""
    letters = ""
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


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
    source = Message.of("source.file", name=name)
    try:
        # Formulas are read as their text (data_only=False), never evaluated.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError("read.xlsx_unreadable", source=source, error=str(exc)) from None
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[Any]] = [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    rows = [row for row in rows if any(cell not in (None, "") for cell in row)]
    if not rows:
        raise InputError("read.empty", source=Message.of("source.sheet", name=name))
    notes = []
    if len(workbook.sheetnames) > 1:
        first = workbook.sheetnames[0]
        notes.append(Message.of("read.only_first_sheet", sheet=first, source=source))
    header, *records = rows
    table = _from_records(header, records, Message.of("source.sheet", name=name))
    return Table(table.columns, table.rows, (*notes, *table.notes))


def _read_json(source: Message, text: str) -> Table:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            "read.invalid_json", source=source, line=exc.lineno, column=exc.colno, error=exc.msg
        ) from None
    if isinstance(data, dict) and "offices" in data and "schema_version" in data:
        return Table((), (), (), dataset_text=text)
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        return _from_geojson(source, data)
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        header = list(dict.fromkeys(key for item in data for key in item))
        records = [[item.get(key) for key in header] for item in data]
        return _from_records(header, records, source)
    raise InputError("read.json_not_a_table", source=source)


def _from_geojson(source: Message, data: dict[str, Any]) -> Table:
    features = data.get("features")
    if not isinstance(features, list):
        raise InputError("read.no_features", source=source)
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
        raise InputError("read.no_points", source=source)
    header = list(dict.fromkeys(key for record in records for key in record))
    table = _from_records(header, [[r.get(key) for key in header] for r in records], source)
    notes = (Message.of("read.not_points", count=skipped, source=source),) if skipped else ()
    return Table(table.columns, table.rows, (*table.notes, *notes))
