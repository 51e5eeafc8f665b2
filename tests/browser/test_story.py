"""The expansion story: the map's region buttons frame it without a rerun or a page scroll
(every marker stays clickable), and the timeline and the table select offices once opened."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from components.data.schema import Dataset
from components.facts.timeline import timeline_events
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
    open_section,
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


# Each axis label's centre and each point's centre, in the chart's own pixels.
AXIS_LABELS = """(chart) => Array.from(chart.querySelectorAll('g.role-axis-label text'))
    .map((t) => { const r = t.getBoundingClientRect(); return [t.textContent, r.x + r.width / 2]; })
"""
POINTS = """(chart) => Array.from(chart.querySelectorAll('g.mark-symbol.role-mark path'))
    .map((p) => { const r = p.getBoundingClientRect(); return r.left + r.width / 2; })"""


@pytest.mark.parametrize("size", [(1400, 900), (390, 844)])
def test_each_point_of_the_timeline_stands_at_its_date_on_the_axis(
    app_server: StreamlitServer, browser: Browser, dataset: Dataset, size: tuple[int, int]
) -> None:
    page, record = open_page(browser, *size)
    load_app(page, record, app_server.url + "/?lang=de")
    chart = open_section(page, record, "timeline-open")
    rows = timeline_events(dataset, "de")
    expect(chart.locator("svg g.mark-symbol.role-mark path")).to_have_count(len(rows))
    labels = dict(chart.evaluate(AXIS_LABELS))
    points = chart.evaluate(POINTS)
    x_of = {(row["office_id"], row["date"]): x for row, x in zip(rows, points, strict=True)}
    # The founding (December 2015) stands at its own month's tick, before the break.
    assert abs(x_of[("san-francisco", "2015-12-01")] - labels["Dez. 2015"]) < 3
    # Tokyo opened on 15 April 2024: a sixth of the way from April's tick to July's.
    april, july = labels["Apr. 2024"], labels["Juli 2024"]
    expected = april + (july - april) * 15 / 91
    assert abs(x_of[("tokyo", "2024-04-15")] - expected) < 3
    # The five offices announced on 9 October 2024 share one x, just after October's tick.
    announced = {x for (_office, day), x in x_of.items() if day == "2024-10-09"}
    assert max(announced) - min(announced) < 1 and min(announced) > labels["Okt. 2024"]
    assert record.errors == []


def test_choosing_a_row_of_the_table_selects_its_office(
    german_page: tuple[Page, PageRecord], dataset: Dataset
) -> None:
    page, record = german_page
    choose_table_row(page, record, dataset, "Tokio")
    expect_details_for(page, "Tokio")
