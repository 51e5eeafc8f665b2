"""Leaders and partnerships, each able to ring its offices on the map and in the table."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components.data.schema import Dataset, Partnership, Person
from components.facts.citations import Citations, differences
from components.facts.queries import highlighted_offices
from components.session import view as view_session
from components.text.catalog import N_, _
from components.text.escaping import escape_markdown as md
from components.text.formatting import format_partial_date, language_name
from components.ui.blocks import bullets, cited, render_differences, render_source_list

STATEMENT_KINDS = {"quote": N_("Quote"), "paraphrase": N_("Statement (reported speech)")}


def render_people_and_partnerships(dataset: Dataset, ui: view_session.UIState) -> None:
    """Leaders, then partnerships, each the page's width, outside the panel's fragment: a
    selection does not resend them (the selected office's details name its people and
    partners). Side by side, the longer left the other's half empty."""
    render_leaders(dataset, ui)
    render_partnerships(dataset, ui)


def render_leaders(dataset: Dataset, ui: view_session.UIState) -> None:
    """The leaders in two columns (one on a phone), in the data's order row by row."""
    if not dataset.people:
        return
    with st.container(key="leaders", border=True):
        st.subheader(_("Leaders", ui.lang), anchor=False)
        citations = Citations(dataset, ui.lang)
        columns = st.columns(2, gap="large")
        for index, person in enumerate(dataset.people):
            with columns[index % 2]:
                if index >= len(columns):
                    st.divider()
                with st.container(key=f"person-{person.id}"):
                    _render_person(dataset, person, ui, citations)
        render_source_list(citations.listed, ui.lang)


def render_partnerships(dataset: Dataset, ui: view_session.UIState) -> None:
    if not dataset.partnerships:
        return
    with st.container(key="partnerships", border=True):
        st.subheader(_("Partnerships", ui.lang), anchor=False)
        citations = Citations(dataset, ui.lang)
        for partnership in dataset.partnerships:
            _render_partnership(dataset, partnership, ui, citations)
        render_source_list(citations.listed, ui.lang)


def _render_person(
    dataset: Dataset, person: Person, ui: view_session.UIState, citations: Citations
) -> None:
    lang = ui.lang
    numbers = cited(citations.cite(person.sources))
    st.markdown(f"**{md(person.name)}**{numbers}  \n{md(person.role.get(lang))}")
    lines = []
    if person.previous_positions:
        previous = "; ".join(md(p.get(lang)) for p in person.previous_positions)
        lines.append(_("Previously: {positions}", lang, positions=previous))
    lines += [_("Also: {role}", lang, role=md(r.get(lang))) for r in person.other_roles]
    base = (
        md(dataset.office(person.base_office).city.get(lang))
        if person.base_office
        else md(_("not stated in the sources", lang))
    )
    lines.append(_("Base office: {city}", lang, city=base))
    if person.related_offices:
        cities = ", ".join(md(dataset.office(o).city.get(lang)) for o in person.related_offices)
        lines.append(_("Tied to: {cities}", lang, cities=cities))
    st.markdown(bullets(lines))
    if person.statement:
        statement = person.statement
        note = ""
        if statement.original_language != lang:
            original = language_name(statement.original_language, lang)
            translated = _("translated from the original in {language}", lang, language=original)
            note = f" ({translated})"
        kind = _(STATEMENT_KINDS[statement.kind], lang)
        st.markdown(f"*{kind}{note}:*")
        st.markdown("> " + md(statement.text.get(lang)))
    render_differences(differences(citations, person.differences, lang), lang)
    target = ("person", person.id)
    _render_cross_links(target, highlighted_offices(dataset, target), ui)


def _render_partnership(
    dataset: Dataset, partnership: Partnership, ui: view_session.UIState, citations: Citations
) -> None:
    lang = ui.lang
    numbers = cited(citations.cite(partnership.sources))
    st.markdown(f"**{md(partnership.partner)}**{numbers}")
    st.markdown(md(partnership.description.get(lang)))
    facts = []
    if partnership.partner_since:
        since = format_partial_date(partnership.partner_since, lang)
        facts.append(_("Since: {date}", lang, date=md(since)))
    if partnership.initiated_by:
        facts.append(_("Initiated by: {who}", lang, who=md(partnership.initiated_by)))
    facts.append(_("Aim of the partnership: {aim}", lang, aim=md(partnership.aim.get(lang))))
    st.markdown(bullets(facts))
    for note in partnership.notes:
        st.markdown(md(note.text.get(lang)) + cited(citations.cite(note.sources)))
    render_differences(differences(citations, partnership.differences, lang), lang)
    target = ("partnership", partnership.id)
    _render_cross_links(target, frozenset(partnership.offices), ui)


def _render_cross_links(
    target: view_session.Highlight,
    office_ids: frozenset[str],
    ui: view_session.UIState,
) -> None:
    """A button that rings the item's offices on the map and in the table (or clears that)."""
    lang = ui.lang
    key = f"{target[0]}-{target[1]}"
    if ui.highlight == target:
        st.button(
            _("Clear highlight", lang),
            key=f"clear-{key}",
            on_click=partial(view_session.set_highlight, None),
            icon=":material/close:",
        )
    elif office_ids:
        st.button(
            _("Show offices on map", lang),
            key=f"highlight-{key}",
            on_click=partial(view_session.set_highlight, target),
            icon=":material/my_location:",
        )
