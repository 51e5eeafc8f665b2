"""A reader's own table, from whatever they bring: CSV (any common delimiter and encoding),
Excel (XLSX), the app's own JSON, GeoJSON points, or text pasted from a spreadsheet.

Everything is read as text: a spreadsheet formula stays its text (``=SUM(A1)``), markup stays
markup, and both are escaped wherever they are shown. A file that cannot be read raises
:class:`InputError` with a message (:mod:`components.yourdata.messages`) that says what is
wrong and what to do; nothing half-read is ever used.

The work is bounded before it is done, whatever the input: at most :data:`MAX_BYTES`, rows
streamed and the reading stopped after :data:`MAX_ROWS` (never all read first), at most
:data:`MAX_COLUMNS` columns and :data:`MAX_CELL` characters a cell, a delimiter found in
one pass over a short prefix of a few lines, a workbook's unpacked size checked before it is
opened and its rows read no wider than the limit, JSON nested no deeper than Python can
parse. A cell keeps every character it holds: line and paragraph separators (U+2028/U+2029)
and blank lines inside quotes included.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from openpyxl import load_workbook

from components.yourdata.messages import Message, render

MAX_ROWS = 10_000
MAX_BYTES = 20 * 1024 * 1024  # matches server.maxUploadSize (MB) in .streamlit/config.toml
MAX_COLUMNS = 200
MAX_CELL = 2_000  # characters
# A workbook unpacks to at most this (its sheets' XML and shared strings), and its shared
# strings (all held in memory while it is read) to at most the second.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_SHARED_STRINGS = 32 * 1024 * 1024
# A workbook's rows, blank ones included, are read up to this row number.
MAX_SHEET_ROWS = 100_000
# Tab first: a pasted spreadsheet; then the delimiters of CSV files, most common first.
_DELIMITERS = "\t,;|"
# The delimiter is guessed from this many lines, each cut to this many characters.
_SAMPLE_LINES = 20
_SAMPLE_WIDTH = 4096


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
    # Each row's line in the reader's file (its row in a sheet, its place in a list counted
    # from 2): what the page and the report call the row.
    lines: tuple[int, ...] = ()


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
    return Table(table.columns, table.rows, notes, table.dataset_text, name, table.lines)


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
    if not text.strip():
        raise InputError("read.empty", source=source)
    if len(text) > MAX_BYTES:
        size = round(len(text.encode()) / 1e6, 1)
        raise InputError("read.too_big", source=source, size=size, limit=MAX_BYTES // 2**20)
    if any("\x00" <= char < " " and char not in "\t\r\n" for char in text[:4096]):
        raise InputError("read.not_text", source=source)
    delimiter = guess_delimiter(text)
    # Lines end only at \r and \n (newline=""), as CSV's do: a cell may hold U+2028.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def records() -> Iterator[tuple[int, list[str]]]:
        line = 1  # a record begins on the line after the last one ended
        for record in reader:
            yield line, record
            line = reader.line_num + 1

    try:
        return _from_records(records(), source)
    except csv.Error as exc:
        # csv's error for a field over its limit ends with the limit, in brackets.
        if str(exc).endswith(f"({csv.field_size_limit()})"):
            raise InputError(
                "read.cell_too_long", source=source, row=reader.line_num, limit=MAX_CELL
            ) from None
        raise InputError(
            "read.not_csv", source=source, line=reader.line_num, error=str(exc)
        ) from None


def guess_delimiter(text: str) -> str:
    """The delimiter of CSV or pasted rows: of tab, comma, semicolon and pipe, the one found
    outside quotes in the most of the first lines the same number of times (ties go to the
    earlier in that list). One pass over a short prefix of each of a few lines: linear in
    the input, whatever it holds (the standard library's sniffer is quadratic in a line's
    length)."""
    lines = []
    for line in io.StringIO(text, newline=""):
        if line.strip():
            lines.append(line[:_SAMPLE_WIDTH])
            if len(lines) == _SAMPLE_LINES:
                break
    best, best_score = ("\t" if "\t" in text[:_SAMPLE_WIDTH] else ","), 0
    for delimiter in _DELIMITERS:
        counts = [_count_outside_quotes(line, delimiter) for line in lines]
        common = max(set(counts), key=counts.count)
        score = counts.count(common) if common else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def _from_records(records: Iterable[tuple[int, Sequence[Any]]], source: Message) -> Table:
    """A table from its records (the header first, each with its line in the file), read one
    at a time and stopped at the first limit. Blank records are skipped; the columns are as
    many as the header or the widest row has cells (a cell past the header's last gets a
    column named by its letter, blank cells at the end of every row and of the header make
    none). Past the row limit, the records left are counted, not kept."""
    header: list[str] | None = None
    values_by_row: list[list[str]] = []
    lines: list[int] = []
    notes: list[Message] = []
    width = 0
    records = iter(records)
    for number, record in records:
        if len(record) > MAX_COLUMNS and any(_text(v) for v in record[MAX_COLUMNS:]):
            raise InputError(
                "read.too_many_columns", source=source, columns=len(record), limit=MAX_COLUMNS
            )
        values = [_text(value) for value in record[:MAX_COLUMNS]]
        while values and not values[-1]:
            values.pop()  # blank cells at a row's end (a workbook pads its rows)
        if not values:
            continue
        if any(len(value) > MAX_CELL for value in values):
            raise InputError("read.cell_too_long", source=source, row=number, limit=MAX_CELL)
        if header is None:
            header = values
            continue
        if len(values_by_row) == MAX_ROWS:
            left = 1 + sum(1 for _line, rest in records if any(_text(v) for v in rest))
            notes.append(
                Message.of("read.rows_not_read", source=source, count=left, limit=MAX_ROWS)
            )
            break
        width = max(width, len(values))
        values_by_row.append(values)
        lines.append(number)
    if header is None:
        raise InputError("read.empty", source=source)
    columns = _column_names(header + [""] * (width - len(header)))
    if len(columns) < 2:
        raise InputError("read.single_column", source=source)
    if not values_by_row:
        raise InputError("read.header_only", source=source)
    blank = [""] * len(columns)
    rows = tuple(
        dict(zip(columns, values + blank[len(values) :], strict=True)) for values in values_by_row
    )
    return Table(tuple(columns), rows, tuple(notes), lines=tuple(lines))


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
    _check_unpacked_size(source, data)
    try:
        # Formulas are read as their text (data_only=False), never evaluated; read-only mode
        # streams the sheet rather than building it in memory.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise InputError("read.xlsx_unreadable", source=source, error=str(exc)) from None
    sheet_source = Message.of("source.sheet", name=name)
    try:
        sheet = workbook.worksheets[0]
        declared = sheet.max_column if isinstance(sheet.max_column, int) else 0
        if declared > MAX_COLUMNS:
            raise InputError(
                "read.too_many_columns", source=sheet_source, columns=declared, limit=MAX_COLUMNS
            )
        # Rows no wider than the limit (a cell declared in column XFD is not padded to), and
        # no further down than MAX_SHEET_ROWS, blank rows included.
        rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS, max_row=MAX_SHEET_ROWS)
        table = _from_records(enumerate(rows, start=1), sheet_source)
        if isinstance(sheet.max_row, int) and sheet.max_row > MAX_SHEET_ROWS:
            # The rows left were counted only as far as MAX_SHEET_ROWS: "more than".
            more = Message.of("read.too_many_rows", source=sheet_source, limit=MAX_ROWS)
            kept = tuple(more if n.code == "read.rows_not_read" else n for n in table.notes)
            table = replace(table, notes=kept)
        sheets = list(workbook.sheetnames)
    except InputError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise InputError("read.xlsx_unreadable", source=source, error=str(exc)) from None
    finally:
        workbook.close()
    notes = []
    if len(sheets) > 1:
        notes.append(Message.of("read.only_first_sheet", sheet=sheets[0], source=source))
    return Table(table.columns, table.rows, (*notes, *table.notes), lines=table.lines)


def _check_unpacked_size(source: Message, data: bytes) -> None:
    """Refuse a workbook that unpacks to more than the limits (a small file can unpack to
    gigabytes), from the sizes its zip directory declares, before anything is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError("read.xlsx_unreadable", source=source, error=str(exc)) from None
    unpacked = sum(entry.file_size for entry in entries)
    shared = sum(entry.file_size for entry in entries if "sharedstrings" in entry.filename.lower())
    if unpacked > MAX_UNPACKED or shared > MAX_SHARED_STRINGS:
        raise InputError(
            "read.xlsx_too_large",
            source=source,
            size=round(unpacked / 1e6),
            limit=MAX_UNPACKED // 2**20,
        )


def _read_json(source: Message, text: str) -> Table:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            "read.invalid_json", source=source, line=exc.lineno, column=exc.colno, error=exc.msg
        ) from None
    except RecursionError:
        raise InputError("read.too_deep", source=source) from None
    if isinstance(data, dict) and "offices" in data and "schema_version" in data:
        return Table((), (), (), dataset_text=text)
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        return _from_geojson(source, data)
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        return _from_objects(data, source)
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
    table = _from_objects(records, source)
    notes = (Message.of("read.not_points", count=skipped, source=source),) if skipped else ()
    return Table(table.columns, table.rows, (*table.notes, *notes), lines=table.lines)


def _from_objects(objects: Sequence[dict[str, Any]], source: Message) -> Table:
    """A table from JSON objects: their keys (in order of first appearance) are the columns."""
    header: dict[str, None] = {}
    for item in objects:
        for key in item:
            header.setdefault(str(key))
            if len(header) > MAX_COLUMNS:
                raise InputError(
                    "read.too_many_columns", source=source, columns=len(header), limit=MAX_COLUMNS
                )
    keys = list(header)
    records = ([item.get(key) for key in keys] for item in objects)
    return _from_records(enumerate(itertools.chain([keys], records), start=1), source)
