from __future__ import annotations

import csv
import io
import json
import re

from components.dataset import Dataset
from components.exports import offices_csv, offices_geojson, standalone_map_html
from tests.helpers import dataset_from, hostile_raw_data, raw_data


def test_csv_has_a_row_per_office_in_the_language(dataset: Dataset) -> None:
    rows = list(csv.DictReader(io.StringIO(offices_csv(dataset, "de"))))
    assert [row["id"] for row in rows] == [office.id for office in dataset.offices]
    tokyo = next(row for row in rows if row["id"] == "tokyo")
    assert tokyo["city"] == "Tokio" and tokyo["opened"] == "2024-04-15"
    assert "Reuters" in tokyo["sources"]
    # Source titles in the CSV's language, as in the details.
    assert "OpenAI wirbt um Geschäft in Japan und eröffnet Büro in Tokio" in tokyo["sources"]
    english = list(csv.DictReader(io.StringIO(offices_csv(dataset, "en"))))
    tokyo = next(row for row in english if row["id"] == "tokyo")
    assert "OpenAI bids for Japan business as it opens Tokyo office" in tokyo["sources"]


def test_csv_defuses_spreadsheet_formulas() -> None:
    raw = raw_data()
    raw["offices"][0]["city"]["en"] = '=HYPERLINK("http://evil","x")'
    raw["offices"][1]["role"]["en"] = "@SUM(A1)"
    rows = list(csv.DictReader(io.StringIO(offices_csv(dataset_from(raw)))))
    assert rows[0]["city"].startswith("'=")
    assert rows[1]["role"].startswith("'@")
    assert rows[0]["lon"] == "-122.4194"  # a negative number stays a number


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


def test_standalone_map_inlines_everything_it_needs(dataset: Dataset) -> None:
    html = standalone_map_html(dataset, "de")
    assert re.findall(r'<script src=|<link rel="stylesheet"', html) == []
    assert "/app/static" not in html and "fetch(" not in html
    assert "L.map(" in html and "Leaflet 1.9.4" in html
    assert '"mode": "standalone"' in html and '"lang": "de"' in html
    assert "L.OfficeLayer = " in html and "L.FootprintMap = " in html  # the map's own code
    assert html.count('["tokyo",') == 1 and "Tokio" in html
    assert '"FeatureCollection"' in html  # the outlines


def test_standalone_map_keeps_hostile_text_inert() -> None:
    html = standalone_map_html(dataset_from(hostile_raw_data()))
    assert "<img src=x" not in html
    # The name travels only in the JSON block, which the map reads as text.
    block = html.split('id="footprint-data">')[1].split("</script>")[0]
    assert "alert(1)" in block and "alert(1)" not in html.replace(block, "")


def test_the_same_map_gives_a_byte_identical_file(dataset: Dataset) -> None:
    assert standalone_map_html(dataset, "en") == standalone_map_html(dataset, "en")
