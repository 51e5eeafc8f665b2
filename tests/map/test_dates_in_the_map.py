"""The map shows the footprint at a date itself (static/office_map/dates.js over the changes
``map_data`` sends): on every date it is the footprint the page shows (``dataset_at``), on
the shipped data, with a closing, and on offices without events."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, timedelta

import pytest

from components.data.at_date import dataset_at, steps
from components.data.dates import partial_date_end, partial_date_start
from components.data.events import status_after
from components.data.schema import Dataset
from components.map.builder import day_number, map_data
from testing.server import REPO_ROOT
from tests.helpers import dataset_from, raw_data

DATES_JS = REPO_ROOT / "static" / "office_map" / "dates.js"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node runs the map's JavaScript")

_SCRIPT = """
const dates = require(process.argv[1]);
const input = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
const shown = input.days.map((day) => dates.statusesOn(input.own, input.changes, day).join(""));
process.stdout.write(JSON.stringify(shown));
"""


def statuses_in_the_map(catalog: Dataset, days: list[int | None]) -> list[dict[str, str]]:
    """Each day's offices on the map, ``{id: "e" | "a"}``, as the map's script works them out
    from the data block."""
    offices = map_data(catalog)["offices"]
    payload = {"own": offices["status"], "changes": offices["changes"], "days": days}
    assert NODE is not None
    result = subprocess.run(
        [NODE, "-e", _SCRIPT, str(DATES_JS)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return [
        {office: code for office, code in zip(offices["ids"], codes, strict=True) if code != "-"}
        for codes in json.loads(result.stdout)
    ]


def statuses_on_the_page(footprint: Dataset) -> dict[str, str]:
    return {office.id: office.status[0] for office in footprint.offices}


def dates_around(catalog: Dataset) -> list[str]:
    """Every step, the day before and after each, and a day long before and after all."""
    found = set()
    for step in steps(catalog):
        start, end = partial_date_start(step), partial_date_end(step)
        found |= {step, (start - timedelta(days=1)).isoformat(), (end + timedelta(1)).isoformat()}
    return sorted(found | {"1990-01-01", date.today().isoformat()})


def closing_catalog() -> Dataset:
    raw = raw_data()
    (singapore,) = (office for office in raw["offices"] if office["id"] == "singapore")
    singapore["events"].append({"kind": "closed", "date": "2026-01", "sources": ["cna-2024-10-09"]})
    (tokyo,) = (office for office in raw["offices"] if office["id"] == "tokyo")
    # Announced and opened the same month: the map has the status after both.
    tokyo["events"] = [
        {"kind": "announced", "date": "2024-04", "sources": ["cna-2024-10-09"]},
        {"kind": "opened", "date": "2024-04-15", "sources": ["cna-2024-10-09"]},
    ]
    return dataset_from(raw)


@pytest.mark.parametrize("which", ["shipped", "with a closing"])
def test_the_map_shows_the_footprint_the_page_shows_on_every_date(
    catalog: Dataset, which: str
) -> None:
    data = catalog if which == "shipped" else closing_catalog()
    requested = dates_around(data)
    days: list[int | None] = [day_number(partial_date_end(when)) for when in requested]
    in_the_map = statuses_in_the_map(data, days)
    for when, shown in zip(requested, in_the_map, strict=True):
        assert shown == statuses_on_the_page(dataset_at(data, when)), when


def test_a_closed_office_leaves_the_map_on_its_closing_day() -> None:
    data = closing_catalog()
    before, after = statuses_in_the_map(
        data, [day_number(date(2025, 12, 31)), day_number(date(2026, 1, 1))]
    )
    assert before["singapore"] == "a" and "singapore" not in after


def test_without_a_date_every_office_has_its_own_status(catalog: Dataset) -> None:
    (shown,) = statuses_in_the_map(catalog, [None])
    assert shown == {office.id: office.status[0] for office in catalog.offices}


def test_offices_without_events_are_the_same_on_every_day() -> None:
    raw = raw_data()
    for office in raw["offices"]:
        events = office.pop("events", [])
        office["status"] = status_after(event["kind"] for event in events) or "announced"
    plain = dataset_from(raw)
    assert map_data(plain)["offices"]["changes"] == {}
    first, last = statuses_in_the_map(plain, [0, day_number(date(2030, 1, 1))])
    assert first == last == {office.id: office.status[0] for office in plain.offices}
