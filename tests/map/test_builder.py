from __future__ import annotations

import json
import re
from typing import Any

import pytest
from streamlit_folium import generate_leaflet_string

from components.data.schema import Dataset
from components.map.builder import (
    LEAFLET_CSS,
    LEAFLET_JS,
    MAP_CSS,
    MAP_SCRIPTS,
    MAX_ARCS,
    STATIC_URL,
    build_map,
    label_rank,
)
from components.map.elements import OfficeLayer
from components.map.style import STATUS_COLOURS, status_symbol
from components.map.view import View
from testing.server import REPO_ROOT
from tests.helpers import HOSTILE_TEXT, dataset_from, hostile_raw_data, raw_data

STATIC = REPO_ROOT / "static"


@pytest.fixture(scope="module")
def page(dataset: Dataset) -> str:
    return build_map(dataset).get_root().render()


def data_block(html: str) -> dict[str, Any]:
    """The map's data as the browser parses it from the page."""
    match = re.search(
        rf'<script type="application/json" id="{OfficeLayer.DATA_ID}">(.*?)</script>', html
    )
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def office_row(data: dict[str, Any], office_id: str) -> dict[str, Any]:
    """One office as the columns carry it, read back the way the map's script does."""
    offices = data["offices"]
    i = offices["ids"].index(office_id)
    return {
        "lat": offices["lat"][i] / 1e5,
        "lon": offices["lon"][i] / 1e5,
        "status": offices["status"][i],
        "region": data["regions"][int(offices["region"][i])],
        "names": {"en": offices["names"]["en"][i], **{
            lang: names[str(i)] for lang, names in offices["names"].items()
            if lang != "en" and str(i) in names
        }},
    }  # fmt: skip


def test_every_office_travels_once_in_columns(page: str, dataset: Dataset) -> None:
    data = data_block(page)
    offices = data["offices"]
    assert offices["ids"] == [office.id for office in dataset.offices]
    assert len(offices["lat"]) == len(offices["lon"]) == len(offices["status"]) == 9
    assert office_row(data, "tokyo") == {
        "lat": 35.6762, "lon": 139.6503, "status": "e", "region": "APAC",
        "names": {"en": "Tokyo", "de": "Tokio"},
    }  # fmt: skip
    assert office_row(data, "paris")["names"] == {"en": "Paris"}  # not sent twice
    assert offices["headquarters"] == 0 and offices["priority"] == {}
    # One element for all offices, not a marker each.
    assert page.count("L.officeLayer(") == 1 and "L.marker(" not in page


def test_the_code_is_the_same_whatever_the_reader_chose(dataset: Dataset) -> None:
    # streamlit-folium remounts the map whenever its code changes; the view (language,
    # filters, basemap, theme, selection) reaches the map as a message instead.
    first = generate_leaflet_string(build_map(dataset))
    assert generate_leaflet_string(build_map(dataset)) == first
    assert "Tokio" not in first  # the German names are data, not code


def test_labels_of_headquarters_then_existing_then_announced_offices_win(
    dataset: Dataset,
) -> None:
    ranks = {office.id: label_rank(dataset, office) for office in dataset.offices}
    assert ranks["san-francisco"] > ranks["tokyo"] > ranks["paris"]
    raw = raw_data()
    (singapore,) = (office for office in raw["offices"] if office["id"] == "singapore")
    singapore["label_priority"] = 1  # announced
    ranked = dataset_from(raw)
    assert label_rank(ranked, ranked.office("singapore")) > label_rank(
        ranked, ranked.office("san-francisco")
    )


def test_the_map_draws_with_the_status_symbols_and_colours(page: str) -> None:
    footprint = data_block(page)["footprint"]
    assert footprint["symbols"] == {
        "existing": status_symbol("existing"),
        "announced": status_symbol("announced"),
    }
    assert STATUS_COLOURS["existing"] in footprint["symbols"]["existing"]


def test_the_map_speaks_both_languages_without_a_rebuild(page: str) -> None:
    strings = data_block(page)["footprint"]["strings"]
    assert strings["legend_title"] == {"en": "Legend", "de": "Legende"}
    assert strings["status_announced"]["de"] == "Angekündigtes Büro"
    assert strings["legend_listing"]["de"].startswith("Büros an einem Ort")


def test_arcs_go_from_headquarters_to_every_other_office(page: str) -> None:
    arcs = data_block(page)["footprint"]["arcs"]
    assert len(arcs) == 8 and "san-francisco" not in {arc["id"] for arc in arcs}
    tokyo = next(arc for arc in arcs if arc["id"] == "tokyo")
    assert len(tokyo["parts"]) == 2  # split where it crosses the antimeridian
    assert all(set(arc) == {"id", "parts"} for arc in arcs)  # styled for the date shown
    assert MAX_ARCS >= 100


def test_hostile_text_is_inert_in_the_page(dataset: Dataset) -> None:
    html = build_map(dataset_from(hostile_raw_data())).get_root().render()
    assert "<img" not in html
    # Names appear only in the JSON block, never in code or a template literal.
    outside = html.replace(html.split(f'id="{OfficeLayer.DATA_ID}">')[1].split("</script>")[0], "")
    assert "${1}" not in outside and "onerror" not in outside
    # Read back by the browser, the name is exactly what the data says.
    assert office_row(data_block(html), "london")["names"]["en"] == HOSTILE_TEXT


def test_jinja_in_a_name_stays_text(dataset: Dataset) -> None:
    raw = raw_data()
    raw["offices"][1]["city"] = {"en": "{{ 7 * 7 }} {% if 1 %}x{% endif %}", "de": "{# c #}"}
    html = build_map(dataset_from(raw)).get_root().render()
    assert office_row(data_block(html), "london")["names"] == {
        "en": "{{ 7 * 7 }} {% if 1 %}x{% endif %}",
        "de": "{# c #}",
    }
    assert "{{" not in html.split(OfficeLayer.DATA_ID)[1].split("</script>")[0]


def test_only_self_hosted_assets_are_loaded(dataset: Dataset, page: str) -> None:
    office_map = build_map(dataset)
    expected = [LEAFLET_JS, *(STATIC_URL + script for script in MAP_SCRIPTS)]
    assert [src for _, src in office_map.default_js] == expected
    assert [href for _, href in office_map.default_css] == [LEAFLET_CSS, MAP_CSS]
    scripts = re.findall(r'<script src="([^"]+)"', page)
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert scripts == expected
    assert all((STATIC / script).is_file() for script in MAP_SCRIPTS)
    assert styles == [LEAFLET_CSS, MAP_CSS]
    for banned in ("jquery", "bootstrap", "font-awesome", "fontawesome", "glyphicons"):
        assert banned not in page.lower()


def test_the_app_map_takes_its_view_from_the_page_and_the_export_fixes_it(
    dataset: Dataset,
) -> None:
    app = generate_leaflet_string(build_map(dataset))
    assert '"mode": "app"' in app and '"view"' not in app
    view = View(lang="de", status="announced", office="paris")
    standalone = generate_leaflet_string(build_map(dataset, mode="standalone", view=view))
    assert '"mode": "standalone"' in standalone
    assert '"lang": "de"' in standalone and '"selected": "paris"' in standalone


def test_map_focuses_without_scrolling_the_page(page: str) -> None:
    # Otherwise a click on a map that is partly out of view lands beside the marker.
    assert "focus({preventScroll: true})" in page


def test_a_view_message_lists_highlighted_offices_in_order() -> None:
    view = View(highlighted=("tokyo", "singapore"))
    assert view.map_message()["highlighted"] == ["singapore", "tokyo"]


def test_other_data_is_other_code_so_the_mounted_map_is_replaced(dataset: Dataset) -> None:
    # streamlit-folium keeps a mounted map until its code changes; the offices themselves
    # travel in the data block, so the code must change with them.
    raw = raw_data()
    raw["offices"][1]["lat"] = 51.6  # London a little further north
    moved = dataset_from(raw)
    assert generate_leaflet_string(build_map(moved)) != generate_leaflet_string(build_map(dataset))
