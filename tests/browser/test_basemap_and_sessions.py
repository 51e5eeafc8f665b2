"""Offline basemap, failing tiles, the basemap chosen in the map, clicks on a map partly out
of view, and two readers at once."""

from __future__ import annotations

from playwright.sync_api import Browser, Page

from testing.browser import MAP_IFRAME, is_local
from testing.pages import (
    PageRecord,
    expect_details_for,
    load_app,
    map_frame,
    map_frame_object,
    open_layer_list,
    open_page,
    wait_until_answered,
)
from testing.server import StreamlitServer

# Leaflet's public eachLayer: the outlines are GeoJSON features in their own pane.
COUNTRIES_DRAWN = """(() => {
    let count = 0;
    window.map.eachLayer((l) => { if (l.feature && l.options.pane === 'outlines') count++; });
    return count;
})()"""


def countries_drawn(page: Page) -> int:
    """How many country outlines the map holds, once they have loaded."""
    frame = map_frame_object(page)
    frame.wait_for_function(f"{COUNTRIES_DRAWN} > 0", timeout=20_000)
    count: int = frame.evaluate(COUNTRIES_DRAWN)
    return count


def test_offline_basemap_makes_no_request_to_any_other_host(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord]
) -> None:
    page, record = page_and_record
    load_app(page, record, f"{app_server.url}/?basemap=offline")
    assert countries_drawn(page) > 150
    assert map_frame(page).locator(".leaflet-outlines-pane canvas").count() == 1
    map_frame(page).locator(".office-marker.office-paris").click()
    expect_details_for(page, "Paris")
    assert record.requests, "no request was recorded at all"
    assert [url for url in record.requests if not is_local(url)] == []
    assert record.errors == []


def test_outlines_show_when_online_tiles_fail(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord]
) -> None:
    page, record = page_and_record
    # Tile requests are refused by the fixture.
    load_app(page, record, f"{app_server.url}/?basemap=osm")
    assert countries_drawn(page) > 150
    frame = map_frame(page)
    map_frame_object(page).wait_for_function(
        "document.querySelectorAll('.leaflet-tile-pane img').length > 0"
    )
    assert any("tile.openstreetmap.org" in url for url in record.foreign_requests)
    # The outlines sit under the tile pane, so loaded tiles would cover them.
    outlines_z = frame.locator(".leaflet-outlines-pane").evaluate(
        "e => +getComputedStyle(e).zIndex"
    )
    tiles_z = frame.locator(".leaflet-tile-pane").evaluate("e => +getComputedStyle(e).zIndex")
    assert outlines_z < tiles_z


def test_a_basemap_chosen_in_the_map_goes_into_the_link(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord]
) -> None:
    page, record = page_and_record
    load_app(page, record, app_server.url)
    frame = map_frame(page)
    open_layer_list(frame)
    frame.get_by_label("CARTO light").check()
    page.wait_for_url("**basemap=carto-light**", timeout=20_000)
    wait_until_answered(page, record)
    assert map_frame_object(page).evaluate("window.map.getMaxZoom()") == 20
    open_layer_list(frame)
    frame.get_by_label("Offline outlines").check()
    page.wait_for_url(lambda url: "basemap=" not in url, timeout=20_000)


def test_arcs_turned_on_in_the_map_go_into_the_link_and_come_back_from_it(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord]
) -> None:
    page, record = page_and_record
    load_app(page, record, app_server.url)
    frame = map_frame(page)
    assert frame.locator(".expansion-arc").count() == 0  # off by default
    open_layer_list(frame)
    frame.get_by_label("Expansion from headquarters").check()
    page.wait_for_url("**arcs=1**", timeout=20_000)
    wait_until_answered(page, record)
    assert frame.locator(".expansion-arc").count() > 0
    # The link opens with the arcs drawn, and turning them off again shortens it.
    load_app(page, record, app_server.url + "/?arcs=1")
    assert map_frame(page).locator(".expansion-arc").count() > 0
    open_layer_list(map_frame(page))
    map_frame(page).get_by_label("Expansion from headquarters").uncheck()
    page.wait_for_url(lambda url: "arcs=" not in url, timeout=20_000)
    assert record.errors == []


def test_a_click_lands_when_the_map_is_partly_out_of_view(
    app_server: StreamlitServer, browser: Browser
) -> None:
    page, record = open_page(browser, width=1400, height=620)
    load_app(page, record, app_server.url)
    iframe_box = page.locator(MAP_IFRAME).bounding_box()
    assert iframe_box is not None and iframe_box["y"] + iframe_box["height"] > 620
    box = map_frame(page).locator(".office-marker.office-london").bounding_box()
    assert box is not None and box["y"] + box["height"] < 620
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect_details_for(page, "London")
    assert record.errors == []


def test_two_readers_each_see_their_own_selection(
    app_server: StreamlitServer, browser: Browser
) -> None:
    first, first_record = open_page(browser)
    second, second_record = open_page(browser)
    for page, record in ((first, first_record), (second, second_record)):
        load_app(page, record, app_server.url)
    map_frame(first).locator(".office-marker.office-tokyo").click()
    map_frame(second).locator(".office-marker.office-seattle").click()
    expect_details_for(first, "Tokyo")
    expect_details_for(second, "Seattle")
    wait_until_answered(second, second_record)
    second_runs = second_record.conversation.finished
    map_frame(first).locator(".office-marker.office-dublin").click()
    expect_details_for(first, "Dublin")
    wait_until_answered(first, first_record)
    # The first reader's clicks ran nothing in the second reader's session.
    assert second_record.conversation.finished == second_runs
    expect_details_for(second, "Seattle")
    selected = map_frame(second).locator(".office-selected")
    assert selected.count() == 1 and "office-seattle" in str(selected.get_attribute("class"))
    assert first_record.errors == [] and second_record.errors == []
