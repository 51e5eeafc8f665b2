"""A company's global footprint: a map of its offices with leaders, partnerships and
funding, and the same map for a reader's own table of places.

Run with ``streamlit run app.py``. Set ``OFFICES_DATA`` to show another data file.
Links carry the view: ``?office=paris&lang=de&status=announced&region=EMEA&basemap=osm``.
The pages' outlines are in ``views/``.
"""

from __future__ import annotations

import streamlit as st

from components.server import startup
from components.session import view as view_session
from components.text.catalog import _

lang = view_session.language()
st.set_page_config(page_title=_("Global footprint", lang), page_icon="🗺️", layout="wide")
startup.once_per_process()
st.navigation(
    [
        st.Page("views/offices.py", title=_("Map", lang), icon=":material/map:", default=True),
        st.Page(
            "views/your_data.py",
            title=_("Your data", lang),
            icon=":material/upload_file:",
            url_path="your-data",
        ),
    ],
    position="top",
).run()
