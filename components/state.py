"""The reader's session: the one module that reads or writes ``st.session_state``.

Drawing code reads a :class:`UIState`, a snapshot taken at the start of a run (or of a
fragment's run), and changes the session only through the named operations below, most of
them widget callbacks. Widgets are given their keys from here; their values are read here.

Also the data file and its cache, which every session shares.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import streamlit as st

from components.dataset import DEFAULT_DATA_PATH, Dataset, DatasetError, Problem, load_dataset
from components.selection import office_at
from components.view_state import PARAMETERS, Notice, ViewState, parse_query, to_query

DATA_ENV_VAR = "OFFICES_DATA"

# Keys of the widgets that hold the view: drawing code passes them to its widgets.
LANG_KEY = "lang"
STATUS_KEY = "status_filter"
REGION_KEY = "region_filter"
BASEMAP_KEY = "basemap"
SELECTION_KEY = "selected_office"
REGION_VIEW_KEY = "region_view"
SEARCH_KEY = "search"
MAP_KEY = "office_map"
# The sections drawn only once opened (``st.expander(key=…)``).
TABLE_OPEN_KEY = "office-table-open"
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

# State that belongs to no widget.
_HIGHLIGHT_KEY = "_highlight"
_SELECTED_BY_KEY = "_selected_by"
_FRAMED_KEY = "_map_framed_on_a_region"
_DRAWN_HIGHLIGHT_KEY = "_highlight_drawn_outside_the_explorer"
_HANDLED_MAP_VALUE_KEY = "_handled_office_map_value"
_VIEW_READ_KEY = "_view_read_from_url"

Highlight = tuple[str, str]  # ("person" | "partnership", id): its offices are ringed
SelectionSource = Literal["map", "list", "search", "table", "timeline", "link"]


@dataclass(frozen=True)
class UIState:
    """What the reader has chosen, as it stands at the start of this run."""

    view: ViewState  # what a link carries: office, language, filters, basemap
    highlight: Highlight | None
    selected_by: SelectionSource | None  # the route of the latest selection
    region_view: str | None  # the region the map was last framed on, if any
    framed: bool  # whether any region framing was chosen since the page loaded
    search: str

    @property
    def lang(self) -> str:
        return self.view.lang

    @property
    def selected(self) -> str | None:
        return self.view.office


# The data file ---------------------------------------------------------------------------


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


# Reading the state -------------------------------------------------------------------------


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
    if view.office is not None:
        st.session_state[_SELECTED_BY_KEY] = "link"
    return notices


def snapshot() -> UIState:
    """The reader's choices as they stand now (a widget without a value counts as its
    default). Take it once at the start of a run and pass it to the drawing code."""
    defaults = ViewState()
    values = {}
    for parameter, key in WIDGET_KEYS.items():
        value = st.session_state.get(key)
        values[parameter] = getattr(defaults, parameter) if value is None else value
    region_view = st.session_state.get(REGION_VIEW_KEY)
    return UIState(
        view=ViewState(**values),
        highlight=st.session_state.get(_HIGHLIGHT_KEY),
        selected_by=st.session_state.get(_SELECTED_BY_KEY),
        region_view=region_view if isinstance(region_view, str) else None,
        framed=bool(st.session_state.get(_FRAMED_KEY)),
        search=str(st.session_state.get(SEARCH_KEY) or ""),
    )


def explorer_snapshot(dataset: Dataset) -> UIState:
    """The snapshot the map's fragment draws from, after the map's latest click is applied
    and a selection the data no longer has is dropped. The office list is drawn from this,
    so a click always reaches the list before the list is drawn."""
    _apply_map_click(dataset)
    if st.session_state.get(SELECTION_KEY) not in (None, *dataset.offices_by_id):
        st.session_state[SELECTION_KEY] = None
    return snapshot()


def _apply_map_click(dataset: Dataset) -> None:
    """Turn a new click on an office marker into the selection.

    streamlit-folium stores the map's value under ``MAP_KEY`` before the rerun that a click
    causes. Only a value not seen before is a new click: this keeps a choice made in the
    list from being overwritten by an old click, and clicking the same marker again (a new
    click count) keeps that office selected.
    """
    value: Any = st.session_state.get(MAP_KEY)
    if value == st.session_state.get(_HANDLED_MAP_VALUE_KEY):
        return
    st.session_state[_HANDLED_MAP_VALUE_KEY] = value
    clicked = value.get("last_object_clicked") if isinstance(value, dict) else None
    office = office_at(dataset, clicked)
    if office is not None:
        select_office(office.id, "map")


# Changing the state --------------------------------------------------------------------------


def select_office(office_id: str | None, source: SelectionSource) -> None:
    """Make ``office_id`` the selected office (``None``: none), chosen by ``source``."""
    st.session_state[SELECTION_KEY] = office_id
    st.session_state[_SELECTED_BY_KEY] = source


def on_list_choice() -> None:
    """Callback of the office list (bound to the selection itself): note the route."""
    st.session_state[_SELECTED_BY_KEY] = "list"


def on_search_result(key: str, office_ids: Sequence[str]) -> None:
    """Callback of the search results: the chosen result's office becomes the selection."""
    index = st.session_state.get(key)
    if isinstance(index, int) and 0 <= index < len(office_ids):
        select_office(office_ids[index], "search")


def on_table_row(key: str, office_ids: Sequence[str]) -> None:
    """Callback of the office table: the chosen row's office becomes the selection."""
    rows = st.session_state[key].selection.rows
    if rows and 0 <= rows[0] < len(office_ids):
        select_office(office_ids[rows[0]], "table")


def on_timeline_point(key: str, selection_name: str) -> None:
    """Callback of the timeline: the chosen point's office becomes the selection."""
    points = st.session_state[key].selection.get(selection_name) or []
    office_id = points[0].get("office_id") if points and isinstance(points[0], dict) else None
    if isinstance(office_id, str):
        select_office(office_id, "timeline")


def set_highlight(target: Highlight | None) -> None:
    """Ring the offices of a person or partnership on the map and in the table (``None``:
    ring nothing)."""
    st.session_state[_HIGHLIGHT_KEY] = target


def on_region_view() -> None:
    """Callback of the region buttons: once a region is framed, "All" frames the world
    again, where before any choice the map keeps its own first view (phones fit all
    offices)."""
    if st.session_state.get(REGION_VIEW_KEY) not in (None, "all"):
        st.session_state[_FRAMED_KEY] = True


def highlight_needs_page_redraw(highlight: Highlight | None) -> bool:
    """Whether the highlight changed since the page outside the map's fragment was drawn.

    The table outside the fragment rings highlighted offices too; the fragment redraws the
    whole page when the highlight changes (rare), not on every click (often).
    """
    drawn = st.session_state.get(_DRAWN_HIGHLIGHT_KEY, highlight)
    st.session_state[_DRAWN_HIGHLIGHT_KEY] = highlight
    return bool(drawn != highlight)


def remount_key(name: str, *parts: object) -> str:
    """A widget key that changes with ``parts``: a deliberate remount.

    Streamlit keeps a widget's value for as long as its key stays the same. Where a new
    situation must start from an empty widget, the key names that situation: search results
    for a new query (a result chosen for "par" must not stay chosen for "paris"), the table
    for another set of rows (a row index means another office), the timeline after another
    selection (choosing the point that is already chosen must still select it).
    """
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:16]
    return f"{name}-{digest}"


# The address ---------------------------------------------------------------------------------


def write_view_to_url(view: ViewState) -> None:
    """Keep the address a shareable link of the view. Written only on a change: every
    write is a message to the browser."""
    wanted = to_query(view)
    current = {parameter: st.query_params.get_all(parameter) for parameter in PARAMETERS}
    if current != {
        parameter: ([wanted[parameter]] if parameter in wanted else []) for parameter in PARAMETERS
    }:
        st.query_params.from_dict(wanted)
