"""OpenAI's global footprint: a map of offices with leaders, partnerships and funding.

Run with ``streamlit run app.py``. Set ``OFFICES_DATA`` to show another data file.
Links carry the view: ``?office=paris&lang=de&status=announced&region=EMEA&basemap=osm``.
"""

from __future__ import annotations

import streamlit as st

from components import panels, startup, state
from components.dataset import DatasetError
from components.i18n import text
from components.view_state import language_from_locale

st.set_page_config(page_title=text("page_title"), page_icon="🗺️", layout="wide")
startup.once_per_process()

try:
    dataset = state.load_current_dataset()
except DatasetError as error:
    panels.render_data_error(error, language_from_locale(st.context.locale))
    st.stop()

notices = state.init_view_from_url(dataset)
lang = panels.render_title_and_language()
panels.render_header(dataset, lang)
panels.render_notices(notices, lang)
status, region = panels.render_filters(lang)
panels.render_explorer(dataset, lang, status, region)
panels.render_office_table(dataset, lang, status, region)
panels.render_timeline(dataset, lang)
panels.render_exports(dataset, lang)

panels.render_funding(dataset, lang)
