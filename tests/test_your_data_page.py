"""The "Your data" page driven headlessly: pasted rows placed, the mapping step, bad input,
the app's own dataset, and the dashboard for the reader's data."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from components.data.current import DATA_ENV_VAR
from components.session.view import LANG_KEY
from components.session.your_data import NO_COLUMN, PASTE_KEY, column_choice_key
from tests.helpers import raw_data

APP = str(Path(__file__).resolve().parent.parent / "app.py")
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
    (bridge,) = at.get("bidi_component")
    view: dict[str, Any] = json.loads(bridge.proto.json)
    return view


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
        "2 of 3 rows on the map. 1 not placed: see why below, fix them in the table."
    )
    results = next(frame.value for frame in page.dataframe if "outcome" in frame.value)
    assert list(results["outcome"]) == ["placed", "placed", "not placed"]
    assert list(results["how"]) == ["offline city list", "offline city list", ""]
    assert "not among the offline gazetteer" in results["note"][2]
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
