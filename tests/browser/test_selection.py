"""The selection on the map, from every route, and never lost to a language switch."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from components.data.schema import Dataset
from testing.pages import (
    PageRecord,
    choose_table_row,
    click_timeline_point,
    expect_details_for,
    load_app,
    map_frame,
    map_frame_object,
    open_page,
    picker_value,
    wait_until_answered,
)
from testing.server import StreamlitServer

ROUTES = ("map", "list", "search", "table", "timeline", "link")


def choose_tokyo(page: Page, record: PageRecord, dataset: Dataset, route: str) -> None:
    if route == "map":
        map_frame(page).locator(".office-marker.office-tokyo").click()
    elif route == "list":
        page.locator("[class*='st-key-office-picker']").click()
        page.get_by_role("option", name="Tokyo", exact=True).click()
    elif route == "search":
        box = page.locator(".st-key-search input")
        box.fill("Japan")
        box.press("Enter")
        page.locator("[class*='st-key-search-results']").get_by_text("Japan · Tokyo").click()
    elif route == "table":
        choose_table_row(page, record, dataset, "Tokyo")
    elif route == "timeline":
        click_timeline_point(page, record, dataset, "tokyo", "en")


def expect_selected_on_map(page: Page, office_id: str) -> None:
    frame = map_frame(page)
    expect(frame.locator(".office-selected")).to_have_count(1)
    expect(frame.locator(f".office-marker.office-{office_id}.office-selected")).to_have_count(1)


@pytest.mark.parametrize("route", ROUTES)
def test_a_selection_shows_on_the_map_and_survives_a_language_switch(
    app_server: StreamlitServer, browser: Browser, dataset: Dataset, route: str
) -> None:
    page, record = open_page(browser)
    query = "/?office=tokyo" if route == "link" else "/"
    load_app(page, record, app_server.url + query)
    expect(map_frame(page).locator(".office-selected")).to_have_count(1 if route == "link" else 0)
    choose_tokyo(page, record, dataset, route)
    expect_details_for(page, "Tokyo")
    expect_selected_on_map(page, "tokyo")
    wait_until_answered(page, record)

    page.locator(".st-key-lang").get_by_text("Deutsch").click()
    expect(page.locator("h1")).to_have_text("OpenAIs globale Präsenz")
    expect_details_for(page, "Tokio")
    wait_until_answered(page, record)
    expect(picker_value(page, "de")).to_have_value("Tokio")
    expect_selected_on_map(page, "tokyo")
    expect(map_frame(page).locator(".office-label-tokyo")).to_have_text("Tokio")
    page.wait_for_url("**office=tokyo&lang=de**", timeout=20_000)
    assert record.errors == []


def test_filters_survive_a_language_switch(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord]
) -> None:
    page, record = page_and_record
    load_app(page, record, app_server.url)
    page.locator("[class*='st-key-status-filter']").get_by_text("Announced").click()
    expect(map_frame(page).locator(".office-marker")).to_have_count(5)
    wait_until_answered(page, record)
    page.locator(".st-key-lang").get_by_text("Deutsch").click()
    expect(page.locator("h1")).to_have_text("OpenAIs globale Präsenz")
    wait_until_answered(page, record)
    selected = page.locator("[class*='st-key-status-filter'] [data-selected='true']")
    expect(selected).to_have_text("Angekündigt")
    expect(map_frame(page).locator(".office-marker")).to_have_count(5)
    page.wait_for_url("**status=announced**", timeout=20_000)


def test_the_map_pans_to_a_selection_out_of_view_and_keeps_its_zoom(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord]
) -> None:
    page, record = page_and_record
    load_app(page, record, app_server.url)
    leaflet = map_frame_object(page)
    leaflet.evaluate("void window.map.setView([50.5, 2.0], 5, {animate: false})")
    leaflet.wait_for_function(
        "document.querySelectorAll('.office-marker.office-tokyo').length === 0"
    )
    page.locator("[class*='st-key-office-picker']").click()
    page.get_by_role("option", name="Tokyo", exact=True).click()
    expect_details_for(page, "Tokyo")
    tokyo = map_frame(page).locator(".office-marker.office-tokyo.office-selected")
    expect(tokyo).to_have_count(1, timeout=20_000)
    leaflet.wait_for_function(
        "(() => { const b = window.map.getBounds(); return b.contains([35.6762, 139.6503]); })()"
    )
    assert leaflet.evaluate("window.map.getZoom()") == 5
    assert record.errors == []
