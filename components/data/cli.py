"""``python -m components.data validate [PATH]``: check a data file from the shell; prints a
one-line summary and exits 0, or lists every problem and exits 1."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from components.data.loading import DEFAULT_DATA_PATH, load_dataset
from components.data.problems import DatasetError
from components.data.schema import Dataset, status_counts


def summary(dataset: Dataset) -> str:
    """One line describing a valid dataset."""
    counts = status_counts(dataset.offices)
    partnerships = len(dataset.partnerships)
    return (
        f"{len(dataset.offices)} offices ({counts['existing']} existing, "
        f"{counts['announced']} announced), {len(dataset.people)} people, "
        f"{partnerships} partnership{'' if partnerships == 1 else 's'}, "
        f"{len(dataset.sources)} sources"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m components.data")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a data file and list its problems")
    validate.add_argument("path", nargs="?", default=str(DEFAULT_DATA_PATH))
    args = parser.parse_args(argv)

    try:
        dataset = load_dataset(args.path)
    except DatasetError as exc:
        print(exc)
        return 1
    print(f"{args.path}: OK, {summary(dataset)}")
    return 0
