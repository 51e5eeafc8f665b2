"""Five thousand offices: one data block, clusters that expand on click, every office
reachable as a clickable marker, by the map and by search."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from bench.generate import generate
from components.data.loading import load_dataset
from components.data.schema import Dataset
from testing.pages import (
    HIT_AT_CENTRE,
    MAP_READY,
    MAP_SETTLED,
    PageRecord,
    expect_details_for,
    map_frame,
    map_frame_object,
    open_page,
    wait_until_answered,
)
from testing.server import StreamlitServer, start_streamlit, stop_streamlit

OFFICES = 5000


@pytest.fixture(scope="module")
def big_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data: Path = tmp_path_factory.mktemp("scale") / "offices.json"
    data.write_text(json.dumps(generate(OFFICES)), encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def big_dataset(big_data: Path) -> Dataset:
    return load_dataset(big_data)


@pytest.fixture(scope="module")
def big_server(big_data: Path) -> Iterator[StreamlitServer]:
    server = start_streamlit(big_data.parent / "streamlit.log", data_path=big_data)
    yield server
    stop_streamlit(server)


@pytest.fixture
def big_page(big_server: StreamlitServer, browser: Browser) -> Iterator[tuple[Page, PageRecord]]:
    page, record = open_page(browser)
    page.goto(big_server.url)
    frame = map_frame(page)
    expect(frame.locator(".office-cluster").first).to_be_visible(timeout=60_000)
    map_frame_object(page).wait_for_function(MAP_READY, timeout=30_000)
    wait_until_answered(page, record)
    yield page, record
    assert record.errors == []


def clustered(page: Page, dataset: Dataset) -> tuple[str, str]:
    """An office that sits in a cluster at the current view, and whose city's name no other
    office has (so that a search finds it alone): its id and city."""
    names = Counter(office.city.get("en") for office in dataset.offices)
    unique = [office for office in dataset.offices if names[office.city.get("en")] == 1]
    where = map_frame_object(page).evaluate(
        "(ids) => ids.map((id) => window.map.footprint.layer().whereIs(id))",
        [office.id for office in unique],
    )
    width, height = map_frame_object(page).evaluate(
        "() => [window.map.getSize().x, window.map.getSize().y]"
    )
    in_clusters = [
        (w["count"], office.id, office.city.get("en"))
        for office, w in zip(unique, where, strict=True)
        if w
        and w["kind"] == "cluster"
        and 120 < w["x"] < width - 120
        and 120 < w["y"] < height - 120  # clear of the controls
    ]
    _count, office_id, city = min(in_clusters)  # the smallest cluster: a few clicks away
    return office_id, city


def test_a_load_shows_clusters_and_markers_that_keep_the_contract(
    big_page: tuple[Page, PageRecord],
) -> None:
    page, record = big_page
    assert record.conversation.requests == 2  # the load: its first screen, then the rest
    frame = map_frame(page)
    counts = [
        int(re.sub(r"\D", "", text)) for text in frame.locator(".office-cluster").all_inner_texts()
    ]
    markers = frame.locator(".office-marker")
    drawn = sum(counts) + markers.count()
    assert 4000 < drawn <= OFFICES  # all of them, but those just off the map's edges
    for marker in markers.all():
        classes = str(marker.get_attribute("class")).split()
        assert classes[:1] == ["office-marker"]
        assert classes[1].startswith("office-") and classes[2] in (
            "office-existing",
            "office-announced",
        )
        assert marker.get_attribute("tabindex") == "0"


def test_clusters_expand_on_click_until_the_office_is_a_marker(
    big_page: tuple[Page, PageRecord], big_dataset: Dataset
) -> None:
    page, record = big_page
    leaflet = map_frame_object(page)
    office_id, city = clustered(page, big_dataset)
    frame = map_frame(page)
    runs = record.conversation.requests
    for _ in range(20):
        if frame.locator(f".office-marker.office-{office_id}").count():
            break
        # The cluster holding the office: click it, and wait for the map to settle.
        held = leaflet.evaluate(
            """(id) => {
                const where = window.map.footprint.layer().whereIs(id);
                return [where.x, where.y, window.map.getZoom()];
            }""",
            office_id,
        )
        leaflet.evaluate("void window.map.once('moveend', () => { window.__moved = true; })")
        leaflet.evaluate("window.__moved = false")
        box = page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + held[0], box["y"] + held[1])
        leaflet.wait_for_function("window.__moved === true")
        assert leaflet.evaluate("window.map.getZoom()") > held[2]
    marker = frame.locator(f".office-marker.office-{office_id}")
    expect(marker).to_have_count(1)
    assert record.conversation.requests == runs  # zooming in reran nothing
    assert f"office-{office_id}" in marker.evaluate(HIT_AT_CENTRE)
    marker.click()
    expect_details_for(page, city)


def test_search_reveals_an_office_hidden_in_a_cluster(
    big_page: tuple[Page, PageRecord], big_dataset: Dataset
) -> None:
    page, _ = big_page
    office_id, city = clustered(page, big_dataset)
    box = page.locator(".st-key-search input")
    box.fill(city)
    box.press("Enter")
    page.locator("[class*='st-key-search-results'] button").first.click()
    expect_details_for(page, city)
    selected = map_frame(page).locator(f".office-marker.office-{office_id}.office-selected")
    expect(selected).to_have_count(1, timeout=20_000)
    map_frame_object(page).wait_for_function(MAP_SETTLED)
    assert f"office-{office_id}" in selected.evaluate(HIT_AT_CENTRE)
