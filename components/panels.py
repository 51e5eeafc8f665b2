"""Everything the page shows, laid out with ``st.*``: the only module that draws.

Data texts are shown with Streamlit elements that render them as text (``st.text``,
``st.caption`` on escaped Markdown), never with ``unsafe_allow_html``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler
from streamlit_folium import st_folium

from components import state
from components.basemaps import BASEMAPS, DEFAULT_BASEMAP
from components.dataset import Dataset, DatasetError, Office, Person
from components.exports import offices_csv, offices_geojson, standalone_map_html
from components.facts import (
    filter_offices,
    format_partial_date,
    format_usd,
    from_headquarters_rows,
    headline_metrics,
    highlighted_offices,
    office_details,
    source_label,
    summary_paragraph,
)
from components.i18n import LANGUAGES, text
from components.map_views import REGION_VIEWS, frame
from components.office_map import (
    DEFAULT_CENTER,
    DEFAULT_ZOOM,
    MIN_ZOOM,
    build_map,
    highlight_layer,
)
from components.search import search
from components.state import (
    BASEMAP_KEY,
    HIGHLIGHT_KEY,
    HQ_TABLE_OPEN_KEY,
    LANG_KEY,
    MAP_KEY,
    REGION_KEY,
    REGION_VIEW_KEY,
    SEARCH_KEY,
    SELECTION_KEY,
    STATUS_KEY,
    TABLE_OPEN_KEY,
    TIMELINE_OPEN_KEY,
)
from components.timeline import SELECTION, timeline_chart
from components.view_state import REGION_FILTERS, STATUS_FILTERS, Notice, share_link

MAP_HEIGHT = 520
HIGHLIGHT_STYLE = "background-color: #fde68a; color: #1a1a1a"
_FRAMED_KEY = "_map_framed_on_a_region"
_DRAWN_HIGHLIGHT_KEY = "_highlight_drawn_in_table"
# Only what identifies the clicked office: panning and zooming change neither, so they
# never rerun the script. The count makes a repeated click on one marker a new value.
MAP_RETURNED_OBJECTS = ["last_object_clicked", "last_object_clicked_count"]


def md(value: str) -> str:
    """Escape untrusted text for Streamlit Markdown, so it shows exactly as written."""
    special = "\\`*_{}[]()<>#+-.!|~$:"
    return "".join(f"\\{char}" if char in special else char for char in value)


def render_data_error(error: DatasetError, lang: str = "en") -> None:
    problems = "\n".join(f"- {md(str(problem))}" for problem in error.problems)
    st.error(
        f"{text('data_error', lang)}\n\n**{md(error.source)}**\n\n{problems}",
        icon=":material/error:",
    )


def render_header(dataset: Dataset, lang: str = "en") -> None:
    """Title, date of the data and headline metrics (the language choice sits beside the
    title: see ``render_language_choice``)."""
    st.caption(text("subtitle", lang, as_of=format_partial_date(dataset.as_of, lang)))
    metrics = headline_metrics(dataset)
    with st.container(key="metrics", horizontal=True):
        st.metric(text("metric_existing", lang), metrics.existing, border=True)
        st.metric(text("metric_announced", lang), metrics.announced, border=True)
        st.metric(text("metric_countries", lang), metrics.countries, border=True)
        st.metric(text("metric_regions", lang), metrics.regions, border=True)


def render_title_and_language() -> str:
    """The page title, and beside it English or German for every text (``?lang=``)."""
    names = {"en": "English", "de": "Deutsch"}
    title_column, language_column = st.columns([5, 1], vertical_alignment="center")
    with language_column:
        choice = st.segmented_control(
            "Language / Sprache",
            options=list(LANGUAGES),
            format_func=names.__getitem__,
            required=True,
            key=LANG_KEY,
            label_visibility="collapsed",
        )
    lang = choice if choice in LANGUAGES else "en"
    with title_column:
        st.title(text("headline", lang), anchor=False)
    return lang


def render_notices(notices: tuple[Notice, ...], lang: str = "en") -> None:
    """A small note for each part of the link that could not be used."""
    for notice in notices:
        message = text(
            f"notice_{notice.reason}", lang, parameter=notice.parameter, value=notice.value
        )
        st.caption(f":material/info: {md(message)}")


def _region_label(value: str, lang: str) -> str:
    """A region button's short label: "All", "Americas", "Europe", "Asia-Pacific"."""
    return text("filter_all" if value == "all" else f"region_short_{value}", lang)


def render_filters(lang: str = "en") -> tuple[str, str]:
    """Status and region filters (``?status=``, ``?region=``) for the map and the table."""
    with st.container(key="filters", horizontal=True):
        status = st.segmented_control(
            text("filter_status", lang),
            options=list(STATUS_FILTERS),
            format_func=lambda value: text(f"filter_status_{value}", lang),
            required=True,
            key=STATUS_KEY,
        )
        region = st.segmented_control(
            text("filter_region", lang),
            options=list(REGION_FILTERS),
            format_func=partial(_region_label, lang=lang),
            required=True,
            key=REGION_KEY,
        )
    return status or "all", region or "all"


@st.fragment
def render_explorer(dataset: Dataset, lang: str, status: str, region: str) -> None:
    """Map, basemap choice, office list, details, share link and the accessible table.

    A fragment: a click on the map reruns (and resends) only this part of the page.
    """
    state.apply_map_click(dataset)
    state.drop_unknown_selection(dataset)
    shown = filter_offices(dataset, status, region)
    highlight = st.session_state.get(HIGHLIGHT_KEY)
    highlighted = highlighted_offices(dataset, highlight)
    map_column, details_column = st.columns([5, 3], gap="medium")
    # The details are drawn before the map (the page's layout is the columns', not this
    # order): a click's answer then reaches the browser before the map's unchanged code.
    with details_column:
        render_search(dataset, lang)
        selected = render_office_picker(dataset, lang)
        render_share_link(lang)
        render_details(dataset, selected, lang)
    with map_column:
        # Built from the controls' values as they stand: the controls come after the map (a
        # change to a control reruns with its new value already stored).
        basemap = st.session_state.get(BASEMAP_KEY)
        view_centre, view_zoom = region_view(shown, st.session_state.get(REGION_VIEW_KEY))
        render_map(
            dataset,
            shown,
            basemap if basemap in BASEMAPS else DEFAULT_BASEMAP,
            lang,
            view_centre,
            view_zoom,
            highlighted,
        )
        with st.container(key="map-controls", horizontal=True):
            render_region_view_choice(lang)
            render_basemap_choice(lang)
    # In the fragment, so that choosing an office marks its people and partnerships at once.
    leaders_column, partnerships_column = st.columns(2, gap="medium")
    with leaders_column:
        render_leaders(dataset, lang, selected, highlight)
    with partnerships_column:
        render_partnerships(dataset, lang, selected, highlight)
    state.write_view_to_url(state.current_view())
    # The table outside this fragment rings highlighted offices too: redraw the page when
    # the highlight changes (rare), not on every click (often).
    if highlight != st.session_state.get(_DRAWN_HIGHLIGHT_KEY, highlight):
        st.session_state[_DRAWN_HIGHLIGHT_KEY] = highlight
        st.rerun(scope="app")
    st.session_state[_DRAWN_HIGHLIGHT_KEY] = highlight


def render_basemap_choice(lang: str = "en") -> None:
    """The basemap (``?basemap=``): offline outlines or online tiles over them."""
    st.segmented_control(
        text("basemap_label", lang),
        options=list(BASEMAPS),
        required=True,
        format_func=lambda basemap: text(f"basemap_{basemap}", lang),
        key=BASEMAP_KEY,
    )


def region_view(
    shown: tuple[Office, ...], choice: str | None
) -> tuple[tuple[float, float] | None, float | None]:
    """Centre and zoom for the region buttons' choice, or ``None``s to leave the view alone:
    until a region is chosen the map keeps its own first view (phones fit all offices)."""
    offices = [o for o in shown if o.region == choice]
    if choice not in (None, "all") and offices:
        st.session_state[_FRAMED_KEY] = True
        return frame(offices, min_zoom=MIN_ZOOM)
    if st.session_state.get(_FRAMED_KEY):
        return DEFAULT_CENTER, DEFAULT_ZOOM
    return None, None


def render_region_view_choice(lang: str = "en") -> None:
    """Buttons that frame the map on a region's offices; the map moves, it is not rebuilt."""
    st.segmented_control(
        text("region_view_label", lang),
        options=list(REGION_VIEWS),
        format_func=partial(_region_label, lang=lang),
        required=True,
        key=REGION_VIEW_KEY,
    )


def render_share_link(lang: str = "en") -> None:
    """The link to exactly this view, with a copy button."""
    with st.popover(text("share_link", lang), icon=":material/link:"):
        st.caption(text("share_link_help", lang))
        st.code(share_link(st.context.url, state.current_view()), language=None, wrap_lines=True)


def render_map(
    dataset: Dataset,
    shown: tuple[Office, ...],
    basemap: str,
    lang: str = "en",
    centre: tuple[float, float] | None = None,
    zoom: float | None = None,
    highlighted: frozenset[str] = frozenset(),
) -> None:
    """The office map; a click reaches the app through ``st.session_state[MAP_KEY]``.

    ``centre`` and ``zoom`` move the mounted map (streamlit-folium sets its view) without
    changing its code, so the map is not rebuilt in the browser.
    """
    st_folium(
        build_map(dataset, lang, basemap, st.context.theme.type, shown),
        center=centre,
        zoom=zoom,
        feature_group_to_add=highlight_layer(shown, highlighted),
        key=MAP_KEY,
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=MAP_RETURNED_OBJECTS,
    )
    st.caption(text("map_help", lang))


def render_search(dataset: Dataset, lang: str = "en") -> None:
    """One box for offices, countries, people and partners; a result selects its office."""
    query = st.text_input(
        text("search_label", lang),
        key=SEARCH_KEY,
        placeholder=text("search_placeholder", lang),
        icon=":material/search:",
        max_chars=100,
    )
    if not query.strip():
        return
    results = search(dataset, query, lang)
    if not results:
        st.caption(text("search_nothing", lang))
        return
    key = "search-results-" + hashlib.sha256(query.encode()).hexdigest()[:16]
    st.pills(
        text("search_results", lang),
        options=range(len(results)),
        format_func=lambda index: results[index].label,
        key=key,
        on_change=partial(_select_search_result, key, tuple(r.office_id for r in results)),
        label_visibility="collapsed",
    )


def _select_search_result(key: str, office_ids: tuple[str, ...]) -> None:
    index = st.session_state.get(key)
    if isinstance(index, int) and 0 <= index < len(office_ids):
        st.session_state[SELECTION_KEY] = office_ids[index]


def render_office_picker(dataset: Dataset, lang: str = "en") -> str | None:
    """A list of offices bound to the same selection as the map (for keyboard users too)."""
    cities = {office.id: office.city.get(lang) for office in dataset.offices}
    return st.selectbox(
        text("select_office", lang),
        options=list(cities),
        format_func=cities.__getitem__,
        index=None,
        placeholder=text("select_placeholder", lang),
        key=SELECTION_KEY,
    )


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def render_details(dataset: Dataset, office_id: str | None, lang: str = "en") -> None:
    with st.container(key="office-details", border=True):
        if office_id is None:
            st.markdown(f"**{text('details_heading', lang)}**")
            st.info(text("details_empty", lang), icon=":material/touch_app:")
            return
        details = office_details(dataset, office_id, lang)
        # The panel's first line is the city name: tests and screen readers rely on it.
        st.subheader(md(details.city), anchor=False)
        st.markdown(
            f"**{details.status}** · {md(details.country)} · {details.region}",
        )
        st.markdown(f"**{text('field_role', lang)}:** {md(details.role)}")
        if details.notes:
            st.markdown(f"**{text('field_notes', lang)}:** {md(details.notes)}")
        st.markdown(
            f"**{text('field_dates', lang)}**\n\n"
            + _bullets([f"{event.label}: {md(event.value)}" for event in details.dates])
        )
        st.markdown(
            f"**{text('field_distances', lang)}**\n\n"
            + _bullets([md(line) for line in (details.distance_to_hq, details.nearest) if line])
        )
        st.markdown(
            f"**{text('field_time', lang)}**\n\n"
            + _bullets([md(line) for line in (details.local_time, details.time_to_hq) if line])
        )
        people = [f"{md(p.name)}: {md(p.role.get(lang))}" for p in details.people]
        st.markdown(
            f"**{text('field_people', lang)}**\n\n"
            + (_bullets(people) if people else md(text("none_listed", lang)))
        )
        partners = [f"{md(p.partner)}: {md(p.aim.get(lang))}" for p in details.partnerships]
        st.markdown(
            f"**{text('field_partnerships', lang)}**\n\n"
            + (_bullets(partners) if partners else md(text("none_listed", lang)))
        )
        st.caption(f"{text('field_sources', lang)}: " + "; ".join(md(s) for s in details.sources))


def _sources_caption(dataset: Dataset, source_ids: tuple[str, ...], lang: str) -> None:
    labels = [source_label(dataset.sources_by_id[s], lang) for s in source_ids]
    st.caption(f"{text('field_sources', lang)}: " + "; ".join(md(label) for label in labels))


def _set_highlight(target: tuple[str, str] | None) -> None:
    st.session_state[HIGHLIGHT_KEY] = target


def _render_cross_links(
    dataset: Dataset,
    target: tuple[str, str],
    office_ids: frozenset[str],
    selected: str | None,
    highlight: tuple[str, str] | None,
    lang: str,
) -> None:
    """A badge when the selected office is one of this item's, and a button that rings the
    item's offices on the map and in the table (or clears that)."""
    if selected in office_ids:
        city = dataset.office(selected).city.get(lang)
        badge = text("tied_to_selected", lang, city=md(city))
        st.badge(badge, icon=":material/location_on:", color="orange")
    key = f"{target[0]}-{target[1]}"
    if highlight == target:
        st.button(
            text("clear_highlight", lang),
            key=f"clear-{key}",
            on_click=partial(_set_highlight, None),
            icon=":material/close:",
        )
    elif office_ids:
        st.button(
            text("show_on_map", lang),
            key=f"highlight-{key}",
            on_click=partial(_set_highlight, target),
            icon=":material/my_location:",
        )


def _render_person(
    dataset: Dataset,
    person: Person,
    lang: str,
    selected: str | None = None,
    highlight: tuple[str, str] | None = None,
) -> None:
    st.markdown(f"**{md(person.name)}**  \n{md(person.role.get(lang))}")
    lines = []
    if person.previous_positions:
        previous = "; ".join(md(p.get(lang)) for p in person.previous_positions)
        lines.append(f"{text('leader_previously', lang)}: {previous}")
    lines += [f"{text('leader_also', lang)}: {md(r.get(lang))}" for r in person.other_roles]
    base = (
        md(dataset.office(person.base_office).city.get(lang))
        if person.base_office
        else md(text("leader_base_unknown", lang))
    )
    lines.append(f"{text('leader_base', lang)}: {base}")
    if person.related_offices:
        cities = ", ".join(md(dataset.office(o).city.get(lang)) for o in person.related_offices)
        lines.append(f"{text('leader_related', lang)}: {cities}")
    st.markdown(_bullets(lines))
    if person.statement:
        statement = person.statement
        note = ""
        if statement.original_language != lang and lang == "en":
            note = f" ({text('translated_from_de', lang)})"
        st.markdown(f"*{text(statement.kind, lang)}{note}:*")
        st.markdown("> " + md(statement.text.get(lang)))
    _sources_caption(dataset, person.sources, lang)
    target = ("person", person.id)
    _render_cross_links(
        dataset, target, highlighted_offices(dataset, target), selected, highlight, lang
    )


def render_leaders(
    dataset: Dataset,
    lang: str = "en",
    selected: str | None = None,
    highlight: tuple[str, str] | None = None,
) -> None:
    with st.container(key="leaders", border=True):
        st.subheader(text("leaders_heading", lang), anchor=False)
        for index, person in enumerate(dataset.people):
            if index:
                st.divider()
            with st.container(key=f"person-{person.id}"):
                _render_person(dataset, person, lang, selected, highlight)


def render_partnerships(
    dataset: Dataset,
    lang: str = "en",
    selected: str | None = None,
    highlight: tuple[str, str] | None = None,
) -> None:
    with st.container(key="partnerships", border=True):
        st.subheader(text("partnerships_heading", lang), anchor=False)
        for partnership in dataset.partnerships:
            st.markdown(f"**{md(partnership.partner)}**")
            st.markdown(md(partnership.description.get(lang)))
            facts = []
            if partnership.partner_since:
                since = format_partial_date(partnership.partner_since, lang)
                facts.append(f"{text('partner_since', lang)}: {md(since)}")
            if partnership.initiated_by:
                facts.append(
                    f"{text('partner_initiated_by', lang)}: {md(partnership.initiated_by)}"
                )
            facts.append(f"{text('partner_aim', lang)}: {md(partnership.aim.get(lang))}")
            st.markdown(_bullets(facts))
            for note in partnership.notes:
                st.markdown(md(note.text.get(lang)))
                _sources_caption(dataset, note.sources, lang)
            _sources_caption(dataset, partnership.sources, lang)
            target = ("partnership", partnership.id)
            _render_cross_links(
                dataset, target, frozenset(partnership.offices), selected, highlight, lang
            )


def render_funding(dataset: Dataset, lang: str = "en") -> None:
    funding = dataset.funding
    with st.container(key="funding", border=True):
        st.subheader(text("funding_heading", lang), anchor=False)
        st.metric(text("funding_round", lang), format_usd(funding.amount_usd, lang))
        st.markdown(md(funding.description.get(lang)))
        st.markdown(
            f"**{text('funding_uses', lang)}**\n\n"
            + _bullets([md(use.get(lang)) for use in funding.uses])
        )
        _sources_caption(dataset, funding.sources, lang)
        details = []
        if funding.credit_line_usd:
            details.append(
                f"{text('funding_credit_line', lang)}: {format_usd(funding.credit_line_usd, lang)}"
            )
        if funding.valuation_usd:
            details.append(
                f"{text('funding_valuation', lang)}: {format_usd(funding.valuation_usd, lang)}"
            )
        if details:
            st.markdown(_bullets([md(line) for line in details]))
            _sources_caption(dataset, funding.details_sources, lang)
        if funding.context:
            st.markdown(f"**{text('funding_context', lang)}**")
            for item in funding.context:
                st.markdown(md(item.text.get(lang)))
                _sources_caption(dataset, item.sources, lang)


def render_office_table(dataset: Dataset, lang: str, status: str, region: str) -> None:
    """The map's accessible twin: a summary and a table of the offices shown; choosing a
    row selects that office, as a marker click does. Outside the map's fragment, so a
    click on the map does not resend it. The tables are drawn only once opened (see
    :func:`_lazy_section`)."""
    shown = filter_offices(dataset, status, region)
    with st.container(key="office-table"):
        st.subheader(text("table_heading", lang), anchor=False)
        st.markdown(md(summary_paragraph(dataset, shown, lang)))
        with _lazy_section(
            TABLE_OPEN_KEY, text("table_show", lang), ":material/table_rows:"
        ) as open_:
            if open_:
                _office_table(dataset, shown, lang)
        with _lazy_section(
            HQ_TABLE_OPEN_KEY, text("hq_table_heading", lang), ":material/schedule:"
        ) as open_:
            if open_:
                st.dataframe(from_headquarters_rows(dataset, lang), hide_index=True)


@contextmanager
def _lazy_section(key: str, label: str, icon: str) -> Iterator[bool]:
    """A collapsed expander whose content is drawn only while it is open.

    The table and the chart bring the largest parts of Streamlit's front end (the data grid
    and Vega, about 2 MB of JavaScript); drawn at load, the browser fetched and compiled them
    before the map's own code and the map appeared about 0.3 s later. Opening reruns the app.
    """
    section = st.expander(label, key=key, icon=icon, on_change="rerun")
    with section:
        yield bool(section.open)


def _office_table(dataset: Dataset, shown: tuple[Office, ...], lang: str) -> None:
    highlighted = highlighted_offices(dataset, st.session_state.get(HIGHLIGHT_KEY))
    ids = [office.id for office in shown]
    rows = pd.DataFrame([_table_row(dataset, office, lang) for office in shown])
    table: pd.DataFrame | Styler = rows
    if highlighted & set(ids):
        # The offices of a highlighted leader or partnership, as on the map.
        table = rows.style.apply(
            lambda row: [HIGHLIGHT_STYLE if ids[row.name] in highlighted else ""] * len(row),
            axis=1,
        )
    key = f"office-table-{'-'.join(ids)}"
    st.dataframe(
        table,
        hide_index=True,
        on_select=partial(_select_from_table, key, tuple(ids)),
        selection_mode="single-row",
        key=key,
        width="stretch",
    )


def _select_from_table(key: str, ids: tuple[str, ...]) -> None:
    rows = st.session_state[key].selection.rows
    if rows and 0 <= rows[0] < len(ids):
        st.session_state[SELECTION_KEY] = ids[rows[0]]


def _table_row(dataset: Dataset, office: Office, lang: str) -> dict[str, str]:
    details = office_details(dataset, office.id, lang)
    return {
        text("column_city", lang): details.city,
        text("column_country", lang): details.country,
        text("column_region", lang): details.region,
        text("column_status", lang): details.status,
        text("column_dates", lang): "; ".join(f"{d.label}: {d.value}" for d in details.dates),
        text("column_sources", lang): "; ".join(details.sources),
    }


def render_timeline(dataset: Dataset, lang: str = "en") -> None:
    """The expansion over time; clicking a point selects that office. Drawn once opened."""
    with st.container(key="timeline"):
        st.subheader(text("timeline_heading", lang), anchor=False)
        with _lazy_section(
            TIMELINE_OPEN_KEY, text("timeline_show", lang), ":material/timeline:"
        ) as open_:
            if not open_:
                return
            st.caption(text("timeline_help", lang))
            # A new key per selection, so that choosing the same point again still selects it.
            key = f"timeline-chart-{st.session_state.get(SELECTION_KEY) or 'none'}"
            st.altair_chart(
                timeline_chart(dataset, lang),
                on_select=partial(_select_from_timeline, key),
                selection_mode=SELECTION,
                key=key,
                width="stretch",
            )


def _select_from_timeline(key: str) -> None:
    points = st.session_state[key].selection.get(SELECTION) or []
    office_id = points[0].get("office_id") if points and isinstance(points[0], dict) else None
    if isinstance(office_id, str):
        st.session_state[SELECTION_KEY] = office_id


def render_exports(dataset: Dataset, lang: str = "en") -> None:
    """Downloads, generated only when clicked."""
    downloads = (
        ("download_csv", partial(offices_csv, dataset, lang), "offices.csv", "text/csv",
         ":material/table:"),
        ("download_geojson", partial(offices_geojson, dataset), "offices.geojson",
         "application/geo+json", ":material/map:"),
        ("download_html", partial(standalone_map_html, dataset, lang), "offices-map.html",
         "text/html", ":material/public:"),
    )  # fmt: skip
    with st.container(key="exports", horizontal=True):
        for label, data, file_name, mime, icon in downloads:
            st.download_button(
                text(label, lang),
                data=data,
                file_name=file_name,
                mime=mime,
                icon=icon,
                on_click="ignore",
            )
