"""The downloads follow the reader's view, and the map page a newsroom publishes works from
disk with the network blocked: a click shows the office's details in the page, it fits a
600 by 400 frame and a phone, and axe-core finds nothing serious in it."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Download, Page, Route, expect

from components.data.at_date import footprint_at
from components.data.schema import Dataset
from components.map.view import View
from components.publish.page import standalone_map_html
from testing.pages import PageRecord, keep, load_app, violations
from testing.server import StreamlitServer


def download(page: Page, button: str) -> Download:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    return info.value


def open_offline(browser: Browser, path: Path, width: int, height: int) -> tuple[Page, list[str]]:
    """The file in a browser that can reach nothing but the file itself; ``errors`` collects
    script errors and every request that was not for a file or a data address."""
    context = browser.new_context(offline=True, viewport={"width": width, "height": height})
    errors: list[str] = []

    def refuse(route: Route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            errors.append(f"request {url}")
            route.abort()

    context.route("**/*", refuse)
    page = keep(context.new_page())
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    return page, errors


def test_downloads_follow_the_view_and_the_map_works_offline(
    app_server: StreamlitServer,
    page_and_record: tuple[Page, PageRecord],
    browser: Browser,
    tmp_path: Path,
) -> None:
    page, record = page_and_record
    url = f"{app_server.url}/?lang=de&status=announced&region=EMEA&office=paris"
    load_app(page, record, url, markers=2)

    table = download(page, "Büros als CSV")
    assert table.suggested_filename == "openai-offices-announced-emea-de.csv"
    text = Path(table.path()).read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [(row["id"], row["city"]) for row in rows] == [
        ("paris", "Paris"),
        ("brussels", "Brüssel"),
    ]

    map_file = download(page, "Karte als HTML (funktioniert offline)")
    assert map_file.suggested_filename == "openai-map-announced-emea-de-paris.html"
    path = tmp_path / map_file.suggested_filename
    map_file.save_as(path)

    embed, errors = open_offline(browser, path, 1200, 700)
    expect(embed).to_have_title("OpenAIs globale Präsenz · EMEA")
    expect(embed.locator(".office-marker")).to_have_count(2)  # as on the screen
    details = embed.locator("#footprint-details")
    expect(details.locator("h2")).to_have_text("Paris")  # it opens on the selection
    embed.locator(".office-marker.office-brussels").click()
    expect(details.locator("h2")).to_have_text("Brüssel")
    expect(details).to_contain_text("Angekündigt: 9. Oktober 2024")
    hrefs = details.locator("ol a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs and all(href.startswith("https://") for href in hrefs)
    footer_links = embed.locator("footer a").evaluate_all("links => links.map(a => a.href)")
    assert "https://www.trendingtopics.eu/" in " ".join(footer_links)
    embed.keyboard.press("Escape")
    expect(details).to_be_hidden()
    expect(embed.locator(".office-selected")).to_have_count(0)
    assert errors == []


def test_the_files_of_a_view_at_another_date_name_that_date(
    app_server: StreamlitServer, page_and_record: tuple[Page, PageRecord], catalog: Dataset
) -> None:
    """The map's file (in the panel beside the map) and the offices' file (beside their table)
    both say the date they show, so two downloads of two dates never share a name."""
    page, record = page_and_record
    load_app(page, record, f"{app_server.url}/?as_of=latest&office=paris", markers=None)
    as_of = footprint_at(catalog, "latest").as_of
    map_file = download(page, "Map as HTML (works offline)")
    assert map_file.suggested_filename == f"openai-map-as-of-{as_of}-en-paris.html"
    table = download(page, "Offices as CSV")
    assert table.suggested_filename == f"openai-offices-as-of-{as_of}-en.csv"
    assert record.errors == []


@pytest.fixture(scope="module")
def embed_file(tmp_path_factory: pytest.TempPathFactory, dataset: Dataset) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("embed") / "openai-map-en.html"
    path.write_text(standalone_map_html(dataset, View(lang="en")), encoding="utf-8")
    yield path


@pytest.mark.parametrize(("width", "height"), [(600, 400), (390, 844), (1400, 900)])
def test_the_map_page_fits_a_frame_and_a_phone_without_sideways_scrolling(
    browser: Browser, embed_file: Path, width: int, height: int
) -> None:
    page, errors = open_offline(browser, embed_file, width, height)
    expect(page.locator(".office-marker")).to_have_count(9)
    for part in ("header h1", ".folium-map", "footer"):
        box = page.locator(part).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, part
        assert box["y"] + box["height"] <= height + 0.5, part  # all of it in the frame
    map_box = page.locator(".folium-map").bounding_box()
    assert map_box and map_box["height"] >= 0.45 * height  # the map has most of the room
    # Keyboard: a marker, Enter, the details; every one of them inside the frame's width.
    page.locator(".office-marker.office-singapore").focus()
    page.keyboard.press("Enter")
    details = page.locator("#footprint-details")
    expect(details.locator("h2")).to_have_text("Singapore")
    expect(details).to_contain_text("Since 9 October 2024")
    box = details.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5
    marker = page.locator(".office-marker.office-singapore").bounding_box()
    assert marker and not (  # the office stays in sight beside or above its details
        box["x"] <= marker["x"] <= box["x"] + box["width"]
        and box["y"] <= marker["y"] <= box["y"] + box["height"]
    )
    overflow = page.evaluate(
        "[document.documentElement, document.body].map(e => e.scrollWidth - e.clientWidth)"
    )
    assert max(overflow) <= 0, overflow
    assert errors == []


def test_the_map_page_has_no_serious_accessibility_violation(
    browser: Browser, embed_file: Path
) -> None:
    page, _ = open_offline(browser, embed_file, 1200, 700)
    expect(page.locator(".office-marker")).to_have_count(9)
    page.locator(".office-marker.office-seattle").click()
    expect(page.locator("#footprint-details h2")).to_have_text("Seattle")
    assert violations(page) == []
