"""No serious or critical axe-core violation on the page or in the map's frame: the default
view and an office selected, in both languages and both themes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Frame, Page

from testing.server import StreamlitServer
from tests.browser.conftest import (
    expect_details_for,
    load_app,
    map_frame,
    map_frame_object,
    open_page,
    wait_until_answered,
)

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def violations(target: Page | Frame) -> list[dict[str, Any]]:
    """axe-core's serious and critical findings in a document, with where they are."""
    target.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = target.evaluate(
        """async (blocking) => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations
                .filter((v) => blocking.includes(v.impact))
                .map((v) => ({id: v.id, impact: v.impact,
                              nodes: v.nodes.map((n) => n.target.join(" "))}));
        }""",
        list(BLOCKING),
    )
    return found


@pytest.mark.parametrize(
    ("lang", "selected", "scheme"),
    [
        ("en", None, "light"),
        ("de", "tokyo", "light"),
        ("en", "paris", "dark"),
        ("de", None, "dark"),
    ],
)
def test_no_serious_accessibility_violation(
    app_server: StreamlitServer,
    browser: Browser,
    lang: str,
    selected: str | None,
    scheme: str,
) -> None:
    page, record = open_page(browser)
    page.emulate_media(color_scheme="dark" if scheme == "dark" else "light")
    load_app(page, record, f"{app_server.url}/?lang={lang}")
    if selected:
        map_frame(page).locator(f".office-marker.office-{selected}").click()
        expect_details_for(page, {"tokyo": "Tokio", "paris": "Paris"}[selected])
        wait_until_answered(page, record)
    assert violations(page) == []
    assert violations(map_frame_object(page)) == []
