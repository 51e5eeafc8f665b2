from __future__ import annotations

import json
import random
from datetime import date, timedelta
from typing import Any

import pytest

from components.data.at_date import dataset_at, steps
from components.data.dates import partial_date_end
from components.data.events import status_after
from components.data.schema import Dataset
from components.facts.timeline import (
    BREAK_LAYER,
    CURSOR_LAYER,
    PAGE_COLOURS,
    SELECTION,
    axis_segments,
    axis_start,
    axis_ticks,
    position,
    timeline_chart,
    timeline_events,
)
from components.map.style import STATUS_COLOURS, STATUS_SHAPES
from testing.pages import contrast
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
    encoding = points_layer(spec)["encoding"]
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
    encoding = points_layer(spec)["encoding"]
    # Stroke, fill and shape share one field and one legend: one entry per symbol.
    assert {encoding[c]["field"] for c in ("stroke", "fill", "shape")} == {"symbol"}
    assert encoding["stroke"]["legend"] == encoding["fill"]["legend"] == encoding["shape"]["legend"]
    names = encoding["fill"]["scale"]["domain"]
    assert names == [
        "Existing office", "Announced office", "Date planned (hollow)",
    ]  # fmt: skip
    hollow = names.index("Date planned (hollow)")
    assert encoding["fill"]["scale"]["range"][hollow] == "transparent"
    assert {row["symbol"] for row in points_layer(spec)["data"]["values"]} == set(names)


def test_no_legend_entry_for_a_symbol_not_drawn(dataset: Dataset) -> None:
    raw = raw_data()
    for office in raw["offices"]:
        office["dates"]["planned_opening"] = None
        office["dates"]["planned_opening_label"] = None
    spec = json.loads(timeline_chart(dataset_from(raw), "de").to_json())
    names = points_layer(spec)["encoding"]["fill"]["scale"]["domain"]
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


def points_layer(spec: dict[str, Any]) -> dict[str, Any]:
    layer: dict[str, Any] = spec["layer"][0]
    return layer


def test_every_point_stands_at_its_own_date_on_a_broken_axis(dataset: Dataset) -> None:
    spec = json.loads(timeline_chart(dataset, "de").to_json())
    rows = points_layer(spec)["data"]["values"]
    segments = axis_segments([date.fromisoformat(row["date"]) for row in rows])
    assert len(segments) == 2  # the founding, a break, then the rest
    (rule,) = [layer for layer in spec["layer"] if layer.get("name") == BREAK_LAYER]
    gap = rule["data"]["values"][0]["x"]
    assert segments[0].right < gap < segments[1].left
    founded = next(row for row in rows if row["office_id"] == "san-francisco")
    assert founded["x"] < gap and all(row["x"] > gap for row in rows if row is not founded)
    # The axis's ticks: the founding's month in the first part, quarters in the second.
    axis = points_layer(spec)["encoding"]["x"]["axis"]
    ticks = axis_ticks(segments, "de")
    assert [value for value, _label in ticks] == axis["values"]
    assert ticks[0][1] == "Dez. 2015" and abs(ticks[0][0] - founded["x"]) < 0.01
    assert "Okt. 2024" in [label for _value, label in ticks]
    assert "note" not in founded  # no "← Founded" written over another date's place


def random_dates(seed: int) -> list[date]:
    """A few dates, some clustered and one maybe far earlier: the shapes timelines take."""
    chance = random.Random(seed)
    base = date(2015, 1, 1) + timedelta(days=chance.randrange(3000))
    days = [base + timedelta(days=chance.randrange(900)) for _ in range(chance.randrange(1, 12))]
    if chance.random() < 0.5:
        days.append(base - timedelta(days=chance.randrange(700, 6000)))
    return days


@pytest.mark.parametrize("seed", range(200))
def test_positions_keep_the_order_of_dates_and_ticks_sit_at_their_dates(seed: int) -> None:
    days = random_dates(seed)
    segments = axis_segments(days)
    ordered = sorted(set(days))
    positions = [position(segments, day) for day in ordered]
    assert positions == sorted(positions) and all(0 <= p <= 1 for p in positions)
    for segment in segments:
        pairs = zip(ordered, positions, strict=True)
        inside = [p for day, p in pairs if segment.start <= day <= segment.end]
        assert all(segment.left <= p <= segment.right for p in inside)
    values = [value for value, _label in axis_ticks(segments, "en")]
    assert values == sorted(values)


def test_the_selected_office_is_drawn_larger(dataset: Dataset) -> None:
    spec = json.loads(timeline_chart(dataset, "en", "paris").to_json())
    rows = points_layer(spec)["data"]["values"]
    assert {row["office_id"] for row in rows if row["selected"]} == {"paris"}
    assert points_layer(spec)["encoding"]["size"]["condition"]["test"] == "datum.selected"


def test_no_break_where_the_events_need_the_whole_span() -> None:
    raw = raw_data()
    (san_francisco,) = (office for office in raw["offices"] if office["id"] == "san-francisco")
    san_francisco["events"][0]["date"] = "2023-01"
    spec = json.loads(timeline_chart(dataset_from(raw), "en").to_json())
    assert BREAK_LAYER not in [layer.get("name") for layer in spec["layer"]]


def test_a_cursor_stands_at_the_date_shown_after_every_event_up_to_it(catalog: Dataset) -> None:
    for step in steps(catalog):
        footprint = dataset_at(catalog, step)
        spec = json.loads(timeline_chart(footprint, "en").to_json())
        (cursor,) = [layer for layer in spec["layer"] if layer.get("name") == CURSOR_LAYER]
        at = cursor["data"]["values"][0]["x"]
        rows = points_layer(spec)["data"]["values"]
        segments = axis_segments(
            sorted([*(date.fromisoformat(r["date"]) for r in rows), partial_date_end(step)])
        )
        assert abs(at - position(segments, partial_date_end(step))) < 1e-9
        assert all(row["x"] <= at + 1e-9 for row in rows if not row["planned"]), step
        assert 0 <= at <= 1


def test_no_cursor_for_data_without_events() -> None:
    raw = raw_data()
    for office in raw["offices"]:
        events = office.pop("events")
        office["status"] = status_after(event["kind"] for event in events) or "announced"
        office["dates"].update({event["kind"]: event["date"] for event in events})
    spec = json.loads(timeline_chart(dataset_from(raw), "en").to_json())
    assert CURSOR_LAYER not in [layer.get("name") for layer in spec["layer"]]


def test_chart_speaks_german(dataset: Dataset) -> None:
    spec = json.loads(timeline_chart(dataset, "de").to_json())
    assert points_layer(spec)["encoding"]["fill"]["scale"]["domain"] == [
        "Bestehendes Büro",
        "Angekündigtes Büro",
        "Datum geplant (hohl)",
    ]
    assert "Juli 2023" in points_layer(spec)["encoding"]["x"]["axis"]["labelExpr"]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_charts_words_take_the_pages_text_colour(dataset: Dataset, theme: str) -> None:
    ink, paper = PAGE_COLOURS[theme]
    spec = json.loads(timeline_chart(dataset, "en", theme=theme).to_json())
    for part in ("axis", "legend"):
        assert spec["config"][part]["labelColor"] == ink
    assert contrast(rgb_of(ink), rgb_of(paper)) >= 4.5


def rgb_of(hex_colour: str) -> tuple[int, int, int]:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return red, green, blue
