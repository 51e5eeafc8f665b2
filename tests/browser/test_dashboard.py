"""The dashboard in Debian's Chromium: clicks on every marker, one script run per load and
none on pan and zoom, markers that appear where they stay, hostile text shown as text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from components.data.schema import Dataset
from testing.browser import MAP_IFRAME
from testing.pages import (
    HIT_AT_CENTRE,
    MAP_READY,
    MAP_SETTLED,
    PageRecord,
    expect_details_for,
    load_app,
    map_frame,
    map_frame_object,
    open_page,
    picker_value,
    wait_until_answered,
)
from testing.server import StreamlitServer, start_streamlit, stop_streamlit
from tests.helpers import HOSTILE_TEXT, hostile_raw_data, write_json


@pytest.fixture
def ready_page(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord]
) -> tuple[Page, PageRecord]:
    """The dashboard loaded at its default view."""
    page, record = page_and_record
    load_app(page, record, app_server.url)
    return page, record


def details_first_line(page: Page) -> str:
    return page.locator(".st-key-office-details").inner_text().strip().splitlines()[0]


def test_every_marker_is_clickable_at_its_centre_at_the_default_view(
    ready_page: tuple[Page, PageRecord], dataset: Dataset
) -> None:
    page, record = ready_page
    frame = map_frame(page)
    viewport = page.viewport_size
    assert viewport == {"width": 1400, "height": 900}

    # Check every marker at the untouched default view first, then click each in turn.
    for office in dataset.offices:
        marker = frame.locator(f".office-marker.office-{office.id}.office-{office.status}")
        assert f"office-{office.id}" in marker.evaluate(HIT_AT_CENTRE), office.id
        assert marker.get_attribute("tabindex") == "0"  # reachable by keyboard too

    for office in dataset.offices:
        # Measured again before each click: the panels beside the map change height.
        box = frame.locator(f".office-marker.office-{office.id}").bounding_box()
        assert box is not None
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        assert 0 < x < viewport["width"] and 0 < y < viewport["height"], office.id
        page.mouse.click(x, y)
        expect_details_for(page, office.city.get("en"))
        assert details_first_line(page) == office.city.get("en"), office.id
        expect(picker_value(page)).to_have_value(office.city.get("en"))

    assert record.errors == []


def test_a_marker_answers_the_keyboard(ready_page: tuple[Page, PageRecord]) -> None:
    page, record = ready_page
    marker = map_frame(page).locator(".office-marker.office-dublin")
    marker.focus()
    page.keyboard.press("Enter")
    expect_details_for(page, "Dublin")
    assert marker.get_attribute("aria-label") == "Dublin, Existing office"
    assert record.errors == []


def test_clicking_the_same_marker_after_choosing_from_the_list_selects_it(
    ready_page: tuple[Page, PageRecord],
) -> None:
    page, record = ready_page
    tokyo = map_frame(page).locator(".office-marker.office-tokyo")
    tokyo.click()
    expect_details_for(page, "Tokyo")
    wait_until_answered(page, record)

    page.locator("[class*='st-key-office-picker']").click()
    page.get_by_role("option", name="Seattle").click()
    expect_details_for(page, "Seattle")
    wait_until_answered(page, record)

    tokyo.click()
    expect_details_for(page, "Tokyo")
    assert record.errors == []


def test_a_page_load_runs_the_script_for_the_first_screen_then_once_for_the_rest(
    ready_page: tuple[Page, PageRecord],
) -> None:
    page, record = ready_page
    # The map has mounted, drawn and taken its view from the page (load_app waited for it):
    # its one report, that it is drawn, asked for the rest of the page; nothing else did.
    map_frame_object(page).wait_for_function(MAP_READY)
    wait_until_answered(page, record)
    assert record.conversation.requests == 2
    assert record.conversation.finished == 2


@pytest.mark.parametrize(
    ("query", "city"), [("", "Paris"), ("?lang=de&status=announced&region=EMEA", "Paris")]
)
def test_a_click_resends_only_what_a_selection_changes(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord], query: str, city: str
) -> None:
    """A marker click reruns the panel's fragment beside the map only, and it holds what a selection
    changes: the details, the list's value, the map's view, the link and the map's file;
    never the offices' own files, the panels or the tables below (issue 20)."""
    page, record = page_and_record
    load_app(page, record, app_server.url + query, markers=None)
    before = len(record.conversation.drawn)
    map_frame(page).locator(".office-marker.office-paris").click()
    expect_details_for(page, city)
    wait_until_answered(page, record)
    resent = record.conversation.drawn[before:]
    assert resent and all(part.in_fragment for part in resent)  # nor the map (a ref_hash)
    keys = {part.key for part in resent if part.key}
    for expected in ("search", "office-picker", "office-details-body", "map-bridge", "exports"):
        assert any(key.startswith(expected) for key in keys), expected
    assert {part.key for part in resent if part.kind == "download_button"} == {"download-html"}
    assert not any(part.kind in ("arrow_data_frame", "vega_lite_chart") for part in resent)
    assert not keys & {"office-downloads", "leaders", "partnerships", "office-table", "funding"}
    assert page.get_by_role("button", name="CSV").count() == 1  # still on the page
    assert record.errors == []


def test_pan_and_zoom_do_not_rerun_the_script(ready_page: tuple[Page, PageRecord]) -> None:
    page, record = ready_page
    frame = map_frame_object(page)
    zoom_before = frame.evaluate("window.map.getZoom()")
    centre_before = frame.evaluate("window.map.getCenter()")
    runs_before = record.conversation.requests

    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.8
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 120, y - 60, steps=12)
    page.mouse.up()
    page.mouse.wheel(0, -400)
    frame.wait_for_function(f"window.map.getZoom() > {zoom_before}")
    map_frame(page).locator(".leaflet-control-zoom-in").click()
    frame.wait_for_function(MAP_SETTLED)
    assert frame.evaluate("window.map.getCenter()") != centre_before

    # A marker click is now the first message: had the pan or zoom been reported, there
    # would be a run before the click's.
    frame.evaluate("void window.map.setView([1.3521, 103.8198], 4, {animate: false})")
    map_frame(page).locator(".office-marker.office-singapore").click()
    expect_details_for(page, "Singapore")
    wait_until_answered(page, record)
    assert record.conversation.requests == runs_before + 1, "pan or zoom reran the script"
    assert record.errors == []


def test_markers_appear_where_they_stay_on_a_slow_network(
    app_server: StreamlitServer, browser: Browser
) -> None:
    page, record = open_page(browser)
    # Every response 250 ms late: the map's stylesheets arrive after its scripts.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 250, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    page.goto(app_server.url)
    frame = map_frame(page)
    frame.locator(".office-marker").first.wait_for(state="attached", timeout=60_000)
    # From the first frame in which any marker is visible, sample every marker's box for
    # a second of frames: none may move.
    moved = map_frame_object(page).evaluate(
        """async () => {
            const visible = (el) => getComputedStyle(el).visibility !== 'hidden'
                && getComputedStyle(el.parentElement).visibility !== 'hidden';
            const boxes = () => Object.fromEntries(
                Array.from(document.querySelectorAll('.office-marker'))
                    .filter(visible)
                    .map((el) => [el.classList[1], el.getBoundingClientRect()]));
            const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
            let first = boxes();
            while (Object.keys(first).length === 0) { await frame(); first = boxes(); }
            let worst = 0;
            for (let i = 0; i < 60; i++) {
                await frame();
                const now = boxes();
                for (const [id, box] of Object.entries(first)) {
                    if (now[id]) {
                        worst = Math.max(worst, Math.abs(now[id].x - box.x),
                                         Math.abs(now[id].y - box.y));
                    }
                }
            }
            return worst;
        }"""
    )
    assert moved <= 1, f"a marker moved {moved} px after it first appeared"
    assert record.errors == []


def test_map_assets_come_from_the_app_itself(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord]
) -> None:
    page, record = page_and_record
    load_app(page, record, app_server.url)
    frame = map_frame_object(page)
    scripts = frame.evaluate("Array.from(document.scripts).map(s => s.src).filter(Boolean)")
    styles = frame.evaluate(
        "Array.from(document.querySelectorAll('link[rel=stylesheet]')).map(l => l.href)"
    )
    assert {src.removeprefix(app_server.url) for src in scripts} >= {
        "/app/static/leaflet/leaflet.js",
        "/app/static/office_map/office_layer.js",
        "/app/static/office_map/footprint.js",
    }
    assert all(src.startswith(app_server.url) for src in scripts + styles)
    assert {href.removeprefix(app_server.url) for href in styles} >= {
        "/app/static/leaflet/leaflet.css",
        "/app/static/office_map.css",
    }
    assert record.foreign_requests == []
    assert record.errors == []


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    folder: Path = tmp_path_factory.mktemp("hostile")
    data = write_json(folder / "hostile.json", hostile_raw_data())
    server = start_streamlit(folder / "streamlit.log", data_path=data)
    yield server
    stop_streamlit(server)


def test_hostile_city_name_is_shown_as_text_and_runs_nothing(
    hostile_server: StreamlitServer, browser: Browser
) -> None:
    page, record = open_page(browser)
    load_app(page, record, hostile_server.url)
    frame = map_frame(page)
    london = frame.locator(".office-marker.office-london")
    london.hover()
    expect(frame.locator(".leaflet-tooltip")).to_have_text(HOSTILE_TEXT)
    london.click()
    expect_details_for(page, HOSTILE_TEXT)
    expect(frame.locator(".office-label-london")).to_have_text(HOSTILE_TEXT)
    assert frame.locator("img[src=x]").count() == 0
    assert page.locator("img[src=x]").count() == 0
    assert record.dialogs == []
    assert record.errors == []
