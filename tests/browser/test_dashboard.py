"""The dashboard in Debian's Chromium: clicks on every marker, no reruns on pan and zoom,
hostile text shown as text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from components.dataset import Dataset
from testing.browser import MAP_IFRAME
from testing.server import StreamlitServer, start_streamlit, stop_streamlit
from tests.browser.conftest import (
    PageRecord,
    expect_details_for,
    load_app,
    map_frame,
    map_frame_object,
    open_page,
    wait_until_answered,
)
from tests.helpers import HOSTILE_TEXT, hostile_raw_data, write_json

# Which marker sits on top at a marker's centre, and is that point inside the viewport?
HIT_AT_CENTRE = """(el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    const marker = hit && hit.closest('.office-marker');
    return marker ? Array.from(marker.classList) : [];
}"""


@pytest.fixture
def ready_page(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord]
) -> tuple[Page, PageRecord]:
    """The dashboard loaded at its default view, with the map's first value handled."""
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
        marker = frame.locator(f".office-marker.office-{office.id}")
        assert f"office-{office.id}" in marker.evaluate(HIT_AT_CENTRE), office.id

    for office in dataset.offices:
        # Measured again before each click: the panels beside the map change height.
        box = frame.locator(f".office-marker.office-{office.id}").bounding_box()
        assert box is not None
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        assert 0 < x < viewport["width"] and 0 < y < viewport["height"], office.id
        page.mouse.click(x, y)
        expect_details_for(page, office.city.en)
        assert details_first_line(page) == office.city.en, office.id
        expect(page.locator(".st-key-selected_office input")).to_have_value(office.city.en)

    assert record.errors == []


def test_clicking_the_same_marker_after_choosing_from_the_list_selects_it(
    ready_page: tuple[Page, PageRecord],
) -> None:
    page, record = ready_page
    tokyo = map_frame(page).locator(".office-marker.office-tokyo")
    tokyo.click()
    expect_details_for(page, "Tokyo")
    wait_until_answered(page, record)

    page.locator(".st-key-selected_office").click()
    page.get_by_role("option", name="Seattle").click()
    expect_details_for(page, "Seattle")
    wait_until_answered(page, record)

    tokyo.click()
    expect_details_for(page, "Tokyo")
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
    frame.wait_for_function("!window.map._animatingZoom && !window.map._panAnim?._inProgress")
    assert frame.evaluate("window.map.getCenter()") != centre_before

    # A marker click now is the first message after the pan and zoom. streamlit-folium
    # debounces what the map reports by 250 ms, so a report of the pan or zoom would be sent
    # before the click's or merged into it: either way it would show below.
    frame.evaluate("void window.map.setView([1.3521, 103.8198], 4, {animate: false})")
    map_frame(page).locator(".office-marker.office-singapore").click()
    expect_details_for(page, "Singapore")
    wait_until_answered(page, record)
    assert record.conversation.requests == runs_before + 1, "pan or zoom reran the script"
    (map_value,) = [
        state for state in record.conversation.last_widget_states if "last_object_clicked" in state
    ]
    for moved in ("zoom", "bounds", "center"):
        assert f'\\"{moved}\\"' not in map_value, f"the map reported its {moved}"
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
    assert any(src.endswith("/app/static/leaflet/leaflet.js") for src in scripts)
    assert all(src.startswith(app_server.url) for src in scripts + styles)
    assert {href.removeprefix(app_server.url) for href in styles} == {
        "/app/static/leaflet/leaflet.css",
        "/app/static/office_map.css",
    }
    # Only basemap tiles may want the network; they were refused here and nothing broke.
    assert all("tile.openstreetmap.org" in url for url in record.foreign_requests)
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
    try:
        load_app(page, record, hostile_server.url)
        frame = map_frame(page)
        expect(frame.locator(".office-marker")).to_have_count(9)
        london = frame.locator(".office-marker.office-london")
        london.hover()
        expect(frame.locator(".leaflet-tooltip")).to_have_text(HOSTILE_TEXT)
        london.click()
        expect_details_for(page, HOSTILE_TEXT)
        assert frame.locator("img[src=x]").count() == 0
        assert page.locator("img[src=x]").count() == 0
        assert record.dialogs == []
        assert record.errors == []
    finally:
        page.context.close()
