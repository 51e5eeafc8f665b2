"""Screenshots of the running app, as a reader sees it: ``python -m scripts.screenshots``.

Starts the app, opens each page in Debian's Chromium at the sizes readers use, in the
colour scheme asked for (the app follows the reader's, as Streamlit does with a light and a
dark theme configured), waits until the map has drawn, and
saves a PNG per view under ``--out`` (default ``test-results/screenshots``). The README's
picture is ``--readme`` (``docs/screenshot.png``).

    python -m scripts.screenshots [--out DIR] [--sizes 1400x900 390x844] [--langs en de]
                                  [--themes light dark] [--office paris] [--query status=…]
                                  [--path / | /your-data | published] [--data FILE]
                                  [--upload TABLE (on /your-data)] [--scroll-to TEXT]
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import parse_qsl

from playwright.sync_api import Page, sync_playwright

from components.data.at_date import footprint_at
from components.data.loading import load_dataset
from components.map.view import View
from components.publish.page import standalone_map_html
from testing.browser import APP_IDLE, CHROMIUM_ARGS, MAP_IFRAME, chromium_path
from testing.pages import MAP_READY, MAP_SETTLED
from testing.server import REPO_ROOT, start_streamlit, stop_streamlit

README_PICTURE = REPO_ROOT / "docs" / "screenshot.png"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.screenshots")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "test-results" / "screenshots")
    parser.add_argument("--sizes", nargs="+", default=["1400x900", "390x844"])
    parser.add_argument("--langs", nargs="+", default=["en", "de"])
    parser.add_argument("--themes", nargs="+", default=["light", "dark"])
    parser.add_argument("--office", default="paris", help="an office selected ('' for none)")
    parser.add_argument("--query", default="", help="more of the address, e.g. status=announced")
    parser.add_argument(
        "--path", default="/", help="the page: / or /your-data, or published (the Map as HTML)"
    )
    parser.add_argument("--data", type=Path, help="a data file to show (OFFICES_DATA)")
    parser.add_argument("--upload", type=Path, help="a table to upload on /your-data")
    parser.add_argument("--full-page", action="store_true", help="the whole page, not the screen")
    parser.add_argument("--scroll-to", default="", help="a text on the page to show at the top")
    parser.add_argument("--readme", action="store_true", help=f"write {README_PICTURE} only")
    args = parser.parse_args(argv)
    if args.readme:
        args.sizes, args.langs, args.themes = ["1400x900"], ["en"], ["light"]
        args.office = "singapore"
    executable = chromium_path()
    if executable is None:
        raise SystemExit("Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)")
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="screenshots-"))
    published = args.path.strip("/") == "published"
    server = None if published else start_streamlit(work / "app.log", data_path=args.data)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            for theme in args.themes:
                for size in args.sizes:
                    width, height = (int(part) for part in size.split("x"))
                    for lang in args.langs:
                        page = browser.new_page(
                            viewport={"width": width, "height": height},
                            color_scheme="dark" if theme == "dark" else "light",
                        )
                        if server is None:
                            open_published(page, work, args, lang)
                        else:
                            open_app(page, server.url, args, lang)
                        page.wait_for_timeout(600)  # the last paint of fonts and tiles
                        name = f"{args.path.strip('/') or 'map'}-{size}-{lang}-{theme}.png"
                        target = README_PICTURE if args.readme else args.out / name
                        page.screenshot(path=str(target), full_page=args.full_page)
                        print(target)
                        page.close()
            browser.close()
    finally:
        if server is not None:
            stop_streamlit(server)
    return 0


def open_app(page: Page, url: str, args: argparse.Namespace, lang: str) -> None:
    """The app's page at ``args.path``, its map (if it has one) drawn and settled."""
    query = f"lang={lang}" + (f"&office={args.office}" if args.office else "")
    query += f"&{args.query}" if args.query else ""
    page.goto(f"{url}{args.path.rstrip('/')}/?{query}")
    if args.path.strip("/") == "":  # the map page: its map, once loaded
        page.wait_for_selector(MAP_IFRAME, timeout=60_000)
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    if args.upload:
        page.locator("input[type=file]").set_input_files(str(args.upload))
        page.wait_for_selector(MAP_IFRAME, timeout=60_000)
        page.wait_for_selector(APP_IDLE, timeout=60_000)
    if page.locator(MAP_IFRAME).count():
        frame = page.locator(MAP_IFRAME).element_handle()
        assert frame is not None
        content = frame.content_frame()
        assert content is not None
        content.wait_for_function(MAP_READY, timeout=60_000)
        content.wait_for_function(MAP_SETTLED, timeout=30_000)
        if args.upload and not args.scroll_to:  # the reader's map, where the page shows it
            page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    if args.scroll_to:
        page.get_by_text(args.scroll_to).first.evaluate("element => element.scrollIntoView()")


def open_published(page: Page, folder: Path, args: argparse.Namespace, lang: str) -> None:
    """The published page (the app's "Map as HTML") for the view asked for, drawn."""
    asked = dict(parse_qsl(args.query))
    view = View(
        office=args.office or None,
        lang=lang,
        status=asked.get("status", "all"),
        region=asked.get("region", "all"),
        as_of=asked.get("as_of", ""),
    )
    catalog = load_dataset(args.data) if args.data else load_dataset()
    dataset = footprint_at(catalog, view.as_of)  # as the app's download at that date
    path = folder / f"published-{lang}.html"
    path.write_text(standalone_map_html(dataset, view), encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_function(MAP_READY, timeout=60_000)
    page.wait_for_function(MAP_SETTLED, timeout=30_000)


if __name__ == "__main__":
    raise SystemExit(main())
