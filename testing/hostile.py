"""Hostile inputs for the Your data page, generated (never committed as blobs): shared by the
tests (tests/yourdata/test_hostile.py) and the benchmark (bench/hostile.py).

Each is what a reader could upload or paste: a line that made the standard library's CSV
sniffer quadratic, a header ten thousand columns wide, workbooks that pad every row to
column XFD, share one huge string among thousands of cells, run to a million rows or unpack
to far more than they weigh, JSON nested past Python's recursion limit.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from xml.sax.saxutils import escape

_OFFICE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="{_PACKAGE}/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="{_OFFICE}.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_OFFICE}.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="{_OFFICE}.sharedStrings+xml"/>
</Types>"""
_ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{_PACKAGE}/relationships">
<Relationship Id="rId1" Type="{_RELATION}/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{_RELATION}">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""
_WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{_PACKAGE}/relationships">
<Relationship Id="rId1" Type="{_RELATION}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{_RELATION}/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def workbook(
    rows: Iterable[str], shared: Iterable[str] = (), dimension: str | None = None
) -> bytes:
    """A minimal XLSX written by hand, so that it can be what no spreadsheet program writes:
    ``rows`` are the sheet's ``<row>`` elements, ``shared`` its shared strings, ``dimension``
    the range it declares (none if ``None``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        strings = "".join(f"<si><t>{escape(text)}</t></si>" for text in shared)
        archive.writestr("xl/sharedStrings.xml", f'<sst xmlns="{_MAIN}">{strings}</sst>')
        declared = f'<dimension ref="{dimension}"/>' if dimension else ""
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<worksheet xmlns="{_MAIN}">{declared}<sheetData>'.encode())
            for row in rows:
                sheet.write(row.encode())
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def _text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def _header_row() -> str:
    return f'<row r="1">{_text_cell("A1", "city")}{_text_cell("B1", "country")}</row>'


def sniffer_line(kilobytes: int = 64) -> bytes:
    """One pasted line of ``,"`` repeated: quadratic for csv.Sniffer (17.9 s at 64 kB)."""
    return b"city,country\n" + b',"' * (kilobytes * 512)


def wide_csv(columns: int = 10_000, rows: int = 5_000) -> bytes:
    """A header ``columns`` wide over short rows (padded to the full width, 1.7 GB)."""
    header = ",".join(f"c{i}" for i in range(columns))
    return (header + "\n" + "Paris,France\n" * rows).encode()


def xlsx_cell_in_xfd(rows: int = 5_000, dimension: str | None = None) -> bytes:
    """Every row one cell in column XFD (16,384): read naively, each row padded to it."""
    body = [_header_row()]
    body += (f'<row r="{r}">{_text_cell(f"XFD{r}", "x")}</row>' for r in range(2, rows + 2))
    return workbook(body, dimension=dimension)


def xlsx_shared_string(cells: int = 10_000, length: int = 2_000_000) -> bytes:
    """``cells`` cells sharing one string of ``length`` characters (a repr of the rows would
    be ``cells * length`` characters)."""
    shared_cell = '<c r="{ref}" t="s"><v>0</v></c>'
    body = [_header_row()]
    body += (
        f'<row r="{r}">{shared_cell.format(ref=f"A{r}")}{shared_cell.format(ref=f"B{r}")}</row>'
        for r in range(2, cells + 2)
    )
    return workbook(body, shared=["x" * length])


def xlsx_many_rows(rows: int = 1_048_575) -> bytes:
    """A workbook of ``rows`` rows of data under a header: all of them read before the cut,
    25 s of CPU at a million."""

    def body() -> Iterable[str]:
        yield _header_row()
        for r in range(2, rows + 2):
            yield f'<row r="{r}">{_text_cell(f"A{r}", "Paris")}{_text_cell(f"B{r}", "FR")}</row>'

    return workbook(body())


def xlsx_unpacks_large(megabytes: int = 256) -> bytes:
    """Shared strings that unpack to ``megabytes`` MB from well under one: a zip bomb."""
    return workbook([_header_row()], shared=["a" * (megabytes * 1024 * 1024)])


def deep_json(depth: int = 100_000) -> bytes:
    """JSON nested ``depth`` levels deep (past Python's recursion limit)."""
    return b"[" * depth + b"]" * depth


# name → (file name the reader gives, a function making its bytes)
FILES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "sniffer line, 64 kB (pasted)": ("", sniffer_line),
    "sniffer line, 1 MB (pasted)": ("", lambda: sniffer_line(1024)),
    "10,000-column CSV": ("wide.csv", wide_csv),
    "XLSX, a cell in XFD per row (declared)": (
        "xfd.xlsx",
        lambda: xlsx_cell_in_xfd(dimension="A1:XFD5001"),
    ),
    "XLSX, a cell in XFD per row (undeclared)": ("xfd.xlsx", xlsx_cell_in_xfd),
    "XLSX, one 2 MB string in 10,000 cells": ("shared.xlsx", xlsx_shared_string),
    "XLSX, 1,048,575 rows": ("rows.xlsx", xlsx_many_rows),
    "XLSX unpacking to 256 MB": ("bomb.xlsx", xlsx_unpacks_large),
    "JSON nested 100,000 deep": ("deep.json", deep_json),
}
