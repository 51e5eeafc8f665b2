"""Start the app and the browser for real-browser tests and benchmarks.

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
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

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


def start_streamlit(
    log_path: Path,
    data_path: Path | None = None,
    script: str = "app.py",
    extra_env: dict[str, str] | None = None,
) -> StreamlitServer:
    """Start ``streamlit run SCRIPT`` from the repository root and wait until it is healthy."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {})}
    env.pop("OFFICES_DATA", None)
    if data_path is not None:
        env["OFFICES_DATA"] = str(data_path)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", script,
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


def is_local(url: str) -> bool:
    """Whether a request stays on this machine (tests and benchmarks refuse all others)."""
    return url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:"))


def wait_for_app(page: Page, markers: int = 9) -> None:
    """Wait until the script is idle and the map shows its markers."""
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    page.frame_locator(MAP_IFRAME).locator(".office-marker").nth(markers - 1).wait_for(
        timeout=60_000
    )
    page.wait_for_selector(APP_IDLE, timeout=60_000)
