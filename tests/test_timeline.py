from __future__ import annotations

import json

from components.dataset import Dataset
from components.map_style import STATUS_COLOURS
from components.timeline import SELECTION, timeline_chart, timeline_events


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
    scale = spec["encoding"]["color"]["scale"]
    assert scale["domain"] == ["Existing office", "Announced office"]
    assert scale["range"] == [STATUS_COLOURS["existing"], STATUS_COLOURS["announced"]]
    (param,) = spec["params"]
    assert param["name"] == SELECTION and param["select"]["fields"] == ["office_id"]
    titles = [tooltip["title"] for tooltip in spec["encoding"]["tooltip"]]
    assert titles == ["City", "Event", "Date", "Sources"]


def test_chart_speaks_german(dataset: Dataset) -> None:
    spec = json.loads(timeline_chart(dataset, "de").to_json())
    assert spec["encoding"]["color"]["scale"]["domain"] == [
        "Bestehendes Büro",
        "Angekündigtes Büro",
    ]
