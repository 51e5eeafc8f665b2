"""``python -m components.publish [DATA] [-o OUTPUT] [--lang de] [--status …] [--region …]
[--office …]``: the map page to publish, written from a data file without the app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from components.data.loading import DEFAULT_DATA_PATH, load_dataset
from components.data.problems import DatasetError
from components.map.view import REGION_FILTERS, STATUS_FILTERS, View
from components.publish.exports import export_file_name
from components.publish.page import standalone_map_html
from components.text.catalog import LANGUAGES, SOURCE_LANGUAGE


def main(argv: list[str] | None = None) -> int:
    """The map page of a data file, without the app."""
    parser = argparse.ArgumentParser(prog="python -m components.publish")
    parser.add_argument("data", nargs="?", default=str(DEFAULT_DATA_PATH))
    parser.add_argument("-o", "--output", help="the file to write (default: its name)")
    parser.add_argument("--lang", choices=LANGUAGES, default=SOURCE_LANGUAGE)
    parser.add_argument("--status", choices=STATUS_FILTERS, default="all")
    parser.add_argument("--region", choices=REGION_FILTERS, default="all")
    parser.add_argument("--office", help="the office the page opens on")
    args = parser.parse_args(argv)
    try:
        dataset = load_dataset(args.data)
    except DatasetError as error:
        print(error, file=sys.stderr)
        return 1
    view = View(lang=args.lang, status=args.status, region=args.region, office=args.office)
    output = Path(args.output or export_file_name(dataset, view, "html"))
    output.write_text(standalone_map_html(dataset, view), encoding="utf-8")
    print(f"{output}: {output.stat().st_size / 1000:.0f} kB")
    return 0
