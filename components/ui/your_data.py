"""The "Your data" page: a reader's own table of places, its columns, every row placed or
told why not, and the whole dashboard for it, with a dataset file to keep."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pandas as pd
import streamlit as st

from components.data.loading import parse_dataset
from components.data.problems import DatasetError
from components.data.schema import Dataset
from components.facts.timeline import timeline_events
from components.session import view as view_session
from components.session import your_data as your_data_session
from components.text.catalog import text
from components.text.escaping import escape_markdown as md
from components.ui import explorer, page, tables
from components.yourdata.building import build_dataset
from components.yourdata.columns import FIELDS, ColumnMap, Field, detect, status_values
from components.yourdata.gazetteer import ATTRIBUTION as GAZETTEER_ATTRIBUTION
from components.yourdata.placing import NOMINATIM_ATTRIBUTION, Located, OnlineGeocoder, locate
from components.yourdata.reading import InputError, Table, read_table

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample-offices.csv"
# Fields the reader can edit in the results table: its column → the field it fixes.
_FIXABLE: tuple[Field, ...] = ("city", "country", "lat", "lon")


def render(lang: str) -> None:
    """The page below its title: the table, its columns, its places, its dashboard."""
    st.markdown(text("yours_intro", lang))
    _render_input(lang)
    result = your_data_session.user_table(_read)
    if result is None:
        return
    if isinstance(result, InputError):
        st.error(str(result), icon=":material/error:")
        return
    for note in result.notes:
        st.info(note, icon=":material/info:")
    if result.dataset_text is not None:
        _render_own_dataset(result.dataset_text, lang)
        return
    columns = _render_columns(result, lang)
    if columns is None:
        return
    statuses = _render_statuses(result, columns, lang)
    located = _render_places(result, columns, lang)
    placed = [item for item in located if item.placed]
    if not placed:
        st.warning(text("yours_nothing_placed", lang), icon=":material/wrong_location:")
        return
    dataset = _render_dataset(result, columns, located, statuses, lang)
    if dataset is not None:
        _render_dashboard(dataset, lang)


def _read(name: str, data: bytes) -> Table | InputError:
    try:
        return read_table(name, data)
    except InputError as error:
        return error


def _render_input(lang: str) -> None:
    upload_column, paste_column = st.columns(2, gap="medium")
    with upload_column:
        uploaded = st.file_uploader(
            text("yours_upload", lang),
            type=["csv", "tsv", "txt", "xlsx", "json", "geojson"],
            key=your_data_session.UPLOAD_KEY,
            help=text("yours_upload_help", lang),
        )
        st.caption(f":material/sync_problem: {text('yours_session_note', lang)}")
        if uploaded is not None:
            your_data_session.use_upload(uploaded.name, uploaded.getvalue())
        st.download_button(
            text("yours_sample", lang),
            data=SAMPLE.read_bytes(),
            file_name="offices-sample.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
        )
    with paste_column:
        st.text_area(
            text("yours_paste", lang),
            key=your_data_session.PASTE_KEY,
            height=120,
            placeholder="name\tcity\tcountry\nBerlin office\tBerlin\tDE",
        )
        st.button(
            text("yours_paste_use", lang), on_click=your_data_session.on_paste, key="use-paste"
        )


def _render_own_dataset(dataset_text: str, lang: str) -> None:
    """The app's own dataset file, shown as it is (or every problem in it)."""
    source = your_data_session.user_source()
    try:
        dataset = parse_dataset(dataset_text, source[0] if source else "dataset")
    except DatasetError as error:
        page.render_data_error(error, lang)
        return
    _render_dashboard(dataset, lang)


def _render_columns(table: Table, lang: str) -> ColumnMap | None:
    """The mapping step: what each column was taken to hold, changeable."""
    columns = your_data_session.user_columns(detect(table.columns, table.rows))
    with st.expander(text("yours_columns", lang), expanded=True, icon=":material/view_column:"):
        st.caption(text("yours_columns_help", lang))
        options = [your_data_session.NO_COLUMN, *table.columns]
        with st.container(horizontal=True):
            for field in FIELDS:
                key = your_data_session.seed_column_choice(field, columns.column(field))
                st.selectbox(
                    text(f"field_{field}", lang),
                    options=options,
                    format_func=lambda column: (
                        text("yours_no_column", lang)
                        if column == your_data_session.NO_COLUMN
                        else column
                    ),
                    key=key,
                    on_change=your_data_session.on_column_choice,
                    args=(field, key),
                    width=180,
                )
    problems = columns.problems()
    if problems:
        st.warning(
            text("yours_columns_problem", lang) + " " + "; ".join(problems) + ".",
            icon=":material/warning:",
        )
        return None
    return columns


def _render_statuses(table: Table, columns: ColumnMap, lang: str) -> dict[str, str]:
    """Each status value of the table as existing or announced, changeable."""
    guessed = status_values(table.rows, columns.status)
    statuses = your_data_session.user_statuses(guessed)
    if not statuses:
        return statuses
    counts = Counter(row.get(columns.status or "", "").strip() for row in table.rows)
    values = list(statuses)
    frame = pd.DataFrame(
        {
            "value": [value or text("yours_empty_value", lang) for value in values],
            "rows": [counts[value] for value in values],
            "status": [statuses[value] for value in values],
        }
    )
    key = "status-values-" + hashlib.sha256(repr(values).encode()).hexdigest()[:12]
    with st.expander(text("yours_statuses", lang), icon=":material/label:"):
        st.data_editor(
            frame,
            key=key,
            hide_index=True,
            disabled=["value", "rows"],
            column_config={
                "value": st.column_config.TextColumn(text("yours_status_value", lang)),
                "rows": st.column_config.NumberColumn(text("yours_rows", lang)),
                "status": st.column_config.SelectboxColumn(
                    text("field_status", lang),
                    options=["existing", "announced"],
                    required=True,
                ),
            },
            on_change=your_data_session.on_status_values,
            args=(key, values),
        )
    return statuses


def _edited_rows(table: Table) -> list[dict[str, str]]:
    edits = your_data_session.user_edits()
    return [{**row, **edits.get(index + 2, {})} for index, row in enumerate(table.rows)]


def _render_places(table: Table, columns: ColumnMap, lang: str) -> list[Located]:
    """Every row placed or told why not, with a count, a table to fix rows in, and the
    sources of the places."""
    online = st.toggle(text("yours_online", lang), key=your_data_session.ONLINE_KEY, value=False)
    st.caption(text("yours_online_help", lang))
    rows = _edited_rows(table)
    geocoder: list[OnlineGeocoder] = []

    def place() -> list[Located]:
        if online:
            geocoder.append(OnlineGeocoder())
            with st.spinner(text("yours_online_running", lang)):
                return locate(rows, columns, geocoder[0])
        return locate(rows, columns)

    located = your_data_session.user_located((repr(columns), repr(rows), online), place)
    if geocoder and geocoder[0].failure:
        st.warning(geocoder[0].failure, icon=":material/cloud_off:")
    outcomes = Counter(item.outcome for item in located)
    placed = sum(item.placed for item in located)
    summary = text("yours_count", lang, placed=placed, total=len(located))
    if outcomes["ambiguous"]:
        summary += " " + text("yours_count_ambiguous", lang, count=outcomes["ambiguous"])
    if outcomes["unmatched"]:
        summary += " " + text("yours_count_unmatched", lang, count=outcomes["unmatched"])
    with st.container(key="your-data-count"):
        st.markdown(f"**{md(summary)}**")
    _render_results(table, columns, rows, located, lang)
    attributions = [GAZETTEER_ATTRIBUTION]
    if any(item.how == "nominatim" for item in located):
        attributions.append(NOMINATIM_ATTRIBUTION)
    st.caption(text("yours_credits", lang) + " " + md(" · ".join(attributions)))
    return located


def _render_results(
    table: Table,
    columns: ColumnMap,
    rows: list[dict[str, str]],
    located: list[Located],
    lang: str,
) -> None:
    """Each row's outcome; city, country and coordinates can be fixed in place."""
    shown: dict[str, str] = {
        field: column for field in _FIXABLE if (column := columns.column(field)) is not None
    }
    label = columns.name or columns.city or columns.address
    frame = pd.DataFrame(
        {
            "row": [item.row for item in located],
            "name": [row.get(label, "") if label else "" for row in rows],
            **{field: [row.get(column, "") for row in rows] for field, column in shown.items()},
            "outcome": [text(f"yours_outcome_{item.outcome}", lang) for item in located],
            "how": [text(f"yours_how_{item.how}", lang) if item.how else "" for item in located],
            "place": [item.place for item in located],
            "note": [
                "; ".join(part for part in (item.reason, ", ".join(item.alternatives)) if part)
                for item in located
            ],
        }
    )
    key = "results-" + hashlib.sha256(repr((columns, len(rows))).encode()).hexdigest()[:12]
    st.data_editor(
        frame,
        key=key,
        hide_index=True,
        width="stretch",
        disabled=[name for name in frame.columns if name not in shown],
        column_config={
            "row": st.column_config.NumberColumn(text("yours_row", lang), width="small"),
            "name": st.column_config.TextColumn(text("field_name", lang)),
            **{
                field: st.column_config.TextColumn(text(f"field_{field}", lang) + " ✎")
                for field in shown
            },
            "outcome": st.column_config.TextColumn(text("yours_outcome", lang)),
            "how": st.column_config.TextColumn(text("yours_how", lang)),
            "place": st.column_config.TextColumn(text("yours_place", lang)),
            "note": st.column_config.TextColumn(text("yours_note", lang), width="large"),
        },
        on_change=your_data_session.on_results_edit,
        args=(
            key,
            [item.row for item in located],
            shown,
        ),
    )
    st.caption(text("yours_fix_help", lang))


def _render_dataset(
    table: Table,
    columns: ColumnMap,
    located: list[Located],
    statuses: dict[str, str],
    lang: str,
) -> Dataset | None:
    """The company's name and headquarters, the dataset, and its file to keep."""
    placed = [item for item in located if item.placed]
    label_column = columns.name or columns.city or columns.address
    labels = {
        item.row: (table.rows[item.row - 2].get(label_column, "") if label_column else "")
        or item.place
        for item in placed
    }
    company_column, hq_column = st.columns(2, gap="medium")
    with company_column:
        company = st.text_input(
            text("yours_company", lang), key=your_data_session.COMPANY_KEY, max_chars=80
        )
    with hq_column:
        headquarters = st.selectbox(
            text("yours_headquarters", lang),
            options=list(labels),
            format_func=lambda row: f"{labels[row]} ({text('yours_row', lang)} {row})",
            key=your_data_session.HEADQUARTERS_KEY,
        )
    try:
        built = build_dataset(
            table, columns, located,
            {value: "announced" if status == "announced" else "existing"
             for value, status in statuses.items()},
            company.strip(), headquarters,
        )  # fmt: skip
    except (ValueError, DatasetError) as error:
        st.error(text("yours_dataset_error", lang) + f" {error}", icon=":material/error:")
        return None
    for warning in built.warnings:
        st.caption(f":material/warning: {md(warning)}")
    st.download_button(
        text("yours_download_dataset", lang),
        data=built.json_text,
        file_name="offices.json",
        mime="application/json",
        icon=":material/dataset:",
        on_click="ignore",
        key="download-dataset",
    )
    st.caption(text("yours_download_dataset_help", lang))
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
