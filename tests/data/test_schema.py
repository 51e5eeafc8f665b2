from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from components.data.cli import main
from components.data.dates import parse_partial_date, partial_date_start
from components.data.loading import DEFAULT_DATA_PATH, load_dataset, parse_dataset
from components.data.problems import DatasetError, json_path, reference_problems
from components.data.schema import Company, Dataset, LocalizedText, Source
from components.text.catalog import LANGUAGES
from testing.server import REPO_ROOT
from tests.helpers import dataset_from, problems_of, raw_data, write_json

OFFICE_IDS = {
    "san-francisco", "london", "dublin", "tokyo",
    "new-york", "seattle", "paris", "brussels", "singapore",
}  # fmt: skip


def office_index(raw: dict[str, Any], office_id: str, last: bool = False) -> int:
    indices = [i for i, office in enumerate(raw["offices"]) if office["id"] == office_id]
    return indices[-1] if last else indices[0]


# The shipped data ------------------------------------------------------------------------


def test_shipped_data_has_the_nine_offices_with_their_status(dataset: Dataset) -> None:
    assert {office.id for office in dataset.offices} == OFFICE_IDS
    existing = {office.id for office in dataset.offices if office.status == "existing"}
    assert existing == {"san-francisco", "london", "dublin", "tokyo"}


def test_shipped_data_uses_german_city_names_where_they_differ(dataset: Dataset) -> None:
    german = {office.id: office.city.get("de") for office in dataset.offices}
    assert (german["tokyo"], german["brussels"], german["singapore"]) == (
        "Tokio",
        "Brüssel",
        "Singapur",
    )


def test_new_offices_were_announced_on_9_october_2024(dataset: Dataset) -> None:
    for office in dataset.offices:
        if office.status == "announced":
            assert office.dates.announced == "2024-10-09", office.id


def test_headquarters_is_san_francisco(dataset: Dataset) -> None:
    assert dataset.headquarters.id == "san-francisco"


def test_dataset_is_immutable(dataset: Dataset) -> None:
    with pytest.raises(ValidationError):
        dataset.offices[0].lat = 0.0
    assert isinstance(dataset.offices, tuple)


# One rule at a time ------------------------------------------------------------------------


def test_invalid_json_reports_line_and_column() -> None:
    with pytest.raises(DatasetError) as caught:
        parse_dataset('{"schema_version": 1,\n  "offices": ]}', "broken.json")
    (problem,) = caught.value.problems
    assert "line 2, column 14" in problem.message
    assert "broken.json" in str(caught.value)


def test_json_nested_too_deeply_is_a_problem_not_a_crash() -> None:
    with pytest.raises(DatasetError) as caught:
        parse_dataset("[" * 100_000 + "]" * 100_000, "deep.json")
    (problem,) = caught.value.problems
    assert problem.message.startswith("JSON nested too deeply to read")
    raw = raw_data()
    deep: object = 0
    for _level in range(900):
        deep = [deep]
    raw["offices"][0]["notes"] = deep  # within Python's limit, past the validator's
    assert "recursion limit exceeded" in "\n".join(problems_of(raw))


def test_top_level_must_be_an_object() -> None:
    assert problems_of([1, 2]) == ["(file): expected a JSON object (got [1, 2])"]


def test_missing_field_is_named_with_its_path() -> None:
    raw = raw_data()
    del raw["offices"][2]["lat"]
    assert problems_of(raw) == ["offices[2].lat: required field is missing"]


def test_unknown_status_is_reported_with_the_bad_value() -> None:
    raw = raw_data()
    raw["offices"][1]["status"] = "planned"
    (problem,) = problems_of(raw)
    assert problem.startswith("offices[1].status: ")
    assert "'existing' or 'announced'" in problem
    assert problem.endswith("(got 'planned')")


def test_unknown_region_is_reported() -> None:
    raw = raw_data()
    raw["offices"][0]["region"] = "Europe"
    (problem,) = problems_of(raw)
    assert problem.startswith("offices[0].region: ") and "(got 'Europe')" in problem


@pytest.mark.parametrize("value", [90.5, -91, float("inf")])
def test_latitude_outside_range_is_rejected(value: float) -> None:
    raw = raw_data()
    raw["offices"][3]["lat"] = value
    text = json.dumps(raw)  # json.dumps writes inf as Infinity, which json.loads accepts
    with pytest.raises(DatasetError) as caught:
        parse_dataset(text, "test.json")
    paths = [problem.path for problem in caught.value.problems]
    assert paths == ["offices[3].lat"]


@pytest.mark.parametrize("value", [180.01, -200])
def test_longitude_outside_range_is_rejected(value: float) -> None:
    raw = raw_data()
    raw["offices"][4]["lon"] = value
    (problem,) = problems_of(raw)
    assert problem.startswith("offices[4].lon: ") and f"(got {value!r})" in problem


def test_boundary_coordinates_are_accepted() -> None:
    raw = raw_data()
    raw["offices"][0]["lat"], raw["offices"][0]["lon"] = 90, -180
    assert dataset_from(raw).offices[0].lat == 90


def test_number_as_string_is_rejected() -> None:
    raw = raw_data()
    raw["offices"][0]["lat"] = "37.7"
    (problem,) = problems_of(raw)
    assert problem.startswith("offices[0].lat: ")


def test_duplicate_ids_are_reported_with_the_first_use() -> None:
    raw = raw_data()
    raw["offices"][5]["id"] = "london"
    assert problems_of(raw) == [
        f"offices[5].id: duplicate id, first used at offices[{office_index(raw, 'london')}]"
        " (got 'london')"
    ]


def test_duplicate_source_ids_are_reported() -> None:
    raw = raw_data()
    raw["sources"].append(dict(raw["sources"][0]))
    last = len(raw["sources"]) - 1
    assert problems_of(raw) == [
        f"sources[{last}].id: duplicate id, first used at sources[0] "
        f"(got '{raw['sources'][0]['id']}')"
    ]


def test_references_are_checked_alike_in_the_files_json_and_in_the_validated_records() -> None:
    raw = raw_data()
    raw["people"][0]["base_office"] = "atlantis"
    raw["offices"][1]["id"] = raw["offices"][0]["id"]
    records = Dataset.model_validate_json(json.dumps(raw))  # the schema alone accepts it
    from_json, from_records = list(reference_problems(raw)), list(reference_problems(records))
    assert len(from_json) == 2 and from_records == from_json
    assert {problem.path for problem in from_json} == {"people[0].base_office", "offices[1].id"}


def test_reference_to_unknown_office_is_reported() -> None:
    raw = raw_data()
    raw["people"][0]["base_office"] = "atlantis"
    raw["partnerships"][0]["offices"] = ["singapore", "gotham"]
    raw["company"]["headquarters"] = "nowhere"
    assert sorted(problems_of(raw)) == [
        "company.headquarters: unknown office id (got 'nowhere')",
        "partnerships[0].offices[1]: unknown office id (got 'gotham')",
        "people[0].base_office: unknown office id (got 'atlantis')",
    ]


def test_reference_to_unknown_source_is_reported() -> None:
    raw = raw_data()
    raw["offices"][6]["sources"] = ["trending-topics-2024-10", "rumour"]
    raw["funding"]["context"][1]["sources"] = ["gossip"]
    assert sorted(problems_of(raw)) == [
        "funding.context[1].sources[0]: unknown source id (got 'gossip')",
        "offices[6].sources[1]: unknown source id (got 'rumour')",
    ]


def test_a_text_without_its_english_version_is_reported() -> None:
    raw = raw_data()
    del raw["offices"][7]["role"]["en"]
    (problem,) = problems_of(raw)
    assert problem.startswith("offices[7].role: a text needs at least its 'en' version")


def test_a_text_missing_in_a_language_reads_the_english_one() -> None:
    raw = raw_data()
    del raw["offices"][7]["role"]["de"]
    role = dataset_from(raw).offices[7].role
    assert role is not None
    assert role.get("de") == role.get("en") == raw["offices"][7]["role"]["en"]


def test_the_shipped_data_has_every_text_in_every_language_of_the_app(dataset: Dataset) -> None:
    # Names given once (a publisher, the company) are the same in every language.
    same_everywhere = {(Source, "publisher"), (Company, "name")}

    def texts(value: object) -> list[LocalizedText]:
        if isinstance(value, LocalizedText):
            return [value]
        if isinstance(value, BaseModel):
            fields = [
                name
                for name in type(value).model_fields
                if (type(value), name) not in same_everywhere
            ]
            return [text for name in fields for text in texts(getattr(value, name))]
        if isinstance(value, tuple | list):
            return [text for item in value for text in texts(item)]
        if isinstance(value, dict):
            return [text for item in value.values() for text in texts(item)]
        return []

    found = texts(dataset)
    assert len(found) > 50
    assert all(text.languages >= set(LANGUAGES) for text in found), [
        text.root for text in found if not text.languages >= set(LANGUAGES)
    ]


def test_blank_text_counts_as_missing() -> None:
    raw = raw_data()
    raw["people"][1]["role"]["de"] = "   "
    (problem,) = problems_of(raw)
    assert problem.startswith("people[1].role.de: ")


def test_unknown_field_is_reported() -> None:
    raw = raw_data()
    raw["offices"][0]["stauts"] = "existing"
    (problem,) = problems_of(raw)
    assert problem.startswith("offices[0].stauts: Extra inputs are not permitted")


def test_country_must_be_an_iso_code() -> None:
    raw = raw_data()
    raw["offices"][0]["country"] = "XX"
    (problem,) = problems_of(raw)
    assert problem.startswith("offices[0].country: expected an ISO 3166-1 alpha-2")


def test_impossible_date_is_reported() -> None:
    raw = raw_data()
    raw["offices"][8]["dates"]["announced"] = "2024-02-30"
    (problem,) = problems_of(raw)
    assert problem.startswith("offices[8].dates.announced: not a real date")


def test_every_problem_is_reported_at_once() -> None:
    raw = raw_data()
    raw["offices"][0]["lat"] = 123
    raw["offices"][1]["status"] = "soon"
    del raw["offices"][2]["city"]["en"]
    raw["offices"][office_index(raw, "new-york")]["id"] = "london"
    raw["people"][0]["base_office"] = "atlantis"
    paths = [problem.split(":")[0] for problem in problems_of(raw)]
    assert sorted(paths) == sorted(
        [
            "offices[0].lat",
            "offices[1].status",
            "offices[2].city",
            f"offices[{office_index(raw, 'london', last=True)}].id",
            "people[0].base_office",
        ]
    )


def test_json_path_formats_indices_and_fields() -> None:
    assert json_path(("offices", 3, "lat")) == "offices[3].lat"
    assert json_path(()) == ""


# Files and the command line ------------------------------------------------------------


def test_missing_file_is_a_dataset_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="file not found"):
        load_dataset(tmp_path / "absent.json")


def test_file_that_is_not_utf8_is_a_dataset_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"city": "Brüssel"}'.encode("latin-1"))
    with pytest.raises(DatasetError, match="not UTF-8"):
        load_dataset(path)


def test_cli_validates_the_shipped_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{DEFAULT_DATA_PATH}: OK, 14 offices (8 existing, 6 announced), ")
    assert "4 people, 1 partnership, 28 sources" in line


def test_cli_lists_every_problem_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = raw_data()
    raw["offices"][0]["lon"] = 999
    raw["offices"][1]["region"] = "Mars"
    path = write_json(tmp_path / "bad.json", raw)
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{path}: 2 problems"
    assert lines[1].startswith("  offices[0].lon:") and lines[2].startswith("  offices[1].region:")


def test_cli_as_a_module_never_prints_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "components.data", "validate", str(path)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "invalid JSON at line 1, column 2" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("value", "parts"),
    [("2024-10-09", (2024, 10, 9)), ("2015-12", (2015, 12, None)), ("2017", (2017, None, None))],
)
def test_partial_dates_are_parsed_once_for_every_use(
    value: str, parts: tuple[int, int | None, int | None]
) -> None:
    assert parse_partial_date(value) == parts


@pytest.mark.parametrize("value", ["2024-13", "2023-02-29", "24-10-09", "2024/10/09", ""])
def test_impossible_or_malformed_partial_dates_are_rejected(value: str) -> None:
    with pytest.raises(ValueError):
        parse_partial_date(value)


def test_a_partial_date_starts_on_its_first_possible_day() -> None:
    assert partial_date_start("2015-12") == date(2015, 12, 1)
    assert partial_date_start("2017") == date(2017, 1, 1)
    assert partial_date_start("2024-10-09") == date(2024, 10, 9)


# Sources, differences and later developments ----------------------------------------------


def test_every_shipped_source_has_an_address_and_both_languages(dataset: Dataset) -> None:
    for source in dataset.sources:
        assert source.url and source.url.startswith("https://"), source.id
        assert source.publisher.get("en") and source.publisher.get("de") and source.title.get("de")
        # No source may point at a file the repository does not ship.
        assert "fact sheet" not in source.title.get("en").lower(), source.id
    reprints = {source.id for source in dataset.sources if source.is_copy}
    assert reprints == {
        "techcrunch-2024-10-09", "reuters-2023-09-14", "reuters-2024-04-15", "watoday-2025-08-27",
    }  # fmt: skip


def test_every_shipped_source_is_cited(dataset: Dataset) -> None:
    raw = json.loads(DEFAULT_DATA_PATH.read_text(encoding="utf-8"))
    cited = set(
        re.findall(r'"([a-z0-9-]+)"', json.dumps({k: v for k, v in raw.items() if k != "sources"}))
    )
    assert {source.id for source in dataset.sources} <= cited


def test_the_fact_sheets_differences_are_in_the_data(dataset: Dataset) -> None:
    seattle = dataset.office("seattle").differences
    assert len(seattle) == 1 and "Seattle" in seattle[0].text.get("en")
    assert {"techcrunch-2024-10-09", "cna-2024-10-09"} <= set(seattle[0].sources)
    (grab,) = next(p for p in dataset.people if p.id == "oliver-jay").differences
    assert "once served" in grab.text.get("en") and set(grab.sources) == {
        "trending-topics-2024-10", "mint-2024-10",
    }  # fmt: skip
    (money,) = dataset.partnerships[0].differences
    assert set(money.sources) == {"maginative-2024-10", "cna-2024-10-09"}
    assert dataset.funding is not None
    (amount,) = dataset.funding.differences
    assert "6.4" in amount.text.get("en") and "6,4" in amount.text.get("de")


def test_later_developments_change_no_status(catalog: Dataset) -> None:
    assert {office.id for office in catalog.offices if office.since} == {"singapore"}
    assert catalog.office("singapore").status == "announced"  # no source says it opened


@pytest.mark.parametrize("sources", [["cna-2024-10-09"], ["cna-2024-10-09", "cna-2024-10-09"]])
def test_a_difference_must_cite_two_different_sources(sources: list[str]) -> None:
    raw = raw_data()
    seattle = office_index(raw, "seattle")
    raw["offices"][seattle]["differences"][0]["sources"] = sources
    (problem,) = problems_of(raw)
    assert problem.startswith(f"offices[{seattle}].differences[0].sources: ")
    assert "at least two different sources" in problem


def test_unknown_sources_of_differences_and_developments_are_reported() -> None:
    raw = raw_data()
    paris = office_index(raw, "paris")
    raw["offices"][paris]["since"] = [{"date": "2025", "text": {"en": "x"}, "sources": ["hearsay"]}]
    raw["people"][0]["differences"][0]["sources"] = ["trending-topics-2024-10", "rumour"]
    raw["company"]["since"] = [{"date": "2025", "text": {"en": "x"}, "sources": ["blog"]}]
    assert sorted(problems_of(raw)) == [
        "company.since[0].sources[0]: unknown source id (got 'blog')",
        f"offices[{paris}].since[0].sources[0]: unknown source id (got 'hearsay')",
        "people[0].differences[0].sources[1]: unknown source id (got 'rumour')",
    ]


def test_a_publisher_given_once_is_the_same_in_every_language() -> None:
    raw = raw_data()
    raw["sources"][0]["publisher"] = "Der Standard"
    source = dataset_from(raw).sources[0]
    assert source.publisher.get("en") == source.publisher.get("de") == "Der Standard"
    raw["sources"][0]["publisher"] = {"de": "Der Standard"}
    (problem,) = problems_of(raw)
    assert problem.startswith("sources[0].publisher: a text needs at least its 'en' version")


def test_a_source_address_must_be_http() -> None:
    raw = raw_data()
    raw["sources"][0]["url"] = "javascript:alert(1)"
    (problem,) = problems_of(raw)
    assert problem.startswith("sources[0].url: ")
