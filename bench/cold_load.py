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
from datetime import UTC, datetime

from bench.compare import APPS, MARKERS_VISIBLE, alternating, both_apps
from testing.browser import APP_IDLE, MAP_IFRAME
from testing.pages import PAGE_SETTLED, PAGE_WHOLE

QUIET_SECONDS = 1.0  # after a load, before the next: the server's post-run collection
FRAME_CREATED = f"() => document.querySelector({MAP_IFRAME!r}) !== null && performance.now()"


async def run(runs: int) -> None:
    frames: dict[str, list[float]] = {name: [] for name in APPS}
    loads: dict[str, list[float]] = {name: [] for name in APPS}
    async with both_apps(baseline_tcp_nodelay=True) as (servers, browser):
        for index in range(runs + 1):  # the first round warms both servers up
            for name in alternating(index):
                context = await browser.new_context(viewport={"width": 1400, "height": 900})
                page = await context.new_page()
                await page.goto(servers[name].url, wait_until="commit")
                frame = await page.wait_for_function(FRAME_CREATED, polling="raf", timeout=60_000)
                markers = await page.wait_for_function(
                    MARKERS_VISIBLE, polling="raf", timeout=60_000
                )
                if index:
                    frames[name].append(await frame.json_value())
                    loads[name].append(await markers.json_value())
                # The rest of the page, unmeasured, but finished before the other app's
                # load: the dashboard's second run, still under way 1.5 s after its
                # markers on this 2-core machine, slowed the baseline's load that followed.
                await page.wait_for_function(PAGE_WHOLE, timeout=60_000)
                await page.wait_for_function(PAGE_SETTLED, timeout=60_000)
                await page.locator(APP_IDLE).wait_for(timeout=60_000)
                await context.close()
                await asyncio.sleep(QUIET_SECONDS)
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
