"""The app driven headlessly with Streamlit's AppTest."""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from itertools import count
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from components.data.current import DATA_ENV_VAR
from components.data.loading import parse_dataset
from components.data.problems import DatasetError, json_path
from components.map.builder import day_number
from components.session.view import (
    HQ_TABLE_OPEN_KEY,
    LANG_KEY,
    MAP_BRIDGE_KEY,
    SEARCH_KEY,
    TABLE_OPEN_KEY,
    TIMELINE_OPEN_KEY,
    ViewWidget,
    view_widget_key,
)
from components.text.escaping import escape_markdown as md
from components.ui.tables import HIGHLIGHT_STYLE
from testing.server import REPO_ROOT
from tests.helpers import (
    HOSTILE_TEXT,
    choose_as_of,
    component_data,
    hostile_raw_data,
    map_drawn,
    raw_data,
    write_json,
)

APP = str(REPO_ROOT / "app.py")
_clicks = count(1)


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.delenv(DATA_ENV_VAR, raising=False)
    return map_drawn(AppTest.from_file(APP, default_timeout=60))


def keyed_block(at: AppTest, key: str) -> Any:
    """The block of ``st.container(key=key)``."""
    return at.get_by_key(key)


def details_heading(at: AppTest) -> str | None:
    headings = keyed_block(at, "office-details").subheader
    return headings[0].value if len(headings) else None


def details_text(at: AppTest) -> str:
    return " ".join(m.value for m in keyed_block(at, "office-details").markdown)


def view_widget(at: AppTest, part: ViewWidget, lang: str = "en") -> Any:
    """The widget showing ``part`` of the view (office list, status or region filter)."""
    key = view_widget_key(part, lang)
    return at.selectbox(key=key) if part == "office" else at.button_group(key=key)


def click_marker(at: AppTest, office_id: str) -> AppTest:
    """What the map's bridge reports when a marker is clicked (a new number per click)."""
    reported = dict(at.session_state[MAP_BRIDGE_KEY]) if MAP_BRIDGE_KEY in at.session_state else {}
    reported["select"] = {"office": office_id, "click": next(_clicks)}
    at.session_state[MAP_BRIDGE_KEY] = reported
    return at.run()


def choose_basemap_on_map(at: AppTest, basemap: str) -> AppTest:
    """What the map's bridge reports when the reader picks a basemap in the map."""
    reported = dict(at.session_state[MAP_BRIDGE_KEY]) if MAP_BRIDGE_KEY in at.session_state else {}
    reported["basemap"] = {"basemap": basemap, "choice": next(_clicks)}
    at.session_state[MAP_BRIDGE_KEY] = reported
    return at.run()


def map_view(at: AppTest) -> dict[str, Any]:
    """The view the page sends to the mounted map (the bridge keeps ``firstScreen``, whether
    the page waits for the map, to itself)."""
    data = component_data(at, "footprint_map_bridge")
    assert "firstScreen" not in data  # these tests see the page drawn whole
    return data


def map_code(at: AppTest) -> str:
    """The map's own code, as streamlit-folium sends it."""
    (component,) = at.get("component_instance")
    script: str = json.loads(component.proto.json_args)["script"]
    return script


def test_app_runs_without_exception(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert not app.error
    figures = keyed_block(app, "figures").markdown[0].value
    assert figures == "**4** existing · **5** announced · **7** countries · **3** regions"


def test_details_panel_invites_a_click_when_nothing_is_selected(app: AppTest) -> None:
    app.run()
    assert details_heading(app) is None
    assert "Click a marker" in keyed_block(app, "office-details").info[0].value
    assert map_view(app)["selected"] is None


def test_choosing_an_office_in_the_list_fills_the_details(app: AppTest) -> None:
    app.run()
    view_widget(app, "office").select("brussels").run()
    assert not app.exception
    assert details_heading(app) == "Brussels"
    text = details_text(app)
    assert "Belgium" in text and "9 October 2024" in text and "Nearest office" in text
    assert map_view(app)["selected"] == "brussels"  # the map rings it


def test_clicking_a_marker_fills_the_details_and_the_list(app: AppTest) -> None:
    app.run()
    click_marker(app, "singapore")
    assert not app.exception
    assert details_heading(app) == "Singapore"
    assert view_widget(app, "office").value == "singapore"
    text = details_text(app)
    assert "Oliver Jay" in text and "AI Singapore" in text


def test_the_list_overrides_an_earlier_click(app: AppTest) -> None:
    app.run()
    click_marker(app, "tokyo")
    view_widget(app, "office").select("paris").run()
    assert details_heading(app) == "Paris"
    app.run()  # a rerun for any other reason must not bring the old click back
    assert details_heading(app) == "Paris"


def test_clicking_the_same_marker_again_selects_it_again(app: AppTest) -> None:
    app.run()
    click_marker(app, "london")
    view_widget(app, "office").select("dublin").run()
    click_marker(app, "london")
    assert details_heading(app) == "London"
    click_marker(app, "london")
    assert details_heading(app) == "London"


@pytest.mark.parametrize(
    "reported",
    [
        "garbage",
        {"select": "london"},
        {"select": {"office": None, "click": 7}},
        {"select": {"office": "atlantis", "click": 8}},
        {"select": {"office": "x" * 500, "click": 9}},
        {"basemap": {"basemap": "../../etc/passwd", "choice": 1}},
    ],
)
def test_a_report_that_is_not_a_marker_click_changes_nothing(
    app: AppTest, reported: object
) -> None:
    app.run()
    view_widget(app, "office").select("seattle").run()
    app.session_state[MAP_BRIDGE_KEY] = reported
    app.run()
    assert not app.exception
    assert details_heading(app) in ("Seattle", None)  # an unknown office is let go
    assert map_view(app)["basemap"] == "offline"
    if reported != {"select": {"office": "atlantis", "click": 8}}:
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
    assert not app.selectbox and not app.get("component_instance")  # no half-drawn page


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
    view_widget(app, "office").select("new-york").run()
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
    view_widget(app, "office").select("london").run()
    assert not app.exception
    # Markdown-escaped: every special character is backslashed, so it renders verbatim
    # (the real-browser test checks what a reader sees).
    assert details_heading(app) == md(HOSTILE_TEXT)


def notices(at: AppTest) -> list[str]:
    return [caption.value for caption in at.caption if ":material/info:" in caption.value]


# Basemap ------------------------------------------------------------------------------


def test_basemap_comes_from_the_url(app: AppTest) -> None:
    app.query_params["basemap"] = "carto-dark"
    app.run()
    assert not app.exception
    assert map_view(app)["basemap"] == "carto-dark"
    assert notices(app) == []


@pytest.mark.parametrize("value", ["satellite", "<script>alert(1)</script>", "x" * 5000])
def test_unknown_basemap_falls_back_with_a_notice(app: AppTest, value: str) -> None:
    app.query_params["basemap"] = value
    app.run()
    assert not app.exception
    assert map_view(app)["basemap"] == "offline"
    (notice,) = notices(app)
    assert "<script>" not in notice and len(notice) < 200


def test_repeated_basemap_parameter_falls_back_with_a_notice(app: AppTest) -> None:
    app.query_params["basemap"] = ["osm", "carto-light"]
    app.run()
    assert not app.exception
    assert map_view(app)["basemap"] == "offline"
    assert len(notices(app)) == 1


def test_choosing_a_basemap_on_the_map_puts_it_in_the_url(app: AppTest) -> None:
    app.run()
    assert "basemap" not in app.query_params
    choose_basemap_on_map(app, "osm")
    assert app.query_params["basemap"] == "osm"
    assert map_view(app)["basemap"] == "osm"
    choose_basemap_on_map(app, "offline")
    assert "basemap" not in app.query_params  # the default keeps links short


def test_arcs_come_from_the_url_and_turning_them_in_the_map_goes_into_it(app: AppTest) -> None:
    app.query_params["arcs"] = "1"
    app.run()
    assert not app.exception and notices(app) == []
    assert map_view(app)["arcs"] is True
    reported: dict[str, object] = {}
    reported["arcs"] = {"arcs": False, "choice": next(_clicks)}
    app.session_state[MAP_BRIDGE_KEY] = reported
    app.run()
    assert map_view(app)["arcs"] is False
    assert "arcs" not in app.query_params  # off is the default: links stay short
    reported["arcs"] = {"arcs": True, "choice": next(_clicks)}
    app.session_state[MAP_BRIDGE_KEY] = reported
    app.run()
    assert app.query_params["arcs"] == "1"


@pytest.mark.parametrize("value", ["yes", "2", "<b>1</b>"])
def test_an_arcs_value_other_than_0_or_1_falls_back_with_a_notice(app: AppTest, value: str) -> None:
    app.query_params["arcs"] = value
    app.run()
    assert not app.exception
    assert map_view(app)["arcs"] is False
    assert len(notices(app)) == 1


def test_unknown_basemap_is_dropped_from_the_url(app: AppTest) -> None:
    app.query_params["basemap"] = "satellite"
    app.run()
    assert "basemap" not in app.query_params


# The map is built once: what the reader changes travels as a view ----------------------


def test_no_choice_of_the_reader_changes_the_maps_code(app: AppTest) -> None:
    app.run()
    code = map_code(app)
    click_marker(app, "tokyo")
    app.button_group(key=LANG_KEY).set_value("de").run()
    view_widget(app, "status", "de").set_value("announced").run()
    choose_basemap_on_map(app, "carto-dark")
    app.button(key="highlight-person-oliver-jay").click().run()
    choose_as_of(app, "2025-05-26")
    assert not app.exception
    assert map_code(app) == code
    assert map_view(app) == {
        "lang": "de",
        "status": "announced",
        "region": "all",
        "basemap": "carto-dark",
        "arcs": False,
        "theme": "light",
        "selected": "tokyo",
        "highlighted": ["singapore"],
        "asOf": day_number(date(2025, 5, 26)),  # the map shows the footprint on that day
    }


def test_the_map_follows_the_theme(app: AppTest) -> None:
    app.context["theme"] = "dark"
    app.run()
    assert map_view(app)["theme"] == "dark"


# Deep links: URL → view ---------------------------------------------------------------


def test_a_german_link_to_an_office_restores_the_view(app: AppTest) -> None:
    app.query_params.update(
        {"office": "brussels", "lang": "de", "status": "announced", "region": "EMEA"}
    )
    app.run()
    assert not app.exception
    assert details_heading(app) == "Brüssel"
    assert app.title[0].value == "OpenAIs globale Präsenz"
    assert view_widget(app, "status", "de").value == "announced"
    assert view_widget(app, "region", "de").value == "EMEA"
    text = details_text(app)
    assert "9\\. Oktober 2024" in text and "Belgien" in text
    assert map_view(app)["selected"] == "brussels"


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
    assert view_widget(app, "status").value == "all"
    assert view_widget(app, "region").value == "all"
    assert len(notices(app)) == len(params)
    for notice in notices(app):
        assert re.search(r"(?<!\\)[<>$`]", notice) is None, notice  # markup is escaped
        assert len(notice) < 250


# Deep links: view → URL ---------------------------------------------------------------


def test_a_marker_click_puts_the_office_in_the_url(app: AppTest) -> None:
    app.run()
    click_marker(app, "tokyo")
    assert app.query_params["office"] == "tokyo"
    assert app.query_params["lang"] == "en"


def test_changing_language_and_filters_updates_the_url(app: AppTest) -> None:
    app.run()
    app.button_group(key=LANG_KEY).set_value("de").run()
    view_widget(app, "status", "de").set_value("existing").run()
    view_widget(app, "region", "de").set_value("APAC").run()
    assert app.query_params["lang"] == "de"
    assert app.query_params["status"] == "existing"
    assert app.query_params["region"] == "APAC"
    view_widget(app, "status", "de").set_value("all").run()
    assert "status" not in app.query_params


def test_share_link_shows_the_current_view(app: AppTest) -> None:
    app.query_params.update({"office": "paris", "lang": "de"})
    app.run()
    links = [code.value for code in app.code]
    assert links == ["?office=paris&lang=de"]


# A selection is never silently lost -----------------------------------------------------


def open_sections(app: AppTest, *keys: str) -> AppTest:
    """What the browser reports when the reader opens these lazily drawn sections."""
    for key in keys:
        app.session_state[key] = True
    return app


# The table and the timeline report a selection only from a browser: their routes are
# followed by a language switch in tests/browser/test_selection.py.
@pytest.mark.parametrize("route", ["map", "list", "search", "link"])
def test_a_selection_survives_a_language_switch_from_every_route(app: AppTest, route: str) -> None:
    if route == "link":
        app.query_params["office"] = "tokyo"
    app.run()
    if route == "map":
        click_marker(app, "tokyo")
    elif route == "list":
        view_widget(app, "office").select("tokyo").run()
    elif route == "search":
        app.text_input(key="search").input("Japan").run()
        search_results(app).set_value(0).run()
    assert details_heading(app) == "Tokyo", route
    view_widget(app, "status").set_value("existing").run()

    app.button_group(key=LANG_KEY).set_value("de").run()
    assert not app.exception
    assert details_heading(app) == "Tokio"
    assert view_widget(app, "office", "de").value == "tokyo"
    assert view_widget(app, "status", "de").value == "existing"  # filters too
    assert app.query_params["office"] == "tokyo" and app.query_params["lang"] == "de"
    assert map_view(app)["selected"] == "tokyo"
    app.button_group(key=LANG_KEY).set_value("en").run()
    assert details_heading(app) == "Tokyo"


def test_a_filter_that_hides_the_selection_says_so_and_can_be_undone(app: AppTest) -> None:
    app.run()
    view_widget(app, "office").select("tokyo").run()
    view_widget(app, "status").set_value("announced").run()
    assert details_heading(app) == "Tokyo"  # still selected, not dropped without a word
    (warning,) = keyed_block(app, "office-details").warning
    assert "filter hides this office" in warning.value
    app.button(key="show-all-offices").click().run()
    assert view_widget(app, "status").value == "all"
    assert not keyed_block(app, "office-details").warning
    assert details_heading(app) == "Tokyo"


# The accessible twin ----------------------------------------------------------------


def test_table_and_timeline_are_drawn_only_once_opened(app: AppTest) -> None:
    app.run()
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
    open_sections(app, TABLE_OPEN_KEY).run()
    app.button_group(key=LANG_KEY).set_value("de").run()
    assert not app.exception
    assert "Tokio" in list(keyed_block(app, "office-table").dataframe[0].value["Stadt"])


def test_table_honours_the_filters_and_the_summary_follows(app: AppTest) -> None:
    app.query_params.update({"status": "announced", "region": "Americas"})
    open_sections(app, TABLE_OPEN_KEY).run()
    table = keyed_block(app, "office-table")
    frame = table.dataframe[0].value
    assert list(frame["City"]) == ["New York", "Seattle"]
    summary = table.markdown[0].value
    assert "New York and Seattle" in summary and "London" not in summary
    assert (map_view(app)["status"], map_view(app)["region"]) == ("announced", "Americas")


def test_table_is_german_in_german(app: AppTest) -> None:
    app.query_params["lang"] = "de"
    open_sections(app, TABLE_OPEN_KEY).run()
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


def test_a_leader_rings_his_office_on_the_map_and_in_the_table(app: AppTest) -> None:
    open_sections(app, TABLE_OPEN_KEY).run()
    assert map_view(app)["highlighted"] == []
    app.button(key="highlight-person-oliver-jay").click().run()
    assert not app.exception
    assert map_view(app)["highlighted"] == ["singapore"]
    highlight_colour = HIGHLIGHT_STYLE.split(";")[0].split(": ")[1]
    assert highlight_colour in app.dataframe[0].proto.arrow_data.styler.styles
    app.button(key="clear-person-oliver-jay").click().run()
    assert map_view(app)["highlighted"] == []


def test_a_partnership_rings_its_office(app: AppTest) -> None:
    app.run()
    app.button(key="highlight-partnership-ai-singapore").click().run()
    assert map_view(app)["highlighted"] == ["singapore"]


def test_choosing_an_office_names_its_people_and_partners_in_its_details(app: AppTest) -> None:
    app.run()
    view_widget(app, "office").select("singapore").run()
    details = "\n".join(m.value for m in keyed_block(app, "office-details").markdown)
    for name in ("Oliver Jay", "Sam Altman", "Sandy Kunvatanagarn", "AI Singapore"):
        assert name in details
    assert "Tadao Nagasaki" not in details
    view_widget(app, "office").select("tokyo").run()
    details = "\n".join(m.value for m in keyed_block(app, "office-details").markdown)
    assert "Tadao Nagasaki" in details and "Oliver Jay" not in details


def source_lists(at: AppTest) -> list[list[str]]:
    """The items of every "Sources" list on the page."""
    lists = []
    for caption in at.caption:
        heading, _, items = caption.value.partition("\n\n")
        if heading in ("**Sources**", "**Quellen**"):
            lists.append(items.splitlines())
    return lists


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_source_on_the_page_is_listed_once_per_panel_as_a_link(
    app: AppTest, lang: str
) -> None:
    app.query_params["lang"] = lang
    app.query_params["office"] = "seattle"
    app.run()
    lists = source_lists(app)
    # The office, the leaders, the partnership, the funding, the later developments.
    assert len(lists) == 5
    for items in lists:
        assert all(re.match(r"^\d+\. \[.+\]\(https://\S+\)", item) for item in items), items
        assert [int(item.split(".")[0]) for item in items] == list(range(1, len(items) + 1))
        assert len(set(items)) == len(items)


def test_the_details_say_where_sources_differ_and_what_came_later(app: AppTest) -> None:
    app.query_params["lang"] = "de"
    app.query_params["office"] = "seattle"
    app.run()
    text = details_text(app)
    assert "**Quellen weichen ab:** Vier oder fünf neue Büros" in text
    assert "[TechCrunch](https://prod.aventure.vc/" in text and "[CNA](https://" in text
    assert (
        "**Seit 9\\. Oktober 2024**" in text and "[FOX 13 Seattle](https://www.fox13seattle" in text
    )
    assert "Angekündigt: 9\\. Oktober 2024 \\[1, 2\\]" in text


def test_the_header_keeps_the_snapshot_and_lists_what_came_later(app: AppTest) -> None:
    app.run()
    assert "statuses as of 9 October 2024" in keyed_block(app, "figures").caption[0].value
    (later,) = [e for e in app.expander if e.label.startswith("Since 9 October 2024")]
    assert later.label == "Since 9 October 2024: 10 later developments"
    items = " ".join(m.value for m in later.markdown)
    assert "**Paris** · November 2024: Opened" in items
    assert "**Munich** · *not yet on the map* · 8 February 2025: Announced" in items
    assert "[Mobile World Live](https://www.mobileworldlive.com/" in items


def display_values(element: Any) -> pd.DataFrame:
    """What a styled table shows in its cells (its values stay what it sorts by)."""
    table: pd.DataFrame = pa.ipc.open_stream(
        element.proto.arrow_data.styler.display_values
    ).read_pandas()
    return table


def test_the_tables_dates_sort_as_dates_and_read_as_the_details(app: AppTest) -> None:
    app.query_params["lang"] = "de"
    open_sections(app, TABLE_OPEN_KEY, HQ_TABLE_OPEN_KEY).run()
    offices = keyed_block(app, "office-table").dataframe[0]
    values = offices.value.set_index("Stadt")
    shown = display_values(offices)
    shown.index = values.index
    assert values.loc["Tokio", "Eröffnet"] == "2024-04-15"
    assert shown.loc["Tokio", "Eröffnet"] == "15. April 2024"
    assert values.loc["San Francisco", "Gegründet"] == "2015-12"
    assert shown.loc["San Francisco", "Gegründet"] == "Dezember 2015"
    assert shown.loc["Singapur", "Geplante Eröffnung"] == "Ende 2024"  # as the source says
    assert shown.loc["San Francisco", "Angekündigt"] == ""  # no date, no "not announced"
    hq = keyed_block(app, "office-table").dataframe[1]
    distances = hq.value.set_index("Stadt")["Entfernung (km)"]
    assert distances["Singapur"] == 13594 and distances.dtype.kind == "i"  # sorts as a number
    shown_hq = display_values(hq)
    shown_hq.index = distances.index
    assert shown_hq.loc["Singapur", "Entfernung (km)"] == "13.594"  # as in the details


def test_a_long_list_holds_the_searchs_matches_not_every_office(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Thousands of offices: the list holds the leading fifty, or what the search finds (and
    always the selection), so a click never resends every office."""
    from bench.generate import generate

    data = write_json(tmp_path / "offices.json", generate(600))
    monkeypatch.setenv(DATA_ENV_VAR, str(data))
    at = map_drawn(AppTest.from_file(APP, default_timeout=60)).run()
    assert not at.exception
    picker = at.selectbox(key=view_widget_key("office", "en"))
    assert len(picker.options) == 50
    assert "600" in picker.label
    at.text_input(key="search").input("Berlin").run()
    picker = at.selectbox(key=view_widget_key("office", "en"))
    assert 0 < len(picker.options) <= 50
    assert all("Berlin" in option for option in picker.options[:1])
    picker.select_index(0).run()
    assert details_heading(at) == "Berlin"
    at.text_input(key="search").input("").run()
    picker = at.selectbox(key=view_widget_key("office", "en"))
    assert picker.options[0] == "Berlin" and len(picker.options) <= 51


# An image in Markdown: rendered, every reader's browser would fetch it.
MARKDOWN_IMAGE = "![I](https://evil.example/b.png)"


def _poisoned() -> dict[str, Any]:
    """The real data with a Markdown image appended to every text the schema lets hold one
    (codes, dates, ids and addresses it refuses are left as they were)."""
    original = raw_data()
    poisoned = copy.deepcopy(original)
    paths: list[list[str | int]] = []

    def poison(node: Any, path: list[str | int]) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            if isinstance(value, str):
                node[key] = value + " " + MARKDOWN_IMAGE
                paths.append([*path, key])
            elif isinstance(value, dict | list):
                poison(value, [*path, key])

    poison(poisoned, [])
    for _attempt in range(5):
        try:
            parse_dataset(json.dumps(poisoned), "poisoned.json")
            return poisoned
        except DatasetError as error:
            refused = {problem.path for problem in error.problems}
        for path in paths:
            if json_path(path) in refused:
                target: Any = poisoned
                source: Any = original
                for part in path[:-1]:
                    target, source = target[part], source[part]
                target[path[-1]] = source[path[-1]]
    raise AssertionError("the poisoned data never validated")


def _shown_markdown(at: AppTest) -> list[str]:
    """Every text the page renders as Markdown: bodies, headings, captions, alerts and the
    labels and options of buttons, pills and other button groups."""
    shown: list[str] = []
    for kind in ("markdown", "caption", "subheader", "header", "title", "info", "warning",
                 "error", "success"):  # fmt: skip
        shown += [str(element.value) for element in getattr(at, kind)]
    for group in at.button_group:
        shown += [str(option.content) for option in group.proto.options]
    shown += [str(button.label) for button in at.button]
    shown += [str(block.label) for block in at.expander]
    return shown


def test_text_from_data_is_never_markdown_anywhere_on_the_page(
    app: AppTest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    raw = _poisoned()
    monkeypatch.setenv(DATA_ENV_VAR, str(write_json(tmp_path / "md.json", raw)))
    app.run()
    assert not app.exception, app.exception
    app.text_input(key=SEARCH_KEY).input("evil").run()
    view_widget(app, "office").select("singapore").run()
    assert not app.exception, app.exception
    shown = _shown_markdown(app)
    assert sum("evil" in text for text in shown) > 20  # the poisoned texts are shown
    unescaped = [text for text in shown if MARKDOWN_IMAGE in text]
    assert unescaped == [], "\n".join(unescaped)
