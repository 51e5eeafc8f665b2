"""The app's state between reruns: which data file, the cached dataset, the selected office.

Streamlit glue only: decisions a test wants to check live in pure functions elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path
from typing import Any

import streamlit as st

from components.dataset import DEFAULT_DATA_PATH, Dataset, DatasetError, Problem, load_dataset
from components.office_map import office_at

DATA_ENV_VAR = "OFFICES_DATA"
SELECTION_KEY = "selected_office"
BASEMAP_KEY = "basemap"  # also the URL parameter (?basemap=…)
MAP_KEY = "office_map"
_HANDLED_MAP_VALUE_KEY = "_handled_office_map_value"


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


def init_from_url(key: str, valid: Collection[str], default: str) -> str | None:
    """Give the widget ``key`` its first value from the URL parameter of the same name.

    Runs once per session (while the widget has no state). A value that is not one of
    ``valid`` is dropped from the URL and returned, for a notice; the widget gets
    ``default``. Repeated parameters count by their last value.
    """
    if key in st.session_state:
        return None
    values = st.query_params.get_all(key)
    value = values[-1] if values else default
    if value in valid:
        st.session_state[key] = value
        return None
    st.session_state[key] = default
    del st.query_params[key]
    return value


def write_to_url(key: str, value: str | None, default: str | None) -> None:
    """Put a widget's value in the URL, so the address is always a shareable link.

    The default is left out to keep links short. The URL is only written on a change:
    every write is a message to the browser.
    """
    wanted = None if value == default else value
    if st.query_params.get_all(key) != ([wanted] if wanted is not None else []):
        if wanted is None:
            del st.query_params[key]
        else:
            st.query_params[key] = wanted
