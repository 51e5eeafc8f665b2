"""Measure the dashboard in headless Chromium: cold load to visible markers, click to details.

    python -m bench.measure_dashboard [--runs 7]

Each run opens a new browser context (empty cache) against one warm server, waits for the
nine markers, then clicks every marker and times until the details panel names the city.
Prints medians and 95th percentiles in milliseconds. Requests off this machine are refused,
as on a network that blocks tile servers.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from components.dataset import load_dataset
from tests.browser.harness import (
    APP_IDLE,
    CHROMIUM_ARGS,
    MAP_IFRAME,
    StreamlitServer,
    chromium_path,
    start_streamlit,
    stop_streamlit,
)

DETAILS_HEADING_IS = """(city) => {
    const heading = document.querySelector('.st-key-office-details h3');
    return heading !== null && heading.textContent.trim() === city;
}"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def one_run(browser: Browser, server: StreamlitServer) -> tuple[float, list[float]]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:"))
            else route.abort()
        ),
    )
    page = context.new_page()
    start = time.perf_counter()
    page.goto(server.url)
    markers = page.frame_locator(MAP_IFRAME).locator(".office-marker")
    markers.nth(8).wait_for(state="visible", timeout=60_000)
    cold_load = (time.perf_counter() - start) * 1000
    page.wait_for_selector(APP_IDLE)
    page.wait_for_timeout(1000)  # let the map's first value reach the server

    clicks = []
    frame = page.frame_locator(MAP_IFRAME)
    for office in load_dataset().offices:
        box = frame.locator(f".office-marker.office-{office.id}").bounding_box()
        assert box is not None
        start = time.perf_counter()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_function(DETAILS_HEADING_IS, arg=office.city.en, polling="raf")
        clicks.append((time.perf_counter() - start) * 1000)
        page.wait_for_selector(APP_IDLE)
    context.close()
    return cold_load, clicks


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.measure_dashboard")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    path = chromium_path()
    if path is None:
        raise SystemExit("Chromium not found: install Debian's chromium or set CHROMIUM_PATH")
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        server = start_streamlit(Path(folder) / "streamlit.log")
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            one_run(browser, server)  # warm-up: the server's first script run imports modules
            loads, clicks = [], []
            for _ in range(args.runs):
                load, run_clicks = one_run(browser, server)
                loads.append(load)
                clicks += run_clicks
        finally:
            browser.close()
            stop_streamlit(server)

    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}, {args.runs} runs")
    print(f"{'measure':<32}{'median ms':>10}{'p95 ms':>10}{'n':>5}")
    for name, values in (("cold load to 9 visible markers", loads), ("click to details", clicks)):
        median, p95 = statistics.median(values), percentile(values, 0.95)
        print(f"{name:<32}{median:>10.0f}{p95:>10.0f}{len(values):>5}")


if __name__ == "__main__":
    main()
