"""The map page: the shipped dataset (or the file ``OFFICES_DATA`` names)."""

from __future__ import annotations

import streamlit as st

from components.data import at_date, current
from components.data.problems import DatasetError
from components.facts.summary import headline
from components.session import pages
from components.session import view as view_session
from components.session.link import language_from_locale
from components.ui import as_of, explorer, funding, page, people, tables

pages.enter_page("offices")
try:
    catalog = current.load_current_dataset()
except DatasetError as error:
    page.render_data_error(error, language_from_locale(st.context.locale))
    st.stop()

current.keep_out_of_collections(catalog)
notices = view_session.init_view_from_url(catalog)
view_session.apply_as_of_slider(catalog)  # the slider's choice, before the footprint
ui = view_session.snapshot()
# The footprint at the view's date: everything below shows the offices as they stood then.
dataset = at_date.footprint_at(catalog, ui.view.as_of)
# Until the map is drawn in this session, the title, the figures and the map only, each
# other part's place kept: the rest follows when the map reports itself drawn.
first_screen = pages.begin_page()
explorer.prepare(dataset, catalog, first_screen)

st.set_page_config(page_title=headline(dataset, ui.lang))
page.render_page_style()
page.render_title_and_language(headline(dataset, ui.lang), first_screen)
page.render_header(dataset, ui.lang, first_screen)
as_of.render_as_of(catalog, ui.lang, first_screen)
page.render_notices(notices, ui.lang)
explorer.render_explorer(dataset, catalog)
if first_screen:
    st.stop()
people.render_people_and_partnerships(dataset, ui)
tables.render_office_table(dataset, ui)
tables.render_timeline(dataset, ui)
funding.render_funding(dataset, ui.lang)
