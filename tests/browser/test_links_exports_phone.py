"""Deep links in German, the URL following clicks, the phone layout."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from testing.browser import MAP_IFRAME
from testing.pages import (
    PageRecord,
    expect_details_for,
    load_app,
    map_frame,
    open_page,
)
from testing.server import StreamlitServer


def test_a_german_deep_link_opens_that_office_in_german(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord]
) -> None:
    page, record = page_and_record
    load_app(page, record, f"{app_server.url}/?office=brussels&lang=de&status=announced", markers=5)
    expect_details_for(page, "Brüssel")
    expect(page.locator("h1")).to_have_text("OpenAIs globale Präsenz")
    frame = map_frame(page)
    expect(frame.locator(".office-marker")).to_have_count(5)  # announced offices only
    expect(frame.locator(".office-selected.office-brussels")).to_have_count(1)
    expect(frame.locator(".office-label-brussels")).to_have_text("Brüssel")
    frame.locator(".office-marker.office-singapore").hover()
    expect(frame.locator(".leaflet-tooltip")).to_have_text("Singapur")
    assert "office=brussels" in page.url and "lang=de" in page.url
    assert record.errors == []


def test_the_url_follows_a_click_on_the_map(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord], browser: Browser
) -> None:
    page, record = page_and_record
    load_app(page, record, app_server.url)
    map_frame(page).locator(".office-marker.office-tokyo").click()
    expect_details_for(page, "Tokyo")
    page.wait_for_url("**office=tokyo**", timeout=10_000)
    assert "lang=en" in page.url
    # The address is a working link: opening it in a fresh page shows the same office.
    fresh, fresh_record = open_page(browser)
    load_app(fresh, fresh_record, page.url)
    expect_details_for(fresh, "Tokyo")
    assert record.errors == [] and fresh_record.errors == []


def test_phone_layout_stacks_and_never_scrolls_sideways(
    app_server: StreamlitServer, browser: Browser
) -> None:
    page, record = open_page(browser, width=390, height=844)
    load_app(page, record, app_server.url)
    overflow = page.evaluate(
        """() => [document.documentElement, document.body,
                  document.querySelector('[data-testid=stMain]')]
            .filter(Boolean).map(e => e.scrollWidth - e.clientWidth)"""
    )
    assert max(overflow) <= 0, overflow
    map_box = page.locator(MAP_IFRAME).bounding_box()
    details_box = page.locator(".st-key-office-details").bounding_box()
    assert map_box is not None and details_box is not None
    assert map_box["width"] <= 390
    assert details_box["y"] >= map_box["y"] + map_box["height"] - 1  # stacked below
    # The whole footprint is in view on the phone's map, and a marker answers a tap.
    frame = map_frame(page)
    for office_id in ("san-francisco", "tokyo", "singapore", "new-york", "london"):
        box = frame.locator(f".office-marker.office-{office_id}").bounding_box()
        assert box is not None
        assert map_box["x"] <= box["x"] and box["x"] + box["width"] <= map_box["x"] + 390
        assert map_box["y"] <= box["y"] <= map_box["y"] + map_box["height"]
    frame.locator(".office-marker.office-tokyo").click()
    expect_details_for(page, "Tokyo")
    assert record.errors == []
