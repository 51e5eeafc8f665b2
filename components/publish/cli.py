"""``python -m components.publish [DATA] [-o OUTPUT] [--lang de] [--status …] [--region …]
[--office …] [--as-of latest|YYYY-MM-DD]``: the map page to publish, written from a data
file without the app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from components.data.at_date import footprint_at
from components.data.loading import DEFAULT_DATA_PATH, load_dataset
from components.data.problems import DatasetError
from components.map.view import REGION_FILTERS, STATUS_FILTERS, View
from components.publish.exports import export_file_name
from components.publish.page import standalone_map_html
from components.session.link import is_as_of
from components.text.catalog import LANGUAGES, SOURCE_LANGUAGE


def _as_of(value: str) -> str:
    if value and not is_as_of(value):
        raise argparse.ArgumentTypeError(f"not 'latest' or a date YYYY[-MM[-DD]]: {value!r}")
    return value


def main(argv: list[str] | None = None) -> int:
    """The map page of a data file, without the app."""
    parser = argparse.ArgumentParser(prog="python -m components.publish")
    parser.add_argument("data", nargs="?", default=str(DEFAULT_DATA_PATH))
    parser.add_argument("-o", "--output", help="the file to write (default: its name)")
    parser.add_argument("--lang", choices=LANGUAGES, default=SOURCE_LANGUAGE)
    parser.add_argument("--status", choices=STATUS_FILTERS, default="all")
    parser.add_argument("--region", choices=REGION_FILTERS, default="all")
    parser.add_argument("--office", help="the office the page opens on")
    parser.add_argument(
        "--as-of",
        default="",
        type=_as_of,
        help="the date shown: 'latest', or YYYY[-MM[-DD]] (default: the data's own)",
    )
    args = parser.parse_args(argv)
    try:
        catalog = load_dataset(args.data)
    except DatasetError as error:
        print(error, file=sys.stderr)
        return 1
    dataset = footprint_at(catalog, args.as_of)
    view = View(
        lang=args.lang,
        status=args.status,
        region=args.region,
        office=args.office,
        as_of=args.as_of,
    )
    output = Path(args.output or export_file_name(dataset, view, "html"))
    output.write_text(standalone_map_html(dataset, view), encoding="utf-8")
    print(f"{output}: {output.stat().st_size / 1000:.0f} kB")
    return 0
