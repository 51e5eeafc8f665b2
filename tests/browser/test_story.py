"""The expansion story: region views frame the map without rebuilding it (every marker
stays clickable), and the timeline and the table select offices once opened."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from components.dataset import Dataset
from components.map_views import MIN_ZOOM, frame
from components.timeline import timeline_events
from testing.server import StreamlitServer
from tests.browser.conftest import (
    PageRecord,
    expect_details_for,
    load_app,
    map_frame,
    map_frame_object,
    open_page,
    open_section,
    wait_until_answered,
)
from tests.browser.test_dashboard import HIT_AT_CENTRE

REGION_BUTTONS = {"Americas": "Americas", "EMEA": "Europe", "APAC": "Asia-Pacific"}


@pytest.mark.parametrize("region", ["EMEA", "Americas", "APAC"])
def test_region_buttons_frame_the_map_and_keep_markers_clickable(
    app_server: StreamlitServer, browser: Browser, region: str, dataset: Dataset
) -> None:
    # Tall enough that the whole map is in view: the buttons sit under it.
    page, record = open_page(browser, width=1400, height=1200)
    load_app(page, record, app_server.url)
    leaflet = map_frame_object(page)
    leaflet.evaluate("window.__sameMap = true")  # gone if the map were rebuilt

    page.locator(".st-key-region_view").get_by_text(REGION_BUTTONS[region]).click()
    offices = [o for o in dataset.offices if o.region == region]
    (lat, lon), zoom = frame(offices, min_zoom=MIN_ZOOM)
    leaflet.wait_for_function(f"Math.abs(window.map.getZoom() - {zoom}) < 0.01", timeout=20_000)
    wait_until_answered(page, record)
    assert leaflet.evaluate("window.__sameMap") is True
    centre = leaflet.evaluate("[window.map.getCenter().lat, window.map.getCenter().lng]")
    assert centre == pytest.approx([lat, lon], abs=0.5)

    markers = map_frame(page)
    for office in offices:
        marker = markers.locator(f".office-marker.office-{office.id}")
        assert f"office-{office.id}" in marker.evaluate(HIT_AT_CENTRE), office.id
        box = marker.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        expect_details_for(page, office.city.en)
    assert record.errors == []
    page.context.close()


@pytest.fixture
def german_page(app_server: StreamlitServer, browser: Browser) -> Iterator[tuple[Page, PageRecord]]:
    page, record = open_page(browser)
    load_app(page, record, f"{app_server.url}/?lang=de")
    yield page, record
    assert record.errors == []
    page.context.close()


def test_clicking_a_point_on_the_timeline_selects_its_office(
    german_page: tuple[Page, PageRecord], dataset: Dataset
) -> None:
    page, record = german_page
    chart = open_section(page, record, "timeline-open")
    chart.scroll_into_view_if_needed()
    points = chart.locator("svg g.mark-symbol.role-mark path")
    rows = timeline_events(dataset, "de")
    expect(points).to_have_count(len(rows))
    tokyo = next(index for index, row in enumerate(rows) if row["office_id"] == "tokyo")
    points.nth(tokyo).click()
    expect_details_for(page, "Tokio")


def test_choosing_a_row_of_the_table_selects_its_office(
    german_page: tuple[Page, PageRecord],
) -> None:
    page, record = german_page
    table = open_section(page, record, "office-table-open").get_by_test_id("stDataFrame")
    table.scroll_into_view_if_needed()
    expect(table).to_be_visible()
    # The grid draws on a canvas; its accessible twin names each cell "glide-cell-COL-ROW".
    cell = table.locator("td[role=gridcell]", has_text="Tokio").first
    row = int(str(cell.get_attribute("id")).rsplit("-", 1)[1])
    # The keyboard path: focus the grid (its cursor starts on the first row), move down to
    # the row, and select it.
    table.get_by_test_id("data-grid-canvas").focus()
    for _ in range(row):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Shift+Space")
    expect_details_for(page, "Tokio")
