"""Reading a data file: ``load_dataset(path)`` returns a frozen
:class:`~components.data.schema.Dataset` or raises one
:class:`~components.data.problems.DatasetError` that lists *every* problem."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from components.data.at_date import placement_problems
from components.data.collecting import paused_collections
from components.data.problems import DatasetError, Problem, reference_problems, validation_problems
from components.data.schema import Dataset

DEFAULT_DATA_PATH = Path(__file__).resolve().parents[2] / "data" / "offices.json"


@paused_collections()
def parse_dataset(text: str, source: str = "<data>") -> Dataset:
    """Validate the JSON text of a data file; raise :class:`DatasetError` listing all problems.

    The text is parsed once, by pydantic, when it is valid (the ids and references are then
    checked on the records); a file with problems is read again as plain JSON, so that every
    problem is named with its place in the file.
    """
    try:
        dataset = Dataset.model_validate_json(text)
    except (ValidationError, RecursionError):
        raise DatasetError(source, _problems_in(text)) from None
    problems = [*reference_problems(dataset), *placement_problems(dataset)]
    if problems:
        raise DatasetError(source, problems)
    return dataset


def _problems_in(text: str) -> list[Problem]:
    """Every problem of a data file that does not validate, each with its JSON path."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        return [Problem("", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")]
    except RecursionError:
        return [Problem("", "JSON nested too deeply to read (a data file needs a few levels)")]
    if not isinstance(raw, dict):
        return [Problem("", "expected a JSON object", raw, has_value=True)]
    problems: list[Problem] = []
    try:
        Dataset.model_validate_json(text)
    except ValidationError as exc:
        problems.extend(validation_problems(exc))
    except RecursionError:
        problems.append(Problem("", "JSON nested too deeply to validate"))
    problems.extend(reference_problems(raw))
    return problems


def load_dataset(path: str | Path = DEFAULT_DATA_PATH) -> Dataset:
    """Read and validate a data file; raise :class:`DatasetError` naming every problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DatasetError(str(path), [Problem("", "file not found")]) from None
    except UnicodeDecodeError as exc:
        problem = Problem("", f"not UTF-8 text (byte {exc.start}: {exc.reason})")
        raise DatasetError(str(path), [problem]) from None
    except OSError as exc:
        raise DatasetError(str(path), [Problem("", f"cannot read file: {exc.strerror}")]) from None
    return parse_dataset(text, str(path))
