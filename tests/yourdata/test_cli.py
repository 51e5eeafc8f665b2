"""``python -m components.yourdata``: a dataset and a report, in the reader's language."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from components.yourdata.cli import main
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
    assert header == ["row", "outcome", "how", "place", "reason", "alternatives"]
    assert rows == [["3", "not placed", "", "", "“Atlantisxx” is not among the offline "
                     "list's places in DE", ""]]  # fmt: skip
    table.write_text("name,city,country\nBerlin office,Berlin,DE\n", encoding="utf-8")
    assert main([str(table), "-o", str(output)]) == 0


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
    assert report.startswith("Zeile,Ergebnis,wie,Ort,Grund,Alternativen")
    assert "ist kein Land, das diese App kennt" in report


def test_input_that_cannot_be_read_exits_2_with_a_message(tmp_path: Path) -> None:
    table = tmp_path / "one.csv"
    table.write_text("just one column\nvalue\n", encoding="utf-8")
    assert main([str(table)]) == 2
    assert main([str(tmp_path / "missing.csv")]) == 2
