from __future__ import annotations

import io
import json

import pytest
from openpyxl import Workbook

from components.yourdata.messages import render
from components.yourdata.reading import MAX_ROWS, InputError, read_pasted, read_table

CSV = "name,city,country\nBerlin office,Berlin,DE\nParis office,Paris,FR\n"


def xlsx(rows: list[list[object]], sheets: int = 1) -> bytes:
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    for row in rows:
        sheet.append(row)
    for index in range(1, sheets):
        workbook.create_sheet(f"extra {index}")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_csv_is_read_as_rows_of_text() -> None:
    table = read_table("offices.csv", CSV.encode())
    assert table.columns == ("name", "city", "country")
    assert table.rows[1] == {"name": "Paris office", "city": "Paris", "country": "FR"}
    assert table.notes == ()


def test_european_excel_csv_with_semicolons_in_windows_1252_is_read_and_said() -> None:
    data = "Büro;Stadt;Land\nBrüssel;Brüssel;BE\nKöln;Köln;DE\n".encode("cp1252")
    table = read_table("büros.csv", data)
    assert table.columns == ("Büro", "Stadt", "Land")
    assert table.rows[0]["Stadt"] == "Brüssel"
    (note,) = table.notes
    assert note.code == "read.windows_1252"
    assert "Windows-1252" in render(note, "en") and "Windows-1252" in render(note, "de")


def test_a_byte_order_mark_is_not_part_of_the_first_column() -> None:
    table = read_table("offices.csv", "\ufeff".encode() + CSV.encode())
    assert table.columns[0] == "name"


def test_excel_formulas_and_markup_stay_text() -> None:
    data = xlsx([["name", "city"], ['=HYPERLINK("http://x")', "<b>Berlin</b>"], [None, None]])
    table = read_table("offices.xlsx", data)
    assert table.rows == ({"name": '=HYPERLINK("http://x")', "city": "<b>Berlin</b>"},)


def test_excel_dates_become_iso_dates_and_extra_sheets_are_named() -> None:
    from datetime import datetime

    data = xlsx([["name", "opened"], ["Berlin", datetime(2021, 3, 1)]], sheets=2)
    table = read_table("offices.xlsx", data)
    assert table.rows[0]["opened"] == "2021-03-01"
    assert any("Only the first sheet" in render(note, "en") for note in table.notes)


def test_geojson_points_become_rows_with_their_coordinates() -> None:
    data = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2.35, 48.86]},
             "properties": {"name": "Paris"}},
            {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
             "properties": {}},
        ],
    }  # fmt: skip
    table = read_table("offices.geojson", json.dumps(data).encode())
    assert table.rows == ({"name": "Paris", "longitude": "2.35", "latitude": "48.86"},)
    assert any("not a point" in render(note, "en") for note in table.notes)


def test_the_apps_own_dataset_is_recognised() -> None:
    data = json.dumps({"schema_version": 1, "offices": []}).encode()
    assert read_table("offices.json", data).dataset_text is not None


def test_a_pasted_block_from_a_spreadsheet_is_read_by_its_tabs() -> None:
    table = read_pasted("City\tCountry\nLyon\tFrance\n\nGenf\tSchweiz\n")
    assert [row["City"] for row in table.rows] == ["Lyon", "Genf"]


def test_repeated_and_blank_headers_are_told_apart() -> None:
    table = read_pasted("city,city,\nA,B,C\n")
    assert table.columns == ("city", "city (2)", "C")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.csv", b"   \n", "is empty"),
        ("junk.csv", bytes(range(256)) * 4, "not a text file"),
        ("offices.csv", xlsx([["a", "b"], [1, 2]]), "is an Excel workbook"),
        ("offices.xlsx", b"city,country\nParis,FR\n", "is named .xlsx but is not a workbook"),
        ("old.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old Excel file"),
        ("offices.json", b"city,country\n", "does not hold JSON"),
        ("offices.csv", b'{"a": 1}', "holds JSON"),
        ("broken.json", b'{"a": ', "not valid JSON"),
        ("one.csv", b"just one column\nvalue\n", "single column"),
        ("header.csv", b"city,country\n", "no rows"),
        ("things.json", b'{"hello": "world"}', "neither this app's dataset"),
    ],
)
def test_bad_input_gets_a_message_that_names_the_problem(
    name: str, data: bytes, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        read_table(name, data)


def test_a_very_large_table_is_cut_at_the_row_limit_with_a_note() -> None:
    text = "city,country\n" + "Paris,FR\n" * (MAX_ROWS + 5)
    table = read_table("big.csv", text.encode())
    assert len(table.rows) == MAX_ROWS
    said = [render(note, "en") for note in table.notes]
    assert any("5 rows after the first 10,000 were not read" in note for note in said)
