"""Downloads of the view: its offices as CSV and GeoJSON, its map as a page to publish;
each generated only when clicked, under a name that says what it holds."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from components.data.schema import Dataset
from components.map.view import View
from components.publish.exports import ExportKind, export_file_name, offices_csv, offices_geojson
from components.publish.page import standalone_map_html
from components.text.catalog import N_, _


def render_exports(dataset: Dataset, view: View) -> None:
    """Three buttons for what the reader sees: the filters and language of ``view`` and,
    for the map, its selection, in the row the page gives them. In the map's fragment, so
    a click changes the map's file."""
    lang = view.lang
    downloads: tuple[tuple[str, Callable[[], str], ExportKind, str, str], ...] = (
        (N_("Offices as CSV"), partial(offices_csv, dataset, view), "csv", "text/csv",
         ":material/table:"),
        (N_("Offices as GeoJSON"), partial(offices_geojson, dataset, view), "geojson",
         "application/geo+json", ":material/map:"),
        (N_("Map as HTML (works offline)"), partial(standalone_map_html, dataset, view), "html",
         "text/html", ":material/public:"),
    )  # fmt: skip
    for label, data, kind, mime, icon in downloads:
        st.download_button(
            _(label, lang),
            data=data,
            file_name=export_file_name(dataset, view, kind),
            mime=mime,
            icon=icon,
            on_click="ignore",
            key=f"download-{kind}",
        )
