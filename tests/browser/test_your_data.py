"""A reader's own table in the browser: uploaded through the real file input, placed, fixed
in place, private to its session, and kept as a dataset file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from components.data.loading import parse_dataset
from testing.pages import (
    MAP_DRAWN,
    MAP_READY,
    MAP_SETTLED,
    PageRecord,
    check_map,
    expect_details_for,
    map_frame,
    map_frame_object,
    open_page,
    wait_until_answered,
)
from testing.server import StreamlitServer

TABLE = (
    "name,city,country,status\n"
    "Berlin office,Berlin,Germany,open\n"
    "Munich office,München,Deutschland,planned\n"
    "Typo office,Hambrug,DE,open\n"
)
COUNT = ".st-key-your-data-count"


def open_your_data(page: Page, record: PageRecord, url: str) -> None:
    page.goto(f"{url}/your-data")
    expect(page.locator("h1")).to_have_text("Your data", timeout=60_000)
    wait_until_answered(page, record)


def upload(page: Page, record: PageRecord, path: Path) -> None:
    runs = record.conversation.requests
    page.locator("input[type=file]").set_input_files(str(path))
    expect(page.locator(COUNT)).to_be_visible(timeout=60_000)
    wait_until_answered(page, record, runs=runs + 1)


def test_an_uploaded_table_is_placed_and_its_markers_answer_a_click(
    app_server: StreamlitServer, browser: Browser, tmp_path: Path
) -> None:
    table = tmp_path / "our offices.csv"
    table.write_text(TABLE, encoding="utf-8")
    page, record = open_page(browser)
    open_your_data(page, record, app_server.url)
    upload(page, record, table)
    expect(page.locator(COUNT)).to_contain_text("2 of 3 rows on the map")
    frame = map_frame(page)
    expect(frame.locator(".office-marker")).to_have_count(2)
    munich = frame.locator(".office-marker.office-munich-office.office-announced")
    expect(frame.locator(".office-label-munich-office")).to_have_text("Munich office")
    munich.click()
    expect_details_for(page, "Munich office")
    expect(frame.locator(".office-selected.office-munich-office")).to_have_count(1)
    assert "office=" not in page.url  # the reader's data has no shareable link
    assert record.errors == []


def test_a_row_fixed_in_place_reaches_the_map(
    app_server: StreamlitServer, browser: Browser, tmp_path: Path
) -> None:
    table = tmp_path / "offices.csv"
    table.write_text(TABLE, encoding="utf-8")
    page, record = open_page(browser)
    open_your_data(page, record, app_server.url)
    upload(page, record, table)
    results = page.get_by_test_id("stDataFrame").filter(has_text="Typo office")
    results.scroll_into_view_if_needed()
    # The grid's accessible twin names each cell "glide-cell-COL-ROW"; the keyboard's
    # cursor starts in the first cell.
    cell = results.locator("td[role=gridcell]", has_text="Hambrug").first
    column, row = (int(part) for part in str(cell.get_attribute("id")).split("-")[-2:])
    results.get_by_test_id("data-grid-canvas").focus()
    for _ in range(row):
        page.keyboard.press("ArrowDown")
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # opens the cell's editor
    editor = page.locator("textarea.gdg-input")
    editor.fill("Hamburg")
    editor.press("Enter")
    expect(page.locator(COUNT)).to_contain_text("3 of 3 rows on the map", timeout=30_000)
    expect(map_frame(page).locator(".office-marker")).to_have_count(3)
    assert record.errors == []


def test_uploaded_data_is_seen_only_by_its_own_session(
    app_server: StreamlitServer, browser: Browser, tmp_path: Path
) -> None:
    table = tmp_path / "secret.csv"
    table.write_text(TABLE.replace("Berlin office", "Secret project"), encoding="utf-8")
    first, first_record = open_page(browser)
    second, second_record = open_page(browser)
    open_your_data(first, first_record, app_server.url)
    upload(first, first_record, table)
    expect(map_frame(first).locator(".office-label-secret-project")).to_have_count(1)
    open_your_data(second, second_record, app_server.url)
    assert second.locator(COUNT).count() == 0
    assert "Secret project" not in second.content()
    second.goto(app_server.url)
    expect(map_frame(second).locator(".office-marker")).to_have_count(9, timeout=60_000)
    assert "Secret project" not in second.content()
    assert map_frame(second).locator(".office-label-secret-project").count() == 0
    # The first reader still has their map.
    expect(map_frame(first).locator(".office-label-secret-project")).to_have_count(1)


def test_the_downloaded_dataset_is_valid_and_runs_the_dashboard(
    app_server: StreamlitServer, browser: Browser, tmp_path: Path
) -> None:
    table = tmp_path / "offices.csv"
    table.write_text(TABLE, encoding="utf-8")
    page, record = open_page(browser)
    open_your_data(page, record, app_server.url)
    upload(page, record, table)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as dataset (offices.json)").click()
    path = tmp_path / "offices.json"
    download.value.save_as(path)
    dataset = parse_dataset(path.read_text(encoding="utf-8"), str(path))
    assert [office.city.get("en") for office in dataset.offices] == [
        "Berlin office",
        "Munich office",
    ]
    assert json.loads(path.read_text(encoding="utf-8"))["company"]["name"]["en"] == "Your company"
    frame = map_frame_object(page)
    frame.wait_for_function("!!(window.map && window.map.footprint)")
    expect(map_frame(page).locator(".office-marker")).to_have_count(2)


# Seventeen real places, most of them in Europe (the table that once collapsed into one
# cluster at the world view, with Lisbon under the legend and Stockholm under the controls).
EUROPE_TABLE = "city,country\n" + "".join(
    f"{city},{country}\n"
    for city, country in [
        ("Lisbon", "Portugal"), ("Madrid", "Spain"), ("Barcelona", "Spain"),
        ("Paris", "France"), ("Lyon", "France"), ("Brussels", "Belgium"),
        ("Amsterdam", "Netherlands"), ("London", "United Kingdom"), ("Dublin", "Ireland"),
        ("Berlin", "Germany"), ("Munich", "Germany"), ("Zurich", "Switzerland"),
        ("Milan", "Italy"), ("Vienna", "Austria"), ("Warsaw", "Poland"),
        ("Stockholm", "Sweden"), ("New York", "United States"),
    ]
)  # fmt: skip


@pytest.mark.parametrize("size", [(390, 844), (600, 400), (1400, 900)], ids=str)
def test_an_uploaded_table_is_framed_with_every_place_in_sight(
    app_server: StreamlitServer, browser: Browser, tmp_path: Path, size: tuple[int, int]
) -> None:
    table = tmp_path / "places.csv"
    table.write_text(EUROPE_TABLE, encoding="utf-8")
    page, record = open_page(browser, width=size[0], height=size[1])
    open_your_data(page, record, app_server.url)
    upload(page, record, table)
    expect(page.locator(COUNT)).to_contain_text("17 of 17 rows on the map")
    frame = map_frame_object(page)
    frame.wait_for_function(MAP_READY, timeout=30_000)
    frame.wait_for_function(MAP_SETTLED, timeout=30_000)
    check_map(frame.evaluate(MAP_DRAWN), 17, None)
    assert record.errors == []
