"""The expansion story: the map's region buttons frame it without a rerun or a page scroll
(every marker stays clickable), and the timeline and the table select offices once opened."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from components.data.schema import Dataset
from testing.pages import (
    HIT_AT_CENTRE,
    MAP_DRAWN,
    MAP_SETTLED,
    PageRecord,
    check_map,
    choose_table_row,
    click_timeline_point,
    expect_details_for,
    load_app,
    map_frame,
    map_frame_object,
    open_page,
    wait_until_answered,
)
from testing.server import StreamlitServer

REGION_BUTTONS = {"Americas": "Americas", "EMEA": "EMEA", "APAC": "Asia-Pacific"}
# The map's padding for the region framing leaves the controls' corners free.
INSIDE_MAP = """(el) => {
    const box = el.getBoundingClientRect();
    const map = document.querySelector('.leaflet-container').getBoundingClientRect();
    return box.left >= map.left && box.right <= map.right
        && box.top >= map.top && box.bottom <= map.bottom;
}"""


@pytest.mark.parametrize("region", ["EMEA", "Americas", "APAC"])
def test_the_region_filter_frames_the_map_on_its_offices(
    app_server: StreamlitServer, browser: Browser, region: str, dataset: Dataset
) -> None:
    """One control, one meaning: the page's region filter shows that region's offices, and
    the map frames them (without being rebuilt)."""
    page, record = open_page(browser)
    load_app(page, record, app_server.url)
    leaflet = map_frame_object(page)
    leaflet.evaluate("window.__sameMap = true")  # gone if the map were rebuilt
    zoom_before = leaflet.evaluate("window.map.getZoom()")
    leaflet.evaluate("void window.map.once('moveend', () => { window.__framed = true; })")
    runs = record.conversation.requests
    buttons = page.locator("[class*='st-key-region-filter'] button")
    buttons.filter(has_text=re.compile(f"^{REGION_BUTTONS[region]}$")).click()
    wait_until_answered(page, record, runs=runs + 1)
    leaflet.wait_for_function("window.__framed === true")
    leaflet.wait_for_function(MAP_SETTLED)
    assert leaflet.evaluate("window.__sameMap") is True
    assert leaflet.evaluate("window.map.getZoom()") >= zoom_before
    offices = [office for office in dataset.offices if office.region == region]
    check_map(leaflet.evaluate(MAP_DRAWN), len(offices), None)
    markers = map_frame(page)
    for office in offices:
        marker = markers.locator(f".office-marker.office-{office.id}")
        assert marker.evaluate(INSIDE_MAP), office.id
        assert f"office-{office.id}" in marker.evaluate(HIT_AT_CENTRE), office.id
    for office in offices:
        box = markers.locator(f".office-marker.office-{office.id}").bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        expect_details_for(page, office.city.get("en"))
    assert record.errors == []


@pytest.fixture
def german_page(app_server: StreamlitServer, browser: Browser) -> Iterator[tuple[Page, PageRecord]]:
    page, record = open_page(browser)
    load_app(page, record, f"{app_server.url}/?lang=de")
    yield page, record
    assert record.errors == []


def test_clicking_a_point_on_the_timeline_selects_its_office(
    german_page: tuple[Page, PageRecord], dataset: Dataset
) -> None:
    page, record = german_page
    click_timeline_point(page, record, dataset, "tokyo")
    expect_details_for(page, "Tokio")


def test_choosing_a_row_of_the_table_selects_its_office(
    german_page: tuple[Page, PageRecord], dataset: Dataset
) -> None:
    page, record = german_page
    choose_table_row(page, record, dataset, "Tokio")
    expect_details_for(page, "Tokio")
