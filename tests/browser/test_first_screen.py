"""The map page draws its first screen (title, figures, map) first and the rest once the map
is drawn: at every size and in both languages the map does not move when the rest comes, it
is the same map (never mounted anew), and the rest comes without the reader doing anything."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from testing.browser import MAP_IFRAME
from testing.pages import (
    FIRST_SCREEN_PLACES,
    MAP_READY,
    PAGE_SETTLED,
    PAGE_WHOLE,
    map_frame_object,
    open_page,
    wait_until_answered,
)
from testing.server import StreamlitServer

SIZES = [(1400, 900), (767, 700), (600, 400), (390, 844)]
MAP_TOP = f"() => document.querySelector({MAP_IFRAME!r}).getBoundingClientRect().top"
# The page as it stands the moment the map says it is drawn (before the bridge hears it).
AT_MAP_DRAWN = f"""
window.addEventListener("message", (event) => {{
  if (event.data && event.data.type === "footprint:drawn" && !window.__atMapDrawn) {{
    window.__atMapDrawn = {{
      top: ({MAP_TOP})(),
      placesKept: document.querySelectorAll({FIRST_SCREEN_PLACES!r}).length,
      leaders: document.querySelectorAll(".st-key-leaders").length,
    }};
  }}
}});
"""


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_rest_of_the_page_comes_after_the_map_without_moving_it(
    app_server: StreamlitServer, browser: Browser, width: int, height: int, lang: str
) -> None:
    page, record = open_page(browser, width=width, height=height)
    page.add_init_script(AT_MAP_DRAWN)
    page.goto(f"{app_server.url}/?lang={lang}")
    frame = map_frame_object(page)
    frame.wait_for_function(MAP_READY, timeout=60_000)
    frame.evaluate("window.__firstScreenMap = true")
    page.wait_for_function(PAGE_WHOLE, timeout=60_000)
    wait_until_answered(page, record)
    # The map was drawn before the rest came: the first screen's places were still kept.
    at_map_drawn = page.evaluate("window.__atMapDrawn")
    assert at_map_drawn["placesKept"] == 3 and at_map_drawn["leaders"] == 0
    assert page.locator(FIRST_SCREEN_PLACES).count() == 0
    for key in ("filters", "as-of", "office-details", "exports", "leaders", "funding"):
        assert page.locator(f".st-key-{key}").count() == 1, key
    page.wait_for_function(PAGE_SETTLED, timeout=30_000)
    now = page.evaluate(MAP_TOP)
    assert abs(now - at_map_drawn["top"]) <= 2
    assert map_frame_object(page).evaluate("window.__firstScreenMap === true")
    assert record.errors == []
