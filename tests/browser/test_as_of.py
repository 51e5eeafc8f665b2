"""The expansion played in Debian's Chromium: from the article's date to the latest, the
map's markers and arcs at each date are the offices of that date, with their status, in the
same map (each date a message to it, never a new map)."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

from components.data.at_date import LATEST, dataset_at, resolve_step, steps
from components.data.dates import partial_date_end
from components.data.schema import Dataset
from components.map.builder import day_number
from components.text.formatting import format_partial_date
from components.text.names import status_name
from testing.pages import (
    MAP_SETTLED,
    PageRecord,
    load_app,
    map_frame,
    map_frame_object,
    wait_until_answered,
)
from testing.server import StreamlitServer

MARKER_LABELS = (
    "() => Array.from(document.querySelectorAll('.office-marker'),"
    " marker => marker.getAttribute('aria-label')).sort()"
)
# Each arc drawn, as "office status" from its classes.
ARCS = (
    "() => Array.from(document.querySelectorAll('path.expansion-arc'), arc =>"
    " Array.from(arc.classList).filter(c => c.startsWith('arc-') ||"
    " c.startsWith('expansion-arc-')).sort().join(' ')).sort()"
)
SAME_MAP = "() => window.__mapOfThisTest === true"


def expected_arcs(catalog: Dataset, step: str) -> list[str]:
    footprint = dataset_at(catalog, step)
    return sorted(
        f"arc-{o.id} expansion-arc-{o.status}"
        for o in footprint.offices
        if o.id != footprint.company.headquarters
    )


def expected_markers(catalog: Dataset, step: str, lang: str = "en") -> list[str]:
    footprint = dataset_at(catalog, step)
    return sorted(f"{o.city.get(lang)}, {status_name(o.status, lang)}" for o in footprint.offices)


def shown_as_of(page: Page) -> str:
    return parse_qs(urlparse(page.url).query).get("as_of", [""])[0]


def test_playing_the_expansion_shows_each_dates_offices(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord], catalog: Dataset
) -> None:
    page, record = page_and_record
    load_app(page, record, app_server.url + "/?arcs=1")
    frame = map_frame(page)
    container = frame.locator(".leaflet-container")
    assert container.evaluate(MARKER_LABELS) == expected_markers(catalog, resolve_step(catalog, ""))
    assert container.evaluate(ARCS) == expected_arcs(catalog, resolve_step(catalog, ""))
    container.evaluate("() => { window.__mapOfThisTest = true; }")
    page.get_by_role("button", name="Play").click()
    # Watch the address and the markers until the play reaches the latest date: for each
    # date, the markers last seen while the address said it.
    seen: dict[str, list[str]] = {}
    arcs: dict[str, list[str]] = {}
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        as_of = shown_as_of(page)
        labels = container.evaluate(MARKER_LABELS, timeout=2_000)
        drawn = container.evaluate(ARCS, timeout=2_000)
        if as_of and shown_as_of(page) == as_of:
            seen[as_of], arcs[as_of] = labels, drawn
        if as_of == LATEST and labels == expected_markers(catalog, steps(catalog)[-1]):
            break
        page.wait_for_timeout(100)
    later = [s for s in steps(catalog) if s > resolve_step(catalog, "")]
    played = [LATEST if s == steps(catalog)[-1] else s for s in later]
    assert list(seen) == played, "every date after the article's, in order"
    for as_of, labels in seen.items():
        assert labels == expected_markers(catalog, resolve_step(catalog, as_of)), as_of
        assert arcs[as_of] == expected_arcs(catalog, resolve_step(catalog, as_of)), as_of
    assert container.evaluate(SAME_MAP), "the map was never rebuilt"
    # At the latest date the play stops, and says so.
    page.wait_for_timeout(2_000)
    assert shown_as_of(page) == LATEST
    assert page.get_by_role("button", name="Play").count() == 1


def test_moving_the_slider_is_answered_on_the_map_before_the_server_is_asked(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord], catalog: Dataset
) -> None:
    """Held and moved to the end, the slider shows the latest footprint on the map while no
    script run has been asked for; let go, the page follows and keeps the date."""
    page, record = page_and_record
    load_app(page, record, app_server.url)
    container = map_frame(page).locator(".leaflet-container")
    slider = page.get_by_role("slider", name="As of")
    assert slider.get_attribute("aria-valuetext") == "9 October 2024"
    box = slider.bounding_box()
    assert box is not None
    runs = record.conversation.requests
    latest = resolve_step(catalog, LATEST)
    middle_y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 1, middle_y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] + 20, middle_y, steps=12)
    expect(container).to_have_attribute(
        "data-footprint-as-of", str(day_number(partial_date_end(latest)))
    )
    map_frame_object(page).wait_for_function(MAP_SETTLED)
    assert container.evaluate(MARKER_LABELS) == expected_markers(catalog, latest)
    assert record.conversation.requests == runs, "the map answered without the server"
    page.mouse.up()
    wait_until_answered(page, record, runs=runs + 1)
    expect(page).to_have_url(re.compile(r"as_of=latest"))
    expect(page.get_by_role("button", name="Today")).to_be_disabled()
    assert container.evaluate(MARKER_LABELS) == expected_markers(catalog, latest)
    assert record.errors == []


def test_the_slider_is_a_keyboard_control_with_the_dates_spoken(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord], catalog: Dataset
) -> None:
    page, record = page_and_record
    load_app(page, record, app_server.url + "/?lang=de")
    slider = page.get_by_role("slider", name="Stand")
    runs = record.conversation.requests
    slider.focus()
    page.keyboard.press("ArrowRight")
    following = steps(catalog)[steps(catalog).index(resolve_step(catalog, "")) + 1]
    expect(slider).to_have_attribute("aria-valuetext", format_partial_date(following, "de"))
    wait_until_answered(page, record, runs=runs + 1)
    expect(page).to_have_url(re.compile(f"as_of={following}"))
    container = map_frame(page).locator(".leaflet-container")
    assert container.evaluate(MARKER_LABELS) == expected_markers(catalog, following, "de")
