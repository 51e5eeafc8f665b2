"""The explorer: the map with its controls, search, the office list, the share link and the
selected office's details, redrawn together in one fragment."""

from __future__ import annotations

from functools import partial

import streamlit as st
from streamlit_folium import st_folium

from components import state
from components.basemaps import BASEMAPS
from components.dataset import Dataset, Office
from components.escaping import escape_markdown
from components.facts import filter_offices, highlighted_offices, office_details
from components.i18n import text
from components.map_views import REGION_VIEWS, region_view
from components.office_map import build_map, highlight_layer
from components.search import search
from components.ui import people
from components.ui.blocks import bullets
from components.ui.page import region_label
from components.view_state import share_link

MAP_HEIGHT = 520
# Only what identifies the clicked office: panning and zooming change neither, so they
# never rerun the script. The count makes a repeated click on one marker a new value.
MAP_RETURNED_OBJECTS = ["last_object_clicked", "last_object_clicked_count"]


@st.fragment
def render_explorer(dataset: Dataset) -> None:
    """Map, basemap choice, office list, details, share link, leaders and partnerships.

    A fragment: a click on the map reruns (and resends) only this part of the page.
    """
    ui = state.explorer_snapshot(dataset)
    lang = ui.lang
    shown = filter_offices(dataset, ui.view.status, ui.view.region)
    map_column, details_column = st.columns([5, 3], gap="medium")
    # The details are drawn before the map (the page's layout is the columns', not this
    # order): a click's answer then reaches the browser before the map's unchanged code.
    with details_column:
        render_search(dataset, ui)
        render_office_picker(dataset, lang)
        render_share_link(ui)
        render_details(dataset, ui.selected, lang)
    with map_column:
        centre, zoom = region_view(shown, ui.region_view, ui.framed)
        render_map(dataset, shown, ui, centre, zoom)
        with st.container(key="map-controls", horizontal=True):
            render_region_view_choice(lang)
            render_basemap_choice(lang)
    # In the fragment, so that choosing an office marks its people and partnerships at once.
    leaders_column, partnerships_column = st.columns(2, gap="medium")
    with leaders_column:
        people.render_leaders(dataset, ui)
    with partnerships_column:
        people.render_partnerships(dataset, ui)
    state.write_view_to_url(ui.view)
    if state.highlight_needs_page_redraw(ui.highlight):
        st.rerun(scope="app")


def render_map(
    dataset: Dataset,
    shown: tuple[Office, ...],
    ui: state.UIState,
    centre: tuple[float, float] | None = None,
    zoom: float | None = None,
) -> None:
    """The office map; a click reaches the app through ``st.session_state[MAP_KEY]``.

    ``centre`` and ``zoom`` move the mounted map (streamlit-folium sets its view) without
    changing its code, so the map is not rebuilt in the browser.
    """
    st_folium(
        build_map(dataset, ui.lang, ui.view.basemap, st.context.theme.type, shown),
        center=centre,
        zoom=zoom,
        feature_group_to_add=highlight_layer(shown, highlighted_offices(dataset, ui.highlight)),
        key=state.MAP_KEY,
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=MAP_RETURNED_OBJECTS,
    )
    st.caption(text("map_help", ui.lang))


def render_region_view_choice(lang: str) -> None:
    """Buttons that frame the map on a region's offices; the map moves, it is not rebuilt."""
    st.segmented_control(
        text("region_view_label", lang),
        options=list(REGION_VIEWS),
        format_func=partial(region_label, lang=lang),
        required=True,
        key=state.REGION_VIEW_KEY,
        on_change=state.on_region_view,
    )


def render_basemap_choice(lang: str) -> None:
    """The basemap (``?basemap=``): offline outlines or online tiles over them."""
    st.segmented_control(
        text("basemap_label", lang),
        options=list(BASEMAPS),
        required=True,
        format_func=lambda basemap: text(f"basemap_{basemap}", lang),
        key=state.BASEMAP_KEY,
    )


def render_search(dataset: Dataset, ui: state.UIState) -> None:
    """One box for offices, countries, people and partners; a result selects its office."""
    lang = ui.lang
    st.text_input(
        text("search_label", lang),
        key=state.SEARCH_KEY,
        placeholder=text("search_placeholder", lang),
        icon=":material/search:",
        max_chars=100,
    )
    if not ui.search.strip():
        return
    results = search(dataset, ui.search, lang)
    if not results:
        st.caption(text("search_nothing", lang))
        return
    key = state.remount_key("search-results", ui.search)
    st.pills(
        text("search_results", lang),
        options=range(len(results)),
        format_func=lambda index: results[index].label,
        key=key,
        on_change=partial(state.on_search_result, key, tuple(r.office_id for r in results)),
        label_visibility="collapsed",
    )


def render_office_picker(dataset: Dataset, lang: str) -> None:
    """A list of offices bound to the same selection as the map (for keyboard users too)."""
    cities = {office.id: office.city.get(lang) for office in dataset.offices}
    st.selectbox(
        text("select_office", lang),
        options=list(cities),
        format_func=cities.__getitem__,
        index=None,
        placeholder=text("select_placeholder", lang),
        key=state.SELECTION_KEY,
        on_change=state.on_list_choice,
    )


def render_share_link(ui: state.UIState) -> None:
    """The link to exactly this view, with a copy button."""
    with st.popover(text("share_link", ui.lang), icon=":material/link:"):
        st.caption(text("share_link_help", ui.lang))
        st.code(share_link(st.context.url, ui.view), language=None, wrap_lines=True)


def render_details(dataset: Dataset, office_id: str | None, lang: str) -> None:
    """The selected office: status, place, role, dates, distances, time, people, partners."""
    md = escape_markdown
    with st.container(key="office-details", border=True):
        if office_id is None:
            st.markdown(f"**{text('details_heading', lang)}**")
            st.info(text("details_empty", lang), icon=":material/touch_app:")
            return
        details = office_details(dataset, office_id, lang)
        # The panel's first line is the city name: tests and screen readers rely on it.
        st.subheader(md(details.city), anchor=False)
        st.markdown(f"**{details.status}** · {md(details.country)} · {details.region}")
        st.markdown(f"**{text('field_role', lang)}:** {md(details.role)}")
        if details.notes:
            st.markdown(f"**{text('field_notes', lang)}:** {md(details.notes)}")
        st.markdown(
            f"**{text('field_dates', lang)}**\n\n"
            + bullets(f"{event.label}: {md(event.value)}" for event in details.dates)
        )
        st.markdown(
            f"**{text('field_distances', lang)}**\n\n"
            + bullets(md(line) for line in (details.distance_to_hq, details.nearest) if line)
        )
        st.markdown(
            f"**{text('field_time', lang)}**\n\n"
            + bullets(md(line) for line in (details.local_time, details.time_to_hq) if line)
        )
        people_lines = [f"{md(p.name)}: {md(p.role.get(lang))}" for p in details.people]
        st.markdown(
            f"**{text('field_people', lang)}**\n\n"
            + (bullets(people_lines) if people_lines else md(text("none_listed", lang)))
        )
        partners = [f"{md(p.partner)}: {md(p.aim.get(lang))}" for p in details.partnerships]
        st.markdown(
            f"**{text('field_partnerships', lang)}**\n\n"
            + (bullets(partners) if partners else md(text("none_listed", lang)))
        )
        st.caption(f"{text('field_sources', lang)}: " + "; ".join(md(s) for s in details.sources))
