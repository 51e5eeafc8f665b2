"""Everything the page shows, laid out with ``st.*``: the only module that draws.

Data texts are shown with Streamlit elements that render them as text (``st.text``,
``st.caption`` on escaped Markdown), never with ``unsafe_allow_html``.
"""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from components import state
from components.basemaps import BASEMAPS, DEFAULT_BASEMAP
from components.dataset import Dataset, DatasetError, Person
from components.facts import (
    format_partial_date,
    format_usd,
    headline_metrics,
    office_details,
    source_label,
)
from components.i18n import text
from components.office_map import build_map
from components.state import BASEMAP_KEY, MAP_KEY, SELECTION_KEY

MAP_HEIGHT = 520
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
    st.title(text("headline", lang), anchor=False)
    st.caption(text("subtitle", lang, as_of=format_partial_date(dataset.as_of, lang)))
    metrics = headline_metrics(dataset)
    with st.container(key="metrics", horizontal=True):
        st.metric(text("metric_existing", lang), metrics.existing, border=True)
        st.metric(text("metric_announced", lang), metrics.announced, border=True)
        st.metric(text("metric_countries", lang), metrics.countries, border=True)
        st.metric(text("metric_regions", lang), metrics.regions, border=True)


@st.fragment
def render_explorer(dataset: Dataset, lang: str = "en") -> None:
    """Map, basemap choice, office list and details: a fragment, so a click on the map
    reruns (and resends) only this part of the page."""
    state.apply_map_click(dataset)
    state.drop_unknown_selection(dataset)
    map_column, details_column = st.columns([5, 3], gap="medium")
    with map_column:
        map_slot = st.empty()
        basemap = render_basemap_choice(lang)
        with map_slot.container():
            render_map(dataset, basemap, lang)
    with details_column:
        render_details(dataset, render_office_picker(dataset, lang), lang)


def render_basemap_choice(lang: str = "en") -> str:
    """The basemap, chosen by a widget kept in step with ``?basemap=``."""
    unknown = state.init_from_url(BASEMAP_KEY, BASEMAPS, DEFAULT_BASEMAP)
    choice = st.segmented_control(
        text("basemap_label", lang),
        options=list(BASEMAPS),
        required=True,
        format_func=lambda basemap: text(f"basemap_{basemap}", lang),
        key=BASEMAP_KEY,
    )
    if unknown is not None:
        shown = unknown if len(unknown) <= 40 else unknown[:39] + "…"
        notice = text(
            "basemap_unknown", lang, value=shown, default=text(f"basemap_{DEFAULT_BASEMAP}", lang)
        )
        st.caption(f":material/info: {md(notice)}")
    basemap = choice if choice in BASEMAPS else DEFAULT_BASEMAP
    state.write_to_url(BASEMAP_KEY, basemap, DEFAULT_BASEMAP)
    return basemap


def render_map(dataset: Dataset, basemap: str, lang: str = "en") -> None:
    """The office map; a click reaches the app through ``st.session_state[MAP_KEY]``."""
    st_folium(
        build_map(dataset, lang, basemap, st.context.theme.type),
        key=MAP_KEY,
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=MAP_RETURNED_OBJECTS,
    )
    st.caption(text("map_help", lang))


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


def _render_person(dataset: Dataset, person: Person, lang: str) -> None:
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


def render_leaders(dataset: Dataset, lang: str = "en") -> None:
    with st.container(key="leaders", border=True):
        st.subheader(text("leaders_heading", lang), anchor=False)
        for index, person in enumerate(dataset.people):
            if index:
                st.divider()
            _render_person(dataset, person, lang)


def render_partnerships(dataset: Dataset, lang: str = "en") -> None:
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
