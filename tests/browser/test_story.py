"""The expansion story: the map's region buttons frame it without a rerun or a page scroll
(every marker stays clickable), and the timeline and the table select offices once opened."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from components.data.schema import Dataset
from components.facts.timeline import timeline_events
from testing.server import StreamlitServer
from tests.browser.conftest import (
    PageRecord,
    expect_details_for,
    load_app,
    map_frame,
    map_frame_object,
    open_page,
    open_section,
)
from tests.browser.test_dashboard import HIT_AT_CENTRE

REGION_BUTTONS = {"Americas": "Americas", "EMEA": "Europe", "APAC": "Asia-Pacific"}
# The map's padding for the region framing leaves the controls' corners free.
INSIDE_MAP = """(el) => {
    const box = el.getBoundingClientRect();
    const map = document.querySelector('.leaflet-container').getBoundingClientRect();
    return box.left >= map.left && box.right <= map.right
        && box.top >= map.top && box.bottom <= map.bottom;
}"""


@pytest.mark.parametrize("region", ["EMEA", "Americas", "APAC"])
def test_region_buttons_frame_the_map_without_a_rerun_or_a_scroll(
    app_server: StreamlitServer, browser: Browser, region: str, dataset: Dataset
) -> None:
    page, record = open_page(browser)
    load_app(page, record, app_server.url)
    leaflet = map_frame_object(page)
    leaflet.evaluate("window.__sameMap = true")  # gone if the map were rebuilt
    zoom_before = leaflet.evaluate("window.map.getZoom()")
    scroll_before = page.evaluate("window.scrollY")
    runs_before = record.conversation.requests

    markers = map_frame(page)
    leaflet.evaluate("void window.map.once('moveend', () => { window.__framed = true; })")
    markers.locator(".footprint-regions").get_by_role(
        "button", name=REGION_BUTTONS[region], exact=True
    ).click()
    leaflet.wait_for_function("window.__framed === true")
    assert leaflet.evaluate("window.map.getZoom()") != zoom_before
    assert leaflet.evaluate("window.__sameMap") is True
    assert page.evaluate("window.scrollY") == scroll_before
    assert record.conversation.requests == runs_before  # the map moved on its own

    offices = [office for office in dataset.offices if office.region == region]
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


def click_timeline_point(
    page: Page, record: PageRecord, dataset: Dataset, office_id: str, lang: str = "de"
) -> None:
    chart = open_section(page, record, "timeline-open")
    chart.scroll_into_view_if_needed()
    points = chart.locator("svg g.mark-symbol.role-mark path")
    rows = timeline_events(dataset, lang)
    expect(points).to_have_count(len(rows))
    index = next(i for i, row in enumerate(rows) if row["office_id"] == office_id)
    points.nth(index).click()


def choose_table_row(page: Page, record: PageRecord, dataset: Dataset, city: str) -> None:
    table = open_section(page, record, "office-table-open").get_by_test_id("stDataFrame")
    table.scroll_into_view_if_needed()
    expect(table).to_be_visible()
    # The grid draws on a canvas; its accessible twin names each cell "glide-cell-COL-ROW".
    cell = table.locator("td[role=gridcell]", has_text=city).first
    row = int(str(cell.get_attribute("id")).rsplit("-", 1)[1])
    # The keyboard path: focus the grid (its cursor starts on the first row), move down to
    # the row, and select it.
    table.get_by_test_id("data-grid-canvas").focus()
    for _ in range(row):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Shift+Space")


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
