"""How the dashboard scales with the number of offices, in headless Chromium.

    python -m bench.scale [--sizes 9 50 200 1000 5000] [--runs 3]

For each size, a dataset from ``bench/generate.py`` (9: the shipped ``data/offices.json``) is
served by its own Streamlit server and measured over fresh browser contexts (empty cache):

- cold load: navigation until the map is usable — markers or clusters drawn, the page's view
  applied — on the page's own clock;
- bytes: what the app sends — the websocket's messages and the map frame's files (Leaflet,
  the map's code and styles, the outlines) — and the whole page besides, with Streamlit's
  own front end (about 3.5 MB, the same for every app and cached after the first visit);
- click → details: a click on a marker in view until the details name that office;
- server work per click: the whole script's run for a click, in-process (Streamlit's
  AppTest, five clicks, median); the map's fragment, which a click actually reruns, is a
  part of it;
- script runs for a load;
- server RSS after the runs;
- offices clickable at the default view: markers whose centre answers a click with itself.

Medians over the runs. Hosts off this machine do not resolve.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from playwright.async_api import Browser, WebSocket, async_playwright
from streamlit.testing.v1 import AppTest

from bench.generate import generate
from components.data.current import DATA_ENV_VAR
from components.data.loading import DEFAULT_DATA_PATH, load_dataset
from components.session.view import MAP_BRIDGE_KEY
from testing.browser import (
    CHROMIUM_ARGS,
    MAP_IFRAME,
    ONLY_THIS_MACHINE,
    Conversation,
    chromium_path,
    until_answered,
)
from testing.server import REPO_ROOT, rss_mb, start_streamlit, stop_streamlit

ANSWER_SECONDS = 180
# The map is usable: something to click is drawn, and the view from the page is applied.
USABLE = """() => {
    const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const win = frame && frame.contentWindow;
    const doc = frame && frame.contentDocument;
    if (!doc || !win.map || !win.map.footprint || !win.map.footprint._viewFromPage) return false;
    if (doc.querySelector('.office-pane-waiting')) return false;
    if (!doc.querySelector('.office-marker, .office-cluster')) return false;
    return performance.now();
}"""
# HTTP bytes received: [the page's own, the map frame's].
PAGE_BYTES = """() => {
    const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const sum = (w) => w.performance.getEntriesByType('resource')
        .concat(w.performance.getEntriesByType('navigation'))
        .reduce((total, e) => total + (e.transferSize || e.encodedBodySize || 0), 0);
    return [sum(window), frame ? sum(frame.contentWindow) : 0];
}"""
CLICKABLE = """() => {
    const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const doc = frame.contentDocument;
    const map = doc.querySelector('.leaflet-container').getBoundingClientRect();
    let count = 0;
    for (const marker of doc.querySelectorAll('.office-marker')) {
        const r = marker.getBoundingClientRect();
        const x = r.left + r.width / 2, y = r.top + r.height / 2;
        if (x < map.left || x > map.right || y < map.top || y > map.bottom) continue;
        const hit = doc.elementFromPoint(x, y);
        if (hit && hit.closest('.office-marker') === marker) count += 1;
    }
    return count;
}"""
HEADING_IS = """(city) => {
    const heading = document.querySelector('.st-key-office-details h3');
    return heading !== null && heading.textContent.trim() === city && performance.now();
}"""


@dataclass
class Size:
    offices: int
    loads: list[float] = field(default_factory=list)
    app_bytes: list[float] = field(default_factory=list)
    page_bytes: list[float] = field(default_factory=list)
    clicks: list[float] = field(default_factory=list)
    server: float = 0.0
    runs_at_load: list[int] = field(default_factory=list)
    clickable: list[int] = field(default_factory=list)
    rss: float = 0.0


async def one_load(browser: Browser, url: str, size: Size) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    page = await context.new_page()
    conversation = Conversation()

    def on_socket(socket: WebSocket) -> None:
        socket.on("framereceived", conversation.received)
        socket.on("framesent", conversation.sent)

    page.on("websocket", on_socket)
    await page.goto(url, wait_until="commit")
    usable = await page.wait_for_function(USABLE, polling="raf", timeout=ANSWER_SECONDS * 1000)
    size.loads.append(await usable.json_value())
    page_http, frame_http = await page.evaluate(PAGE_BYTES)
    size.app_bytes.append(frame_http + conversation.bytes_received)
    size.page_bytes.append(page_http + frame_http + conversation.bytes_received)
    await until_answered(page, conversation, seconds=ANSWER_SECONDS)
    size.runs_at_load.append(conversation.requests)
    size.clickable.append(await page.evaluate(CLICKABLE))

    # Click the clickable marker nearest the map's centre and wait for its details.
    handle = await page.locator(MAP_IFRAME).element_handle()
    assert handle is not None
    frame = await handle.content_frame()
    assert frame is not None
    target = await frame.evaluate(
        """() => {
            const layer = window.map.footprint._layer;
            const map = document.querySelector('.leaflet-container').getBoundingClientRect();
            let best = null;
            for (const el of document.querySelectorAll('.office-marker')) {
                const r = el.getBoundingClientRect();
                const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                if (!hit || hit.closest('.office-marker') !== el) continue;  // under a control
                const d = Math.hypot(r.left - map.width / 2, r.top - map.height / 2);
                if (!best || d < best[0]) best = [d, el.classList[1].slice(7), r.left + r.width / 2,
                                                  r.top + r.height / 2];
            }
            const office = layer.office(best[1]);
            return [office.names.en, best[2], best[3]];
        }"""
    )
    box = await page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    start = await page.evaluate("performance.now()")
    await page.mouse.click(box["x"] + target[1], box["y"] + target[2])
    shown = await page.wait_for_function(HEADING_IS, arg=target[0], polling="raf")
    size.clicks.append(await shown.json_value() - start)
    await until_answered(page, conversation, seconds=ANSWER_SECONDS)
    await context.close()


def server_work_per_click(data: Path, clicks: int = 5) -> float:
    """Median milliseconds of the whole script's run for a click on the map, in-process."""
    previous = os.environ.get(DATA_ENV_VAR)
    os.environ[DATA_ENV_VAR] = str(data)
    try:
        app = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120).run()
        office_ids = list(load_dataset(data).offices_by_id)
        times = []
        for click in range(clicks):
            office_id = office_ids[(click * 7919) % len(office_ids)]
            app.session_state[MAP_BRIDGE_KEY] = {"select": {"office": office_id, "click": click}}
            start = time.perf_counter()
            app.run()
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times)
    finally:
        if previous is None:
            os.environ.pop(DATA_ENV_VAR, None)
        else:
            os.environ[DATA_ENV_VAR] = previous


def dataset_file(count: int, folder: Path) -> Path:
    if count == 9:
        return DEFAULT_DATA_PATH
    path = folder / f"offices-{count}.json"
    path.write_text(json.dumps(generate(count)), encoding="utf-8")
    return path


async def run(sizes: list[int], runs: int) -> list[Size]:
    path = chromium_path()
    if path is None:
        raise SystemExit("Chromium not found: install Debian's chromium or set CHROMIUM_PATH")
    results = []
    with tempfile.TemporaryDirectory() as folder:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=path, args=[*CHROMIUM_ARGS, ONLY_THIS_MACHINE]
            )
            for count in sizes:
                data = dataset_file(count, Path(folder))
                server = start_streamlit(Path(folder) / f"{count}.log", data_path=data)
                try:
                    size = Size(count)
                    await one_load(browser, server.url, Size(count))  # warm-up
                    for _ in range(runs):
                        await one_load(browser, server.url, size)
                    size.rss = rss_mb(server)
                finally:
                    stop_streamlit(server)
                size.server = server_work_per_click(data)
                results.append(size)
            await browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.scale")
    parser.add_argument("--sizes", type=int, nargs="+", default=[9, 50, 200, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = asyncio.run(run(args.sizes, args.runs))
    median = statistics.median
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {platform.machine()} · "
        f"{platform.python_version()} · medians of {args.runs} cold loads per size"
    )
    print(
        "| offices | cold load | app bytes | whole page | click → details "
        "| server work per click | runs per load | server RSS | clickable at default view |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for size in results:
        print(
            f"| {size.offices:,} | {median(size.loads):.0f} ms "
            f"| {median(size.app_bytes) / 1e6:.2f} MB | {median(size.page_bytes) / 1e6:.2f} MB "
            f"| {median(size.clicks):.0f} ms | {size.server:.0f} ms "
            f"| {max(size.runs_at_load)} | {size.rss:.0f} MB | {median(size.clickable):.0f} |"
        )


if __name__ == "__main__":
    main()
