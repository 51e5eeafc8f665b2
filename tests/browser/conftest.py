"""Real-browser fixtures: a Streamlit server started per module, and Debian's Chromium.

The way Streamlit's own e2e suite does it: start ``streamlit run`` on a free port, poll
``/_stcore/health`` instead of sleeping, and write the server log to a file (a pipe can
fill up and deadlock the server).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Frame, FrameLocator, Page, sync_playwright

REPO_ROOT = Path(__file__).resolve().parents[2]
DEBIAN_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # tests run as root in CI
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def chromium_path() -> str | None:
    """``$CHROMIUM_PATH`` if set, else Debian's Chromium."""
    configured = os.environ.get("CHROMIUM_PATH")
    for candidate in (configured, DEBIAN_CHROMIUM, shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class StreamlitServer:
    url: str
    log_path: Path
    process: subprocess.Popen[bytes]

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def start_streamlit(log_path: Path, data_path: Path | None = None) -> StreamlitServer:
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("OFFICES_DATA", None)
    if data_path is not None:
        env["OFFICES_DATA"] = str(data_path)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", "app.py",
                "--server.headless=true", f"--server.port={port}",
                "--server.address=127.0.0.1", "--server.fileWatcherType=none",
            ],
            cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    server = StreamlitServer(f"http://127.0.0.1:{port}", log_path, process)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{server.log()}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    stop_streamlit(server)
    raise RuntimeError(f"streamlit did not become healthy in 60 s:\n{server.log()}")


def stop_streamlit(server: StreamlitServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


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


def _is_local(url: str) -> bool:
    return url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:"))


def open_page(browser: Browser, width: int = 1400, height: int = 900) -> tuple[Page, PageRecord]:
    """A fresh page that records errors and dialogs; requests off this machine are refused."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    record = PageRecord()
    page.on("pageerror", lambda error: record.errors.append(str(error)))

    def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
        record.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on(
        "websocket",
        lambda ws: ws.on("framesent", lambda payload: record.frames_sent.append(payload)),
    )

    def refuse_foreign(route) -> None:  # type: ignore[no-untyped-def]
        if _is_local(route.request.url):
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


def wait_for_app(page: Page, markers: int = 9) -> None:
    """Wait until the script is idle and the map shows its markers."""
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    frame = map_frame(page)
    frame.locator(".office-marker").nth(markers - 1).wait_for(timeout=60_000)
    page.wait_for_selector(APP_IDLE, timeout=60_000)
