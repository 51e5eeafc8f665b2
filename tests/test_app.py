"""The app driven headlessly with Streamlit's AppTest."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from components.dataset import Dataset
from components.escaping import escape_markdown as md
from components.state import (
    BASEMAP_KEY,
    DATA_ENV_VAR,
    HQ_TABLE_OPEN_KEY,
    LANG_KEY,
    MAP_KEY,
    REGION_KEY,
    SELECTION_KEY,
    STATUS_KEY,
    TABLE_OPEN_KEY,
    TIMELINE_OPEN_KEY,
)
from components.ui.tables import HIGHLIGHT_STYLE
from tests.helpers import HOSTILE_TEXT, hostile_raw_data, raw_data, write_json

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.delenv(DATA_ENV_VAR, raising=False)
    return AppTest.from_file(APP, default_timeout=60)


def keyed_block(at: AppTest, key: str) -> Any:
    """The block of ``st.container(key=key)``."""
    return at.get_by_key(key)


def details_heading(at: AppTest) -> str | None:
    headings = keyed_block(at, "office-details").subheader
    return headings[0].value if len(headings) else None


def click_marker(at: AppTest, dataset: Dataset, office_id: str, count: int) -> AppTest:
    """What streamlit-folium stores when a marker is clicked (see MAP_RETURNED_OBJECTS)."""
    office = dataset.office(office_id)
    at.session_state[MAP_KEY] = {
        "last_object_clicked": {"lat": office.lat, "lng": office.lon},
        "last_object_clicked_count": count,
    }
    return at.run()


def map_reported(app: AppTest) -> AppTest:
    """What streamlit-folium stores once the map has mounted in the browser."""
    app.session_state[MAP_KEY] = {"last_object_clicked": None, "last_object_clicked_count": 0}
    return app


def test_app_runs_without_exception(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert not app.error
    assert [metric.value for metric in app.metric][:4] == ["4", "5", "7", "3"]


def test_details_panel_invites_a_click_when_nothing_is_selected(app: AppTest) -> None:
    app.run()
    assert details_heading(app) is None
    assert "Click a marker" in keyed_block(app, "office-details").info[0].value


def test_choosing_an_office_in_the_list_fills_the_details(app: AppTest) -> None:
    app.run()
    app.selectbox(key=SELECTION_KEY).select("brussels").run()
    assert not app.exception
    assert details_heading(app) == "Brussels"
    text = " ".join(m.value for m in keyed_block(app, "office-details").markdown)
    assert "Belgium" in text and "9 October 2024" in text and "Nearest office" in text


def test_clicking_a_marker_fills_the_details_and_the_list(app: AppTest, dataset: Dataset) -> None:
    app.run()
    click_marker(app, dataset, "singapore", 1)
    assert not app.exception
    assert details_heading(app) == "Singapore"
    assert app.selectbox(key=SELECTION_KEY).value == "singapore"
    text = " ".join(m.value for m in keyed_block(app, "office-details").markdown)
    assert "Oliver Jay" in text and "AI Singapore" in text


def test_the_list_overrides_an_earlier_click(app: AppTest, dataset: Dataset) -> None:
    app.run()
    click_marker(app, dataset, "tokyo", 1)
    app.selectbox(key=SELECTION_KEY).select("paris").run()
    assert details_heading(app) == "Paris"
    app.run()  # a rerun for any other reason must not bring the old click back
    assert details_heading(app) == "Paris"


def test_clicking_the_same_marker_again_selects_it_again(app: AppTest, dataset: Dataset) -> None:
    app.run()
    click_marker(app, dataset, "london", 1)
    app.selectbox(key=SELECTION_KEY).select("dublin").run()
    click_marker(app, dataset, "london", 2)
    assert details_heading(app) == "London"
    click_marker(app, dataset, "london", 3)
    assert details_heading(app) == "London"


@pytest.mark.parametrize(
    "value",
    [
        "garbage",
        {"last_object_clicked": {"lat": 0, "lng": 0}, "last_object_clicked_count": 1},
        {"last_object_clicked": "london"},
        {"last_object_clicked": None, "last_object_clicked_count": 0},
    ],
)
def test_a_click_that_is_not_on_a_marker_changes_nothing(app: AppTest, value: object) -> None:
    app.run()
    app.selectbox(key=SELECTION_KEY).select("seattle").run()
    app.session_state[MAP_KEY] = value
    app.run()
    assert not app.exception
    assert details_heading(app) == "Seattle"


def test_panels_show_leaders_partnership_and_funding(app: AppTest) -> None:
    app.run()
    leaders = [m.value for m in keyed_block(app, "leaders").markdown]
    for name in ("Oliver Jay", "Sam Altman", "Sandy Kunvatanagarn"):
        assert any(name in line for line in leaders), name
    partnership = " ".join(m.value for m in keyed_block(app, "partnerships").markdown)
    assert "AI Singapore" in partnership and "2017" in partnership and "NRF" in partnership
    funding = keyed_block(app, "funding")
    assert funding.metric[0].value == "USD 6.6 billion"


def test_bad_data_file_shows_every_problem_and_no_exception(
    app: AppTest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    raw = raw_data()
    raw["offices"][0]["lat"] = 123
    raw["offices"][1]["status"] = "rumoured"
    monkeypatch.setenv(DATA_ENV_VAR, str(write_json(tmp_path / "bad.json", raw)))
    app.run()
    assert not app.exception
    (error,) = app.error
    assert "offices\\[0\\]\\.lat" in error.value and "offices\\[1\\]\\.status" in error.value
    assert not app.metric and not app.selectbox  # stopped: no half-drawn page


def test_missing_data_file_shows_an_error(
    app: AppTest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(DATA_ENV_VAR, str(tmp_path / "nowhere.json"))
    app.run()
    assert not app.exception
    assert "file not found" in app.error[0].value


def test_data_file_is_reread_when_it_changes(
    app: AppTest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = write_json(tmp_path / "offices.json", raw_data())
    monkeypatch.setenv(DATA_ENV_VAR, str(path))
    app.run()
    assert not app.error
    path.write_text("{broken", encoding="utf-8")
    app.run()
    assert "invalid JSON" in app.error[0].value


def test_selection_missing_from_new_data_is_dropped(
    app: AppTest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    app.run()
    app.selectbox(key=SELECTION_KEY).select("new-york").run()
    raw = raw_data()
    raw["offices"] = [office for office in raw["offices"] if office["id"] != "new-york"]
    monkeypatch.setenv(DATA_ENV_VAR, str(write_json(tmp_path / "fewer.json", raw)))
    app.run()
    assert not app.exception
    assert details_heading(app) is None


def test_hostile_text_is_shown_as_text(
    app: AppTest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(DATA_ENV_VAR, str(write_json(tmp_path / "x.json", hostile_raw_data())))
    app.run()
    app.selectbox(key=SELECTION_KEY).select("london").run()
    assert not app.exception
    # Markdown-escaped: every special character is backslashed, so it renders verbatim
    # (the real-browser test checks what a reader sees).
    assert details_heading(app) == md(HOSTILE_TEXT)


def notices(at: AppTest) -> list[str]:
    return [caption.value for caption in at.caption if ":material/info:" in caption.value]


def test_basemap_comes_from_the_url(app: AppTest) -> None:
    app.query_params["basemap"] = "carto-dark"
    app.run()
    assert not app.exception
    assert app.button_group(key=BASEMAP_KEY).value == "carto-dark"
    assert notices(app) == []


@pytest.mark.parametrize("value", ["satellite", "<script>alert(1)</script>", "x" * 5000])
def test_unknown_basemap_falls_back_with_a_notice(app: AppTest, value: str) -> None:
    app.query_params["basemap"] = value
    app.run()
    assert not app.exception
    assert app.button_group(key=BASEMAP_KEY).value == "offline"
    (notice,) = notices(app)
    assert "<script>" not in notice and len(notice) < 200


def test_repeated_basemap_parameter_falls_back_with_a_notice(app: AppTest) -> None:
    app.query_params["basemap"] = ["osm", "carto-light"]
    app.run()
    assert not app.exception
    assert app.button_group(key=BASEMAP_KEY).value == "offline"
    assert len(notices(app)) == 1


def test_choosing_a_basemap_puts_it_in_the_url(app: AppTest) -> None:
    app.run()
    assert "basemap" not in app.query_params
    app.button_group(key=BASEMAP_KEY).set_value("osm").run()
    assert app.query_params["basemap"] == "osm"
    app.button_group(key=BASEMAP_KEY).set_value("offline").run()
    assert "basemap" not in app.query_params  # the default keeps links short


def test_unknown_basemap_is_dropped_from_the_url(app: AppTest) -> None:
    app.query_params["basemap"] = "satellite"
    app.run()
    assert "basemap" not in app.query_params


# Deep links: URL → view ---------------------------------------------------------------


def test_a_german_link_to_an_office_restores_the_view(app: AppTest) -> None:
    app.query_params.update(
        {"office": "brussels", "lang": "de", "status": "announced", "region": "EMEA"}
    )
    app.run()
    assert not app.exception
    assert details_heading(app) == "Brüssel"
    assert app.title[0].value == "OpenAIs globale Präsenz"
    assert app.button_group(key=STATUS_KEY).value == "announced"
    assert app.button_group(key=REGION_KEY).value == "EMEA"
    text = " ".join(m.value for m in keyed_block(app, "office-details").markdown)
    assert "9\\. Oktober 2024" in text and "Belgien" in text


def test_the_browser_language_is_the_default(app: AppTest) -> None:
    app.context["locale"] = "de-AT"
    app.run()
    assert app.button_group(key=LANG_KEY).value == "de"


def test_the_link_language_beats_the_browser_language(app: AppTest) -> None:
    app.context["locale"] = "de-DE"
    app.query_params["lang"] = "en"
    app.run()
    assert app.button_group(key=LANG_KEY).value == "en"


@pytest.mark.parametrize(
    "params",
    [
        {"office": "atlantis"},
        {"office": "'; DROP TABLE offices; --"},
        {"lang": "fr"},
        {"lang": ["de", "en"]},
        {"status": "rumoured"},
        {"region": "Antarctica"},
        {"region": "x" * 10_000},
        {"office": "<img src=x onerror=alert(1)>", "lang": "${1}"},
        {"office": "%00", "status": "\u202e", "basemap": "../../etc/passwd"},
    ],
)
def test_hostile_links_fall_back_to_defaults_with_a_notice(
    app: AppTest, params: dict[str, str | list[str]]
) -> None:
    app.query_params.update(params)
    app.run()
    assert not app.exception
    assert details_heading(app) is None
    assert app.button_group(key=STATUS_KEY).value == "all"
    assert app.button_group(key=REGION_KEY).value == "all"
    assert len(notices(app)) == len(params)
    for notice in notices(app):
        assert re.search(r"(?<!\\)[<>$`]", notice) is None, notice  # markup is escaped
        assert len(notice) < 250


# Deep links: view → URL ---------------------------------------------------------------


def test_a_marker_click_puts_the_office_in_the_url(app: AppTest, dataset: Dataset) -> None:
    app.run()
    click_marker(app, dataset, "tokyo", 1)
    assert app.query_params["office"] == "tokyo"
    assert app.query_params["lang"] == "en"


def test_changing_language_and_filters_updates_the_url(app: AppTest) -> None:
    app.run()
    app.button_group(key=LANG_KEY).set_value("de").run()
    app.button_group(key=STATUS_KEY).set_value("existing").run()
    app.button_group(key=REGION_KEY).set_value("APAC").run()
    assert app.query_params["lang"] == "de"
    assert app.query_params["status"] == "existing"
    assert app.query_params["region"] == "APAC"
    app.button_group(key=STATUS_KEY).set_value("all").run()
    assert "status" not in app.query_params


def test_share_link_shows_the_current_view(app: AppTest) -> None:
    app.query_params.update({"office": "paris", "lang": "de"})
    app.run()
    links = [code.value for code in app.code]
    assert links == ["?office=paris&lang=de"]


# The accessible twin ----------------------------------------------------------------


def open_sections(app: AppTest, *keys: str) -> AppTest:
    """What the browser reports when the reader opens these lazily drawn sections."""
    for key in keys:
        app.session_state[key] = True
    return app


def test_table_and_timeline_are_drawn_only_once_opened(app: AppTest) -> None:
    map_reported(app).run()
    assert not app.exception
    assert len(app.dataframe) == 0 and len(app.get("vega_lite_chart")) == 0
    # The summary, the twin in words, does not wait for a click.
    assert "4 existing offices" in keyed_block(app, "office-table").markdown[0].value
    open_sections(app, TABLE_OPEN_KEY).run()
    assert len(keyed_block(app, "office-table").dataframe) == 1
    assert len(app.get("vega_lite_chart")) == 0
    open_sections(app, HQ_TABLE_OPEN_KEY, TIMELINE_OPEN_KEY).run()
    assert len(app.dataframe) == 2 and len(app.get("vega_lite_chart")) == 1
    assert not app.exception


def test_an_opened_table_stays_open_when_the_language_changes(app: AppTest) -> None:
    open_sections(map_reported(app), TABLE_OPEN_KEY).run()
    app.button_group(key=LANG_KEY).set_value("de").run()
    assert not app.exception
    assert "Tokio" in list(keyed_block(app, "office-table").dataframe[0].value["Stadt"])


def test_table_honours_the_filters_and_the_summary_follows(app: AppTest) -> None:
    app.query_params.update({"status": "announced", "region": "Americas"})
    open_sections(map_reported(app), TABLE_OPEN_KEY).run()
    table = keyed_block(app, "office-table")
    frame = table.dataframe[0].value
    assert list(frame["City"]) == ["New York", "Seattle"]
    summary = table.markdown[0].value
    assert "New York and Seattle" in summary and "London" not in summary


def test_table_is_german_in_german(app: AppTest) -> None:
    app.query_params["lang"] = "de"
    open_sections(map_reported(app), TABLE_OPEN_KEY).run()
    frame = keyed_block(app, "office-table").dataframe[0].value
    assert "Tokio" in list(frame["Stadt"])


# Search ------------------------------------------------------------------------------


def search_results(app: AppTest) -> Any:
    return next(b for b in app.button_group if b.key and b.key.startswith("search-results"))


@pytest.mark.parametrize(
    ("query", "lang", "heading"),
    [("oliver", "en", "Singapore"), ("Irland", "de", "Dublin"), ("brussel", "en", "Brussels")],
)
def test_search_selects_the_office_of_the_result(
    app: AppTest, query: str, lang: str, heading: str
) -> None:
    app.query_params["lang"] = lang
    app.run()
    app.text_input(key="search").input(query).run()
    search_results(app).set_value(0).run()
    assert not app.exception
    assert details_heading(app) == heading


def test_search_without_a_match_says_so(app: AppTest) -> None:
    app.run()
    app.text_input(key="search").input("<b>atlantis</b>").run()
    assert not app.exception
    assert "Nothing found." in [caption.value for caption in app.caption]


# Cross-filtering ---------------------------------------------------------------------


def map_args(app: AppTest) -> dict[str, Any]:
    (component,) = app.get("component_instance")
    args: dict[str, Any] = json.loads(component.proto.json_args)
    return args


def badges(app: AppTest, key: str) -> list[str]:
    return [m.value for m in keyed_block(app, key).markdown if "-badge[" in m.value]


def test_a_leader_rings_his_office_on_the_map_and_in_the_table(app: AppTest) -> None:
    open_sections(map_reported(app), TABLE_OPEN_KEY).run()
    assert map_args(app)["feature_group"] is None
    app.button(key="highlight-person-oliver-jay").click().run()
    assert not app.exception
    rings = map_args(app)["feature_group"]
    assert "office-highlight-singapore" in rings and "office-highlight-tokyo" not in rings
    highlight_colour = HIGHLIGHT_STYLE.split(";")[0].split(": ")[1]
    assert highlight_colour in app.dataframe[0].proto.arrow_data.styler.styles
    app.button(key="clear-person-oliver-jay").click().run()
    assert map_args(app)["feature_group"] is None


def test_a_partnership_rings_its_office(app: AppTest) -> None:
    app.run()
    app.button(key="highlight-partnership-ai-singapore").click().run()
    assert "office-highlight-singapore" in map_args(app)["feature_group"]


def test_highlight_does_not_rebuild_the_map(app: AppTest) -> None:
    app.run()
    script = map_args(app)["script"]
    app.button(key="highlight-person-tadao-nagasaki").click().run()
    assert map_args(app)["script"] == script  # same code: the browser keeps its map
    assert "office-highlight-tokyo" in map_args(app)["feature_group"]


def test_choosing_an_office_marks_its_people_and_partnerships(app: AppTest) -> None:
    app.run()
    app.selectbox(key=SELECTION_KEY).select("singapore").run()
    for key in ("person-oliver-jay", "person-sam-altman", "person-sandy-kunvatanagarn"):
        assert badges(app, key) == [":orange-badge[:material/location_on: Tied to Singapore]"]
    assert badges(app, "person-tadao-nagasaki") == []
    partnerships = [m.value for m in keyed_block(app, "partnerships").markdown]
    assert any("Tied to Singapore" in value for value in partnerships)
    app.selectbox(key=SELECTION_KEY).select("tokyo").run()
    assert badges(app, "person-oliver-jay") == []
    assert len(badges(app, "person-tadao-nagasaki")) == 1
