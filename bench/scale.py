"""How the dashboard scales with the number of offices, beside an anchor, in headless Chromium.

    python -m bench.scale [--sizes 9 5000 50000] [--runs 3] [--warm]

For each size, a dataset from ``bench/generate.py`` (9: the shipped ``data/offices.json``) is
served by its own Streamlit server. The first reader pays the data load (reading and
validating the file, once per process), but with ``--warm``, where one run of the app
without a browser paid it, as in a deployed replica (``deploy/replica.py``); the next
readers, over fresh browser contexts (empty cache), are the ones measured:

- load: navigation until the map is usable (markers or clusters drawn, the page's view
  applied), on the page's own clock; the first reader's load is reported beside it;
- websocket bytes: what Streamlit sends for a load; app bytes add the map frame's files;
- zoom step: from Paris at zoom 3, four ``zoomIn()`` steps, each from the call to the frame
  painted after ``moveend`` (the animation included);
- JS heap: the page's (Streamlit's front end and the map frame share it) after a GC, by CDP;
- click → details: a click on a marker in view until the details name that office, and the
  websocket bytes and frames the click brought;
- search: that office's city typed in the search box, from Enter until a result names it;
- server RSS after the loads, and per reader: four more readers open at once, the growth
  divided by four;
- server work per click: the whole script's run for a click, in-process (AppTest, median).

The anchor is ``bench/anchor/index.html``: the same points drawn by plain Leaflet and
supercluster (supercluster's own Leaflet demo), in a page the size of the app's map, served
from this machine; its load is to the first clusters drawn, its zoom step the same four steps.

Medians over the runs. Hosts off this machine do not resolve.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import http.server
import json
import os
import platform
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from playwright.async_api import (
    Browser,
    BrowserContext,
    Page,
    ViewportSize,
    WebSocket,
    async_playwright,
)
from streamlit.testing.v1 import AppTest

from bench.generate import generate
from components.data.current import DATA_ENV_VAR
from components.data.loading import DEFAULT_DATA_PATH, load_dataset
from components.session.view import MAP_BRIDGE_KEY
from deploy.replica import warm_up
from testing.browser import (
    CHROMIUM_ARGS,
    MAP_IFRAME,
    ONLY_THIS_MACHINE,
    Conversation,
    chromium_path,
    until_answered,
)
from testing.server import REPO_ROOT, StreamlitServer, rss_mb, start_streamlit, stop_streamlit

ANSWER_SECONDS = 300
WARM_UP_ENABLED = "STREAMLIT_SERVER_SCRIPT_HEALTH_CHECK_ENABLED"
VIEWPORT: ViewportSize = {"width": 1400, "height": 900}
# The map is usable: something to click is drawn, and the view from the page is applied.
USABLE = """() => {
    const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const doc = frame && frame.contentDocument;
    const map = doc && doc.querySelector('.leaflet-container[data-footprint-ready]');
    if (!map || !doc.querySelector('.office-marker, .office-cluster')) return false;
    return performance.now();
}"""
ANCHOR_DRAWN = "() => window.anchor && window.anchor.firstDrawn"
# HTTP bytes received: [the page's own, the map frame's].
PAGE_BYTES = """() => {
    const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const sum = (w) => w.performance.getEntriesByType('resource')
        .concat(w.performance.getEntriesByType('navigation'))
        .reduce((total, e) => total + (e.transferSize || e.encodedBodySize || 0), 0);
    return [sum(window), frame ? sum(frame.contentWindow) : 0];
}"""
# Four zoom steps from Paris at zoom 3, each from zoomIn() to the frame painted after moveend.
ZOOM_STEPS = """async () => {
    const map = window.map;
    const settled = () => new Promise((done) => map.once('moveend', () =>
        requestAnimationFrame(() => requestAnimationFrame(done))));
    let moved = settled();
    map.setView([48.86, 2.35], 3, { animate: false });
    await moved;
    const steps = [];
    for (let k = 0; k < 4; k++) {
        const start = performance.now();
        moved = settled();
        map.zoomIn(1);
        await moved;
        steps.push(performance.now() - start);
    }
    return steps;
}"""
MAP_SIZE = "() => [window.map.getSize().x, window.map.getSize().y]"
HEADING_IS = """(city) => {
    const heading = document.querySelector('.st-key-office-details h3');
    return heading !== null && heading.textContent.trim() === city && performance.now();
}"""
# The search's results are drawn and one of them names the city.
SEARCH_SHOWN = """(city) => {
    const results = document.querySelectorAll('[class*="st-key-search-results-"] button');
    return Array.from(results).some((b) => b.textContent.includes(city)) && performance.now();
}"""
# The clickable marker nearest the map's centre: [its city, x, y] in the frame.
NEAREST_MARKER = """() => {
    const layer = window.map.footprint.layer();
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
    return [layer.name(layer._byId.get(best[1])), best[2], best[3]];
}"""


@dataclass
class Size:
    offices: int
    first_load: float = 0.0
    loads: list[float] = field(default_factory=list)
    socket_bytes: list[float] = field(default_factory=list)
    app_bytes: list[float] = field(default_factory=list)
    zoom_steps: list[float] = field(default_factory=list)
    heap: list[float] = field(default_factory=list)
    clicks: list[float] = field(default_factory=list)
    click_bytes: list[float] = field(default_factory=list)
    click_frames: list[float] = field(default_factory=list)
    searches: list[float] = field(default_factory=list)
    server: float = 0.0
    rss: float = 0.0
    rss_per_reader: float = 0.0
    map_size: tuple[int, int] = (0, 0)
    anchor_loads: list[float] = field(default_factory=list)
    anchor_zoom_steps: list[float] = field(default_factory=list)
    anchor_heap: list[float] = field(default_factory=list)


async def heap_mb(context: BrowserContext, page: Page) -> float:
    """The page's JavaScript heap after a garbage collection, in MB."""
    cdp = await context.new_cdp_session(page)
    await cdp.send("HeapProfiler.collectGarbage")
    usage = await cdp.send("Runtime.getHeapUsage")
    await cdp.detach()
    return float(usage["usedSize"]) / 1e6


@dataclass
class Reader:
    context: BrowserContext
    page: Page
    conversation: Conversation
    load: float  # ms from navigation to the map usable, on the page's clock


async def open_reader(browser: Browser, url: str) -> Reader:
    """A new reader (fresh context, empty cache) on the app, its map usable and the page's
    runs answered."""
    context = await browser.new_context(viewport=VIEWPORT)
    page = await context.new_page()
    conversation = Conversation()

    def on_socket(socket: WebSocket) -> None:
        socket.on("framereceived", conversation.received)
        socket.on("framesent", conversation.sent)

    page.on("websocket", on_socket)
    await page.goto(url, wait_until="commit")
    usable = await page.wait_for_function(USABLE, polling="raf", timeout=ANSWER_SECONDS * 1000)
    load = await usable.json_value()
    # Two runs: the first screen, then the rest once the map reports itself drawn.
    await until_answered(page, conversation, runs=2, seconds=ANSWER_SECONDS)
    return Reader(context, page, conversation, load)


async def measured_load(browser: Browser, url: str, size: Size) -> None:
    reader = await open_reader(browser, url)
    context, page, conversation = reader.context, reader.page, reader.conversation
    size.loads.append(reader.load)
    _page_http, frame_http = await page.evaluate(PAGE_BYTES)
    size.socket_bytes.append(conversation.bytes_received)
    size.app_bytes.append(frame_http + conversation.bytes_received)
    size.heap.append(await heap_mb(context, page))

    # Click the clickable marker nearest the map's centre and wait for its details.
    handle = await page.locator(MAP_IFRAME).element_handle()
    assert handle is not None
    frame = await handle.content_frame()
    assert frame is not None
    width, height = await frame.evaluate(MAP_SIZE)
    size.map_size = (width, height)
    city, x, y = await frame.evaluate(NEAREST_MARKER)
    box = await page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    received, frames = conversation.bytes_received, conversation.frames_received
    start = await page.evaluate("performance.now()")
    await page.mouse.click(box["x"] + x, box["y"] + y)
    shown = await page.wait_for_function(HEADING_IS, arg=city, polling="raf")
    size.clicks.append(await shown.json_value() - start)
    await until_answered(page, conversation, seconds=ANSWER_SECONDS)
    size.click_bytes.append(conversation.bytes_received - received)
    size.click_frames.append(conversation.frames_received - frames)

    # Search for that city: from Enter in the box until its results are drawn.
    box_input = page.get_by_placeholder("City, country, person or partner")
    await box_input.fill(city)
    start = await page.evaluate("performance.now()")
    await box_input.press("Enter")
    found = await page.wait_for_function(SEARCH_SHOWN, arg=city, polling="raf")
    size.searches.append(await found.json_value() - start)
    await until_answered(page, conversation, seconds=ANSWER_SECONDS)
    size.zoom_steps.extend(await frame.evaluate(ZOOM_STEPS))
    await context.close()


async def rss_per_reader(browser: Browser, server: StreamlitServer, readers: int = 4) -> float:
    """The server's growth in resident memory per reader, with ``readers`` open at once."""
    before = rss_mb(server)
    opened = await asyncio.gather(*(open_reader(browser, server.url) for _ in range(readers)))
    grown = (rss_mb(server) - before) / readers
    for reader in opened:
        await reader.context.close()
    return grown


@contextmanager
def anchor_site(folder: Path) -> Iterator[str]:
    """bench/anchor/ and static/ served from this machine, with the points files in
    ``folder``; yields the site's address."""
    shutil.copytree(REPO_ROOT / "bench" / "anchor", folder, dirs_exist_ok=True)
    (folder / "static").symlink_to(REPO_ROOT / "static")
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


async def anchor_load(browser: Browser, site: str, size: Size) -> None:
    width, height = size.map_size
    context = await browser.new_context(viewport={"width": width, "height": height})
    page = await context.new_page()
    await page.goto(f"{site}/index.html?points={size.offices}", wait_until="commit")
    drawn = await page.wait_for_function(ANCHOR_DRAWN, polling="raf", timeout=ANSWER_SECONDS * 1000)
    size.anchor_loads.append(await drawn.json_value())
    size.anchor_heap.append(await heap_mb(context, page))
    size.anchor_zoom_steps.extend(await page.evaluate(ZOOM_STEPS))
    await context.close()


def server_work_per_click(data: Path, clicks: int = 5) -> float:
    """Median milliseconds of the whole script's run for a click on the map, in-process."""
    previous = os.environ.get(DATA_ENV_VAR)
    os.environ[DATA_ENV_VAR] = str(data)
    try:
        app = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=300).run()
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
    """The dataset of ``count`` offices, and beside it the anchor's points of the same."""
    if count == 9:
        path = DEFAULT_DATA_PATH
        raw = json.loads(path.read_text(encoding="utf-8"))
    else:
        raw = generate(count)
        path = folder / f"offices-{count}.json"
        path.write_text(json.dumps(raw), encoding="utf-8")
    points = [[office["lon"], office["lat"]] for office in raw["offices"]]
    (folder / f"points-{count}.json").write_text(json.dumps(points), encoding="utf-8")
    return path


async def run(sizes: list[int], runs: int, warm: bool) -> list[Size]:
    path = chromium_path()
    if path is None:
        raise SystemExit("Chromium not found: install Debian's chromium or set CHROMIUM_PATH")
    results = []
    with tempfile.TemporaryDirectory() as name, anchor_site(Path(name)) as site:
        folder = Path(name)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=path, args=[*CHROMIUM_ARGS, ONLY_THIS_MACHINE]
            )
            for count in sizes:
                data = dataset_file(count, folder)
                server = start_streamlit(
                    folder / f"{count}.log",
                    data_path=data,
                    extra_env={WARM_UP_ENABLED: "true"} if warm else None,
                )
                try:
                    if warm:  # as a deployed replica is (deploy/replica.py)
                        print(warm_up(server.port), flush=True)
                    size = Size(count)
                    first = await open_reader(browser, server.url)  # pays the data load
                    size.first_load = first.load
                    await first.context.close()
                    for _ in range(runs):
                        await measured_load(browser, server.url, size)
                    size.rss = rss_mb(server)
                    size.rss_per_reader = await rss_per_reader(browser, server)
                finally:
                    stop_streamlit(server)
                for _ in range(runs):
                    await anchor_load(browser, site, size)
                size.server = server_work_per_click(data)
                results.append(size)
            await browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.scale")
    parser.add_argument("--sizes", type=int, nargs="+", default=[9, 5000, 50000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--warm", action="store_true", help="run the app once before the first reader"
    )
    args = parser.parse_args()
    results = asyncio.run(run(args.sizes, args.runs, args.warm))
    median = statistics.median
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {platform.machine()} · "
        f"{platform.python_version()} · {os.cpu_count()} cores · medians of {args.runs} "
        "readers per size after the first"
        + (" · each server warmed by one run first (deploy/replica.py)" if args.warm else "")
    )
    print(
        "| offices | load (first reader) | load | websocket | app bytes | zoom step "
        "| JS heap | click → details | click bytes (frames) | search | server work per click "
        "| server RSS | RSS per reader | anchor load | anchor zoom step | anchor JS heap |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for size in results:
        print(
            f"| {size.offices:,} | {size.first_load:.0f} ms | {median(size.loads):.0f} ms "
            f"| {median(size.socket_bytes) / 1e6:.2f} MB | {median(size.app_bytes) / 1e6:.2f} MB "
            f"| {median(size.zoom_steps):.0f} ms (max {max(size.zoom_steps):.0f}) "
            f"| {median(size.heap):.0f} MB | {median(size.clicks):.0f} ms "
            f"| {median(size.click_bytes) / 1e3:.1f} kB ({median(size.click_frames):.0f}) "
            f"| {median(size.searches):.0f} ms | {size.server:.0f} ms | {size.rss:.0f} MB "
            f"| {size.rss_per_reader:.1f} MB "
            f"| {median(size.anchor_loads):.0f} ms "
            f"| {median(size.anchor_zoom_steps):.0f} ms (max {max(size.anchor_zoom_steps):.0f}) "
            f"| {median(size.anchor_heap):.0f} MB |"
        )


if __name__ == "__main__":
    main()
