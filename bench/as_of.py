"""How long a step of the "as of" slider takes, in headless Chromium: the shipped data, and a
dataset of N offices whose every office has a sourced event (so that each step changes
thousands of markers).

    python -m bench.as_of [--sizes 14 50000] [--runs 5]

Each step is a key on the slider, End (the latest date) or Home (the first), alternating:
the widest steps there are. Two times per step: the map's answer in the browser, from the
key press to the frame after the map drew that date's footprint (the slider hands the date
to the map; both clocks are the browser's), and the page's, from the key press until the
script run it asked for has finished (header, list and table at that date). Medians and
ranges over the runs.
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
from components.data.at_date import steps
from components.data.loading import DEFAULT_DATA_PATH, load_dataset
from components.map.builder import step_day
from testing import pages
from testing.browser import CHROMIUM_ARGS, chromium_path
from testing.pages import load_app, map_frame_object, open_page, wait_until_answered
from testing.server import start_streamlit, stop_streamlit

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


# In the map's frame: when each day's footprint was drawn (the frame after the map took it).
WATCH_MAP = """() => {
  window.__drawnAt = {};
  const map = document.querySelector('.leaflet-container');
  new MutationObserver(() => {
    const day = map.dataset.footprintAsOf;
    requestAnimationFrame(() => {
      window.__drawnAt[day] = performance.timeOrigin + performance.now();
    });
  }).observe(map, {attributes: true, attributeFilter: ['data-footprint-as-of']});
}"""
# In the page: when the reader last pressed a key (the same clock as the frame's).
WATCH_KEYS = """() => document.addEventListener('keydown', () => {
  window.__keyAt = performance.timeOrigin + performance.now();
}, true)"""


def measure(size: int, runs: int) -> dict[str, list[float]]:
    """Per step: the map's answer in the browser (key press → the date's footprint drawn),
    and the page's (key press → the script run it asked for finished)."""
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
            # A first reader of 50,000 offices waits longer than the tests allow (about 26 s).
            page.set_default_timeout(300_000)
            pages.WAIT_SECONDS = 300
            load_app(page, record, server.url, markers=None)
            catalog = load_dataset(data_path or DEFAULT_DATA_PATH)
            known = steps(catalog)
            days = {key: step_day(step) for key, step in (("End", known[-1]), ("Home", known[0]))}
            frame = map_frame_object(page)
            frame.evaluate(WATCH_MAP)
            page.evaluate(WATCH_KEYS)
            slider = page.get_by_role("slider")
            times: dict[str, list[float]] = {"map": [], "page": []}
            for run in range(runs * 2):
                key = "End" if run % 2 == 0 else "Home"
                asked = record.conversation.requests
                started = time.perf_counter()
                slider.press(key)
                drawn = frame.wait_for_function(
                    "(day) => window.__drawnAt[day]", arg=str(days[key]), timeout=300_000
                ).json_value()
                times["map"].append(drawn - page.evaluate("window.__keyAt"))
                wait_until_answered(page, record, runs=asked + 1)
                times["page"].append((time.perf_counter() - started) * 1000)
                frame.evaluate("window.__drawnAt = {}")
            browser.close()
            return times
    finally:
        stop_streamlit(server)


def _summary(times: list[float]) -> str:
    return f"{statistics.median(times):.0f} [{min(times):.0f}-{max(times):.0f}]"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.as_of")
    parser.add_argument("--sizes", nargs="+", type=int, default=[14, 50000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("offices  map drawn (in the browser)  page followed (script run)  median [min-max], ms")
    for size in args.sizes:
        times = measure(size, args.runs)
        print(
            f"{size:>7}  {_summary(times['map']):>26}  {_summary(times['page']):>26}"
            f"  over {len(times['map'])} steps (first date ↔ latest)"
        )


if __name__ == "__main__":
    main()
