"""The reader's view in this session: what they look at (office, language, filters, basemap),
what is highlighted, and the widgets that show it; with :mod:`components.session.pages`
(which page a run draws, and how much of it) and :mod:`components.session.your_data`, the
only code that reads or writes ``st.session_state``.

Drawing code reads a :class:`UIState`, a snapshot taken at the start of a run (or of a
fragment's run), and changes the session only through the named operations below, most of
them widget callbacks. Widgets are given their keys from here; their values are read here.

What the reader has chosen (the view: office, language, filters, basemap) is kept under keys
of this module's own, not in the widgets: Streamlit stores a selectbox's or segmented
control's value as its *label*, so a widget whose labels change with the language would
forget its value. Each such widget is keyed per language (:func:`view_widget`) and set from
the kept value before it is drawn; its callback writes the value back.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import streamlit as st

from components.data.at_date import requested_for, steps
from components.data.schema import Dataset
from components.map.basemaps import BASEMAPS
from components.map.view import LINK_PARAMETERS, REGION_FILTERS, STATUS_FILTERS, View
from components.session import pages
from components.session.link import Notice, language_from_locale, parse_query, to_query
from components.session.pages import current_page, first_screen_only
from components.text.catalog import LANGUAGES

# Widget keys that never change (their labels are the same in every language).
LANG_KEY = "lang"
SEARCH_KEY = "search"
MAP_KEY = "office_map"
MAP_BRIDGE_KEY = "map-bridge"
# The "as of" slider (components/ui/as_of.py): its state is the date the reader let go at.
AS_OF_SLIDER_KEY = "as-of-slider"
# The sections drawn only once opened (``st.expander(key=…)``).
TABLE_OPEN_KEY = "office-table-open"
HQ_TABLE_OPEN_KEY = "hq-table-open"
TIMELINE_OPEN_KEY = "timeline-open"

# The view as the reader chose it, one key per URL parameter (the language is its widget).
_VIEW_KEYS = {
    "office": "_office",
    "lang": LANG_KEY,
    "status": "_status",
    "region": "_region",
    "basemap": "_basemap",
    "arcs": "_arcs",
    "as_of": "_as_of",
}
# Widgets showing a part of the view, keyed per language: the part each one shows.
ViewWidget = Literal["office", "status", "region"]
_WIDGET_NAMES: dict[ViewWidget, str] = {
    "office": "office-picker",
    "status": "status-filter",
    "region": "region-filter",
}
_ALLOWED: dict[str, Sequence[str]] = {
    "status": STATUS_FILTERS,
    "region": REGION_FILTERS,
    "basemap": tuple(BASEMAPS),
}

_SELECTED_BY_KEY = "_selected_by"
_WAITING_KEY = "_waiting_office"
_DRAWN_HIGHLIGHT_KEY = "_highlight_drawn_outside_the_explorer"
_HANDLED_BRIDGE_KEY = "_handled_map_events"
_HANDLED_AS_OF_KEY = "_handled_as_of"
_VIEW_READ_KEY = "_view_read_from_url"
_PLAYING_KEY = "_playing"
_PLAYED_AT_KEY = "_played_at"
_LINK_NOTICES_KEY = "_link_notices"

Highlight = tuple[str, str]  # ("person" | "partnership", id): its offices are ringed
SelectionSource = Literal["map", "list", "search", "table", "timeline", "link"]
# Each page keeps its own selection and highlight (their offices differ); language, filters
# and basemap are shared.
_PER_PAGE = frozenset({"office", "highlight"})


def _key(part: str) -> str:
    """Where a part of the reader's state is kept, per page where it belongs to a page."""
    base = _VIEW_KEYS.get(part, f"_{part}")
    return f"{base}@{current_page()}" if part in _PER_PAGE else base


@dataclass(frozen=True)
class UIState:
    """What the reader has chosen, as it stands at the start of this run."""

    view: View  # what a link carries: office, language, filters, basemap
    highlight: Highlight | None
    selected_by: SelectionSource | None  # the route of the latest selection
    search: str
    # An office selected that is not on the map at the date shown (not yet announced, or
    # closed): kept aside, and selected again at a date it is there.
    waiting: str | None = None

    @property
    def lang(self) -> str:
        return self.view.lang

    @property
    def selected(self) -> str | None:
        return self.view.office


# Reading the state -------------------------------------------------------------------------


def init_view_from_url(dataset: Dataset | None) -> tuple[Notice, ...]:
    """Take the view from the link, once per session (``dataset``: the offices a link's
    ``office`` may name; ``None`` on the reader's own data, which no link can name).

    Returns what in the link could not be used, for a notice: until the page has been
    drawn whole once (its first screen may come first: :func:`first_screen_only`), then
    nothing.
    """
    if not st.session_state.get(_VIEW_READ_KEY):
        st.session_state[_LINK_NOTICES_KEY] = _read_view_from_url(dataset)
    notices: tuple[Notice, ...] = st.session_state.get(_LINK_NOTICES_KEY, ())
    if not first_screen_only():
        st.session_state[_LINK_NOTICES_KEY] = ()
    return notices


def _read_view_from_url(dataset: Dataset | None) -> tuple[Notice, ...]:
    params = {parameter: st.query_params.get_all(parameter) for parameter in LINK_PARAMETERS}
    if dataset is None:
        params.pop("office", None)
    offices = dataset.offices_by_id if dataset is not None else {}
    view, notices = parse_query(params, offices, st.context.locale)
    st.session_state[_VIEW_READ_KEY] = True
    for parameter in LINK_PARAMETERS:
        st.session_state[_key(parameter)] = getattr(view, parameter)
    if view.office is not None:
        st.session_state[_SELECTED_BY_KEY] = "link"
    return notices


def language() -> str:
    """The reader's language before anything is drawn: the one chosen, else the link's,
    else the browser's (for texts drawn before the page reads its link, such as the pages'
    names)."""
    chosen = st.session_state.get(LANG_KEY)
    if chosen in LANGUAGES:
        return str(chosen)
    linked = st.query_params.get_all("lang")
    if len(linked) == 1 and linked[0] in LANGUAGES:
        return linked[0]
    return language_from_locale(st.context.locale)


def snapshot() -> UIState:
    """The reader's choices as they stand now (anything unset counts as its default).
    Take it once at the start of a run and pass it to the drawing code."""
    defaults = View()
    values = {}
    for parameter in LINK_PARAMETERS:
        value = st.session_state.get(_key(parameter))
        values[parameter] = getattr(defaults, parameter) if value is None else value
    return UIState(
        view=View(**values),
        highlight=st.session_state.get(_key("highlight")),
        selected_by=st.session_state.get(_SELECTED_BY_KEY),
        search=str(st.session_state.get(SEARCH_KEY) or ""),
        waiting=st.session_state.get(_WAITING_KEY),
    )


def explorer_snapshot(dataset: Dataset, catalog: Dataset) -> UIState:
    """The snapshot the panel's fragment draws from, after what the map reported (a
    click, a basemap) is applied and a selection the footprint ``dataset`` does not hold
    is dropped: kept aside (``waiting``) where the ``catalog`` has it at another date, and
    selected again once the date shown has it. The office list is drawn from this, so a
    click always reaches the list before it is drawn."""
    _apply_map_events()
    selected = st.session_state.get(_key("office"))
    waiting = st.session_state.get(_WAITING_KEY)
    if selected is not None and selected not in dataset.offices_by_id:
        st.session_state[_WAITING_KEY] = selected if selected in catalog.offices_by_id else None
        select_office(None, st.session_state.get(_SELECTED_BY_KEY) or "map")
    elif selected is None and waiting in dataset.offices_by_id:
        select_office(waiting, st.session_state.get(_SELECTED_BY_KEY) or "map")
        st.session_state[_WAITING_KEY] = None
    elif selected is not None:
        st.session_state[_WAITING_KEY] = None  # another office chosen since
    return snapshot()


def on_map_event() -> None:
    """Callback of the map's bridge: apply what the map reported before anything is drawn."""
    _apply_map_events()


def _apply_map_events() -> None:
    """Apply what the map reported through its bridge since the last run.

    The bridge keeps the map's latest click (``{"office", "click"}``, the click a count),
    basemap choice (``{"basemap", "choice"}``), arcs turned on or off (``{"arcs",
    "choice"}``) and that the map was drawn (``{"drawn": true, "at"}``, while the page
    showed its first screen only).
    Only a value not seen before is new: this keeps a choice made elsewhere from being
    overwritten by an old click, while a second click on the same marker (a new count)
    selects it again. Values come from the browser:
    anything not of that shape is ignored.
    """
    reported = st.session_state.get(MAP_BRIDGE_KEY)
    if not isinstance(reported, Mapping):
        return
    handled: dict[str, Any] = dict(st.session_state.get(_HANDLED_BRIDGE_KEY) or {})

    def new(event: str, field: str) -> object:
        """``field`` of the map's report of ``event`` if it is new since the last run."""
        report = reported.get(event)
        if report == handled.get(event):
            return None
        handled[event] = report
        return report.get(field) if isinstance(report, Mapping) else None

    office = new("select", "office")
    if isinstance(office, str) and len(office) <= 64:
        select_office(office, "map")
    basemap = new("basemap", "basemap")
    if basemap in BASEMAPS:
        st.session_state[_key("basemap")] = basemap
    arcs = new("arcs", "arcs")
    if isinstance(arcs, bool):
        st.session_state[_key("arcs")] = "1" if arcs else "0"
    if new("drawn", "drawn") is True:
        pages.note_map_drawn()
    st.session_state[_HANDLED_BRIDGE_KEY] = handled


# Widgets that show the view -------------------------------------------------------------------


def view_widget_key(part: ViewWidget, lang: str) -> str:
    """The key of the widget showing ``part`` of the view in ``lang`` (see the module's
    docstring: a new language is a new widget)."""
    return remount_key(_WIDGET_NAMES[part], lang)


def view_widget(part: ViewWidget, lang: str) -> str:
    """Prepare the widget showing ``part`` of the view in ``lang``: it shows the kept value.
    Returns its key; give it :func:`on_view_widget` as its callback."""
    key = view_widget_key(part, lang)
    st.session_state[key] = st.session_state.get(_key(part))
    return key


def on_view_widget(part: ViewWidget, key: str) -> None:
    """Callback of a view widget: keep what the reader chose."""
    value = st.session_state.get(key)
    if part == "office":
        select_office(value, "list")
    elif value in _ALLOWED[part]:
        st.session_state[_key(part)] = value


def apply_as_of_slider(dataset: Dataset) -> None:
    """Show the date the reader chose on the "as of" slider, if new since the last run (its
    state ``{"as_of": {"step", "choice"}}``, the choice a count, as the map's reports; a
    date not among ``dataset``'s steps is ignored). Before the footprint is worked out: the
    page is drawn at that date. The data's own date and the latest are kept as such
    (:func:`~components.data.at_date.requested_for`)."""
    reported = st.session_state.get(AS_OF_SLIDER_KEY)
    report = reported.get("as_of") if isinstance(reported, Mapping) else None
    if report is None or report == st.session_state.get(_HANDLED_AS_OF_KEY):
        return
    st.session_state[_HANDLED_AS_OF_KEY] = report
    step = report.get("step") if isinstance(report, Mapping) else None
    if isinstance(step, str) and step in steps(dataset):
        set_as_of(requested_for(dataset, step))


def set_as_of(value: str) -> None:
    """Show the footprint at a date: ``""`` the data's own, ``"latest"``, or a date."""
    st.session_state[_key("as_of")] = value


def is_playing() -> bool:
    """Whether the expansion is being played forward, a step at a time."""
    return bool(st.session_state.get(_PLAYING_KEY))


def set_playing(playing: bool) -> None:
    st.session_state[_PLAYING_KEY] = playing
    st.session_state[_PLAYED_AT_KEY] = time.monotonic()


def play_step_due(interval_s: float) -> bool:
    """Whether the next step of the play is due (``interval_s`` since the last one), and if
    so, note that it is taken now. A fragment with ``run_every`` also runs within every
    full run of the page: without this, each step's full run would take the next at once."""
    now = time.monotonic()
    if now - float(st.session_state.get(_PLAYED_AT_KEY) or 0.0) < interval_s * 0.9:
        return False
    st.session_state[_PLAYED_AT_KEY] = now
    return True


def clear_filters() -> None:
    """Show every office again (the status and region filters back to "all")."""
    st.session_state[_key("status")] = "all"
    st.session_state[_key("region")] = "all"


# Changing the state --------------------------------------------------------------------------


def select_office(office_id: str | None, source: SelectionSource) -> None:
    """Make ``office_id`` the selected office (``None``: none), chosen by ``source``."""
    st.session_state[_key("office")] = office_id
    st.session_state[_SELECTED_BY_KEY] = source


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
    st.session_state[_key("highlight")] = target


def highlight_needs_page_redraw(highlight: Highlight | None) -> bool:
    """Whether the highlight changed since the page outside the panel's fragment was drawn.

    The table outside the fragment rings highlighted offices too; the fragment redraws the
    whole page when the highlight changes (rare), not on every click (often).
    """
    drawn = st.session_state.get(_DRAWN_HIGHLIGHT_KEY, highlight)
    st.session_state[_DRAWN_HIGHLIGHT_KEY] = highlight
    return bool(drawn != highlight)


def remount_key(name: str, *parts: object) -> str:
    """A widget key that changes with ``parts``: a deliberate remount.

    Streamlit keeps a widget's value for as long as its key stays the same. Where a new
    situation must start from a new widget, the key names that situation: search results
    for a new query (a result chosen for "par" must not stay chosen for "paris"), the table
    for another set of rows (a row index means another office), the timeline after another
    selection (choosing the point that is already chosen must still select it), and the
    view's widgets in another language (their stored values are labels of the old one).
    """
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:16]
    return f"{name}-{digest}"


# The address ---------------------------------------------------------------------------------


def write_view_to_url(view: View) -> None:
    """Keep the address a shareable link of the view. Written only on a change: every
    write is a message to the browser. The reader's own data has no link (no one else can
    open it): there only the language is written."""
    wanted = to_query(view)
    if current_page() == "your-data":
        wanted = {"lang": view.lang}
    current = {parameter: st.query_params.get_all(parameter) for parameter in LINK_PARAMETERS}
    if current != {
        parameter: ([wanted[parameter]] if parameter in wanted else [])
        for parameter in LINK_PARAMETERS
    }:
        st.query_params.from_dict(wanted)
