"""Hostile tables against a running app, while another reader clicks, in headless Chromium.

    python -m bench.hostile [--only NAME …]

One Streamlit server. For each file of ``testing/hostile.py`` (and, as the anchor, an
ordinary 1,000-row table), one reader uploads it on the Your data page (or pastes it) and
waits for the page's answer, while a second reader, on the map page of the same server,
clicks offices one after another. Reported per file: the time until the first reader sees
the outcome (from the moment the file is given), the server's resident memory above its
idle level at its highest meanwhile (sampled every 50 ms; a child process that reads the
file is counted with it), the second reader's clicks (median and slowest, click → details)
while it ran, and what the page said.

Hosts off this machine do not resolve.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import platform
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, async_playwright

from testing import hostile
from testing.browser import CHROMIUM_ARGS, MAP_IFRAME, ONLY_THIS_MACHINE, chromium_path
from testing.server import StreamlitServer, process_rss_mb, start_streamlit, stop_streamlit

OUTCOME = (
    ".st-key-your-data-count, [data-testid='stAlertContentError'], "
    "[data-testid='stAlertContentWarning']"
)
CITIES = [("tokyo", "Tokyo"), ("paris", "Paris"), ("london", "London"), ("dublin", "Dublin")]


def ordinary_table() -> bytes:
    """The anchor: 1,000 rows of real cities, as a reader's table usually is."""
    rows = "".join(f"Office {i},Paris,France\n" for i in range(1_000))
    return ("name,city,country\n" + rows).encode()


FILES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "an ordinary table, 1,000 rows": ("ordinary.csv", ordinary_table),
    **hostile.FILES,
}


@dataclass
class Result:
    name: str
    size: int
    seconds: float = 0.0
    rss_above_idle: float = 0.0
    clicks: list[float] = field(default_factory=list)
    said: str = ""


class MemoryWatch:
    """The server's resident memory (with its children) at its highest, every 50 ms."""

    def __init__(self, server: StreamlitServer) -> None:
        self.pid = server.process.pid
        self.highest = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def now(self) -> float:
        total = process_rss_mb(self.pid)
        for child in _children(self.pid):
            # (a child may end between the listing and the reading)
            with contextlib.suppress(OSError, StopIteration):
                total += process_rss_mb(child)
        return total

    def _watch(self) -> None:
        while not self._stop.wait(0.05):
            self.highest = max(self.highest, self.now())

    def __enter__(self) -> MemoryWatch:
        self.highest = self.now()
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


async def click_loop(page: Page, stop: asyncio.Event, clicks: list[float]) -> None:
    """Click offices one after another until ``stop``; each click's time to its details."""
    frame = page.frame_locator(MAP_IFRAME)
    heading = page.locator(".st-key-office-details h3")
    index = 0
    while not stop.is_set():
        office, city = CITIES[index % len(CITIES)]
        index += 1
        start = time.monotonic()
        await frame.locator(f".office-marker.office-{office}").click()
        await heading.filter(has_text=city).wait_for(timeout=120_000)
        clicks.append(time.monotonic() - start)


async def open_your_data(page: Page, url: str) -> None:
    await page.goto(f"{url}/your-data")
    await page.locator("input[type=file]").wait_for(state="attached", timeout=60_000)


async def bring(page: Page, name: str, data: bytes, folder: Path) -> str:
    """The reader brings the table (a file, or pasted rows where ``name`` is empty) and
    waits for the page's answer; returns its first words."""
    if name:
        path = folder / name
        path.write_bytes(data)
        await page.locator("input[type=file]").set_input_files(str(path))
    else:
        box = page.locator(".st-key-paste textarea")
        await box.fill(data.decode(), timeout=300_000)  # a megabyte takes the browser a while
        await box.blur()
        await page.locator(".st-key-use-paste button").click()
    outcome = page.locator(OUTCOME).first
    await outcome.wait_for(timeout=300_000)
    said = " ".join((await outcome.inner_text()).split())
    return said.removeprefix("error ").removeprefix("warning ")[:90]


async def run(only: list[str]) -> list[Result]:
    path = chromium_path()
    if path is None:
        raise SystemExit("Chromium not found: install Debian's chromium or set CHROMIUM_PATH")
    results = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        server = start_streamlit(folder / "app.log")
        try:
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(
                    executable_path=path, args=[*CHROMIUM_ARGS, ONLY_THIS_MACHINE]
                )
                clicker = await browser.new_page(viewport={"width": 1400, "height": 900})
                await clicker.goto(server.url)
                await (
                    clicker.frame_locator(MAP_IFRAME)
                    .locator(".office-marker")
                    .first.wait_for(timeout=60_000)
                )
                for label, (file_name, make) in FILES.items():
                    if only and not any(word in label for word in only):
                        continue
                    data = make()
                    result = Result(label, len(data))
                    reader = await browser.new_page()
                    await open_your_data(reader, server.url)
                    stop = asyncio.Event()
                    with MemoryWatch(server) as memory:
                        idle = memory.highest
                        clicking = asyncio.ensure_future(click_loop(clicker, stop, result.clicks))
                        start = time.monotonic()
                        try:
                            result.said = await bring(reader, file_name, data, folder)
                        except PlaywrightError as error:  # said in the table, not a traceback
                            result.said = f"no answer: {type(error).__name__}"
                        result.seconds = time.monotonic() - start
                        stop.set()
                        await clicking
                    result.rss_above_idle = memory.highest - idle
                    await reader.close()
                    results.append(result)
                    print(f"  {label}: {result.seconds:.1f} s", flush=True)
                await browser.close()
        finally:
            stop_streamlit(server)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.hostile")
    parser.add_argument("--only", nargs="*", default=[], help="words of the files' names")
    args = parser.parse_args()
    results = asyncio.run(run(args.only))
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {platform.machine()} · "
        f"{platform.python_version()} · one server, one reader bringing each file, another "
        "clicking offices meanwhile"
    )
    print(
        "| file | size | until the page answers | server RSS above idle, highest "
        "| other reader's clicks: median / slowest (count) | the page said |"
    )
    print("|---|---|---|---|---|---|")
    for r in results:
        clicks = (
            f"{statistics.median(r.clicks) * 1000:.0f} / {max(r.clicks) * 1000:.0f} ms "
            f"({len(r.clicks)})"
            if r.clicks
            else "none finished"
        )
        print(
            f"| {r.name} | {r.size / 1e3:,.0f} kB | {r.seconds:.1f} s | {r.rss_above_idle:.0f} MB "
            f"| {clicks} | {r.said} |"
        )


if __name__ == "__main__":
    main()
