"""One pipeline for the page and the command line: read → detect → place → build."""

from __future__ import annotations

from components.yourdata.columns import ColumnMap
from components.yourdata.messages import Message
from components.yourdata.pipeline import Choices, place_table
from components.yourdata.reading import read_pasted

ROWS = (
    "name,city,country,status\n"
    "Berlin office,Berlin,DE,open\n"
    "Munich office,München,Deutschland,planned\n"
    "Nowhere,Atlantisxx,DE,open\n"
)


def test_a_table_is_placed_and_built_as_detected() -> None:
    placement = place_table(read_pasted(ROWS))
    assert placement.columns.city == "city" and placement.problems == ()
    assert placement.outcomes == {"matched": 2, "ambiguous": 0, "approximate": 0, "unmatched": 1}
    assert placement.statuses == {"open": "existing", "planned": "announced"}
    assert placement.dataset is not None
    assert [office.status for office in placement.dataset.offices] == ["existing", "announced"]


def test_the_readers_choices_are_applied() -> None:
    choices = Choices(
        statuses={"planned": "existing"},
        edits={4: {"city": "Hamburg"}},
        company="Example AG",
        headquarters_row=3,
    )
    placement = place_table(read_pasted(ROWS), choices)
    assert placement.placed == 3
    assert placement.dataset is not None
    assert {office.status for office in placement.dataset.offices} == {"existing"}
    assert placement.dataset.company.name.get("de") == "Example AG"
    assert placement.dataset.headquarters.city.get("en") == "Munich office"


def test_columns_that_cannot_place_rows_place_none_and_say_why() -> None:
    placement = place_table(read_pasted(ROWS), Choices(columns=ColumnMap(name="name")))
    assert placement.problems == (Message.of("columns.nothing_to_place"),)
    assert placement.located == () and placement.dataset is None
