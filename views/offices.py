"""The map page: the shipped dataset (or the file ``OFFICES_DATA`` names)."""

from __future__ import annotations

import streamlit as st

from components.data import current
from components.data.problems import DatasetError
from components.facts.summary import headline
from components.session import view as view_session
from components.session.link import language_from_locale
from components.ui import explorer, funding, page, people, tables

view_session.enter_page("offices")
try:
    dataset = current.load_current_dataset()
except DatasetError as error:
    page.render_data_error(error, language_from_locale(st.context.locale))
    st.stop()

explorer.prepare(dataset)
current.keep_out_of_collections(dataset)
notices = view_session.init_view_from_url(dataset)
ui = view_session.snapshot()

st.set_page_config(page_title=headline(dataset, ui.lang))
page.render_page_style()
page.render_title_and_language(headline(dataset, ui.lang))
page.render_header(dataset, ui.lang)
page.render_notices(notices, ui.lang)
explorer.render_explorer(dataset)
people.render_people_and_partnerships(dataset, ui)
tables.render_office_table(dataset, ui)
tables.render_timeline(dataset, ui)
funding.render_funding(dataset, ui.lang)
