"""Real-browser fixtures: a Streamlit server per module and Debian's Chromium."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import (
    Browser,
    Frame,
    FrameLocator,
    Locator,
    Page,
    expect,
    sync_playwright,
)

from tests.browser.harness import (
    APP_IDLE,
    CHROMIUM_ARGS,
    MAP_IFRAME,
    StreamlitServer,
    chromium_path,
    is_local,
    start_streamlit,
    stop_streamlit,
    wait_for_app,
)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    path = chromium_path()
    if path is None:
        message = "Chromium not found: install Debian's chromium or set CHROMIUM_PATH"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    server = start_streamlit(tmp_path_factory.mktemp("server") / "streamlit.log")
    yield server
    stop_streamlit(server)


@dataclass
class PageRecord:
    """What a page did that tests check: uncaught errors, dialogs, messages sent."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    frames_sent: list[object] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def open_page(browser: Browser, width: int = 1400, height: int = 900) -> tuple[Page, PageRecord]:
    """A fresh page that records errors and dialogs; requests off this machine are refused."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    record = PageRecord()
    page.on("pageerror", lambda error: record.errors.append(str(error)))
    context.on("request", lambda request: record.requests.append(request.url))

    def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
        record.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on(
        "websocket",
        lambda ws: ws.on("framesent", lambda payload: record.frames_sent.append(payload)),
    )

    def refuse_foreign(route) -> None:  # type: ignore[no-untyped-def]
        if is_local(route.request.url):
            route.continue_()
        else:
            record.foreign_requests.append(route.request.url)
            route.abort()

    context.route("**/*", refuse_foreign)
    return page, record


@pytest.fixture
def page_and_record(browser: Browser) -> Iterator[tuple[Page, PageRecord]]:
    page, record = open_page(browser)
    yield page, record
    page.context.close()


def map_frame(page: Page) -> FrameLocator:
    return page.frame_locator(MAP_IFRAME)


def map_frame_object(page: Page) -> Frame:
    handle = page.locator(MAP_IFRAME).element_handle()
    assert handle is not None
    frame = handle.content_frame()
    assert frame is not None
    return frame


def settle(page: Page, record: PageRecord, quiet_seconds: float = 1.0) -> None:
    """Wait until the script is idle and the page has sent nothing for ``quiet_seconds``."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        page.wait_for_selector(APP_IDLE, timeout=30_000)
        sent = len(record.frames_sent)
        page.wait_for_timeout(quiet_seconds * 1000)
        if len(record.frames_sent) == sent and page.locator(APP_IDLE).count():
            return
    raise AssertionError("the app did not settle")


def load_app(page: Page, record: PageRecord, url: str, markers: int = 9) -> None:
    """Open ``url``, wait for the map's markers, and let the page settle."""
    page.goto(url)
    wait_for_app(page, markers=markers)
    settle(page, record)


def expect_details_for(page: Page, city: str) -> None:
    expect(page.locator(".st-key-office-details h3")).to_have_text(city, timeout=20_000)


def open_section(page: Page, record: PageRecord, key: str) -> Locator:
    """Open a section drawn only once opened (``st.expander(key=key)``); returns it."""
    section = page.locator(f".st-key-{key}")
    section.locator("summary").click()
    settle(page, record)
    return section
