"""The first screen shows the map, on a desktop whole with its legend; the map's controls
follow the screen's width and the page's theme."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from testing.browser import MAP_IFRAME
from testing.pages import (
    PageRecord,
    load_app,
    map_frame,
    open_page,
    relative_luminance,
    rgb,
    wait_until_answered,
)
from testing.server import StreamlitServer


def test_the_whole_map_and_its_legend_are_in_the_first_screen(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord]
) -> None:
    page, record = page_and_record
    load_app(page, record, app_server.url)
    assert page.evaluate("window.scrollY") == 0
    iframe = page.locator(MAP_IFRAME).bounding_box()
    assert iframe is not None
    assert iframe["y"] >= 0 and iframe["y"] + iframe["height"] <= 900
    legend = map_frame(page).locator(".office-legend").bounding_box()
    assert legend is not None and legend["y"] + legend["height"] <= 900
    # The layer list is folded to its button (open, it would cover offices); the legend is
    # open; the headline figures take one line.
    expect(map_frame(page).locator(".leaflet-control-layers-expanded")).to_have_count(0)
    expect(map_frame(page).locator(".office-legend")).to_have_attribute("open", "")
    figures = page.locator(".st-key-figures").bounding_box()
    assert figures is not None and figures["height"] < 80


def test_on_a_phone_the_map_starts_in_the_first_screen_with_its_legend_open(
    app_server: StreamlitServer, browser: Browser
) -> None:
    page, record = open_page(browser, width=390, height=844)
    load_app(page, record, app_server.url)
    iframe = page.locator(MAP_IFRAME).bounding_box()
    assert iframe is not None and iframe["y"] < 844 - 200  # well into the first screen
    frame = map_frame(page)
    expect(frame.locator(".leaflet-control-layers-expanded")).to_have_count(0)
    # The map is tall enough for the legend: open, it explains the symbols at once.
    expect(frame.locator(".office-legend")).to_have_attribute("open", "")
    layers = frame.locator(".leaflet-control-layers").bounding_box()
    assert layers is not None and layers["width"] < 60  # a button, not the list
    assert record.errors == []


def test_the_map_follows_the_dark_theme(app_server: StreamlitServer, browser: Browser) -> None:
    page, record = open_page(browser)
    page.emulate_media(color_scheme="dark")
    load_app(page, record, app_server.url)
    frame = map_frame(page)
    expect(frame.locator(".leaflet-container.footprint-dark")).to_have_count(1)
    for selector in (".office-legend", ".leaflet-control-zoom-in", ".leaflet-control-layers"):
        background = frame.locator(selector).first.evaluate(
            "e => getComputedStyle(e).backgroundColor"
        )
        assert relative_luminance(rgb(background)) < 0.1, selector
    ink = frame.locator(".office-label-tokyo").evaluate("e => getComputedStyle(e).color")
    assert relative_luminance(rgb(ink)) > 0.8
    sea = frame.locator(".leaflet-container").evaluate("e => getComputedStyle(e).backgroundColor")
    assert relative_luminance(rgb(sea)) < 0.05
    assert record.errors == []


@pytest.mark.parametrize("size", [(1400, 900), (767, 700), (600, 400), (390, 844)])
def test_the_language_switch_and_your_data_are_whole_at_every_size(
    app_server: StreamlitServer, browser: Browser, size: tuple[int, int]
) -> None:
    """Under the navigation bar, inside the screen, the language switch is whole; "Your
    data" is one visible link away without opening a sidebar (below 768 px Streamlit folds
    its navigation into one), and it opens that page."""
    width, height = size
    page, record = open_page(browser, width=width, height=height)
    load_app(page, record, app_server.url)
    header = page.locator("header[data-testid='stHeader']").bounding_box()
    assert header is not None
    for name in ("English", "Deutsch"):
        box = page.locator(".st-key-lang").get_by_text(name, exact=True).bounding_box()
        assert box is not None
        assert box["y"] >= header["y"] + header["height"] - 0.5, name
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, name
    (link,) = on_screen(page, page.get_by_role("link", name="Your data"), width)
    link.click()
    expect(page).to_have_url(re.compile(r"/your-data"))
    expect(page.get_by_role("heading", name="Your data", level=1)).to_be_visible()
    assert len(on_screen(page, page.get_by_role("link", name="Map"), width)) == 1
    assert record.errors == []


def on_screen(page: Page, links: Locator, width: int) -> list[Locator]:
    """The links a reader sees: not in a folded sidebar (which lies left of the screen)."""
    page.wait_for_timeout(300)  # the page's layout settled
    shown = []
    for link in links.all():
        box = link.bounding_box() if link.is_visible() else None
        if box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width:
            shown.append(link)
    return shown


DETAILS_BODY = ".st-key-office-details [class*='st-key-office-details-body']"


def test_on_a_desktop_the_details_stay_beside_the_map_and_the_page_below_is_whole(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord]
) -> None:
    """At 1400x900 with an office selected: map and details in the first screen together
    (the details scroll within their column, ending with the map's row), the leaders right
    under that row at the page's width, and another office's details start at their top."""
    page, record = page_and_record
    load_app(page, record, app_server.url + "/?office=paris")
    iframe = page.locator(MAP_IFRAME).bounding_box()
    details = page.locator(".st-key-office-details").bounding_box()
    exports = page.locator(".st-key-exports").bounding_box()
    leaders = page.locator(".st-key-leaders").bounding_box()
    assert iframe and details and exports and leaders
    assert details["x"] > iframe["x"] + iframe["width"]  # beside the map
    assert details["y"] + details["height"] <= 900  # whole in the first screen
    # The details end with the map; the leaders follow the row under it (links, downloads).
    assert abs((details["y"] + details["height"]) - (iframe["y"] + iframe["height"])) < 24
    assert 0 <= leaders["y"] - (exports["y"] + exports["height"]) < 40
    assert leaders["width"] > 0.95 * (details["x"] + details["width"] - iframe["x"])
    body = page.locator(DETAILS_BODY)
    assert body.evaluate("b => b.scrollHeight > b.clientHeight")  # Paris's details scroll
    body.evaluate("b => { b.scrollTop = b.scrollHeight; }")
    runs = record.conversation.requests
    page.locator(".st-key-office-details").get_by_role("link").first.focus()  # reachable
    map_frame(page).locator(".office-marker.office-tokyo").click()
    wait_until_answered(page, record, runs=runs + 1)
    expect(page.locator(".st-key-office-details h3")).to_have_text("Tokyo")
    assert page.locator(DETAILS_BODY).evaluate("b => b.scrollTop") == 0


def test_on_a_phone_the_details_do_not_scroll_within_the_page(
    app_server: StreamlitServer, browser: Browser
) -> None:
    page, record = open_page(browser, width=390, height=844)
    load_app(page, record, app_server.url + "/?office=paris")
    style = page.locator(DETAILS_BODY).evaluate(
        "b => [getComputedStyle(b).maxHeight, getComputedStyle(b).overflowY]"
    )
    assert style == ["none", "visible"]  # the page scrolls, not a box within it
