"""The "Your data" page: a reader's own table of places, private to their session."""

from __future__ import annotations

import streamlit as st

from components.session import pages
from components.session import view as view_session
from components.text.catalog import _
from components.ui import page, your_data

pages.enter_page("your-data")
notices = view_session.init_view_from_url(None)
lang = view_session.snapshot().lang

st.set_page_config(page_title=_("Your data", lang))
page.render_page_style()
page.render_title_and_language(_("Your data", lang))
page.render_notices(notices, lang)
your_data.render_page(lang)
