"""The page at any date: the address, the slider, its buttons and the play, driven with
Streamlit's AppTest."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from bench.as_of import with_events
from components.data.at_date import LATEST, dataset_at, resolve_step, steps
from components.data.current import DATA_ENV_VAR
from components.data.schema import Dataset
from components.session.view import AS_OF_SLIDER_KEY, view_widget_key
from components.ui.as_of import date_options, next_step
from components.ui.page import SINCE_SHOWN
from testing.server import REPO_ROOT
from tests.helpers import choose_as_of, component_data, map_drawn, write_json

APP = str(REPO_ROOT / "app.py")


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.delenv(DATA_ENV_VAR, raising=False)
    return map_drawn(AppTest.from_file(APP, default_timeout=60))


def figures(at: AppTest) -> tuple[str, str]:
    block: Any = at.get_by_key("figures")
    return block.markdown[0].value, block.caption[0].value


def office_choices(at: AppTest) -> list[str]:
    return list(next(box.options for box in at.selectbox if box.label in ("Office", "Büro")))


def test_the_page_opens_at_the_article_date_with_the_nine_offices(app: AppTest) -> None:
    app.run()
    shown, caption = figures(app)
    assert shown == "**4** existing · **5** announced · **7** countries · **3** regions"
    assert caption.endswith("statuses as of 9 October 2024.")
    slider = component_data(app, "footprint_as_of")
    assert slider["label"] == "As of"
    assert slider["options"][slider["index"]] == {
        "step": "2024-10-09",
        "text": "9 October 2024",
        "day": (date(2024, 10, 9) - date(1970, 1, 1)).days,
    }
    assert app.button(key="as-of-data-date").disabled
    assert "as_of" not in app.query_params


def test_latest_shows_every_sourced_office_and_the_events_sources(app: AppTest) -> None:
    app.query_params["as_of"] = LATEST
    app.query_params["office"] = "seoul"
    app.run()
    assert not app.exception
    shown, caption = figures(app)
    assert shown == "**8** existing · **6** announced · **12** countries · **3** regions"
    assert caption.endswith("statuses as of 1 December 2026.")
    block: Any = app.get_by_key("office-details")
    details = " ".join(m.value for m in block.markdown)
    assert "Opened: 10 September 2025 \\[2\\]" in details
    sources = " ".join(c.value for c in block.caption)
    assert "2. [Korea JoongAng Daily" in sources
    assert "(https://koreajoongangdaily.joins.com/news/2025-09-10/" in sources
    assert app.button(key="as-of-latest").disabled


def test_the_slider_moves_the_page_and_the_address_keeps_the_date(app: AppTest) -> None:
    app.run()
    choose_as_of(app, "2025-05-26")
    assert app.query_params["as_of"] == "2025-05-26"
    shown, caption = figures(app)
    # Paris opened; Zurich, Munich and Seoul announced since the article.
    assert shown.startswith("**5** existing · **7** announced")
    assert caption.endswith("statuses as of 26 May 2025.")
    app.button(key="as-of-latest").click().run()
    assert app.query_params["as_of"] == LATEST
    app.button(key="as-of-data-date").click().run()
    assert "as_of" not in app.query_params
    assert figures(app)[0].startswith("**4** existing · **5** announced")


def test_a_choice_on_the_slider_counts_once_and_only_for_a_date_it_offers(app: AppTest) -> None:
    app.run()
    choose_as_of(app, "2025-05-26")
    app.button(key="as-of-latest").click().run()
    app.run()  # the slider's report, already applied, does not take the page back
    assert app.query_params["as_of"] == LATEST
    for hostile in ("2025-05-27", "<script>", "9" * 80):
        choose_as_of(app, hostile)
        assert not app.exception and app.query_params["as_of"] == LATEST
    app.session_state[AS_OF_SLIDER_KEY] = {"as_of": ["not", "a", "report"]}
    app.run()
    assert not app.exception and app.query_params["as_of"] == LATEST


def test_the_details_mark_what_came_later(app: AppTest) -> None:
    app.query_params["lang"] = "de"
    app.query_params["office"] = "paris"
    app.run()
    details = " ".join(m.value for m in app.get_by_key("office-details").markdown)
    assert "Eröffnet: noch nicht" in details
    assert "**Seit 9\\. Oktober 2024**" in details and "November 2024: Eröffnet" in details


@pytest.mark.parametrize("lang", ["en", "de"])
def test_an_office_not_yet_there_waits_and_is_one_click_away(app: AppTest, lang: str) -> None:
    app.query_params["office"] = "seoul"
    app.query_params["as_of"] = "2025-01"
    app.query_params["lang"] = lang
    app.run()
    assert not app.exception
    assert "Seoul" not in office_choices(app)
    assert {"en": "Zurich", "de": "Zürich"}[lang] in office_choices(app)
    assert "office" not in app.query_params
    details: Any = app.get_by_key("office-details")
    assert [h.value for h in details.subheader] == ["Seoul"]
    (warning,) = details.warning
    assert (
        warning.value
        == {
            "en": "Not on the map as of January 2025: it comes later.",
            "de": "Nicht auf der Karte mit Stand Januar 2025: Es kommt später dazu.",
        }[lang]
    )
    app.button(key="show-waiting-office").click().run()
    # Seoul's first event, the page at that date, and Seoul selected again.
    assert app.query_params["as_of"] == "2025-05-26"
    assert app.query_params["office"] == "seoul"
    assert figures(app)[1].endswith({"en": "26 May 2025.", "de": "26. Mai 2025."}[lang])
    assert not app.get_by_key("office-details").warning


def test_a_selected_office_waits_while_the_date_goes_back_and_returns(app: AppTest) -> None:
    app.query_params["office"] = "paris"
    app.run()
    choose_as_of(app, "2023-09-14")  # before Paris was announced
    assert "office" not in app.query_params
    choose_as_of(app, "2025-05-26")
    assert app.query_params["office"] == "paris"
    # Another office chosen meanwhile replaces the one waiting.
    choose_as_of(app, "2023-09-14")
    app.selectbox(key=view_widget_key("office", "en")).set_value("london").run()
    choose_as_of(app, "2025-05-26")
    assert app.query_params["office"] == "london"


@pytest.mark.parametrize("value", ["yesterday", "2025-02-30", "<b>x</b>", "9" * 80])
def test_a_date_the_page_cannot_show_falls_back_with_a_notice(app: AppTest, value: str) -> None:
    app.query_params["as_of"] = value
    app.run()
    assert not app.exception
    notes = [c.value for c in app.caption if ":material/info:" in c.value]
    assert len(notes) == 1 and "as\\_of" in notes[0] and "<b>" not in notes[0]
    assert figures(app)[1].endswith("statuses as of 9 October 2024.")


def test_a_date_before_the_company_shows_its_first_office(app: AppTest) -> None:
    app.query_params["as_of"] = "1990-01-01"
    app.run()
    assert not app.exception
    assert figures(app)[0].startswith("**1** existing")


def test_any_date_is_offered_on_the_slider_where_a_link_names_it(catalog: Dataset) -> None:
    options = date_options(catalog, "2025-07-01")
    assert "2025-07-01" in options and set(steps(catalog)) < set(options)
    assert options.index("2025-07-01") == options.index("2025-05-26") + 1


def test_play_steps_through_every_date_to_the_latest(catalog: Dataset) -> None:
    shown, seen = steps(catalog)[0], []
    while (following := next_step(catalog, shown)) is not None:
        seen.append(following)
        shown = following
    assert [steps(catalog)[0], *seen] == list(steps(catalog))
    assert shown == resolve_step(catalog, LATEST)
    counts = [len(dataset_at(catalog, step).offices) for step in steps(catalog)]
    assert counts == sorted(counts) and counts[-1] == len(catalog.offices)


def test_thousands_of_later_developments_are_listed_fifty_at_a_time(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(DATA_ENV_VAR, str(write_json(tmp_path / "offices.json", with_events(200))))
    app = map_drawn(AppTest.from_file(APP, default_timeout=60))
    app.query_params["as_of"] = "2015-01"
    app.run()
    assert not app.exception
    (since,) = (e for e in app.expander if e.label.startswith("Since January 2015"))
    assert since.label.endswith(": 199 later developments")
    (listing,) = (m.value for m in since.markdown if m.value.startswith("- "))
    assert listing.count("\n- ") + 1 == SINCE_SHOWN
    assert any(
        c.value == "And 149 more: move the date forward to see them on the map."
        for c in since.caption
    )
