"""No serious or critical axe-core violation on the page or in the map's frame: the default
view and an office selected, in both languages and both themes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from testing.pages import (
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
