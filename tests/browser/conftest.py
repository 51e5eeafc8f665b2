"""Real-browser fixtures: a Streamlit server per module, Debian's Chromium, pages that record
what they do, and evidence (screenshots, server log) kept when a test fails."""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    Dialog,
    Frame,
    FrameLocator,
    Locator,
    Page,
    Route,
    WebSocket,
    expect,
    sync_playwright,
)

from components.text.catalog import _
from testing.browser import (
    APP_IDLE,
    CHROMIUM_ARGS,
    MAP_IFRAME,
    Conversation,
    chromium_path,
    is_local,
)
from testing.server import REPO_ROOT, StreamlitServer, start_streamlit, stop_streamlit

EVIDENCE = REPO_ROOT / "test-results"
WAIT_SECONDS = 30
# A first visit runs the script once: the map reports nothing until a marker is clicked.
RUNS_AT_LOAD = 1
_open_pages: list[Page] = []


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
    """What a page did that tests check: uncaught errors, dialogs, requests, and its
    conversation with the Streamlit server."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    conversation: Conversation = field(default_factory=Conversation)


def open_page(browser: Browser, width: int = 1400, height: int = 900) -> tuple[Page, PageRecord]:
    """A fresh page that records errors and dialogs; requests off this machine are refused."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    record = PageRecord()
    page.on("pageerror", lambda error: record.errors.append(str(error)))
    context.on("request", lambda request: record.requests.append(request.url))

    def on_dialog(dialog: Dialog) -> None:
        record.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_websocket(socket: WebSocket) -> None:
        socket.on("framesent", record.conversation.sent)
        socket.on("framereceived", record.conversation.received)

    def refuse_foreign(route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            record.foreign_requests.append(route.request.url)
            route.abort()

    page.on("dialog", on_dialog)
    page.on("websocket", on_websocket)
    context.route("**/*", refuse_foreign)
    return keep(page), record


def keep(page: Page) -> Page:
    """Keep a page for the failure report (its screenshot) and close it after the test."""
    _open_pages.append(page)
    page.context.on("close", lambda _: _open_pages.remove(page) if page in _open_pages else None)
    return page


@pytest.fixture(autouse=True)
def _close_pages_after_the_report() -> Iterator[None]:
    """Pages a test opened are closed after its report, so a failure's screenshot sees
    them as they were."""
    yield
    for page in list(_open_pages):
        with suppress(Exception):
            page.context.close()


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


def wait_until_answered(page: Page, record: PageRecord, runs: int = 1) -> None:
    """Wait until the page has asked for at least ``runs`` script runs, every run it asked
    for has finished, and the page shows the script as idle."""
    conversation = record.conversation
    deadline = time.monotonic() + WAIT_SECONDS
    while not (
        conversation.requests >= runs and conversation.answered() and page.locator(APP_IDLE).count()
    ):
        if time.monotonic() > deadline:
            raise AssertionError(
                f"the app did not answer within {WAIT_SECONDS} s: {conversation.requests} runs "
                f"asked for, {conversation.finished} finished"
            )
        page.wait_for_timeout(25)  # lets Playwright deliver events between checks


def load_app(page: Page, record: PageRecord, url: str, markers: int = 9) -> None:
    """Open ``url`` and wait until the map shows ``markers`` markers (and no more), has
    applied the page's view, and every script run of the load has finished."""
    page.goto(url)
    frame = map_frame(page)
    expect(frame.locator(".office-marker")).to_have_count(markers, timeout=60_000)
    map_frame_object(page).wait_for_function(MAP_READY, timeout=30_000)
    wait_until_answered(page, record, runs=RUNS_AT_LOAD)


# The map has drawn its markers and labels for the view the page sent it.
MAP_READY = """() => {
    const footprint = window.map && window.map.footprint;
    return !!footprint && footprint._layer._ready && !!footprint._viewFromPage
        && document.querySelectorAll('.office-pane-waiting').length === 0;
}"""


def picker_value(page: Page, lang: str = "en") -> Locator:
    """The office list's input, by its name in ``lang`` (while a language switch runs, the
    old list is still on the page)."""
    return page.get_by_role("combobox", name=_("Office", lang), exact=True)


def expect_details_for(page: Page, city: str) -> None:
    expect(page.locator(".st-key-office-details h3")).to_have_text(city, timeout=20_000)


def open_section(page: Page, record: PageRecord, key: str) -> Locator:
    """Open a section drawn only once opened (``st.expander(key=key)``); returns it."""
    section = page.locator(f".st-key-{key}")
    runs = record.conversation.requests
    section.locator("summary").click()
    wait_until_answered(page, record, runs=runs + 1)
    return section


# Evidence of a failure ---------------------------------------------------------------------


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """When a browser test fails, save a screenshot of every page it left open and the log
    of every server it used, and name the files in the report."""
    report = yield
    if report.when == "call" and report.failed:
        saved = _save_evidence(item)
        if saved:
            report.sections.append(("evidence", "\n".join(str(path) for path in saved)))
            print("evidence:", *saved, sep="\n  ")
    return report


def _save_evidence(item: pytest.Item) -> list[Path]:
    folder = EVIDENCE / re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid)
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for index, page in enumerate(list(_open_pages)):
        path = folder / f"page-{index}.png"
        try:
            page.screenshot(path=str(path), full_page=True)
        except Exception as error:  # a crashed page must not hide the test's own failure
            path = folder / f"page-{index}.txt"
            path.write_text(f"no screenshot: {error}\n", encoding="utf-8")
        saved.append(path)
    funcargs = getattr(item, "funcargs", {})
    for name, value in funcargs.items():
        if isinstance(value, StreamlitServer):
            path = folder / f"{name}.log"
            shutil.copyfile(value.log_path, path)
            saved.append(path)
    return saved
