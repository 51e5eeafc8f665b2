"""OpenAI's global footprint: a map of offices with leaders, partnerships and funding.

Run with ``streamlit run app.py``. Set ``OFFICES_DATA`` to show another data file.
"""

from __future__ import annotations

import streamlit as st

from components import panels, state
from components.dataset import DatasetError
from components.i18n import text

LANG = "en"

st.set_page_config(page_title=text("page_title", LANG), page_icon="🗺️", layout="wide")

try:
    dataset = state.load_current_dataset()
except DatasetError as error:
    panels.render_data_error(error, LANG)
    st.stop()

panels.render_header(dataset, LANG)
panels.render_explorer(dataset, LANG)

leaders_column, partnerships_column, funding_column = st.columns(3, gap="medium")
with leaders_column:
    panels.render_leaders(dataset, LANG)
with partnerships_column:
    panels.render_partnerships(dataset, LANG)
with funding_column:
    panels.render_funding(dataset, LANG)
