"""A reader's table from the bytes they brought to a dataset of the app's schema, in one call
that the Your data page and the command line share: read → detect the columns → place every
row → build the dataset, with every row's outcome kept for the report.

The reader's choices (another column, a status value mapped otherwise, a row fixed in place,
the company's name and headquarters) come in as :class:`Choices`; without any, the pipeline
decides as the page would before the reader changes anything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from components.data.schema import Dataset
from components.yourdata.building import Built, NothingPlacedError, build_dataset
from components.yourdata.columns import ColumnMap, Status, detect, status_values
from components.yourdata.gazetteer import Place
from components.yourdata.messages import Message
from components.yourdata.online import OnlineGeocoder
from components.yourdata.placing import OUTCOMES, Located, Outcome, from_place, locate
from components.yourdata.reading import Table, read_table

__all__ = ["Choices", "Placement", "place_table", "read_table"]


@dataclass(frozen=True)
class Choices:
    """What the reader decided; ``None`` and empty mean: as detected."""

    columns: ColumnMap | None = None
    statuses: Mapping[str, Status] = field(default_factory=dict)
    # Fixes of rows in place, by row (its line in the file): {row: {column: text}}.
    edits: Mapping[int, Mapping[str, str]] = field(default_factory=dict)
    # Places the reader chose for rows from their alternatives or suggestions, by row.
    picks: Mapping[int, Place] = field(default_factory=dict)
    company: str = ""
    headquarters_row: int | None = None
    # Rows the offline list places with doubt are looked up online too (if online is on).
    check_doubtful: bool = False


@dataclass(frozen=True)
class Placement:
    """A table placed: its columns, every row's outcome and, where any row was placed and
    the columns allow it, the dataset."""

    table: Table
    columns: ColumnMap
    # What keeps the columns from placing rows (then nothing is placed).
    problems: tuple[Message, ...]
    statuses: dict[str, Status]
    rows: tuple[dict[str, str], ...]  # the table's rows with the reader's fixes
    located: tuple[Located, ...]
    built: Built | None
    # What the reader should know besides each row's outcome.
    notes: tuple[Message, ...]

    @property
    def dataset(self) -> Dataset | None:
        return self.built.dataset if self.built else None

    @property
    def placed(self) -> int:
        return sum(item.placed for item in self.located)

    def count(self, outcome: Outcome) -> int:
        return sum(item.outcome == outcome for item in self.located)

    def rows_by_line(self) -> dict[int, dict[str, str]]:
        """Each placed row's cells (with the reader's fixes), by its line in the file."""
        return {item.row: row for item, row in zip(self.located, self.rows, strict=True)}

    @property
    def outcomes(self) -> dict[Outcome, int]:
        return {outcome: self.count(outcome) for outcome in OUTCOMES}


def place_table(
    table: Table,
    choices: Choices | None = None,
    online: OnlineGeocoder | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Placement:
    """Place ``table`` as the reader chose (see :class:`Choices`); ``online`` looks up what
    the offline list lacks, ``progress`` hears of each row sent online."""
    choices = choices or Choices()
    columns = choices.columns or detect(table.columns, table.rows)
    guessed = status_values(table.rows, columns.status)
    statuses = {value: choices.statuses.get(value, status) for value, status in guessed.items()}
    lines = table.lines or tuple(range(2, len(table.rows) + 2))
    rows = tuple(
        {**row, **choices.edits.get(line, {})} for line, row in zip(lines, table.rows, strict=True)
    )
    problems = tuple(columns.problems())
    if problems:
        return Placement(table, columns, problems, statuses, rows, (), None, table.notes)
    located = tuple(
        from_place(item.row, choices.picks[item.row], reason=Message.of("place.picked"))
        if item.row in choices.picks
        else item
        for item in locate(rows, columns, online, progress, lines, choices.check_doubtful)
    )
    notes = list(table.notes)
    if online is not None:
        if online.failure:
            notes.append(online.failure)
        if online.skipped:
            notes.append(Message.of("online.capped", count=online.skipped, limit=online.cap))
    try:
        built = build_dataset(
            Table(table.columns, rows, table.notes, None, table.source_name, table.lines),
            columns, located, statuses, choices.company, choices.headquarters_row,
        )  # fmt: skip
    except NothingPlacedError:
        built = None
    return Placement(table, columns, (), statuses, rows, located, built, tuple(notes))
