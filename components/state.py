"""The app's state between reruns: which data file, the cached dataset, the selected office.

Streamlit glue only: decisions a test wants to check live in pure functions elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import streamlit as st

from components.dataset import DEFAULT_DATA_PATH, Dataset, DatasetError, Problem, load_dataset
from components.selection import office_at
from components.view_state import PARAMETERS, Notice, ViewState, parse_query, to_query

DATA_ENV_VAR = "OFFICES_DATA"
SELECTION_KEY = "selected_office"
LANG_KEY = "lang"
STATUS_KEY = "status_filter"
REGION_KEY = "region_filter"
BASEMAP_KEY = "basemap"
REGION_VIEW_KEY = "region_view"
SEARCH_KEY = "search"
HIGHLIGHT_KEY = "highlight"  # ("person" | "partnership", id) whose offices are ringed
TABLE_OPEN_KEY = "office-table-open"  # the sections drawn only once opened
HQ_TABLE_OPEN_KEY = "hq-table-open"
TIMELINE_OPEN_KEY = "timeline-open"
# The widget that holds each URL parameter of the view.
WIDGET_KEYS = {
    "office": SELECTION_KEY,
    "lang": LANG_KEY,
    "status": STATUS_KEY,
    "region": REGION_KEY,
    "basemap": BASEMAP_KEY,
}
MAP_KEY = "office_map"
_HANDLED_MAP_VALUE_KEY = "_handled_office_map_value"
_VIEW_READ_KEY = "_view_read_from_url"


def data_path() -> Path:
    """The data file: ``$OFFICES_DATA`` if set, else ``data/offices.json`` (read every run)."""
    configured = os.environ.get(DATA_ENV_VAR, "").strip()
    return Path(configured) if configured else DEFAULT_DATA_PATH


@st.cache_data(show_spinner=False, max_entries=8)
def _load_cached(path: str, modified_ns: int, size: int) -> Dataset:
    """Keyed on the file's path, modification time and size: an edited file is reread."""
    return load_dataset(path)


def load_current_dataset() -> Dataset:
    """The dataset the app shows; raises :class:`DatasetError` naming every problem."""
    path = data_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DatasetError(str(path), [Problem("", "file not found")]) from None
    except OSError as exc:
        raise DatasetError(str(path), [Problem("", f"cannot read file: {exc.strerror}")]) from None
    return _load_cached(str(path), stat.st_mtime_ns, stat.st_size)


def apply_map_click(dataset: Dataset) -> None:
    """Turn a new click on an office marker into the selection.

    streamlit-folium stores the map's value under ``MAP_KEY`` before the rerun that a
    click causes. Only a value not seen before is a new click: this keeps a choice made
    in the list from being overwritten by an old click, and clicking the same marker
    again (a new click count) keeps that office selected. Call before the list is drawn.
    """
    value: Any = st.session_state.get(MAP_KEY)

    if value == st.session_state.get(_HANDLED_MAP_VALUE_KEY):
        return
    st.session_state[_HANDLED_MAP_VALUE_KEY] = value
    clicked = value.get("last_object_clicked") if isinstance(value, dict) else None
    office = office_at(dataset, clicked)
    if office is not None:
        st.session_state[SELECTION_KEY] = office.id


def drop_unknown_selection(dataset: Dataset) -> None:
    """Forget a selected office that the current data no longer has."""
    if st.session_state.get(SELECTION_KEY) not in (None, *dataset.offices_by_id):
        st.session_state[SELECTION_KEY] = None


def init_view_from_url(dataset: Dataset) -> tuple[Notice, ...]:
    """Give the view's widgets their first values from the link, once per session.

    Returns what in the link could not be used, for a notice (empty after the first run).
    """
    if st.session_state.get(_VIEW_READ_KEY):
        return ()
    params = {parameter: st.query_params.get_all(parameter) for parameter in PARAMETERS}
    view, notices = parse_query(params, dataset.offices_by_id, st.context.locale)
    st.session_state[_VIEW_READ_KEY] = True
    for parameter, key in WIDGET_KEYS.items():
        st.session_state[key] = getattr(view, parameter)
    return notices


def current_view() -> ViewState:
    """The view as the widgets hold it now (a widget without a value counts as its default)."""
    defaults = ViewState()
    values = {}
    for parameter, key in WIDGET_KEYS.items():
        value = st.session_state.get(key)
        values[parameter] = getattr(defaults, parameter) if value is None else value
    return ViewState(**values)


def write_view_to_url(view: ViewState) -> None:
    """Keep the address a shareable link of the view. Written only on a change: every
    write is a message to the browser."""
    wanted = to_query(view)
    current = {parameter: st.query_params.get_all(parameter) for parameter in PARAMETERS}
    if current != {
        parameter: ([wanted[parameter]] if parameter in wanted else []) for parameter in PARAMETERS
    }:
        st.query_params.from_dict(wanted)
