"""Real-browser fixtures: a Streamlit server per module, Debian's Chromium, pages closed
after each test's report, and evidence (screenshots, server log) kept when a test fails.
What tests do with a page is in :mod:`testing.pages`."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    Page,
    sync_playwright,
)

from testing.browser import (
    CHROMIUM_ARGS,
    chromium_path,
)
from testing.pages import OPEN_PAGES, PageRecord, open_page
from testing.server import REPO_ROOT, StreamlitServer, start_streamlit, stop_streamlit

EVIDENCE = REPO_ROOT / "test-results"


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


@pytest.fixture(autouse=True)
def _close_pages_after_the_report() -> Iterator[None]:
    """Pages a test opened are closed after its report, so a failure's screenshot sees
    them as they were."""
    yield
    for page in list(OPEN_PAGES):
        with suppress(Exception):
            page.context.close()


@pytest.fixture
def page_and_record(browser: Browser) -> Iterator[tuple[Page, PageRecord]]:
    page, record = open_page(browser)
    yield page, record
    page.context.close()


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
    for index, page in enumerate(list(OPEN_PAGES)):
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
