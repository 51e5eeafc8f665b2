"""The "Your data" page driven headlessly: pasted rows placed, the mapping step, bad input,
the app's own dataset, and the dashboard for the reader's data."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from components.data.current import DATA_ENV_VAR
from components.session.view import LANG_KEY, view_widget_key
from components.session.your_data import NO_COLUMN, PASTE_KEY, column_choice_key
from testing.server import REPO_ROOT
from tests.helpers import component_data, raw_data

APP = str(REPO_ROOT / "app.py")
ROWS = (
    "name,city,country,status,opened\n"
    "Berlin office,Berlin,Germany,open,2021-03-01\n"
    "Munich,München,Deutschland,planned,\n"
    "Nowhere,Atlantisxx,DE,open,\n"
)


@pytest.fixture
def page(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.delenv(DATA_ENV_VAR, raising=False)
    at = AppTest.from_file(APP, default_timeout=60).run()
    return at.switch_page("views/your_data.py").run()


def paste(at: AppTest, text: str) -> AppTest:
    at.text_area(key=PASTE_KEY).input(text)
    at.button(key="use-paste").click()
    return at.run()


def count(at: AppTest) -> str:
    """The count of rows on the map, as the reader reads it (Markdown escapes removed)."""
    value: str = at.get_by_key("your-data-count").markdown[0].value
    return re.sub(r"\\(.)", r"\1", value).strip("*")


def map_view(at: AppTest) -> dict[str, Any]:
    return component_data(at, "footprint_map_bridge")


def test_the_page_invites_a_table_and_offers_a_sample(page: AppTest) -> None:
    assert not page.exception
    assert page.title[0].value == "Your data"
    assert "offline" in page.markdown[0].value
    (button,) = page.get("download_button")
    assert button.proto.label == "Download a sample table"
    assert not page.get("component_instance")  # no map before there is data
    # The one thing a failover loses, said where the reader puts it in.
    assert any("your table is gone" in caption.value for caption in page.caption)


def test_pasted_rows_are_placed_and_each_row_is_accounted_for(page: AppTest) -> None:
    paste(page, ROWS)
    assert not page.exception
    assert count(page) == (
        "2 of 3 rows on the map. 1 not placed: see why below, fix it in the table."
    )
    results = next(frame.value for frame in page.dataframe if "outcome" in frame.value)
    # The row to look at first comes first; the others keep the table's order.
    assert list(results["row"]) == [4, 2, 3]
    assert list(results["outcome"]) == ["not placed", "placed", "placed"]
    assert list(results["how"]) == ["", "offline city list", "offline city list"]
    assert "not among the offline list's places" in results["note"][0]
    # The dashboard for the reader's data: the map shows it, in the page's own view.
    assert map_view(page)["selected"] is None
    assert not page.query_params.get("office")


def test_the_mapping_step_names_what_is_missing(page: AppTest) -> None:
    paste(page, ROWS)
    page.selectbox(key=column_choice_key("city")).select(NO_COLUMN)
    page.run()
    page.selectbox(key=column_choice_key("country")).select(NO_COLUMN)
    page.run()
    assert not page.exception
    (warning,) = page.warning
    assert "a city or country column" in warning.value
    assert not page.get("component_instance")  # nothing placed, no half-drawn map


def test_the_status_values_are_read_as_existing_or_announced(page: AppTest) -> None:
    paste(page, ROWS)
    statuses = next(frame.value for frame in page.dataframe if "status" in frame.value)
    assert dict(zip(statuses["value"], statuses["status"], strict=True)) == {
        "open": "existing",
        "planned": "announced",
    }


def test_the_page_speaks_german(page: AppTest) -> None:
    page.button_group(key=LANG_KEY).set_value("de").run()
    paste(page, ROWS)
    assert page.title[0].value == "Ihre Daten"
    assert count(page).startswith("2 von 3 Zeilen auf der Karte")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("just one column\nvalue\n", "single column"),
        ('{"hello": "world"}', "neither this app's dataset"),
        ("city,country\n", "no rows"),
    ],
)
def test_bad_input_gets_a_message_and_no_traceback(page: AppTest, text: str, message: str) -> None:
    paste(page, text)
    assert not page.exception
    (error,) = page.error
    assert message in error.value


def test_the_apps_own_dataset_is_shown_as_it_is(page: AppTest) -> None:
    paste(page, json.dumps(raw_data()))
    assert not page.exception
    assert len(page.get("component_instance")) == 1
    assert "**4** existing" in page.get_by_key("figures").markdown[0].value


def test_an_invalid_dataset_lists_its_problems(page: AppTest) -> None:
    raw = raw_data()
    raw["offices"][0]["lat"] = 123
    paste(page, json.dumps(raw))
    assert not page.exception
    assert "offices\\[0\\]\\.lat" in page.error[0].value


def test_markup_and_formulas_in_cells_stay_text(page: AppTest) -> None:
    paste(page, 'name,city,country\n"=HYPERLINK(""x"")",Berlin,DE\n<b>bold</b>,Paris,FR\n')
    assert not page.exception
    results = next(frame.value for frame in page.dataframe if "outcome" in frame.value)
    assert list(results["name"]) == ['=HYPERLINK("x")', "<b>bold</b>"]


def _page_text(at: AppTest) -> list[str]:
    """Every text the page shows: Markdown, captions, notices, labels and the cells the app
    wrote into its tables (Markdown escapes removed)."""
    texts = [
        element.value
        for kind in ("markdown", "caption", "info", "warning", "error", "success", "title")
        for element in getattr(at, kind)
    ]
    texts += [widget.label for widget in (*at.text_input, *at.selectbox, *at.toggle, *at.button)]
    for frame in at.dataframe:
        for column in frame.value.columns:
            texts.append(str(column))
            texts += [str(value) for value in frame.value[column]]
    return [re.sub(r"\\(.)", r"\1", text) for text in texts]


def _english_phrases() -> list[str]:
    """Phrases of the app's English messages that German writes otherwise: the parts
    between placeholders of three words or more."""
    from babel.messages.pofile import read_po

    from components.text.catalog import catalog_path

    with catalog_path("de").open("rb") as handle:
        catalog = read_po(handle, locale="de")
    phrases = []
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = [
            str(string)
            for string in (
                message.string if isinstance(message.string, tuple) else (message.string,)
            )
        ]
        for english in ids:
            for part in re.split(r"\{[^}]*\}", str(english or "")):
                part = part.strip(" .,:;()“”")
                if len(part.split()) >= 3 and not any(part in german for german in strings):
                    phrases.append(part)
    return phrases


def test_the_german_page_shows_no_english_sentence(page: AppTest) -> None:
    page.session_state[LANG_KEY] = "de"
    page.run()
    paste(
        page,
        "name,city,country\nBerlin office,Berlin,Germany\nNowhere,Atlantisxx,DE\n"
        "Elsewhere,Paris,Narnia\n",
    )
    assert not page.exception
    shown = "\n".join(_page_text(page))
    assert (
        "Nowhere" in shown and "„Atlantisxx“ ist nicht unter den Orten der Offline-Liste" in shown
    )
    english = [phrase for phrase in _english_phrases() if phrase in shown]
    assert english == []
    assert count(page) == (
        "1 von 3 Zeilen auf der Karte. 2 nicht platziert: Gründe unten, in der Tabelle "
        "korrigierbar."
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "1 of 2 rows on the map. 1 not placed: see why below, fix it in the table."),
        ("de", "1 von 2 Zeilen auf der Karte. 1 nicht platziert: Grund unten, in der Tabelle "
               "korrigierbar."),
    ],
)  # fmt: skip
def test_a_count_of_one_reads_singular(page: AppTest, lang: str, expected: str) -> None:
    page.session_state[LANG_KEY] = lang
    page.run()
    paste(page, "name,city,country\nBerlin office,Berlin,DE\nNowhere,Atlantisxx,DE\n")
    assert count(page) == expected


def test_a_readers_office_has_no_people_or_partnership_sections_to_fill(page: AppTest) -> None:
    paste(page, ROWS)
    office = page.selectbox(key=view_widget_key("office", "en"))
    office.select(office.options[0]).run()
    assert not page.exception
    details = "\n".join(m.value for m in page.get_by_key("office-details").markdown)
    assert "**Dates**" in details  # the details are there
    assert "**People**" not in details and "**Partnerships**" not in details
    assert "none in the sources" not in details
