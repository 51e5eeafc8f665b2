"""``python -m components.yourdata``: a dataset and a report, in the reader's language."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from components.yourdata import cli
from components.yourdata.cli import main
from components.yourdata.online import Answers, OnlineGeocoder
from components.yourdata.reading import MAX_ROWS
from testing.nominatim import fake_nominatim
from testing.server import REPO_ROOT


def test_the_command_writes_a_valid_dataset_and_a_report(tmp_path: Path) -> None:
    table = tmp_path / "offices.csv"
    table.write_text(
        "name,city,country\nBerlin office,Berlin,DE\nNowhere,Atlantisxx,DE\n", encoding="utf-8"
    )
    output = tmp_path / "out.json"
    assert main([str(table), "-o", str(output), "--company", "Example"]) == 1  # one unplaced
    data = json.loads(output.read_text(encoding="utf-8"))
    assert [office["city"]["en"] for office in data["offices"]] == ["Berlin office"]
    with (tmp_path / "out.report.csv").open(encoding="utf-8-sig") as handle:
        header, *rows = list(csv.reader(handle))
    assert header == [
        "row", "outcome", "how", "place", "state or province", "country", "latitude",
        "longitude", "population", "reason", "alternatives", "suggestions",
    ]  # fmt: skip
    missing = "“Atlantisxx” is not among the offline list's places in DE"
    assert rows == [["3", "not placed", "", "", "", "", "", "", "", missing, "", ""]]
    table.write_text("name,city,country\nBerlin office,Berlin,DE\n", encoding="utf-8")
    assert main([str(table), "-o", str(output)]) == 0


def test_the_report_names_the_place_chosen_its_alternatives_and_suggestions(
    tmp_path: Path,
) -> None:
    table = tmp_path / "offices.csv"
    # Line 3 is blank and line 5 holds a cell over two lines: the report's rows are the
    # file's own lines.
    table.write_text(
        'name,city,state,country\nA,Portland,,US\n\n"B\nsecond line",Frankfrut,,DE\n'
        "C,Palmer,Alaska,USA\n",
        encoding="utf-8",
    )
    assert main([str(table)]) == 1
    report = tmp_path / "offices.offices.report.csv"
    with report.open(encoding="utf-8-sig") as handle:
        _header, *rows = list(csv.reader(handle))
    by_row = {row[0]: row for row in rows}
    assert set(by_row) == {"2", "4"}  # Palmer in Alaska is placed without a doubt
    portland = by_row["2"]
    assert portland[1:6] == ["ambiguous", "offline city list", "Portland, Oregon, US", "Oregon",
                             "US"]  # fmt: skip
    assert "Portland, Maine, US, " in portland[10] and " km away" in portland[10]
    frankfrut = by_row["4"]
    assert frankfrut[1] == "not placed"
    assert frankfrut[11].startswith("Frankfurt am Main, Hesse, DE")


def test_a_file_cut_at_the_row_limit_exits_1_and_says_how_many_rows_were_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "big.csv"
    table.write_text("name,lat,lon\n" + "x,48.1,11.5\n" * (MAX_ROWS + 7), encoding="utf-8")
    assert main([str(table)]) == 1
    assert "7 rows after the first 10,000 were not read" in capsys.readouterr().err


def test_the_report_and_the_messages_speak_german_when_asked(tmp_path: Path) -> None:
    table = tmp_path / "büros.csv"
    table.write_text("name,city,country\nNirgendwo,Atlantisxx,Narnia\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "components.yourdata", str(table), "--lang", "de"],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "0 von 1 Zeilen platziert" in result.stdout
    report = (tmp_path / "büros.offices.report.csv").read_text(encoding="utf-8-sig")
    assert report.startswith("Zeile,Ergebnis,wie,Ort,Bundesland oder Provinz,Land,")
    assert "ist kein Land, das diese App kennt" in report


def test_input_that_cannot_be_read_exits_2_with_a_message(tmp_path: Path) -> None:
    table = tmp_path / "one.csv"
    table.write_text("just one column\nvalue\n", encoding="utf-8")
    assert main([str(table)]) == 2
    assert main([str(tmp_path / "missing.csv")]) == 2


def test_check_doubtful_looks_up_the_doubtful_rows_online(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tmp_path / "offices.csv"
    table.write_text(
        "name,city,country\nBerlin office,Berlin,DE\nPlant,Springfield,US\n", encoding="utf-8"
    )
    output = tmp_path / "out.json"
    with fake_nominatim() as fake:
        fake.answers = {"Springfield": [{"lat": "39.799", "lon": "-89.644", "display_name": "x"}]}
        monkeypatch.setattr(
            cli,
            "OnlineGeocoder",
            lambda: OnlineGeocoder(
                Answers(tmp_path / "answers.sqlite3"),
                contact_address="maps@example.org",
                domain=fake.domain,
                scheme="http",
            ),
        )
        assert main([str(table), "-o", str(output), "--online", "--check-doubtful"]) == 0
    assert [request.query for request in fake.requests] == ["Springfield, US"]
    plant = json.loads(output.read_text(encoding="utf-8"))["offices"][1]
    assert (plant["lat"], plant["lon"]) == (39.799, -89.644)
