"""What marking the selected office's row in the office table would cost per click.

    python -m bench.table_marking [--sizes 9 1000 5000] [--repeats 5]

The table is drawn outside the map's fragment, so a click on the map does not resend it. To
mark the selected row, every click would have to rebuild and resend the table with the new
row styled. For each size this measures, with Streamlit's own serialisation of a styled
table: the bytes of the table's element (its Arrow data and the display values and styles of
a pandas Styler) and the server's time to build and serialise it, with a row marked. The
figure to compare with is a click's current cost (``bench.compare``: about 16 kB per click).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from streamlit import dataframe_util
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData

from bench.generate import generate
from components.data.loading import DEFAULT_DATA_PATH, load_dataset, parse_dataset
from components.data.schema import Dataset
from components.ui.tables import office_table


def dataset_of(size: int) -> Dataset:
    if size == 9:
        return load_dataset(DEFAULT_DATA_PATH)
    return parse_dataset(json.dumps(generate(size)), f"generated-{size}")


def table_element(dataset: Dataset, marked: frozenset[str]) -> ArrowData:
    """The table's element as Streamlit sends it: Arrow data plus the Styler's display
    values and styles."""
    table = office_table(dataset, dataset.offices, "de", marked)
    proto = ArrowData()
    marshall_styler(proto, table, default_uuid="office-table")
    proto.data = dataframe_util.convert_anything_to_arrow_bytes(table)
    return proto


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.table_marking")
    parser.add_argument("--sizes", type=int, nargs="+", default=[9, 1000, 5000])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print("| offices | table element | with a row marked | server time per click |")
    print("|---|---|---|---|")
    for size in args.sizes:
        dataset = dataset_of(size)
        plain = table_element(dataset, frozenset()).ByteSize()
        selected = frozenset({dataset.offices[len(dataset.offices) // 2].id})
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            marked = table_element(dataset, selected).ByteSize()
            times.append(time.perf_counter() - start)
        print(
            f"| {size:,} | {plain / 1000:.1f} kB | {marked / 1000:.1f} kB | "
            f"{1000 * statistics.median(times):.0f} ms |"
        )


if __name__ == "__main__":
    main()
