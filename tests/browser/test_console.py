"""Every page opened by its address, as a shared link opens it: no error in the browser's
console, no failed request, except the two that Streamlit's front end makes itself on a
page other than the first (streamlit/streamlit#7074, docs/upstream/
streamlit-subpage-health-404.md): when that is fixed, this test says so."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Response, expect

from testing.pages import load_app, open_page
from testing.server import StreamlitServer

# What Streamlit's front end asks for under a page's own address before the app's.
UPSTREAM_404 = ("/your-data/_stcore/health", "/your-data/_stcore/host-config")


@pytest.mark.parametrize(
    ("path", "expected_failures"),
    [
        ("/", ()),
        ("/?office=tokyo&lang=de&status=existing&as_of=latest&arcs=1", ()),
        ("/your-data", UPSTREAM_404),
        ("/your-data?lang=de", UPSTREAM_404),
    ],
)
def test_a_page_opened_by_its_address_logs_no_error(
    app_server: StreamlitServer, browser: Browser, path: str, expected_failures: tuple[str, ...]
) -> None:
    page, record = open_page(browser)
    failed: list[str] = []
    errors: list[str] = []

    def on_response(response: Response) -> None:
        if response.status >= 400:
            failed.append(response.url.removeprefix(app_server.url))

    def on_console(message: ConsoleMessage) -> None:
        # Errors only: Chromium warns of each feature a component's frame may not use
        # ("Unrecognized feature: 'battery'", Streamlit's iframe policy), which is no fault.
        if message.type == "error":
            errors.append(message.text)

    page.on("response", on_response)
    page.on("console", on_console)
    if path.startswith("/your-data"):
        page.goto(app_server.url + path)
        heading = {"en": "Your data", "de": "Ihre Daten"}["de" if "lang=de" in path else "en"]
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible(timeout=60_000)
        page.wait_for_timeout(1_000)
    else:
        load_app(page, record, app_server.url + path, markers=None)
    assert sorted(failed) == sorted(expected_failures)
    # The browser reports each failed request in the console too: those, and nothing else.
    assert len(errors) == len(expected_failures), errors
    assert all("404" in error for error in errors)
    assert record.errors == [] and record.foreign_requests == []
