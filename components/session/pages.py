"""Which page a run draws, and how much of it: the map page draws its first screen only
(the title, the figures, the map) until its map has been drawn once in the session, then
the whole page.

Streamlit's front end draws every element it is sent, fetching each kind's code, before it
creates the map's frame: the whole page at once held the map back by 0.6-1 s on this
machine (docs/benchmarks.md). While the page waits, the map's bridge
reports the map drawn (``static/office_map/bridge.js``: as soon as it is, at once if it
already is, at the latest 4 s after the page began waiting), and the panel's fragment
then reruns the page whole (:func:`rest_of_page_due`).
"""

from __future__ import annotations

from typing import Literal

import streamlit as st

# The app's pages: the shipped dataset, and the reader's own.
Page = Literal["offices", "your-data"]

_PAGE_KEY = "_page"
_MAP_DRAWN_KEY = "_map_drawn"
_FIRST_SCREEN_DRAWN_KEY = "_first_screen_drawn"


def enter_page(page: Page) -> None:
    """Note which page this run draws (call first in each page)."""
    st.session_state[_PAGE_KEY] = page


def current_page() -> Page:
    page = st.session_state.get(_PAGE_KEY)
    return "your-data" if page == "your-data" else "offices"


def note_map_drawn() -> None:
    """The map's bridge reported the map drawn: from now on every run draws the whole page."""
    st.session_state[_MAP_DRAWN_KEY] = True


def first_screen_only() -> bool:
    """Whether this run of the map page draws its first screen only (the reader's own data
    comes to a page already drawn, so its page is always drawn whole)."""
    return current_page() == "offices" and not st.session_state.get(_MAP_DRAWN_KEY, False)


def begin_page() -> bool:
    """:func:`first_screen_only`, noted for :func:`rest_of_page_due` (call once, at the top
    of the map page)."""
    first = first_screen_only()
    st.session_state[_FIRST_SCREEN_DRAWN_KEY] = first
    return first


def rest_of_page_due() -> bool:
    """Whether the map page shows its first screen only and the map has been drawn since:
    the panel's fragment then reruns the whole page."""
    return (
        current_page() == "offices"
        and bool(st.session_state.get(_FIRST_SCREEN_DRAWN_KEY))
        and not first_screen_only()
    )
