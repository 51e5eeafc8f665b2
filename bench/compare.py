"""Benchmark the dashboard against a bare baseline map app, side by side, in headless Chromium.

    python -m bench.compare [--runs 7] [--sessions 10]

Both apps run as real Streamlit servers on this machine; runs alternate between them.
Per app it measures, on the page's own clock: cold load (new browser context, empty cache)
from navigation until the nine markers are visible and placed; click → details for every
office (the map is first centred on the office, the same way in both apps, so overlapping
markers in the baseline cannot steal the click); websocket bytes received per click;
messages sent while panning and zooming; server RSS.
Then N concurrent sessions each click through all nine offices and must each see exactly
their own selection. Names of hosts off this machine do not resolve, as on a network without
tiles (a resolver rule, not request interception: intercepting every request costs each one a
round trip to this script, which would charge the app with more files for the benchmark itself).

    --baseline-tcp-nodelay   give the baseline the dashboard's socket fix too
                             (components/server_sockets.py), to compare like with like
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import tempfile
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from playwright.async_api import Browser, Page, Request, WebSocket, async_playwright
from playwright.async_api import TimeoutError as PlaywrightTimeout

from components.data.at_date import footprint_at
from components.data.loading import load_dataset
from components.data.schema import Office
from testing.browser import (
    CHROMIUM_ARGS,
    MAP_IFRAME,
    ONLY_THIS_MACHINE,
    Conversation,
    chromium_path,
    is_local,
    until_answered,
)
from testing.server import StreamlitServer, rss_mb, start_streamlit, stop_streamlit


@dataclass(frozen=True)
class App:
    script: str
    # Script runs a first visit asks for: the baseline's map reports nothing at load; the
    # dashboard draws its first screen, then the rest once its map reports itself drawn.
    runs_at_load: int


APPS = {"dashboard": App("app.py", 2), "baseline": App("bench/baseline_app.py", 1)}
BASELINE_TCP_NODELAY = "BENCH_BASELINE_TCP_NODELAY"
BASELINE_OFFICES = "BENCH_BASELINE_OFFICES"  # the ids the baseline shows, comma-separated
ANSWER_SECONDS = 120
# Both return the page's clock (ms since navigation) the moment the condition holds; polled
# every animation frame, so the figures do not include Playwright's polling back-off.
HEADING_IS = """(city) => {
    const heading = document.querySelector('.st-key-office-details h3');
    return heading !== null && heading.textContent.trim() === city && performance.now();
}"""
MARKERS_VISIBLE = """() => {
    const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const doc = frame && frame.contentDocument;
    if (!doc) return false;
    const markers = doc.querySelectorAll('.office-marker');
    const container = doc.querySelector('.leaflet-container');
    if (markers.length < 9 || !container) return false;
    // The dashboard's markers wait, hidden, until the map's stylesheets apply.
    if (doc.querySelector('.office-pane-waiting')) return false;
    // Until Leaflet's stylesheet applies, the map is not laid out and markers are not on it.
    if (doc.defaultView.getComputedStyle(container).overflow !== 'hidden') return false;
    for (const marker of markers) {
        const box = marker.getBoundingClientRect();
        if (!box.width || !box.height) return false;
    }
    return performance.now();
}"""


@dataclass
class Samples:
    loads: list[float] = field(default_factory=list)
    clicks: list[float] = field(default_factory=list)
    click_bytes: list[int] = field(default_factory=list)
    pan_zoom_messages: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def opening_footprint() -> tuple[Office, ...]:
    """The offices the dashboard opens with (the data's own date): the baseline shows these."""
    return footprint_at(load_dataset(), "").offices


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def open_page(browser: Browser) -> tuple[Page, Conversation, list[str]]:
    context = await browser.new_context(viewport={"width": 1400, "height": 900})

    page = await context.new_page()
    conversation, errors = Conversation(), []
    page.on("pageerror", lambda error: errors.append(str(error)))

    def on_request(request: Request) -> None:
        if not is_local(request.url):
            errors.append(f"request off this machine: {request.url}")

    def on_socket(socket: WebSocket) -> None:
        socket.on("framereceived", conversation.received)
        socket.on("framesent", conversation.sent)

    page.on("request", on_request)
    page.on("websocket", on_socket)
    return page, conversation, errors


async def click_office(page: Page, office_id: str, lat: float, lon: float, city: str) -> float:
    frame = page.frame_locator(MAP_IFRAME)
    handle = await page.locator(MAP_IFRAME).element_handle()
    assert handle is not None
    content = await handle.content_frame()
    assert content is not None
    await content.evaluate(f"void window.map.setView([{lat}, {lon}], 5, {{animate: false}})")
    box = await frame.locator(f".office-marker.office-{office_id}").bounding_box()
    assert box is not None
    start = float(await page.evaluate("performance.now()"))
    await page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    shown = await page.wait_for_function(HEADING_IS, arg=city, polling="raf", timeout=30_000)
    shown_at: float = await shown.json_value()
    return shown_at - start


async def one_session(
    browser: Browser, url: str, samples: Samples, runs_at_load: int, rotate: int = 0
) -> None:
    """Load, click every office (starting at office ``rotate``), then pan and zoom.
    ``runs_at_load``: script runs a first visit causes in this app."""
    offices = list(opening_footprint())
    offices = offices[rotate:] + offices[:rotate]
    page, conversation, errors = await open_page(browser)
    await page.goto(url, wait_until="commit")
    visible = await page.wait_for_function(MARKERS_VISIBLE, polling="raf", timeout=60_000)
    samples.loads.append(await visible.json_value())
    await until_answered(page, conversation, runs=runs_at_load, seconds=ANSWER_SECONDS)

    for office in offices:
        received = conversation.bytes_received
        try:
            samples.clicks.append(
                await click_office(page, office.id, office.lat, office.lon, office.city.get("en"))
            )
        except PlaywrightTimeout:
            shown = await page.locator(".st-key-office-details").inner_text()
            samples.errors.append(f"no details for {office.city.get('en')} in 30 s: {shown[:60]!r}")
            continue
        await until_answered(page, conversation, seconds=ANSWER_SECONDS)
        samples.click_bytes.append(conversation.bytes_received - received)
        heading = await page.locator(".st-key-office-details h3").inner_text()
        if heading.strip() != office.city.get("en"):
            samples.errors.append(f"expected {office.city.get('en')}, saw {heading!r}")

    sent = conversation.messages_sent
    box = await page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    await page.mouse.move(x, y)
    await page.mouse.down()
    await page.mouse.move(x + 150, y + 40, steps=10)
    await page.mouse.up()
    await page.mouse.wheel(0, -300)
    # Nothing to wait for but time: streamlit-folium reports at most 250 ms after the map
    # moved, so four times that is the window in which a report would have been sent.
    await page.wait_for_timeout(1000)
    samples.pan_zoom_messages.append(conversation.messages_sent - sent)
    samples.errors += errors
    await page.context.close()


def row(name: str, values: Mapping[str, float], fmt: Callable[[float], str], target: str) -> str:
    dashboard, baseline = values["dashboard"], values["baseline"]
    ratio = f"{dashboard / baseline:.2f}x" if baseline else ("=" if dashboard == baseline else "-")
    return f"| {name} | {fmt(dashboard)} | {fmt(baseline)} | {ratio} | {target} |"


@asynccontextmanager
async def both_apps(
    baseline_tcp_nodelay: bool,
) -> AsyncIterator[tuple[dict[str, StreamlitServer], Browser]]:
    """Both apps' servers (the baseline with the dashboard's opening offices, and its socket
    fix if asked) and Chromium, hosts off this machine unresolvable; all stopped after."""
    path = chromium_path()
    if path is None:
        raise SystemExit("Chromium not found: install Debian's chromium or set CHROMIUM_PATH")
    shown = ",".join(office.id for office in opening_footprint())
    env = {
        "dashboard": {},
        "baseline": {BASELINE_OFFICES: shown}
        | ({BASELINE_TCP_NODELAY: "1"} if baseline_tcp_nodelay else {}),
    }
    with tempfile.TemporaryDirectory() as folder:
        servers = {
            name: start_streamlit(
                Path(folder) / f"{name}.log", script=app.script, extra_env=env[name]
            )
            for name, app in APPS.items()
        }
        try:
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(
                    executable_path=path, args=[*CHROMIUM_ARGS, ONLY_THIS_MACHINE]
                )
                yield servers, browser
                await browser.close()
        finally:
            for server in servers.values():
                stop_streamlit(server)


def alternating(index: int) -> list[str]:
    """The apps in the order of round ``index``: each goes first every other round."""
    return list(APPS) if index % 2 == 0 else list(reversed(APPS))


async def run(runs: int, sessions: int, baseline_tcp_nodelay: bool) -> None:
    async with both_apps(baseline_tcp_nodelay) as (servers, browser):
        single = {name: Samples() for name in APPS}
        for name, server in servers.items():  # warm-up: first imports and runs
            await one_session(browser, server.url, Samples(), APPS[name].runs_at_load)
        for index in range(runs):
            for name in alternating(index):
                await one_session(browser, servers[name].url, single[name], APPS[name].runs_at_load)
        rss_single = {name: rss_mb(server) for name, server in servers.items()}

        many = {name: Samples() for name in APPS}
        for name, server in servers.items():
            await asyncio.gather(
                *(
                    one_session(browser, server.url, many[name], APPS[name].runs_at_load, k % 9)
                    for k in range(sessions)
                )
            )
        rss_many = {name: rss_mb(server) for name, server in servers.items()}

    def stat(samples: dict[str, Samples], attribute: str, share: float | None) -> dict[str, float]:
        return {
            name: (
                statistics.median(getattr(s, attribute))
                if share is None
                else percentile(getattr(s, attribute), share)
            )
            for name, s in samples.items()
        }

    ms = "{:.0f} ms".format
    count = "{:.0f}".format
    megabytes = "{:.0f} MB".format
    kilobytes = "{:.1f} kB".format
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {platform.machine()} · "
        f"{platform.python_version()} · {runs} alternating runs · {sessions} concurrent sessions"
        + (" · baseline with TCP_NODELAY" if baseline_tcp_nodelay else "")
    )
    print("| measure | dashboard | baseline | ratio | target |")
    print("|---|---|---|---|---|")
    print(row("cold load to 9 markers, median", stat(single, "loads", None), ms, "≤ 1.25x"))
    print(row("cold load to 9 markers, p95", stat(single, "loads", 0.95), ms, ""))
    print(row("click → details, median", stat(single, "clicks", None), ms, "≤ 1.25x"))
    print(row("click → details, p95", stat(single, "clicks", 0.95), ms, "≤ 1.25x"))
    per_click = {name: statistics.median(s.click_bytes) / 1000 for name, s in single.items()}
    print(row("websocket bytes received per click, median", per_click, kilobytes, "≤ 2x"))
    print(row("messages sent on pan/zoom, max", {
        name: max(s.pan_zoom_messages) for name, s in single.items()
    }, count, "0"))  # fmt: skip
    print(row("server RSS after single sessions", rss_single, megabytes, ""))
    print(row(f"{sessions} sessions: click → details p50", stat(many, "clicks", 0.5), ms, ""))
    print(row(f"{sessions} sessions: click → details p95", stat(many, "clicks", 0.95), ms, ""))
    print(row(f"server RSS with {sessions} sessions", rss_many, megabytes, ""))
    for name, samples in single.items():
        print(f"  {name} cold loads, in run order: " + ", ".join(f"{v:.0f}" for v in samples.loads))
    errors = {name: len(s.errors) for name, s in {**single, **many}.items()}
    print(row("wrong selection or page error, all sessions", errors, count, "0"))
    for name, samples in many.items():
        for error in samples.errors[:5]:
            print(f"  {name}: {error}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.compare")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--baseline-tcp-nodelay", action="store_true")
    args = parser.parse_args()
    asyncio.run(run(args.runs, args.sessions, args.baseline_tcp_nodelay))


if __name__ == "__main__":
    main()
