"""The explorer: the map, and beside it the panel of the selection (search, the office list,
the selected office's details, the share link), the panel redrawn alone on a click."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import streamlit as st
from streamlit_folium import st_folium

from components.data.at_date import placed_events, requested_for
from components.data.dates import partial_date_end, partial_date_start
from components.data.memo import per_object
from components.data.schema import Dataset
from components.facts.details import office_details
from components.facts.queries import (
    highlighted_offices,
    leading_offices,
    office_labels,
    passes_filters,
)
from components.facts.search import search, search_index
from components.map.builder import build_map, map_data_json, step_day
from components.session import pages
from components.session import view as view_session
from components.session.link import share_link
from components.text.catalog import _, format_number
from components.text.escaping import escape_markdown
from components.text.formatting import format_partial_date
from components.ui import downloads
from components.ui.blocks import (
    bullets,
    cited,
    paragraphs,
    render_differences,
    render_source_list,
    sourced_line,
    strong,
)
from components.ui.map_bridge import render_map_bridge

MAP_HEIGHT = 580


def prepare(dataset: Dataset, catalog: Dataset, first_screen: bool = False) -> None:
    """What every reader of a dataset needs, made once per process when its first reader
    comes (the map's data block of the whole catalog; but on the first screen, which has
    neither, the search's index and the list's names of the footprint shown), not on a
    click."""
    map_data_json(catalog)
    if not first_screen:
        _prepare_footprint(dataset)


@per_object()
def _prepare_footprint(dataset: Dataset) -> bool:
    search_index(dataset)
    office_labels(dataset)
    leading_offices(dataset, LIST_MATCHES)
    return True


def render_explorer(dataset: Dataset, catalog: Dataset) -> None:
    """The map of the whole ``catalog`` beside the panel of the reader's selection in the
    footprint ``dataset`` (search, office list, details, the view's link and map file).

    The map is drawn by the page's run, its code the same in every run (it shows the
    footprint's date and the selection itself, sent through its bridge); the panel is a
    fragment, so a click reruns and resends the panel alone, never the map.
    """
    map_column, panel_column = st.columns([5, 3], gap="medium")
    with map_column:
        render_map(catalog)
    with panel_column:
        render_selection(dataset, catalog)


def render_map(catalog: Dataset) -> None:
    """The office map of the ``catalog``.

    streamlit-folium reports nothing (``returned_objects=[]``): panning, zooming and even the
    map's first appearance never rerun the script; clicks come through the bridge. Outside
    the panel's fragment, because streamlit-folium renders and hashes the map's whole page
    whenever it is called: 60 ms per click at 50,000 offices (py-spy).
    """
    st_folium(
        build_map(catalog),
        key=view_session.MAP_KEY,
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=[],
    )


@st.fragment
def render_selection(dataset: Dataset, catalog: Dataset) -> None:
    """The map's bridge (the reader's view to the map, its clicks back), then (but on the
    first screen) search, office list, the selected office's details and, under them, the
    view's link and the map as a page.

    A fragment: a click on the map reruns (and resends) only this, so it holds only what a
    selection changes (the leaders and partnerships are outside it; the details name the
    selected office's people and partners).
    """
    ui = view_session.explorer_snapshot(dataset, catalog)
    if pages.rest_of_page_due():
        st.rerun(scope="app")  # the map reported itself drawn: now the whole page
    view = replace(
        ui.view,
        theme=st.context.theme.type or "light",
        highlighted=tuple(sorted(highlighted_offices(dataset, ui.highlight))),
        as_of_day=step_day(dataset.as_of),
    )
    # First in the panel at every run, so the first screen's bridge is the whole page's.
    first_screen = pages.first_screen_only()
    render_map_bridge(view, first_screen)
    if first_screen:
        return  # the panel follows once the map is drawn
    render_search(dataset, ui)
    render_office_picker(dataset, ui)
    render_details(dataset, ui, catalog)
    # The view taken away: its link (the reader's own data has none to share) and the map
    # as a page (the offices' files are beside their table).
    with st.container(key="exports", horizontal=True):
        if pages.current_page() == "offices":
            render_share_link(ui)
        downloads.render_map_download(dataset, view)
    view_session.write_view_to_url(ui.view)
    if view_session.highlight_needs_page_redraw(ui.highlight):
        st.rerun(scope="app")


def render_search(dataset: Dataset, ui: view_session.UIState) -> None:
    """One box for offices, countries, people and partners; a result selects its office."""
    lang = ui.lang
    st.text_input(
        _("Search", lang),
        key=view_session.SEARCH_KEY,
        placeholder=_("City, country, person or partner", lang),
        icon=":material/search:",
        max_chars=100,
    )
    if not ui.search.strip():
        return
    results = search(dataset, ui.search, lang)
    if not results:
        st.caption(_("Nothing found.", lang))
        return
    key = view_session.remount_key("search-results", ui.search, lang)
    st.pills(
        _("Results", lang),
        options=range(len(results)),
        format_func=lambda index: escape_markdown(results[index].label),
        key=key,
        on_change=partial(view_session.on_search_result, key, tuple(r.office_id for r in results)),
        label_visibility="collapsed",
    )


# Up to this many offices the list holds them all; beyond, it holds the search's matches (or
# the leading offices), so that a click never resends tens of thousands of options.
LIST_ALL_UP_TO = 200
LIST_MATCHES = 50


def render_office_picker(dataset: Dataset, ui: view_session.UIState) -> None:
    """A list of offices bound to the same selection as the map (for keyboard users too)."""
    lang = ui.lang
    labels = office_labels(dataset)[lang]
    options = list(labels)
    if len(options) > LIST_ALL_UP_TO:
        query = ui.search.strip()
        matches = (
            [result.office_id for result in search(dataset, query, lang, limit=LIST_MATCHES)]
            if query
            else list(leading_offices(dataset, LIST_MATCHES))
        )
        options = list(dict.fromkeys([*([ui.selected] if ui.selected else []), *matches]))
    key = view_session.view_widget("office", lang)
    label = _("Office", lang)
    if len(options) < len(labels):
        total = format_number(len(labels), lang)
        label = _("Office (search above to find any of {count})", lang, count=total)
    st.selectbox(
        label,
        options=options,
        format_func=labels.__getitem__,
        placeholder=_("Choose an office…", lang),
        key=key,
        on_change=view_session.on_view_widget,
        args=("office", key),
    )


def render_share_link(ui: view_session.UIState) -> None:
    """The link to exactly this view, with a copy button."""
    with st.popover(
        _("Share link", ui.lang),
        icon=":material/link:",
        help=_("This link opens the dashboard exactly as you see it now.", ui.lang),
    ):
        st.code(share_link(st.context.url, ui.view), language=None, wrap_lines=True)


def render_waiting_office(dataset: Dataset, catalog: Dataset, office_id: str, lang: str) -> None:
    """An office chosen that is not on the map at the date shown: when it is, one click
    away (it is selected again there)."""
    office = catalog.offices_by_id[office_id]
    st.subheader(escape_markdown(office.city.get(lang)), anchor=False)
    shown_at = format_partial_date(dataset.as_of, lang)
    there = [p.step for p in placed_events(office, catalog.sources_by_id)]
    later = [step for step in there if partial_date_start(step) > partial_date_end(dataset.as_of)]
    if later:
        st.warning(
            _("Not on the map as of {date}: it comes later.", lang, date=shown_at),
            icon=":material/history:",
        )
        if st.button(
            _("Show {date}", lang, date=format_partial_date(later[0], lang)),
            key="show-waiting-office",
        ):
            view_session.set_as_of(requested_for(catalog, later[0]))
            st.rerun(scope="app")  # the whole page at that date, not only this fragment
    else:
        st.warning(
            _("Not on the map as of {date}: closed by then.", lang, date=shown_at),
            icon=":material/history:",
        )


def render_details(dataset: Dataset, ui: view_session.UIState, catalog: Dataset) -> None:
    """The selected office: status, place, role, dates, distances, time, people, partners;
    an office selected that is not there at the date shown, said so. Beside the map they
    scroll within their column (static/page.css); another office's start at the top."""
    with (
        st.container(key="office-details", border=True),
        st.container(key=view_session.remount_key("office-details-body", ui.selected, ui.waiting)),
    ):
        _render_details_body(dataset, ui, catalog)


def _render_details_body(dataset: Dataset, ui: view_session.UIState, catalog: Dataset) -> None:
    md = escape_markdown
    lang = ui.lang
    if ui.selected is None and ui.waiting in catalog.offices_by_id:
        render_waiting_office(dataset, catalog, ui.waiting, lang)
        return
    if ui.selected is None:
        st.markdown(strong(_("Office details", lang)))
        st.info(
            _("Click a marker on the map, or choose an office above.", lang),
            icon=":material/touch_app:",
        )
        return
    details = office_details(dataset, ui.selected, lang)
    # The panel's first line is the city name: tests and screen readers rely on it.
    st.subheader(md(details.city), anchor=False)
    if not passes_filters(details.office, ui.view.status, ui.view.region):
        st.warning(
            _("Not on the map: the status or region filter hides this office.", lang),
            icon=":material/filter_alt_off:",
        )
        st.button(
            _("Show all offices", lang),
            key="show-all-offices",
            on_click=view_session.clear_filters,
        )
    # Few elements, each a block of paragraphs: every element a click resends costs
    # about 120 bytes of its own besides its text.
    st.markdown(
        paragraphs(
            f"**{details.status}** · {md(details.country)} · {details.region}",
            _("**Role:** {role}", lang, role=md(details.role)) if details.role else "",
            _("**Notes:** {notes}", lang, notes=md(details.notes)) if details.notes else "",
            strong(_("Dates", lang))
            + "\n\n"
            + bullets(
                [
                    *(
                        f"{event.label}: {md(event.value)}{cited(event.sources)}"
                        for event in details.dates
                    ),
                    *(sourced_line(line) for line in details.history),
                ]
            ),
        )
    )
    render_differences(details.differences, lang)
    people_lines = [f"{md(p.name)}: {md(p.role.get(lang))}" for p in details.people]
    partners = [f"{md(p.partner)}: {md(p.aim.get(lang))}" for p in details.partnerships]
    none = md(_("none in the sources", lang))
    since = ""
    if details.since:
        as_of = md(format_partial_date(dataset.as_of, lang))
        since = (
            strong(_("Since {as_of}", lang, as_of=as_of))
            + "\n\n"
            + bullets(sourced_line(line) for line in details.since)
        )
    st.markdown(
        paragraphs(
            strong(_("Distances", lang))
            + "\n\n"
            + bullets(md(line) for line in (details.distance_to_hq, details.nearest) if line),
            strong(_("Time", lang))
            + "\n\n"
            + bullets(md(line) for line in (details.local_time, details.time_to_hq) if line),
            # A dataset with no people (or partnerships) at all, as a reader's own
            # table, has nothing to say about them: no "none in the sources".
            strong(_("People", lang)) + "\n\n" + (bullets(people_lines) or none)
            if dataset.people
            else "",
            strong(_("Partnerships", lang)) + "\n\n" + (bullets(partners) or none)
            if dataset.partnerships
            else "",
            since,
        )
    )
    render_source_list(details.sources, lang)
