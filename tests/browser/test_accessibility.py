"""No serious or critical axe-core violation on the page or in the map's frame: the default
view and an office selected, in both languages and both themes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from components.facts.timeline import PAGE_COLOURS
from testing.pages import (
    TEXT_CONTRASTS,
    expect_details_for,
    load_app,
    map_frame,
    map_frame_object,
    open_page,
    violations,
    wait_until_answered,
)
from testing.server import StreamlitServer


@pytest.mark.parametrize(
    ("lang", "selected", "scheme"),
    [
        ("en", None, "light"),
        ("de", "tokyo", "light"),
        ("en", "paris", "dark"),
        ("de", None, "dark"),
    ],
)
def test_no_serious_accessibility_violation(
    app_server: StreamlitServer,
    browser: Browser,
    lang: str,
    selected: str | None,
    scheme: str,
) -> None:
    page, record = open_page(browser)
    page.emulate_media(color_scheme="dark" if scheme == "dark" else "light")
    load_app(page, record, f"{app_server.url}/?lang={lang}")
    if selected:
        map_frame(page).locator(f".office-marker.office-{selected}").click()
        expect_details_for(page, {"tokyo": "Tokio", "paris": "Paris"}[selected])
        wait_until_answered(page, record)
    assert violations(page) == []
    assert violations(map_frame_object(page)) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_has_the_contrast_wcag_aa_asks(
    app_server: StreamlitServer, browser: Browser, scheme: str
) -> None:
    """Measured, not assumed: every visible text on the page (captions, quotes, the "as of"
    slider's dates, the details) and in the map's frame (legend, controls, attribution),
    an office selected and the leaders shown, in the light and the dark theme."""
    page, record = open_page(browser)
    page.emulate_media(color_scheme="dark" if scheme == "dark" else "light")
    load_app(page, record, f"{app_server.url}/?office=paris")
    # The page's colours are those the timeline's chart (a canvas) takes its words' from.
    ink, paper = PAGE_COLOURS[scheme]
    app = page.locator(".stApp")
    assert app.evaluate("a => getComputedStyle(a).color") == css_rgb(ink)
    assert app.evaluate("a => getComputedStyle(a).backgroundColor") == css_rgb(paper)
    page_texts = page.evaluate(TEXT_CONTRASTS, "iframe")
    map_texts = map_frame_object(page).evaluate(TEXT_CONTRASTS, ".office-label")
    assert len(page_texts) > 100 and len(map_texts) > 5  # the texts were found
    low = [t for t in (*page_texts, *map_texts) if t["ratio"] < t["needed"]]
    assert low == []


def css_rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"
