"""The map reads like a locator map: labels that never collide, markers at their true
positions unless they overlap at the current zoom, arcs along great circles, a legend for
every symbol drawn — all recomputed in the browser, with no script run."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, Page, expect

from components.data.schema import Dataset
from components.map.basemaps import PALETTES
from testing.pages import (
    MAP_DRAWN,
    PageRecord,
    check_map,
    contrast,
    load_app,
    map_frame,
    map_frame_object,
    open_layer_list,
    open_page,
    rgb,
)
from testing.server import StreamlitServer

# Boxes (in the map frame's coordinates) of every label and marker drawn, with their ids.
DRAWN = """() => {
    const box = (el) => { const r = el.getBoundingClientRect();
        return {x: r.left, y: r.top, w: r.width, h: r.height}; };
    const map = document.querySelector('.leaflet-container');
    return {
        map: box(map),
        labels: Array.from(document.querySelectorAll('.office-label')).map((el) => ({
            id: [...el.classList].find((c) => c.startsWith('office-label-')
                && c !== 'office-label-selected').slice(13),
            text: el.textContent, ...box(el)})),
        markers: Array.from(document.querySelectorAll('.office-marker')).map((el) => ({
            id: el.classList[1].slice(7), leader: !!el.querySelector('.office-leader'),
            ...box(el)})),
    };
}"""


def overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(
        a["x"] < b["x"] + b["w"] - 0.5
        and b["x"] < a["x"] + a["w"] - 0.5
        and a["y"] < b["y"] + b["h"] - 0.5
        and b["y"] < a["y"] + a["h"] - 0.5
    )


def assert_nothing_collides(drawn: dict[str, Any]) -> None:
    labels, markers = drawn["labels"], drawn["markers"]
    for i, label in enumerate(labels):
        for other in labels[i + 1 :]:
            assert not overlap(label, other), (label["id"], other["id"])
        for marker in markers:
            assert not overlap(label, marker), (label["id"], "marker", marker["id"])
        inside = drawn["map"]
        assert inside["x"] <= label["x"] and label["x"] + label["w"] <= inside["x"] + inside["w"]
        assert inside["y"] <= label["y"] and label["y"] + label["h"] <= inside["y"] + inside["h"]


def test_all_nine_labels_are_shown_legible_and_clear_at_the_default_view(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord], dataset: Dataset
) -> None:
    page, record = page_and_record
    load_app(page, record, app_server.url)
    drawn = map_frame_object(page).evaluate(DRAWN)
    assert {label["id"]: label["text"] for label in drawn["labels"]} == {
        office.id: office.city.get("en") for office in dataset.offices
    }
    assert_nothing_collides(drawn)
    # Dark ink with a white halo: legible on the land, the sea and any tile.
    label = map_frame(page).locator(".office-label-london")
    ink = rgb(label.evaluate("e => getComputedStyle(e).color"))
    halo = label.evaluate("e => getComputedStyle(e).textShadow")
    assert "rgb(255, 255, 255)" in halo
    assert contrast(ink, (255, 255, 255)) >= 4.5
    for background in (PALETTES["light"].land, PALETTES["light"].sea):
        assert contrast(ink, rgb(background)) >= 4.5


def test_markers_sit_at_their_true_positions_once_zoomed_in_with_no_script_run(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord], dataset: Dataset
) -> None:
    page, record = page_and_record
    load_app(page, record, app_server.url)
    leaflet = map_frame_object(page)
    europe = {"london", "dublin", "paris", "brussels"}
    fanned = {m["id"] for m in leaflet.evaluate(DRAWN)["markers"] if m["leader"]}
    assert fanned == europe  # too close at world zoom: fanned out, with leader lines
    legend = map_frame(page).locator(".office-legend-fanned")
    expect(legend).to_be_visible()
    runs = record.conversation.requests

    leaflet.evaluate("void window.map.setView([51.5, 1.5], 5, {animate: false})")
    leaflet.wait_for_function("!document.querySelector('.office-leader')")
    drawn = leaflet.evaluate(DRAWN)
    for office in dataset.offices:
        if office.id not in europe:
            continue
        marker = next(m for m in drawn["markers"] if m["id"] == office.id)
        at = leaflet.evaluate(
            f"(() => {{ const p = window.map.latLngToContainerPoint([{office.lat}, {office.lon}]);"
            " return [p.x, p.y]; })()"
        )
        centre = (marker["x"] + marker["w"] / 2, marker["y"] + marker["h"] / 2)
        assert abs(centre[0] - at[0]) <= 1.5 and abs(centre[1] - at[1]) <= 1.5, office.id
    assert_nothing_collides(drawn)
    expect(legend).to_be_hidden()  # nothing is moved aside now, so the legend does not say so
    assert record.conversation.requests == runs


def test_on_a_phone_names_give_way_rather_than_leave_their_markers(
    app_server: StreamlitServer, browser: Browser, dataset: Dataset
) -> None:
    page, record = open_page(browser, width=390, height=844)
    load_app(page, record, app_server.url)
    leaflet = map_frame_object(page)
    # The phone's first view fits every office: too little room for every name, and a name
    # that cannot sit beside its own marker is left out rather than drawn beside another.
    drawn = leaflet.evaluate(DRAWN)
    assert len(drawn["markers"]) == len(dataset.offices)
    check_map(leaflet.evaluate(MAP_DRAWN), len(dataset.offices), None)
    shown = {label["id"] for label in drawn["labels"]}
    assert 4 <= len(shown) < len(dataset.offices)
    # Names are placed again at every zoom, always beside their own markers.
    for zoom in (1, 1.5, 2.5):
        leaflet.evaluate(f"void window.map.setZoom({zoom}, {{animate: false}})")
        leaflet.wait_for_function(f"window.map.getZoom() === {zoom}")
        drawn = leaflet.evaluate(MAP_DRAWN)
        assert_nothing_collides(leaflet.evaluate(DRAWN))
        assert all(label["text"] for label in drawn["labels"])
    assert record.errors == []


def test_expansion_arcs_follow_great_circles_across_the_pacific(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord], dataset: Dataset
) -> None:
    page, record = page_and_record
    load_app(page, record, app_server.url)
    frame = map_frame(page)
    expect(frame.locator("path.expansion-arc")).to_have_count(0)  # a layer, off at first
    open_layer_list(frame)
    frame.get_by_label("Expansion from headquarters").check()
    arcs = frame.locator("path.expansion-arc")
    expect(arcs).to_have_count(8)
    for office in dataset.offices:
        if office.id != "san-francisco":
            expect(frame.locator(f"path.expansion-arc.arc-{office.id}")).to_have_count(1)
    parts = map_frame_object(page).evaluate(
        """() => {
            const found = [];
            window.map.eachLayer((l) => {
                if ((l.options.className || '').split(' ').includes('arc-tokyo')) {
                    found.push(l.getLatLngs().map((part) => part.map((p) => p.lng)));
                }
            });
            return found[0];
        }"""
    )
    west, east = parts
    assert max(west) <= -122 and min(east) >= 139  # not over the Atlantic or Europe
    assert west[-1] == -180 and east[0] == 180
    # Both kinds of arc are explained: solid to an existing office, dashed to an announced one.
    expect(frame.locator(".office-legend-arcs-existing")).to_be_visible()
    expect(frame.locator(".office-legend-arcs-announced")).to_be_visible()
    frame.locator(".office-marker.office-tokyo").click()  # arcs take no clicks
    expect(page.locator(".st-key-office-details h3")).to_have_text("Tokyo")
