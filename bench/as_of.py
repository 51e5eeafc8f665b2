"""How long a step of the "as of" control takes, from the click to the map redrawn, in
headless Chromium: the shipped data, and a dataset of N offices whose every office has a
sourced event (so that each step changes thousands of markers).

    python -m bench.as_of [--sizes 14 50000] [--runs 5]

Each step is a click on "Today" or "Data's date" (alternating), timed until the map has
drawn the footprint of that date (its container's ``data-footprint-as-of`` names the day) and
the script run it asked for has finished. The map holds every office and their changes, so
a date reaches it as a message and is drawn in the browser; the rest of the page follows
from the script run. Medians and ranges over the runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from bench.generate import RESULTS, SOURCE_ID, generate
from components.data.at_date import LATEST, resolve_step
from components.data.dates import partial_date_end
from components.data.loading import DEFAULT_DATA_PATH, load_dataset
from components.map.builder import day_number
from testing.browser import CHROMIUM_ARGS, chromium_path
from testing.pages import load_app, map_frame_object, open_page, wait_until_answered
from testing.server import start_streamlit, stop_streamlit

# The map has drawn the footprint of a day (days since 1970).
DRAWN_ON = "(day) => !!document.querySelector(`.leaflet-container[data-footprint-as-of='${day}']`)"
# Dates an office of the generated data is announced at: a year of monthly steps.
MONTHS = [f"2024-{month:02d}" for month in range(1, 13)]


def with_events(count: int) -> dict[str, Any]:
    """``bench.generate``'s offices, each announced (or opened) in one of twelve months."""
    data = generate(count)
    for index, office in enumerate(data["offices"]):
        kind = "opened" if office.pop("status") == "existing" else "announced"
        office["dates"] = {"planned_opening": None, "planned_opening_label": None}
        when = "2015-01" if index == 0 else MONTHS[index % len(MONTHS)]
        office["events"] = [{"kind": kind, "date": when, "sources": [SOURCE_ID]}]
    data["as_of"] = "2024-06"
    return data


def measure(size: int, runs: int) -> list[float]:
    data_path = None
    if size != 14:
        RESULTS.mkdir(exist_ok=True)
        data_path = RESULTS / f"offices-{size}-events.json"
        data_path.write_text(json.dumps(with_events(size)), encoding="utf-8")
    server = start_streamlit(Path("/tmp/bench-as-of.log"), data_path)
    try:
        with sync_playwright() as playwright:
            path = chromium_path()
            browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
            page, record = open_page(browser)
            page.set_default_timeout(300_000)  # a first reader of 50,000 offices waits long
            load_app(page, record, server.url, markers=None)
            catalog = load_dataset(data_path or DEFAULT_DATA_PATH)
            days = {
                button: day_number(partial_date_end(resolve_step(catalog, requested)))
                for button, requested in (("Today", LATEST), ("Data's date", ""))
            }
            times = []
            for run in range(runs * 2):
                button = "Today" if run % 2 == 0 else "Data's date"
                asked = record.conversation.requests
                started = time.perf_counter()
                page.get_by_role("button", name=button).click()
                map_frame_object(page).wait_for_function(
                    DRAWN_ON, arg=str(days[button]), timeout=120_000
                )
                wait_until_answered(page, record, runs=asked + 1)
                times.append((time.perf_counter() - started) * 1000)
            browser.close()
            return times
    finally:
        stop_streamlit(server)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.as_of")
    parser.add_argument("--sizes", nargs="+", type=int, default=[14, 50000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("offices  step (click → map redrawn), median [min-max], ms")
    for size in args.sizes:
        times = measure(size, args.runs)
        print(
            f"{size:>7}  {statistics.median(times):.0f} [{min(times):.0f}-{max(times):.0f}]"
            f"  over {len(times)} steps"
        )


if __name__ == "__main__":
    main()
