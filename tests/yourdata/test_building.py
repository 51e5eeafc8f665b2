from __future__ import annotations

import json
from typing import Any

import pytest

from components.data.at_date import dataset_at, steps
from components.data.dates import read_date
from components.data.events import status_after
from components.data.loading import parse_dataset
from components.facts.details import office_details
from components.facts.summary import summary_paragraph
from components.map.builder import map_data
from components.yourdata.building import (
    Built,
    NothingPlacedError,
    build_dataset,
    dated_events,
    region,
)
from components.yourdata.columns import ColumnMap, Status
from components.yourdata.messages import render
from components.yourdata.placing import locate
from components.yourdata.reading import read_pasted

COLUMNS = ColumnMap(
    name="name", city="city", country="country", status="status", opened="opened",
    announced="announced", notes="notes", url="url", region="region",
)  # fmt: skip
TABLE = read_pasted(
    "name,city,country,status,opened,announced,notes,url,region\n"
    "Head office,Berlin,DE,open,2015-03-01,,,https://example.com/berlin,\n"
    "Munich,München,DE,planned,,09.10.2024,,,\n"
    "Munich,Munich,DE,open,Q3 2025,,keep,not a link,Europa\n"
    "Nowhere,Atlantisxx,DE,open,,,,,\n"
)


def built(headquarters_row: int | None = None) -> Built:
    located = locate(TABLE.rows, COLUMNS)
    statuses: dict[str, Status] = {"open": "existing", "planned": "announced"}
    return build_dataset(TABLE, COLUMNS, located, statuses, "Example GmbH", headquarters_row)


@pytest.mark.parametrize(
    ("text", "written"),
    [("2024-10-09", "2024-10-09"), ("2024-10-09T12:00:00", "2024-10-09"),
     ("9.10.2024", "2024-10-09"), ("2024/10/09", "2024-10-09"), ("2024-10", "2024-10"),
     ("10/2024", "2024-10"), ("2024", "2024"), ("31.02.2024", None), ("Q3 2025", None),
     ("soon", None)],
)  # fmt: skip
def test_dates_are_read_as_the_schema_writes_them(text: str, written: str | None) -> None:
    assert read_date(text) == written


def test_regions_come_from_the_cell_or_the_country() -> None:
    assert region("Europa", "US") == "EMEA"
    assert region("", "JP") == "APAC"
    assert region("Asien-Pazifik", "DE") == "APAC"


def test_placed_rows_make_a_valid_dataset_of_the_apps_schema() -> None:
    result = built()
    dataset = result.dataset
    assert [office.id for office in dataset.offices] == ["head-office", "munich", "munich-2"]
    parse_dataset(result.json_text, "again")
    head, munich, _ = dataset.offices
    assert (head.country, head.region, head.timezone) == ("DE", "EMEA", "Europe/Berlin")
    assert munich.status == "announced" and munich.dates.announced == "2024-10-09"
    assert head.dates.opened == "2015-03-01"
    assert dataset.company.headquarters == "head-office"
    assert dataset.company.name.get("en") == "Example GmbH"
    # A row's web address is a source of its own, with its link.
    assert [source.url for source in dataset.sources] == [None, "https://example.com/berlin"]
    assert head.sources == ("your-data", "row-2")


def test_nothing_is_lost_what_cannot_be_read_is_kept_and_said() -> None:
    result = built()
    second = result.dataset.offices[2]
    assert (
        second.notes is not None
        and "keep" in second.notes.get("en")
        and "Q3 2025" in second.notes.get("en")
    )
    warnings = " ".join(render(warning, "en") for warning in result.warnings)
    assert "not read as a date" in warnings
    assert "not a web address" in warnings
    assert "both named “Munich”" in warnings


def test_the_reader_picks_the_headquarters() -> None:
    result = built(headquarters_row=3)
    assert result.dataset.company.headquarters == "munich"
    assert result.dataset.company.headquarters_stated


@pytest.mark.parametrize(
    ("company", "lang", "opening"),
    [
        ("", "en", "You have 2 existing offices: "),
        ("", "de", "Sie haben 2 bestehende Büros: "),
        ("Example GmbH", "en", "Example GmbH has 2 existing offices: "),
        ("Example GmbH", "de", "Example GmbH hat 2 bestehende Büros: "),
    ],
)
def test_the_summary_names_the_company_the_reader_gave_or_speaks_to_them(
    company: str, lang: str, opening: str
) -> None:
    located = locate(TABLE.rows, COLUMNS)
    statuses: dict[str, Status] = {"planned": "announced", "open": "existing"}
    dataset = build_dataset(TABLE, COLUMNS, located, statuses, company).dataset
    assert dataset.company.name_stated == bool(company)
    summary = summary_paragraph(dataset, dataset.offices, lang)
    assert summary.startswith(opening), summary
    assert "Your company" not in summary and "Ihr Unternehmen" not in summary


@pytest.mark.parametrize("lang", ["en", "de"])
def test_without_a_headquarters_marked_nothing_is_called_one(lang: str) -> None:
    """The first row stands in (the schema needs one), but no sentence, distance, time or
    arc says "headquarters", and no office has a made-up role."""
    dataset = built().dataset
    assert not dataset.company.headquarters_stated
    summary = summary_paragraph(dataset, dataset.offices, lang)
    assert "eadquarters" not in summary and "Hauptsitz" not in summary
    for office in dataset.offices:
        details = office_details(dataset, office.id, lang)
        assert details.role is None
        assert details.distance_to_hq is None and details.time_to_hq is None
    assert map_data(dataset)["footprint"]["arcs"] == []
    marked = built(headquarters_row=3).dataset
    assert "Munich" in summary_paragraph(marked, marked.offices, "en").split("headquarters")[-1]
    assert office_details(marked, "head-office", lang).distance_to_hq is not None


def test_no_placed_row_is_no_dataset() -> None:
    table = read_pasted("name,city,country\nNowhere,Atlantisxx,DE\n")
    located = locate(table.rows, COLUMNS)
    with pytest.raises(NothingPlacedError, match="no row was placed"):
        build_dataset(table, COLUMNS, located, {}, "x")


def test_the_file_is_utf8_json_with_the_readers_names() -> None:
    data = json.loads(built().json_text)
    # The reader's own names are the same in every language (written once).
    assert data["offices"][1]["city"] == {"en": "Munich"}


def test_a_tables_dates_become_events_that_play_the_expansion() -> None:
    dataset = built().dataset
    head, munich, munich_2 = dataset.offices
    assert [(e.kind, e.date) for e in head.events] == [("opened", "2015-03-01")]
    assert [(e.kind, e.date) for e in munich.events] == [("announced", "2024-10-09")]
    # "open" with no date the table gives: opened on a date not stated, placed by the table.
    assert [(e.kind, e.date) for e in munich_2.events] == []
    assert munich_2.status == "existing"
    assert steps(dataset) == ("2015-03-01", "2024-10-09")
    assert [o.id for o in dataset_at(dataset, "2020").offices] == ["head-office", "munich-2"]


@pytest.mark.parametrize(
    ("status", "given", "events", "status_after_events", "planned"),
    [
        ("existing", {"announced": "2019", "opened": "2020-05"},
         [("announced", "2019"), ("opened", "2020-05")], "existing", None),
        ("existing", {"announced": "2019"},
         [("announced", "2019"), ("opened", None)], "existing", None),
        ("announced", {"announced": "2024", "opened": "2027-01"},
         [("announced", "2024")], "announced", "2027-01"),
        ("existing", {"opened": "2020", "announced": "2021"},
         [("opened", "2020"), ("announced", "2021")], "existing", None),
        ("announced", {}, [], None, None),
    ],
)  # fmt: skip
def test_a_rows_dates_and_status_never_contradict_as_events(
    status: Status,
    given: dict[str, str],
    events: list[tuple[str, str | None]],
    status_after_events: str | None,
    planned: str | None,
) -> None:
    dates: dict[str, Any] = dict.fromkeys(("founded", "announced", "opened", "planned_opening"))
    dates.update(given)
    made = dated_events(dates, status, ["your-data"])
    assert [(event["kind"], event["date"]) for event in made] == events
    assert status_after(event["kind"] for event in made) == status_after_events
    assert dates["planned_opening"] == planned
    assert not any(dates[kind] for kind in ("founded", "announced", "opened"))
