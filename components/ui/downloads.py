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

# (label, file's text, kind, media type, icon)
Download = tuple[str, Callable[[], str], ExportKind, str, str]


def render_map_download(dataset: Dataset, view: View) -> None:
    """The map as a page to publish, opening on the selection of ``view``: in the panel's
    fragment beside the map, so a click changes the file."""
    _render(
        dataset,
        view,
        (N_("Map as HTML (works offline)"), partial(standalone_map_html, dataset, view), "html",
         "text/html", ":material/public:"),
    )  # fmt: skip


def render_office_downloads(dataset: Dataset, view: View) -> None:
    """The offices of the view (its filters, date and language; not its selection) as CSV
    and GeoJSON: beside the office table, outside the panel's fragment, so a click on the
    map does not resend them."""
    with st.container(key="office-downloads", horizontal=True):
        _render(
            dataset,
            view,
            (N_("Offices as CSV"), partial(offices_csv, dataset, view), "csv", "text/csv",
             ":material/table:"),
            (N_("Offices as GeoJSON"), partial(offices_geojson, dataset, view), "geojson",
             "application/geo+json", ":material/map:"),
        )  # fmt: skip


def _render(dataset: Dataset, view: View, *downloads: Download) -> None:
    for label, data, kind, mime, icon in downloads:
        st.download_button(
            _(label, view.lang),
            data=data,
            file_name=export_file_name(dataset, view, kind),
            mime=mime,
            icon=icon,
            on_click="ignore",
            key=f"download-{kind}",
        )
