"""What the real-browser tests do with a page of the app: open it and record what it does,
wait for the server's answers and the map, find the map, its details and sections, hit test
markers, measure contrast, run axe-core. Shared by every module under ``tests/browser/``
(their fixtures are in its ``conftest.py``)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import (
    Browser,
    Dialog,
    Frame,
    FrameLocator,
    Locator,
    Page,
    Route,
    WebSocket,
    expect,
)

from components.data.schema import Dataset
from components.facts.timeline import timeline_events
from components.text.catalog import _
from testing.browser import (
    APP_IDLE,
    MAP_IFRAME,
    Conversation,
    is_local,
)
from testing.server import REPO_ROOT

WAIT_SECONDS = 30


# A first visit runs the script once; the map page's first screen (title, figures, map) is
# then followed by the rest when the map reports itself drawn (components/session/pages.py).
RUNS_AT_LOAD = 1
# The map page's first screen keeps these places for what follows it.
FIRST_SCREEN_PLACES = (
    ".st-key-title-controls-pending, .st-key-filters-pending, .st-key-as-of-pending"
)
PAGE_WHOLE = f"() => !document.querySelector({FIRST_SCREEN_PLACES!r})"
# Every element's code has arrived: Streamlit shows a skeleton in an element's place until
# then (the rest of the map page comes after the map, so some may still be loading).
PAGE_SETTLED = "() => !document.querySelector('[data-testid=stSkeleton]')"


OPEN_PAGES: list[Page] = []


@dataclass
class PageRecord:
    """What a page did that tests check: uncaught errors, dialogs, requests, and its
    conversation with the Streamlit server."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    conversation: Conversation = field(default_factory=Conversation)


def open_page(browser: Browser, width: int = 1400, height: int = 900) -> tuple[Page, PageRecord]:
    """A fresh page that records errors and dialogs; requests off this machine are refused."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    record = PageRecord()
    page.on("pageerror", lambda error: record.errors.append(str(error)))
    context.on("request", lambda request: record.requests.append(request.url))

    def on_dialog(dialog: Dialog) -> None:
        record.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_websocket(socket: WebSocket) -> None:
        socket.on("framesent", record.conversation.sent)
        socket.on("framereceived", record.conversation.received)

    def refuse_foreign(route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            record.foreign_requests.append(route.request.url)
            route.abort()

    page.on("dialog", on_dialog)
    page.on("websocket", on_websocket)
    context.route("**/*", refuse_foreign)
    return keep(page), record


def keep(page: Page) -> Page:
    """Keep a page for the failure report (its screenshot) and close it after the test."""
    OPEN_PAGES.append(page)
    page.context.on("close", lambda _: OPEN_PAGES.remove(page) if page in OPEN_PAGES else None)
    return page


def map_frame(page: Page) -> FrameLocator:
    return page.frame_locator(MAP_IFRAME)


def map_frame_object(page: Page) -> Frame:
    handle = page.locator(MAP_IFRAME).element_handle()
    assert handle is not None
    frame = handle.content_frame()
    assert frame is not None
    return frame


def wait_until_answered(page: Page, record: PageRecord, runs: int = 1) -> None:
    """Wait until the page has asked for at least ``runs`` script runs, every run it asked
    for has finished, and the page shows the script as idle."""
    conversation = record.conversation
    deadline = time.monotonic() + WAIT_SECONDS
    while not (
        conversation.requests >= runs and conversation.answered() and page.locator(APP_IDLE).count()
    ):
        if time.monotonic() > deadline:
            raise AssertionError(
                f"the app did not answer within {WAIT_SECONDS} s: {conversation.requests} runs "
                f"asked for, {conversation.finished} finished"
            )
        page.wait_for_timeout(25)  # lets Playwright deliver events between checks


def load_app(page: Page, record: PageRecord, url: str, markers: int | None = 9) -> None:
    """Open ``url`` and wait until the map shows ``markers`` markers (and no more; ``None``:
    any), has applied the page's view, and every script run of the load has finished."""
    page.goto(url)
    frame = map_frame(page)
    if markers is not None:
        expect(frame.locator(".office-marker")).to_have_count(markers, timeout=60_000)
    map_frame_object(page).wait_for_function(MAP_READY, timeout=60_000)
    page.wait_for_function(PAGE_WHOLE, timeout=60_000)
    wait_until_answered(page, record, runs=RUNS_AT_LOAD)
    page.wait_for_function(PAGE_SETTLED, timeout=30_000)


# The map has drawn its markers and labels for the view the page sent it.
MAP_READY = "() => !!document.querySelector('.leaflet-container[data-footprint-ready=true]')"
# The map has stopped moving (no pan or zoom under way).
MAP_SETTLED = "() => !document.querySelector('.leaflet-container[data-footprint-moving]')"


def picker_value(page: Page, lang: str = "en") -> Locator:
    """The office list's input, by its name in ``lang`` (while a language switch runs, the
    old list is still on the page)."""
    return page.get_by_role("combobox", name=_("Office", lang), exact=True)


def expect_details_for(page: Page, city: str) -> None:
    expect(page.locator(".st-key-office-details h3")).to_have_text(city, timeout=20_000)


def open_section(page: Page, record: PageRecord, key: str) -> Locator:
    """Open a section drawn only once opened (``st.expander(key=key)``); returns it."""
    section = page.locator(f".st-key-{key}")
    runs = record.conversation.requests
    section.locator("summary").click()
    wait_until_answered(page, record, runs=runs + 1)
    return section


# Which marker sits on top at a marker's centre, and is that point inside the viewport?
HIT_AT_CENTRE = """(el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    const marker = hit && hit.closest('.office-marker');
    return marker ? Array.from(marker.classList) : [];
}"""


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def rgb(css: str) -> tuple[int, int, int]:
    """``rgb(26, 26, 26)`` or ``#1a1a1a`` as numbers."""
    if css.startswith("#"):
        return (int(css[1:3], 16), int(css[3:5], 16), int(css[5:7], 16))
    inner = css[css.index("(") + 1 : css.index(")")]
    r, g, b = (int(float(part)) for part in inner.split(",")[:3])
    return (r, g, b)


def click_timeline_point(
    page: Page, record: PageRecord, dataset: Dataset, office_id: str, lang: str = "de"
) -> None:
    chart = open_section(page, record, "timeline-open")
    chart.scroll_into_view_if_needed()
    points = chart.locator("svg g.mark-symbol.role-mark path")
    rows = timeline_events(dataset, lang)
    expect(points).to_have_count(len(rows))
    index = next(i for i, row in enumerate(rows) if row["office_id"] == office_id)
    points.nth(index).click()


def choose_table_row(page: Page, record: PageRecord, dataset: Dataset, city: str) -> None:
    table = open_section(page, record, "office-table-open").get_by_test_id("stDataFrame")
    table.scroll_into_view_if_needed()
    expect(table).to_be_visible()
    # The grid draws on a canvas; its accessible twin names each cell "glide-cell-COL-ROW".
    cell = table.locator("td[role=gridcell]", has_text=city).first
    row = int(str(cell.get_attribute("id")).rsplit("-", 1)[1])
    # The keyboard path: focus the grid (its cursor starts on the first row), move down to
    # the row, and select it.
    table.get_by_test_id("data-grid-canvas").focus()
    for _step in range(row):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Shift+Space")


AXE = REPO_ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"


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


def open_layer_list(frame: FrameLocator) -> None:
    """Unfold the map's layer list (folded to its button, as on every map)."""
    frame.locator(".leaflet-control-layers").hover()
    expect(frame.locator(".leaflet-control-layers-expanded")).to_have_count(1)


# Everything the map draws, as boxes in its frame's coordinates: the map, its controls (and
# a details card over it, if any), markers (with ids), clusters (with counts) and labels.
MAP_DRAWN = """() => {
    const box = (el) => { const r = el.getBoundingClientRect();
        return {x: r.left, y: r.top, w: r.width, h: r.height}; };
    const id = (el, prefix) => [...el.classList].find((c) => c.startsWith(prefix)
        && !['office-label-selected', 'office-marker', 'office-selected', 'office-fanned',
             'office-highlighted', 'office-existing', 'office-announced'].includes(c));
    return {
        map: box(document.querySelector('.leaflet-container')),
        controls: Array.from(document.querySelectorAll('.leaflet-control')).map(box),
        markers: Array.from(document.querySelectorAll('.office-marker')).map((el) => ({
            id: id(el, 'office-').slice(7), selected: el.classList.contains('office-selected'),
            ...box(el)})),
        clusters: Array.from(document.querySelectorAll('.office-cluster')).map((el) => ({
            count: Number(el.textContent.replace(/\\D/g, '')),
            selected: el.classList.contains('office-selected'), ...box(el)})),
        labels: Array.from(document.querySelectorAll('.office-label')).map((el) => ({
            id: id(el, 'office-label-').slice(13), text: el.textContent, ...box(el)})),
    };
}"""


def _overlap(a: dict[str, float], b: dict[str, float], margin: float = 0.5) -> bool:
    return (
        a["x"] < b["x"] + b["w"] - margin
        and b["x"] < a["x"] + a["w"] - margin
        and a["y"] < b["y"] + b["h"] - margin
        and b["y"] < a["y"] + a["h"] - margin
    )


def _centre(box: dict[str, float]) -> tuple[float, float]:
    return box["x"] + box["w"] / 2, box["y"] + box["h"] / 2


def _inside(box: dict[str, float], area: dict[str, float]) -> bool:
    return (
        area["x"] - 0.5 <= box["x"]
        and box["x"] + box["w"] <= area["x"] + area["w"] + 0.5
        and area["y"] - 0.5 <= box["y"]
        and box["y"] + box["h"] <= area["y"] + area["h"] + 0.5
    )


def check_map(drawn: dict[str, Any], shown: int, selected: str | None) -> None:
    """The map's properties, as a reader sees them: every office shown drawn once (as a
    marker or in a cluster), none under a control; every name beside its own marker (the
    marker nearest its centre, within 30 px of its edge), clear of the controls and of other
    names; the selection drawn once, in sight, and named."""
    markers, clusters, labels = drawn["markers"], drawn["clusters"], drawn["labels"]
    assert len(markers) + sum(cluster["count"] for cluster in clusters) == shown
    for shape in [*markers, *clusters]:
        assert _inside(shape, drawn["map"]), shape
        for control in drawn["controls"]:
            assert not _overlap(shape, control), ("under a control", shape)
    anchors = [(m["id"], *_centre(m)) for m in markers]
    if selected and not any(m["id"] == selected for m in markers):
        anchors += [(selected, *_centre(c)) for c in clusters if c["selected"]]
    for index, label in enumerate(labels):
        x, y = _centre(label)
        nearest = min(anchors, key=lambda a: (a[1] - x) ** 2 + (a[2] - y) ** 2)
        assert nearest[0] == label["id"], (label["id"], "nearest marker", nearest[0])
        mx, my = next(a[1:] for a in anchors if a[0] == label["id"])
        dx = max(label["x"] - mx, 0, mx - label["x"] - label["w"])
        dy = max(label["y"] - my, 0, my - label["y"] - label["h"])
        assert (dx * dx + dy * dy) ** 0.5 <= 30, (label["id"], "too far from its marker")
        assert _inside(label, drawn["map"]), label["id"]
        for control in drawn["controls"]:
            assert not _overlap(label, control), (label["id"], "under a control")
        for other in labels[index + 1 :]:
            assert not _overlap(label, other), (label["id"], other["id"])
    rings = [shape for shape in [*markers, *clusters] if shape["selected"]]
    if selected:
        assert len(rings) == 1, rings
        assert any(label["id"] == selected for label in labels), f"{selected} is not named"
    else:
        assert rings == []


# Every visible text of a document (and of the open shadow roots in it) with the contrast of
# its colour against what lies behind it: the backgrounds of its ancestors composited, its
# colour's alpha and its ancestors' opacity applied. Large text (24 px, or 18.66 px bold)
# needs 3:1, other text 4.5:1 (WCAG 2 AA). Disabled controls and icons are exempt (WCAG
# 1.4.3; icons drawn from a font's ligatures read as words to a text walker); the
# map's office names, drawn over the basemap's land and sea, are checked against those
# colours in tests/browser/test_map_layer.py. Returns [{text, ratio, needed}].
TEXT_CONTRASTS = """(skip) => {
  const parse = (css) => {
    const m = /rgba?\\(([^)]+)\\)/.exec(css || "");
    if (!m) { return null; }
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(parseFloat);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (fg, bg) => [0, 1, 2].map((i) => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
  const parentOf = (e) => e.parentElement || (e.getRootNode && e.getRootNode().host) || null;
  const luminance = (c) => {
    const [r, g, b] = c.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const found = [];
  const visit = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent.trim() || el.closest(skip)) { continue; }
      if (el.closest("[disabled], [aria-disabled='true'], script, style, noscript")) { continue; }
      const style = getComputedStyle(el);
      if (style.visibility !== "visible" || !el.getClientRects().length) { continue; }
      // An icon drawn from a font's ligature ("search") is a picture, not text.
      if (/Material Symbols|Material Icons/.test(style.fontFamily)) { continue; }
      const chain = [];
      let opacity = 1;
      for (let e = el; e; e = parentOf(e)) {
        chain.unshift(e);
        opacity *= parseFloat(getComputedStyle(e).opacity);
      }
      let behind = [255, 255, 255];
      for (const e of chain) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c[3] > 0) { behind = over(c, behind); }
      }
      const ink = parse(style.color);
      if (!ink || opacity === 0) { continue; }
      const shown = over([ink[0], ink[1], ink[2], ink[3] * opacity], behind);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && parseInt(style.fontWeight, 10) >= 700);
      found.push({
        text: node.textContent.trim().slice(0, 50),
        ratio: Math.round(ratio(shown, behind) * 100) / 100,
        needed: large ? 3 : 4.5,
      });
    }
    root.querySelectorAll("*").forEach((e) => { if (e.shadowRoot) { visit(e.shadowRoot); } });
  };
  visit(document.body);
  return found;
}"""
