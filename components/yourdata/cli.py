"""``python -m components.yourdata INPUT [-o OUTPUT] [--online] [--company NAME] [--lang de]``:
a table of offices placed on the map from the shell.

Writes a dataset of the rows it placed (``OUTPUT``, default ``INPUT`` with ``.offices.json``)
and a report of every row that was not placed plainly (``….report.csv``, in ``--lang``).
Exit status: 0 every row placed, 1 some not placed, 2 the input cannot be read or placed.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from components.text.catalog import LANGUAGES
from components.yourdata.messages import Message, render
from components.yourdata.online import OnlineGeocoder
from components.yourdata.pipeline import Choices, Placement, place_table
from components.yourdata.placing import Located, alternative_message, place_message
from components.yourdata.reading import InputError, read_table

REPORT_COLUMNS = (
    "row", "outcome", "how", "place", "state", "country", "lat", "lon", "population", "reason",
    "alternatives", "suggestions",
)  # fmt: skip


def report_rows(placement: Placement, lang: str) -> list[list[str]]:
    """The report: a header, then every row that was not placed plainly (not placed, or
    placed with a doubt), in ``lang``."""
    header = [render(Message.of(f"report.{column}"), lang) for column in REPORT_COLUMNS]
    return [header] + [
        _report_row(item, lang) for item in placement.located if item.outcome != "matched"
    ]


def _report_row(item: Located, lang: str) -> list[str]:
    """A row of the report: where the row landed (the place chosen, with its state, country,
    position and population), why it is doubtful, and what else it could be."""

    def shown(message: Message | None) -> str:
        return render(message, lang) if message else ""

    chosen = item.chosen
    return [
        str(item.row),
        shown(Message.of(f"outcome.{item.outcome}")),
        shown(Message.of(f"how.{item.how}") if item.how else None),
        shown(item.place),
        chosen.state if chosen else "",
        item.country or "",
        f"{item.lat:.5f}" if item.lat is not None else "",
        f"{item.lon:.5f}" if item.lon is not None else "",
        str(chosen.population) if chosen else "",
        shown(item.reason),
        "; ".join(shown(alternative_message(other)) for other in item.alternatives),
        "; ".join(shown(place_message(place)) for place in item.suggestions),
    ]


def shell_language() -> str:
    """The language the shell asks for (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``,
    as gettext reads them), if the app speaks it; else English."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        code = os.environ.get(variable, "").split(":")[0].split("_")[0].split(".")[0].lower()
        if code:
            return code if code in LANGUAGES else "en"
    return "en"


def main(argv: Sequence[str] | None = None) -> int:
    default = shell_language()

    def helped(code: str) -> str:
        return render(Message.of(code), default)

    parser = argparse.ArgumentParser(
        prog="python -m components.yourdata", description=helped("cli.description")
    )
    parser.add_argument("input", type=Path, help=helped("cli.help_input"))
    parser.add_argument("-o", "--output", type=Path, help=helped("cli.help_output"))
    parser.add_argument("--company", default="", help=helped("cli.help_company"))
    parser.add_argument("--online", action="store_true", help=helped("cli.help_online"))
    parser.add_argument(
        "--check-doubtful", action="store_true", help=helped("cli.help_check_doubtful")
    )
    parser.add_argument("--lang", choices=LANGUAGES, default=default, help=helped("cli.help_lang"))
    args = parser.parse_args(argv)
    lang: str = args.lang

    def say(message: Message) -> None:
        print(render(message, lang), file=sys.stderr)

    try:
        table = read_table(args.input.name, args.input.read_bytes())
    except InputError as error:
        say(Message.of("cli.unreadable", path=str(args.input), error=error.message))
        return 2
    except OSError as error:
        say(Message.of("cli.unreadable", path=str(args.input), error=error.strerror or ""))
        return 2
    online = OnlineGeocoder() if args.online else None
    choices = Choices(company=args.company or args.input.stem, check_doubtful=args.check_doubtful)
    placement = place_table(table, choices, online)
    if placement.problems:
        problems = "; ".join(render(problem, lang) for problem in placement.problems)
        say(Message.of("cli.cannot_place", path=str(args.input), problems=problems))
        return 2
    for note in placement.notes:
        say(note)
    output = args.output or args.input.with_suffix(".offices.json")
    report = output.with_suffix(".report.csv")
    if placement.built is not None:
        output.write_text(placement.built.json_text, encoding="utf-8")
        count = len(placement.built.dataset.offices)
        print(render(Message.of("cli.dataset_written", path=str(output), count=count), lang))
    with report.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(report_rows(placement, lang))
    total = len(placement.located)
    summary = Message.of("cli.placed", placed=placement.placed, total=total, report=str(report))
    print(render(summary, lang))
    # Rows not read (over the limit) are rows not placed.
    cut = any(note.code == "read.rows_not_read" for note in placement.notes)
    return 0 if placement.placed == total and not cut else 1
