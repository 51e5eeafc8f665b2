from __future__ import annotations

import re
from collections.abc import Iterator

import folium
import pytest
from branca.element import Element
from streamlit_folium import generate_leaflet_string

from components.dataset import Dataset
from components.map_style import STATUS_COLOURS
from components.office_map import (
    LEAFLET_CSS,
    LEAFLET_JS,
    MAP_CSS,
    build_map,
    highlight_layer,
)
from tests.helpers import dataset_from, hostile_raw_data


@pytest.fixture(scope="module")
def rendered(dataset: Dataset) -> str:
    return build_map(dataset).get_root().render()


def marker_classes(html: str) -> list[str]:
    return re.findall(r'"className": "(office-marker [^"]*)"', html)


def test_every_office_has_a_marker_with_its_classes(rendered: str, dataset: Dataset) -> None:
    assert sorted(marker_classes(rendered)) == sorted(
        f"office-marker office-{office.id} office-{office.status}" for office in dataset.offices
    )


def test_tooltips_name_each_city(rendered: str, dataset: Dataset) -> None:
    tooltips = re.findall(r"bindTooltip\(\s*`<div>\s*(.*?)\s*</div>`", rendered, re.DOTALL)
    assert sorted(tooltips) == sorted(office.city.en for office in dataset.offices)


def test_tooltips_follow_the_language(dataset: Dataset) -> None:
    rendered = build_map(dataset, "de").get_root().render()
    assert "Tokio" in rendered and "Brüssel" in rendered and "Tokyo" not in rendered


def walk_elements(element: Element) -> Iterator[Element]:
    yield element
    for child in element._children.values():
        yield from walk_elements(child)


def icon_html(office_map: folium.Map) -> dict[str, str]:
    """Each office marker's icon HTML, by office id."""
    icons = {}
    for element in walk_elements(office_map):
        if isinstance(element, folium.DivIcon):
            classes = str(element.options["class_name"]).split()
            if "office-marker" in classes:
                icons[classes[1].removeprefix("office-")] = str(element.options["html"])
    return icons


def test_statuses_differ_by_colour_and_shape(dataset: Dataset) -> None:
    icons = icon_html(build_map(dataset))
    for office_id in ("london", "tokyo"):
        assert "<circle" in icons[office_id] and "<polygon" not in icons[office_id]
        assert STATUS_COLOURS["existing"] in icons[office_id]
    for office_id in ("paris", "singapore"):
        assert "<polygon" in icons[office_id]
        assert STATUS_COLOURS["announced"] in icons[office_id]


def test_map_has_legend_and_a_layer_per_status(rendered: str) -> None:
    assert "office-legend" in rendered
    assert '"Existing offices"' in rendered and '"Announced offices"' in rendered
    assert "L.control.layers" in rendered


def test_crowded_markers_have_leader_lines_and_others_none(rendered: str) -> None:
    with_leader = re.findall(
        r'office-leader[^"]*?"[^}]*?"className": "office-marker office-([a-z-]+)', rendered
    )
    assert sorted(with_leader) == ["brussels", "dublin", "london", "paris"]


def test_only_self_hosted_assets_are_loaded(rendered: str, dataset: Dataset) -> None:
    office_map = build_map(dataset)
    assert [src for _, src in office_map.default_js] == [LEAFLET_JS]
    assert [href for _, href in office_map.default_css] == [LEAFLET_CSS, MAP_CSS]
    scripts = re.findall(r'<script src="([^"]+)"', rendered)
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', rendered)
    assert scripts == [LEAFLET_JS] and styles == [LEAFLET_CSS, MAP_CSS]
    for banned in ("jquery", "bootstrap", "font-awesome", "fontawesome", "glyphicons"):
        assert banned not in rendered.lower()


def test_hostile_city_name_is_escaped_everywhere() -> None:
    rendered = build_map(dataset_from(hostile_raw_data())).get_root().render()
    assert "<img" not in rendered
    assert "${1}" not in rendered
    assert "&lt;img src=x onerror=alert(1)&gt;&#96;&#36;{1}&#96; &#92;" in rendered
    assert len(marker_classes(rendered)) == 9


def test_the_code_sent_to_the_browser_is_identical_between_builds(dataset: Dataset) -> None:
    # streamlit-folium remounts the map whenever this code changes.
    assert generate_leaflet_string(build_map(dataset)) == generate_leaflet_string(
        build_map(dataset)
    )


def test_map_focuses_without_scrolling_the_page(rendered: str) -> None:
    # Otherwise a click on a map that is partly out of view lands beside the marker.
    assert "focus({preventScroll: true})" in rendered


def test_expansion_arcs_are_a_hidden_layer_that_takes_no_clicks(dataset: Dataset) -> None:
    office_map = build_map(dataset)
    lines = [e for e in walk_elements(office_map) if isinstance(e, folium.PolyLine)]
    assert len(lines) == 8  # headquarters to every other office
    assert all(line.options["interactive"] is False for line in lines)
    dashed = [line for line in lines if line.options.get("dashArray")]
    assert len(dashed) == 5  # the announced offices
    rendered = office_map.get_root().render()
    assert '"Expansion from headquarters"' in rendered
    assert rendered.count('"interactive": false') >= 8
    layer = next(
        e for e in walk_elements(office_map)
        if isinstance(e, folium.FeatureGroup) and "Expansion" in e.layer_name
    )  # fmt: skip
    assert layer.show is False


def test_highlight_rings_let_clicks_through(dataset: Dataset) -> None:
    layer = highlight_layer(dataset.offices, frozenset({"paris", "tokyo"}))
    assert layer is not None
    office_map = build_map(dataset)
    layer.add_to(office_map)
    rendered = office_map.get_root().render()
    assert "office-highlight-paris" in rendered and "office-highlight-tokyo" in rendered
    assert "office-highlight-london" not in rendered
    assert highlight_layer(dataset.offices, frozenset()) is None
    assert highlight_layer(dataset.offices, frozenset({"atlantis"})) is None
