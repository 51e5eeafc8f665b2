"""Downloads of the offices and the map, generated only when clicked."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components.dataset import Dataset
from components.exports import offices_csv, offices_geojson, standalone_map_html
from components.i18n import text


def render_exports(dataset: Dataset, lang: str) -> None:
    downloads = (
        ("download_csv", partial(offices_csv, dataset, lang), "offices.csv", "text/csv",
         ":material/table:"),
        ("download_geojson", partial(offices_geojson, dataset), "offices.geojson",
         "application/geo+json", ":material/map:"),
        ("download_html", partial(standalone_map_html, dataset, lang), "offices-map.html",
         "text/html", ":material/public:"),
    )  # fmt: skip
    with st.container(key="exports", horizontal=True):
        for label, data, file_name, mime, icon in downloads:
            st.download_button(
                text(label, lang),
                data=data,
                file_name=file_name,
                mime=mime,
                icon=icon,
                on_click="ignore",
            )
