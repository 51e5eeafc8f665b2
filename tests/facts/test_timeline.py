from __future__ import annotations

import json
from datetime import date

import pytest

from components.data.schema import Dataset
from components.facts.timeline import SELECTION, axis_start, timeline_chart, timeline_events
from components.map.style import STATUS_COLOURS, STATUS_SHAPES
from tests.helpers import dataset_from, raw_data


def test_every_known_date_is_an_event_oldest_first(dataset: Dataset) -> None:
    rows = timeline_events(dataset, "en")
    assert [(row["office_id"], row["event"]) for row in rows][:4] == [
        ("san-francisco", "Founded"),
        ("london", "Announced"),
        ("dublin", "Announced"),
        ("tokyo", "Opened"),
    ]
    announced = [row for row in rows if row["date"] == "2024-10-09"]
    assert {row["office_id"] for row in announced} == {
        "new-york", "seattle", "paris", "brussels", "singapore",
    }  # fmt: skip
    assert rows[-1]["office_id"] == "singapore" and rows[-1]["planned"] is True


def test_events_carry_their_own_source_and_label_in_both_languages(dataset: Dataset) -> None:
    rows = timeline_events(dataset, "de")
    tokyo = next(row for row in rows if row["office_id"] == "tokyo")
    assert tokyo["city"] == "Tokio" and tokyo["date_label"] == "15. April 2024"
    assert tokyo["source"].startswith("OpenAI, 15. April 2024: Introducing OpenAI Japan")
    assert "Reuters, 15. April 2024" in tokyo["source"]
    planned = next(row for row in rows if row["planned"])
    assert planned["date_label"] == "Ende 2024" and "Trending Topics" in planned["source"]
    founded = next(row for row in rows if row["office_id"] == "san-francisco")
    assert founded["date"] == "2015-12-01" and founded["date_label"] == "Dezember 2015"


def test_chart_is_coloured_like_the_map_and_selects_offices(dataset: Dataset) -> None:
    spec = json.loads(timeline_chart(dataset, "en").to_json())
    encoding = spec["layer"][0]["encoding"]
    assert encoding["stroke"]["scale"]["domain"][:2] == ["Existing office", "Announced office"]
    assert encoding["stroke"]["scale"]["range"][:2] == [
        STATUS_COLOURS["existing"], STATUS_COLOURS["announced"],
    ]  # fmt: skip
    assert encoding["shape"]["scale"]["range"][:2] == [
        STATUS_SHAPES["existing"], STATUS_SHAPES["announced"],
    ]  # fmt: skip
    (param,) = spec["params"]
    assert param["name"] == SELECTION and param["select"]["fields"] == ["office_id"]
    titles = [tooltip["title"] for tooltip in encoding["tooltip"]]
    assert titles == ["City", "Event", "Date", "Sources"]


def test_every_symbol_drawn_has_a_legend_entry(dataset: Dataset) -> None:
    spec = json.loads(timeline_chart(dataset, "en").to_json())
    encoding = spec["layer"][0]["encoding"]
    # Stroke, fill and shape share one field and one legend: one entry per symbol.
    assert {encoding[c]["field"] for c in ("stroke", "fill", "shape")} == {"symbol"}
    assert encoding["stroke"]["legend"] == encoding["fill"]["legend"] == encoding["shape"]["legend"]
    names = encoding["fill"]["scale"]["domain"]
    assert names == [
        "Existing office", "Announced office", "Announced office: date planned (hollow)",
    ]  # fmt: skip
    hollow = names.index("Announced office: date planned (hollow)")
    assert encoding["fill"]["scale"]["range"][hollow] == "transparent"
    assert {row["symbol"] for row in spec["data"]["values"]} == set(names)


def test_no_legend_entry_for_a_symbol_not_drawn(dataset: Dataset) -> None:
    raw = raw_data()
    for office in raw["offices"]:
        office["dates"]["planned_opening"] = None
        office["dates"]["planned_opening_label"] = None
    spec = json.loads(timeline_chart(dataset_from(raw), "de").to_json())
    names = spec["layer"][0]["encoding"]["fill"]["scale"]["domain"]
    assert names == ["Bestehendes Büro", "Angekündigtes Büro"]


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (["2015-12-01", "2023-06-28", "2023-09-14", "2024-10-09"], "2023-06-28"),
        (["2023-06-28", "2023-09-14", "2024-10-09"], None),  # nothing stands apart
        (["2010-01-01", "2014-01-01", "2018-01-01"], None),  # evenly spread
        (["2015-12-01", "2024-10-09"], None),  # two dates are the span
    ],
)
def test_the_axis_starts_after_a_gap_that_would_empty_most_of_it(
    days: list[str], expected: str | None
) -> None:
    start = axis_start([date.fromisoformat(day) for day in days])
    assert (start.isoformat() if start else None) == expected


def test_the_founding_is_written_at_the_axis_start_not_eight_empty_years(
    dataset: Dataset,
) -> None:
    spec = json.loads(timeline_chart(dataset, "de").to_json())
    domain = spec["layer"][0]["encoding"]["x"]["scale"]["domain"]
    assert domain[0] > "2023-01-01" and domain[1] < "2025-03-01"
    rows = spec["data"]["values"]
    founded = next(row for row in rows if row["office_id"] == "san-francisco")
    assert founded["date"] == "2015-12-01" and founded["x"] > "2023-01-01"
    assert founded["note"] == "← Gegründet: Dezember 2015"
    assert [row["note"] for row in rows if row["note"]] == [founded["note"]]
    notes = spec["layer"][1]
    assert notes["mark"]["type"] == "text" and notes["encoding"]["text"]["field"] == "note"


def test_chart_speaks_german(dataset: Dataset) -> None:
    spec = json.loads(timeline_chart(dataset, "de").to_json())
    assert spec["layer"][0]["encoding"]["fill"]["scale"]["domain"] == [
        "Bestehendes Büro",
        "Angekündigtes Büro",
        "Angekündigtes Büro: Datum geplant (hohl)",
    ]
    time_locale = spec["config"]["locale"]["time"]
    assert time_locale["months"][9] == "Oktober" and time_locale["shortMonths"][2] == "März"
    assert time_locale["days"][0] == "Sonntag"
