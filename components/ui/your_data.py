"""The "Your data" page: a reader's own table of places, its columns, every row placed or
told why not, and the whole dashboard for it, with a dataset file to keep.

Reading, placing and building are :mod:`components.yourdata.pipeline`'s (the command line
uses the same); this module draws its steps and renders its messages in the reader's
language, escaped (a file's or sheet's name is text, not Markdown).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from components.data.loading import parse_dataset
from components.data.problems import DatasetError
from components.data.schema import Dataset
from components.facts.timeline import timeline_events
from components.session import view as view_session
from components.session import your_data as your_data_session
from components.text.catalog import N_, _, n_
from components.text.escaping import escape_markdown as md
from components.ui import explorer, page, tables
from components.yourdata import online as online_lookup
from components.yourdata.columns import FIELDS, ColumnMap, Field, detect
from components.yourdata.gazetteer import ATTRIBUTION as GAZETTEER_ATTRIBUTION
from components.yourdata.messages import Message, render
from components.yourdata.pipeline import Choices, Placement, place_table
from components.yourdata.placing import Located
from components.yourdata.reading import PASTED, InputError, Table, read_table

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample-offices.csv"
# Fields the reader can edit in the results table.
_FIXABLE: tuple[Field, ...] = ("city", "country", "lat", "lon")
FIELD_NAMES: dict[Field, str] = {
    "name": N_("Name"),
    "lat": N_("Latitude"),
    "lon": N_("Longitude"),
    "city": N_("City"),
    "country": N_("Country"),
    "state": N_("State or province"),
    "address": N_("Address"),
    "status": N_("Status"),
    "region": N_("Region"),
    "founded": N_("Founded"),
    "announced": N_("Announced"),
    "opened": N_("Opened"),
    "planned_opening": N_("Planned opening"),
    "notes": N_("Notes"),
    "url": N_("Web address"),
}


def said(message: Message, lang: str) -> str:
    """A message of the pipeline as Markdown that shows it exactly as written."""
    return md(render(message, lang))


def render_page(lang: str) -> None:
    """The page below its title: the table, its columns, its places, its dashboard."""
    st.markdown(
        _(
            "Map your own list of places: upload a spreadsheet or paste its rows. Places are "
            "looked up **offline**, in GeoNames' cities; your data stays in this browser "
            "session and is not stored.",
            lang,
        )
    )
    _render_input(lang)
    table = your_data_session.user_table(_read)
    if table is None:
        return
    if isinstance(table, InputError):
        st.error(said(table.message, lang), icon=":material/error:")
        return
    for note in table.notes:
        st.info(said(note, lang), icon=":material/info:")
    if table.dataset_text is not None:
        _render_own_dataset(table.dataset_text, lang)
        return
    columns = _render_columns(table, lang)
    online = _render_online_switch(lang)
    placement = _placement(table, columns, online, lang)
    if placement.problems:
        problems = "; ".join(said(problem, lang) for problem in placement.problems)
        st.warning(_("To place rows:", lang) + f" {problems}.", icon=":material/warning:")
        return
    _render_statuses(placement, lang)
    _render_places(placement, lang)
    if placement.placed == 0:
        st.warning(
            _(
                "No row could be placed yet: check the columns above, or fix rows in the table.",
                lang,
            ),
            icon=":material/wrong_location:",
        )
        return
    dataset = _render_dataset(placement, lang)
    if dataset is not None:
        _render_dashboard(dataset, lang)


def _read(name: str | None, data: bytes) -> Table | InputError:
    try:
        return read_table(name, data)
    except InputError as error:
        return error


def _render_input(lang: str) -> None:
    upload_column, paste_column = st.columns(2, gap="medium")
    with upload_column:
        uploaded = st.file_uploader(
            _("Upload a table", lang),
            type=["csv", "tsv", "txt", "xlsx", "json", "geojson"],
            key=your_data_session.UPLOAD_KEY,
            help=_(
                "CSV, Excel (.xlsx), this app's JSON or GeoJSON points; up to 10,000 rows.", lang
            ),
        )
        session_note = _(
            "Your table lives only in this session, on the one server that holds it: if the "
            "connection to that server is lost (a restart, or the server going away), the map "
            "page reconnects with its view, but your table is gone. Upload it again, or keep "
            "the dataset download below.",
            lang,
        )
        st.caption(f":material/sync_problem: {session_note}")
        if uploaded is not None:
            your_data_session.use_upload(uploaded.name, uploaded.getvalue())
        st.download_button(
            _("Download a sample table", lang),
            data=SAMPLE.read_bytes(),
            file_name="offices-sample.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
        )
    with paste_column:
        st.text_area(
            _("…or paste rows from a spreadsheet", lang),
            key=your_data_session.PASTE_KEY,
            height=120,
            placeholder="name\tcity\tcountry\nBerlin office\tBerlin\tDE",
        )
        st.button(_("Use these rows", lang), on_click=your_data_session.on_paste, key="use-paste")


def _render_own_dataset(dataset_text: str, lang: str) -> None:
    """The app's own dataset file, shown as it is (or every problem in it)."""
    source = your_data_session.user_source()
    name = source[0] if source and source[0] else render(PASTED, lang)
    try:
        dataset = parse_dataset(dataset_text, name)
    except DatasetError as error:
        page.render_data_error(error, lang)
        return
    _render_dashboard(dataset, lang)


def _render_columns(table: Table, lang: str) -> ColumnMap:
    """The mapping step: what each column was taken to hold, changeable."""
    columns = your_data_session.user_columns(detect(table.columns, table.rows))
    with st.expander(
        _("Columns: what each one holds", lang), expanded=True, icon=":material/view_column:"
    ):
        st.caption(
            _(
                "Detected from the column names; change any of them. Coordinates are used "
                "where a row has them, else city and country are looked up.",
                lang,
            )
        )
        options = [your_data_session.NO_COLUMN, *table.columns]
        with st.container(horizontal=True):
            for field in FIELDS:
                key = your_data_session.seed_column_choice(field, columns.column(field))
                st.selectbox(
                    _(FIELD_NAMES[field], lang),
                    options=options,
                    format_func=lambda column: (
                        _("— none —", lang) if column == your_data_session.NO_COLUMN else column
                    ),
                    key=key,
                    on_change=your_data_session.on_column_choice,
                    args=(field, key),
                    width=180,
                )
    return columns


def _render_online_switch(lang: str) -> bool:
    """The switch for online lookup: off by default, and only where the operator named a
    contact, as Nominatim's usage policy asks."""
    allowed = online_lookup.contact() is not None
    on = st.toggle(
        _("Also look up places online (OpenStreetMap Nominatim)", lang),
        key=your_data_session.ONLINE_KEY,
        value=False,
        disabled=not allowed,
    )
    if allowed:
        st.caption(
            _(
                "Off by default: the places of rows the offline list lacks would be sent to "
                "OpenStreetMap's Nominatim, one a second, at most {limit} rows of a table. "
                "Answers are kept on this server for a while.",
                lang,
                limit=online_lookup.MAX_ONLINE_ROWS,
            )
        )
    else:
        reason = Message.of("online.no_contact", variable=online_lookup.CONTACT_ENV_VAR)
        st.caption(said(reason, lang))
    return on and allowed


def _placement(table: Table, columns: ColumnMap, online: bool, lang: str) -> Placement:
    """The table placed with the reader's choices, again only when one of them changes."""
    source = your_data_session.user_source()
    digest = your_data_session.source_digest(source) if source else ""
    choices = Choices(
        columns=columns,
        statuses=your_data_session.user_statuses(),
        edits=your_data_session.user_edits(),
        company=your_data_session.company(),
        headquarters_row=your_data_session.headquarters_row(),
    )
    edits = tuple((row, tuple(sorted(edit.items()))) for row, edit in sorted(choices.edits.items()))
    statuses = tuple(sorted(choices.statuses.items()))
    inputs = (digest, columns, statuses, edits, online, choices.company, choices.headquarters_row)

    def place() -> Placement:
        if not online:
            return place_table(table, choices)
        geocoder = online_lookup.OnlineGeocoder()
        bar = st.progress(0.0, text=_("Looking up places online, one a second…", lang))

        def progress(done: int, total: int) -> None:
            bar.progress(done / max(total, 1))

        try:
            return place_table(table, choices, geocoder, progress)
        finally:
            bar.empty()

    placed: Placement = your_data_session.user_placed(inputs, place)
    return placed


def _render_statuses(placement: Placement, lang: str) -> None:
    """Each status value of the table as existing or announced, changeable."""
    statuses = placement.statuses
    column = placement.columns.status
    if not statuses or column is None:
        return
    counts = Counter(row.get(column, "").strip() for row in placement.rows)
    values = list(statuses)
    frame = pd.DataFrame(
        {
            "value": [value or _("(empty)", lang) for value in values],
            "rows": [counts[value] for value in values],
            "status": [statuses[value] for value in values],
        }
    )
    key = "status-values-" + hashlib.sha256("\0".join(values).encode()).hexdigest()[:12]
    with st.expander(_("Status values: existing or announced", lang), icon=":material/label:"):
        st.data_editor(
            frame,
            key=key,
            hide_index=True,
            disabled=["value", "rows"],
            column_config={
                "value": st.column_config.TextColumn(_("Value in your table", lang)),
                "rows": st.column_config.NumberColumn(_("Rows", lang)),
                "status": st.column_config.SelectboxColumn(
                    _("Status", lang), options=["existing", "announced"], required=True
                ),
            },
            on_change=your_data_session.on_status_values,
            args=(key, values),
        )


def _render_places(placement: Placement, lang: str) -> None:
    """Every row placed or told why not: a count, the notes, a table to fix rows in, and
    the sources of the places."""
    for note in placement.notes[len(placement.table.notes) :]:
        st.warning(said(note, lang), icon=":material/cloud_off:")
    outcomes = placement.outcomes
    summary = [
        _("{placed} of {total} rows on the map.", lang,
          placed=placement.placed, total=len(placement.located))
    ]  # fmt: skip
    if outcomes["ambiguous"]:
        summary.append(
            n_("{count} placed at the likeliest of several places: check it.",
               "{count} placed at the likeliest of several places: check them.",
               outcomes["ambiguous"], lang)
        )  # fmt: skip
    if outcomes["unmatched"]:
        summary.append(
            n_("{count} not placed: see why below, fix it in the table.",
               "{count} not placed: see why below, fix them in the table.",
               outcomes["unmatched"], lang)
        )  # fmt: skip
    with st.container(key="your-data-count"):
        st.markdown(f"**{md(' '.join(summary))}**")
    _render_results(placement, lang)
    attributions = [GAZETTEER_ATTRIBUTION]
    if any(item.how == "nominatim" for item in placement.located):
        attributions.append(online_lookup.ATTRIBUTION)
    st.caption(_("Places:", lang) + " " + md(" · ".join(attributions)))


def _note(item: Located, lang: str) -> str:
    """Why a row was not placed, or what to check, and the other places it could be."""
    parts = [render(item.reason, lang)] if item.reason else []
    parts += [
        render(Message.of("place.alternative", city=place.name, country=place.country,
                          population=place.population), lang)
        for place in item.alternatives
    ]  # fmt: skip
    return "; ".join(parts)


def _render_results(placement: Placement, lang: str) -> None:
    """Each row's outcome; city, country and coordinates can be fixed in place."""
    columns, rows, located = placement.columns, placement.rows, placement.located
    shown: dict[Field, str] = {
        field: column for field in _FIXABLE if (column := columns.column(field)) is not None
    }
    label = columns.name or columns.city or columns.address
    data: dict[str, list[object]] = {
        "row": [item.row for item in located],
        "name": [row.get(label, "") if label else "" for row in rows],
    }
    data.update({field: [row.get(column, "") for row in rows] for field, column in shown.items()})
    data["outcome"] = [render(Message.of(f"outcome.{item.outcome}"), lang) for item in located]
    data["how"] = [
        render(Message.of(f"how.{item.how}"), lang) if item.how else "" for item in located
    ]
    data["place"] = [render(item.place, lang) if item.place else "" for item in located]
    data["note"] = [_note(item, lang) for item in located]
    config: dict[str, Any] = {
        "row": st.column_config.NumberColumn(_("Row", lang), width="small"),
        "name": st.column_config.TextColumn(_("Name", lang)),
    }
    config.update(
        {field: st.column_config.TextColumn(_(FIELD_NAMES[field], lang) + " ✎") for field in shown}
    )
    config["outcome"] = st.column_config.TextColumn(_("Result", lang))
    config["how"] = st.column_config.TextColumn(_("How", lang))
    config["place"] = st.column_config.TextColumn(_("Found", lang))
    config["note"] = st.column_config.TextColumn(_("Note", lang), width="large")
    key = "results-" + hashlib.sha256(repr((columns, len(rows))).encode()).hexdigest()[:12]
    st.data_editor(
        pd.DataFrame(data),
        key=key,
        hide_index=True,
        width="stretch",
        disabled=[name for name in data if name not in shown],
        column_config=config,
        on_change=your_data_session.on_results_edit,
        args=(key, [item.row for item in located], shown),
    )
    st.caption(
        _(
            "Fix a row in place: correct its city or country, or give its coordinates "
            "(columns marked ✎). The map follows.",
            lang,
        )
    )


def _render_dataset(placement: Placement, lang: str) -> Dataset | None:
    """The company's name and headquarters, the dataset, and its file to keep."""
    label_column = placement.columns.name or placement.columns.city or placement.columns.address
    labels = {
        item.row: (placement.rows[item.row - 2].get(label_column, "") if label_column else "")
        or (render(item.place, lang) if item.place else "")
        for item in placement.located
        if item.placed
    }
    company_column, hq_column = st.columns(2, gap="medium")
    with company_column:
        st.text_input(_("Company", lang), key=your_data_session.COMPANY_KEY, max_chars=80)
    with hq_column:
        st.selectbox(
            _("Headquarters", lang),
            options=list(labels),
            format_func=lambda row: f"{labels[row]} ({_('Row', lang)} {row})",
            key=your_data_session.HEADQUARTERS_KEY,
        )
    built = placement.built
    if built is None:
        return None
    for warning in built.warnings:
        st.caption(f":material/warning: {said(warning, lang)}")
    st.download_button(
        _("Download as dataset (offices.json)", lang),
        data=built.json_text,
        file_name="offices.json",
        mime="application/json",
        icon=":material/dataset:",
        on_click="ignore",
        key="download-dataset",
    )
    st.caption(
        _(
            "A file of this app's own format: run it with OFFICES_DATA=offices.json streamlit "
            "run app.py, or commit it for a hosted link.",
            lang,
        )
    )
    return built.dataset


def _render_dashboard(dataset: Dataset, lang: str) -> None:
    """The same map, details, tables, timeline and downloads as for the shipped data."""
    st.divider()
    page.render_header(dataset, lang)
    explorer.render_explorer(dataset)
    ui = view_session.snapshot()
    tables.render_office_table(dataset, ui)
    if timeline_events(dataset, lang):
        tables.render_timeline(dataset, ui)
