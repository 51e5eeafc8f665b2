"""Cold loads only, side by side: the dashboard against the bare baseline, alternating, each
in a new browser context with an empty cache, nothing else on either server.

    python -m bench.cold_load [--runs 10]

From navigation until the map's frame exists, and until the nine markers are visible and
placed (``bench.compare``'s condition), on the page's own clock. The baseline gets the
dashboard's socket fix (TCP_NODELAY) and its nine offices. ``bench.compare`` measures cold
loads too, between whole sessions of clicks; this one measures nothing else.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from playwright.async_api import async_playwright

from bench.compare import (
    APPS,
    BASELINE_OFFICES,
    BASELINE_TCP_NODELAY,
    MARKERS_VISIBLE,
    opening_footprint,
)
from testing.browser import CHROMIUM_ARGS, MAP_IFRAME, ONLY_THIS_MACHINE, chromium_path
from testing.server import start_streamlit, stop_streamlit

FRAME_CREATED = f"() => document.querySelector({MAP_IFRAME!r}) !== null && performance.now()"


async def run(runs: int) -> None:
    path = chromium_path()
    if path is None:
        raise SystemExit("Chromium not found: install Debian's chromium or set CHROMIUM_PATH")
    shown = ",".join(office.id for office in opening_footprint())
    env = {"baseline": {BASELINE_OFFICES: shown, BASELINE_TCP_NODELAY: "1"}}
    frames: dict[str, list[float]] = {name: [] for name in APPS}
    loads: dict[str, list[float]] = {name: [] for name in APPS}
    with tempfile.TemporaryDirectory() as folder:
        servers = {
            name: start_streamlit(
                Path(folder) / f"{name}.log", script=app.script, extra_env=env.get(name)
            )
            for name, app in APPS.items()
        }
        try:
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(
                    executable_path=path, args=[*CHROMIUM_ARGS, ONLY_THIS_MACHINE]
                )
                for index in range(runs + 1):  # the first round warms both servers up
                    order = list(APPS) if index % 2 == 0 else list(reversed(APPS))
                    for name in order:
                        context = await browser.new_context(viewport={"width": 1400, "height": 900})
                        page = await context.new_page()
                        await page.goto(servers[name].url, wait_until="commit")
                        frame = await page.wait_for_function(
                            FRAME_CREATED, polling="raf", timeout=60_000
                        )
                        markers = await page.wait_for_function(
                            MARKERS_VISIBLE, polling="raf", timeout=60_000
                        )
                        if index:
                            frames[name].append(await frame.json_value())
                            loads[name].append(await markers.json_value())
                        await page.wait_for_timeout(1500)  # the rest of the page, unmeasured
                        await context.close()
                await browser.close()
        finally:
            for server in servers.values():
                stop_streamlit(server)
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {platform.machine()} · "
        f"{platform.python_version()} · {runs} alternating cold loads each"
    )
    print("| measure | dashboard | baseline | ratio | target |")
    print("|---|---|---|---|---|")
    for label, values, target in (
        ("map's frame created, median", frames, ""),
        ("9 markers visible, median", loads, "≤ 1.25x"),
    ):
        dashboard, baseline = (statistics.median(values[name]) for name in APPS)
        print(
            f"| {label} | {dashboard:.0f} ms | {baseline:.0f} ms | "
            f"{dashboard / baseline:.2f}x | {target} |"
        )
    for name in APPS:
        print(f"  {name} markers, in run order: " + ", ".join(f"{v:.0f}" for v in loads[name]))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.cold_load")
    parser.add_argument("--runs", type=int, default=10)
    asyncio.run(run(parser.parse_args().runs))


if __name__ == "__main__":
    main()
