"""The map's properties end to end, in the app and in the published page, at the sizes readers
use (a phone, a 600x400 iframe, a desktop), with and without a selection, under filters:
every office shown drawn once and none under a control, every name beside its own marker
and clear of everything, the selection drawn once, in sight and named, the legend open only
where the map has room for it. The same properties
are tested over many more cases in Node (tests/js/); these check that the page draws what
the pure code decides."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from components.data.schema import Dataset
from components.facts.queries import filter_offices
from components.map.view import View
from components.publish.page import standalone_map_html
from testing.pages import (
    MAP_DRAWN,
    MAP_READY,
    MAP_SETTLED,
    check_map,
    keep,
    load_app,
    map_frame_object,
    open_page,
)
from testing.server import StreamlitServer

SIZES = [(390, 844), (600, 400), (1400, 900)]
CASES = {
    "everything": {},
    "Paris selected": {"office": "paris"},
    "announced in Europe": {"status": "announced", "region": "EMEA"},
    "Tokyo in Asia-Pacific": {"office": "tokyo", "region": "APAC"},
    "Singapore, German": {"office": "singapore", "lang": "de"},
}

# The legend is open where the map is at least this tall, closed in a smaller frame.
LEGEND_ROOM = 400
LEGEND_OPEN = "() => document.querySelector('.office-legend').open"


def shown_count(dataset: Dataset, case: dict[str, str]) -> int:
    return len(filter_offices(dataset, case.get("status", "all"), case.get("region", "all")))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("case", list(CASES))
def test_the_apps_map_keeps_its_properties(
    app_server: StreamlitServer,
    browser: Browser,
    dataset: Dataset,
    size: tuple[int, int],
    case: str,
) -> None:
    view = CASES[case]
    page, record = open_page(browser, width=size[0], height=size[1])
    query = "&".join(f"{key}={value}" for key, value in {"lang": "en", **view}.items())
    load_app(page, record, f"{app_server.url}/?{query}", markers=None)
    frame = map_frame_object(page)
    frame.wait_for_function(MAP_SETTLED, timeout=30_000)
    drawn = frame.evaluate(MAP_DRAWN)
    check_map(drawn, shown_count(dataset, view), view.get("office"))
    assert frame.evaluate(LEGEND_OPEN) == (drawn["map"]["h"] >= LEGEND_ROOM)
    assert record.errors == []


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("case", list(CASES))
def test_the_published_page_keeps_its_properties(
    browser: Browser, dataset: Dataset, tmp_path: Path, size: tuple[int, int], case: str
) -> None:
    view = CASES[case]
    fixed = View(
        office=view.get("office"),
        lang=view.get("lang", "en"),
        status=view.get("status", "all"),
        region=view.get("region", "all"),
    )
    path = tmp_path / "map.html"
    path.write_text(standalone_map_html(dataset, fixed), encoding="utf-8")
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = keep(context.new_page())
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_function(MAP_READY, timeout=30_000)
    page.wait_for_function(MAP_SETTLED, timeout=30_000)
    drawn = page.evaluate(MAP_DRAWN)
    check_map(drawn, shown_count(dataset, view), view.get("office"))
    assert page.evaluate(LEGEND_OPEN) == (drawn["map"]["h"] >= LEGEND_ROOM)
    if fixed.office:
        # The details are beside the map (under it on a phone), never over it.
        panel = page.locator("#footprint-details").bounding_box()
        assert panel is not None
        map_box = drawn["map"]
        assert (
            panel["x"] >= map_box["x"] + map_box["w"] - 0.5
            or panel["y"] >= map_box["y"] + map_box["h"] - 0.5
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    assert errors == []
