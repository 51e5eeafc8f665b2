from __future__ import annotations

import html as html_module
import json
import re
from pathlib import Path

import pytest

from components.data.schema import Dataset
from components.map.view import View
from components.publish.cli import main
from components.publish.page import DETAILS_DATA_ID, embed_details, standalone_map_html
from tests.helpers import HOSTILE_TEXT, dataset_from, hostile_raw_data, raw_data


def details_block(page: str) -> dict[str, dict[str, object]]:
    block = page.split(f'id="{DETAILS_DATA_ID}">')[1].split("</script>")[0]
    data: dict[str, dict[str, object]] = json.loads(block)
    return data


def test_the_page_inlines_everything_it_needs(dataset: Dataset) -> None:
    page = standalone_map_html(dataset, View(lang="de"))
    assert re.findall(r'<script src=|<link rel="stylesheet"', page) == []
    assert "/app/static" not in page and "fetch(" not in page
    assert "url(images/layers" not in page  # Leaflet's icons travel as data addresses
    assert "L.map(" in page and "Leaflet 1.9.4" in page
    assert '"mode": "standalone"' in page and '"lang": "de"' in page
    assert "L.OfficeLayer = " in page and "L.FootprintMap = " in page  # the map's own code
    assert "root.Supercluster" in page or "Supercluster=" in page  # and the libraries it uses
    assert "FootprintFraming" in page and "FootprintLabels" in page
    assert page.count('"tokyo"') >= 1 and "Tokio" in page
    assert '"FeatureCollection"' in page  # the outlines


def test_the_page_has_a_language_a_title_and_a_zoomable_viewport(dataset: Dataset) -> None:
    page = standalone_map_html(dataset, View(lang="de", region="EMEA"))
    assert page.startswith('<!DOCTYPE html>\n<html lang="de">')
    assert "<title>OpenAIs globale Präsenz · EMEA</title>" in page
    (viewport,) = re.findall(r'<meta name="viewport"[^>]*>', page)
    assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport


def test_the_header_says_what_the_view_shows_and_as_of_when(dataset: Dataset) -> None:
    page = standalone_map_html(dataset, View(lang="de", status="announced", region="EMEA"))
    header = page.split('<header class="footprint-embed-header">')[1].split("</header>")[0]
    assert "<h1>OpenAIs globale Präsenz</h1>" in header
    assert "2 von 9 Büros angezeigt · 2 angekündigt · 2 Länder · EMEA" in header
    assert "Status mit Stand 9. Oktober 2024" in header


def test_the_footer_links_every_source_of_the_shown_offices_and_the_licence(
    dataset: Dataset,
) -> None:
    page = standalone_map_html(dataset, View(status="existing"))
    footer = page.split('<footer class="footprint-embed-footer">')[1].split("</footer>")[0]
    links = set(re.findall(r'href="([^"]+)"', footer))
    expected = {
        dataset.sources_by_id[source_id].url
        for office in dataset.offices
        if office.status == "existing"
        for source_id in office.sources
    }
    assert expected <= links
    assert "https://creativecommons.org/licenses/by/4.0/" in links
    assert "https://www.fox13seattle.com/news/openai-opens-bellevue-offices" not in links
    assert 'rel="noopener noreferrer license">CC BY 4.0</a>' in footer


def test_the_details_are_those_of_the_shown_offices_in_the_views_language(
    dataset: Dataset,
) -> None:
    details = details_block(standalone_map_html(dataset, View(lang="de", region="Americas")))
    assert list(details) == ["san-francisco", "new-york", "seattle"]
    seattle = details["seattle"]
    assert seattle["title"] == "Seattle" and "Angekündigtes Büro" in str(seattle["meta"])
    headings = [section["heading"] for section in seattle["sections"]]  # type: ignore[attr-defined]
    assert headings[:3] == ["Rolle", "Daten", "Quellen weichen ab"]
    assert "Seit 9. Oktober 2024" in headings
    sources = seattle["sources"]
    assert all(source["url"].startswith("https://") for source in sources)  # type: ignore[attr-defined]


def test_the_details_carry_no_local_time(dataset: Dataset) -> None:
    # A file does not know when it is read.
    entry = embed_details(dataset, dataset.offices, "en")["tokyo"]
    assert all(section["heading"] != "Time" for section in entry["sections"])


def test_a_selection_the_filters_show_opens_the_page_on_it(dataset: Dataset) -> None:
    assert '"selected": "paris"' in standalone_map_html(dataset, View(office="paris"))
    hidden = standalone_map_html(dataset, View(status="existing", office="paris"))
    assert '"selected": null' in hidden


def test_the_arcs_the_reader_turned_on_are_drawn_in_the_published_page(dataset: Dataset) -> None:
    assert '"arcs": true' in standalone_map_html(dataset, View(arcs="1"))
    assert '"arcs": false' in standalone_map_html(dataset, View())


def test_hostile_text_stays_inert_data() -> None:
    raw = hostile_raw_data()
    raw["company"]["name"] = {"en": HOSTILE_TEXT, "de": HOSTILE_TEXT}
    page = standalone_map_html(dataset_from(raw))
    assert "<img src=x" not in page
    title = page.split("<title>")[1].split("</title>")[0]
    assert html_module.unescape(title).startswith(HOSTILE_TEXT)
    # Outside the JSON blocks, which the page reads as text, the markup is only ever escaped.
    assert details_block(page)["london"]["title"] == HOSTILE_TEXT
    outside = re.sub(r'<script type="application/json"[^>]*>.*?</script>', "", page, flags=re.S)
    escaped = outside.count("&lt;img src=x onerror=alert(1)")
    assert escaped >= 2 and outside.count("onerror=alert(1)") == escaped  # title, headline


def test_a_source_address_cannot_break_out_of_its_link() -> None:
    raw = raw_data()
    raw["sources"][0]["url"] = 'https://example.com/"onmouseover="alert(1)'
    page = standalone_map_html(dataset_from(raw))
    assert '"onmouseover="' not in page
    assert "https://example.com/&quot;onmouseover=&quot;alert(1)" in page


def test_the_same_map_gives_a_byte_identical_file(dataset: Dataset) -> None:
    view = View(lang="en", office="tokyo")
    assert standalone_map_html(dataset, view) == standalone_map_html(dataset, view)


def test_the_command_line_writes_the_page_a_view_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "map.html"
    assert main(["--lang", "de", "--region", "EMEA", "--office", "paris", "-o", str(output)]) == 0
    page = output.read_text(encoding="utf-8")
    assert "<title>OpenAIs globale Präsenz · EMEA</title>" in page
    assert '"selected": "paris"' in page and list(details_block(page)) == [
        "london", "dublin", "paris", "brussels",
    ]  # fmt: skip
    assert str(output) in capsys.readouterr().out


def test_the_command_line_names_a_bad_data_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "missing.json"), "-o", str(tmp_path / "x.html")]) == 1
    assert "file not found" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_the_command_line_writes_the_page_at_a_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--lang", "de", "--region", "EMEA", "--as-of", "latest"]) == 0
    output = tmp_path / "openai-map-emea-as-of-2026-12-01-de.html"
    page = output.read_text(encoding="utf-8")
    assert "Status mit Stand 1. Dezember 2026" in page
    assert list(details_block(page)) == [
        "london", "dublin", "paris", "brussels", "zurich", "munich",
    ]  # fmt: skip
    with pytest.raises(SystemExit):
        main(["--as-of", "<script>"])
    assert "not 'latest' or a date" in capsys.readouterr().err
