from __future__ import annotations

import csv
import io
import json

import pytest

from components.data.schema import Dataset
from components.map.view import View
from components.publish.exports import (
    BYTE_ORDER_MARK,
    CSV_COLUMNS,
    export_file_name,
    offices_csv,
    offices_geojson,
)
from tests.helpers import dataset_from, raw_data


def csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith(BYTE_ORDER_MARK)
    return list(csv.DictReader(io.StringIO(text.removeprefix(BYTE_ORDER_MARK))))


def test_csv_has_a_row_per_office_in_the_language(dataset: Dataset) -> None:
    rows = csv_rows(offices_csv(dataset, View(lang="de")))
    assert [row["id"] for row in rows] == [office.id for office in dataset.offices]
    tokyo = next(row for row in rows if row["id"] == "tokyo")
    assert tokyo["city"] == "Tokio" and tokyo["opened"] == "2024-04-15"
    assert "Reuters" in tokyo["sources"]
    # Source titles in the CSV's language, as in the details, and every source's address.
    assert "OpenAI wirbt um Geschäft in Japan und eröffnet Büro in Tokio" in tokyo["sources"]
    assert tokyo["source_urls"].split() == [
        dataset.sources_by_id[source_id].url for source_id in dataset.office("tokyo").sources
    ]
    english = csv_rows(offices_csv(dataset, View(lang="en")))
    tokyo = next(row for row in english if row["id"] == "tokyo")
    assert "OpenAI bids for Japan business as it opens Tokyo office" in tokyo["sources"]


def test_csv_is_utf8_with_a_byte_order_mark_for_excel(dataset: Dataset) -> None:
    data = offices_csv(dataset, View(lang="de")).encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf" + b",".join(c.encode() for c in CSV_COLUMNS))
    assert "Brüssel".encode() in data


def test_csv_dates_are_iso_in_their_own_columns_and_empty_where_unknown(dataset: Dataset) -> None:
    rows = {row["id"]: row for row in csv_rows(offices_csv(dataset))}
    assert (
        rows["san-francisco"]["founded"] == "2015-12" and rows["san-francisco"]["announced"] == ""
    )
    assert rows["singapore"]["planned_opening"] == "2024-12"
    assert rows["paris"]["announced"] == "2024-10-09" and rows["paris"]["opened"] == ""


def test_csv_defuses_spreadsheet_formulas() -> None:
    raw = raw_data()
    raw["offices"][0]["city"]["en"] = '=HYPERLINK("http://evil","x")'
    raw["offices"][1]["role"]["en"] = "@SUM(A1)"
    rows = csv_rows(offices_csv(dataset_from(raw)))
    assert rows[0]["city"].startswith("'=")
    assert rows[1]["role"].startswith("'@")
    assert rows[0]["lon"] == "-122.4194"  # a negative number stays a number


@pytest.mark.parametrize("start", ["\uff1d", "\uff0b", "\uff0d", "\uff20"])  # full-width = + - @
def test_csv_defuses_formulas_written_in_full_width_forms(start: str) -> None:
    raw = raw_data()
    raw["offices"][0]["city"]["en"] = start + "SUM(1,1)"
    rows = csv_rows(offices_csv(dataset_from(raw)))
    assert rows[0]["city"] == "'" + start + "SUM(1,1)"


def test_csv_isolates_a_right_to_left_override() -> None:
    raw = raw_data()
    raw["offices"][0]["city"]["en"] = "Paris\u202egpj.exe"
    rows = csv_rows(offices_csv(dataset_from(raw)))
    assert rows[0]["city"] == "\u2068Paris\u202egpj.exe\u2069"
    assert rows[1]["city"] == "London"  # text without controls is as it was


@pytest.mark.parametrize(
    ("status", "region", "expected"),
    [
        ("announced", "EMEA", ["paris", "brussels"]),
        ("existing", "all", ["san-francisco", "london", "dublin", "tokyo"]),
        ("all", "APAC", ["tokyo", "singapore"]),
        ("existing", "APAC", ["tokyo"]),
    ],
)
def test_exports_hold_the_offices_the_filters_let_through(
    dataset: Dataset, status: str, region: str, expected: list[str]
) -> None:
    view = View(lang="de", status=status, region=region)
    assert [row["id"] for row in csv_rows(offices_csv(dataset, view))] == expected
    features = json.loads(offices_geojson(dataset, view))["features"]
    assert [feature["id"] for feature in features] == expected


@pytest.mark.parametrize(
    ("view", "kind", "expected"),
    [
        (View(lang="de", status="announced", region="EMEA"), "csv",
         "openai-offices-announced-emea-de.csv"),
        (View(), "csv", "openai-offices-en.csv"),
        (View(lang="de", region="APAC"), "geojson", "openai-offices-apac.geojson"),
        (View(lang="de", status="existing", office="tokyo"), "html",
         "openai-map-existing-de-tokyo.html"),
        # A selection the filters hide is not in the file, nor in its name.
        (View(status="existing", office="paris"), "html", "openai-map-existing-en.html"),
    ],
)  # fmt: skip
def test_file_names_say_what_the_file_holds(
    dataset: Dataset, view: View, kind: str, expected: str
) -> None:
    assert export_file_name(dataset, view, kind) == expected  # type: ignore[arg-type]


def test_a_company_name_without_letters_still_names_the_file() -> None:
    raw = raw_data()
    raw["company"]["name"] = {"en": "株式会社", "de": "株式会社"}
    assert export_file_name(dataset_from(raw), View(), "csv") == "company-offices-en.csv"


def test_geojson_is_an_rfc7946_feature_collection(dataset: Dataset) -> None:
    data = json.loads(offices_geojson(dataset))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    assert len(data["features"]) == 9
    paris = next(f for f in data["features"] if f["id"] == "paris")
    assert paris["geometry"] == {"type": "Point", "coordinates": [2.3522, 48.8566]}  # lon, lat
    properties = paris["properties"]
    assert properties["city"] == {"en": "Paris", "de": "Paris"}
    assert properties["status"] == "announced" and properties["dates"]["announced"] == "2024-10-09"
    assert {s["id"] for s in properties["sources"]} == {
        "trending-topics-2024-10",
        "techcrunch-2024-10-09",
        "cna-2024-10-09",
    }
    assert all(s["publisher"]["de"] and s["url"] for s in properties["sources"])
    techcrunch = next(s for s in properties["sources"] if s["id"] == "techcrunch-2024-10-09")
    assert techcrunch["copy"] is True  # the data's own key, not the model's attribute name
