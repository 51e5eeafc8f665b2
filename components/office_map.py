"""The office map: a pure builder from a :class:`Dataset` to a ``folium.Map`` (no ``st.*``).

Every marker's element carries the CSS classes ``office-marker office-<id> office-<status>``
(a contract for tests). Existing and announced offices differ by colour and by shape.
Leaflet, the map's stylesheet and the country outlines are served by the app itself
(``static/``), so the map renders with no network; only online basemap tiles come from a
tile server.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import folium
from branca.element import Element, MacroElement
from folium.template import Template

from components.basemaps import (
    BASEMAPS,
    DEFAULT_BASEMAP,
    OUTLINES_ATTRIBUTION,
    OUTLINES_URL,
    Palette,
    palette_for,
)
from components.dataset import STATUSES, Dataset, Office, Status
from components.escaping import escape_markup
from components.i18n import text
from components.map_views import arc_points
from components.marker_layout import spread_markers

LEAFLET_JS = "/app/static/leaflet/leaflet.js"
LEAFLET_CSS = "/app/static/leaflet/leaflet.css"
MAP_CSS = "/app/static/office_map.css"

# The default view shows all nine offices in a map about 760 px wide (a 1400 px window);
# marker offsets are computed for this zoom, and the map cannot zoom out beyond it.
DEFAULT_CENTER = (30.0, 8.6)
DEFAULT_ZOOM = 1.75
MIN_ZOOM = DEFAULT_ZOOM

SYMBOL_SIZE = 22
MIN_SEPARATION = 30
COORDINATE_TOLERANCE = 1e-6

# Okabe-Ito colours: told apart with every common colour-vision deficiency.
STATUS_COLOURS: dict[Status, str] = {"existing": "#0072B2", "announced": "#D55E00"}

_HALF = SYMBOL_SIZE / 2
_SHAPES: dict[Status, str] = {
    "existing": f'<circle cx="{_HALF}" cy="{_HALF}" r="{_HALF - 3}"/>',
    "announced": (
        f'<polygon points="{_HALF},1.5 {SYMBOL_SIZE - 1.5},{_HALF} '
        f'{_HALF},{SYMBOL_SIZE - 1.5} 1.5,{_HALF}"/>'
    ),
}


def status_symbol(status: Status) -> str:
    """The SVG symbol of an office status, as drawn on the map and in the legend."""
    return (
        f'<svg class="office-symbol" viewBox="0 0 {SYMBOL_SIZE} {SYMBOL_SIZE}" '
        f'width="{SYMBOL_SIZE}" height="{SYMBOL_SIZE}" aria-hidden="true" '
        f'fill="{STATUS_COLOURS[status]}" stroke="#ffffff" stroke-width="2">'
        f"{_SHAPES[status]}</svg>"
    )


def marker_offsets(offices: Sequence[Office]) -> dict[str, tuple[int, int]]:
    """Pixel offsets of each office's symbol from its true position at the default zoom."""
    positions = {office.id: (office.lat, office.lon) for office in offices}
    return spread_markers(positions, DEFAULT_ZOOM, MIN_SEPARATION)


def _leader_line(dx: int, dy: int) -> str:
    """A line from the symbol back to the office's true position, with a dot there."""
    if not (dx or dy):
        return ""
    tx, ty = _HALF - dx, _HALF - dy
    return (
        '<svg class="office-leader" width="1" height="1" aria-hidden="true">'
        f'<line x1="{_HALF}" y1="{_HALF}" x2="{tx}" y2="{ty}"/>'
        f'<circle cx="{tx}" cy="{ty}" r="2.5"/></svg>'
    )


def _icon(office: Office, offset: tuple[int, int], lang: str) -> folium.DivIcon:
    dx, dy = offset
    html = (
        _leader_line(dx, dy)
        + status_symbol(office.status)
        + f'<span class="office-label">{escape_markup(office.city.get(lang))}</span>'
    )
    icon = folium.DivIcon(
        html=html,
        icon_size=(SYMBOL_SIZE, SYMBOL_SIZE),
        icon_anchor=(_HALF - dx, _HALF - dy),
        class_name=f"office-marker office-{office.id} office-{office.status}",
    )
    return icon


def _office_marker(office: Office, offset: tuple[int, int], lang: str) -> folium.Marker:
    dx, dy = offset
    tooltip = folium.Tooltip(
        escape_markup(office.city.get(lang)),
        sticky=False,
        direction="top",
        offset=(dx, dy - _HALF),
        class_name="office-tooltip",
    )
    return folium.Marker(
        location=(office.lat, office.lon),
        icon=_icon(office, offset, lang),
        tooltip=tooltip,
        keyboard=True,
        riseOnHover=True,
    )


class Legend(MacroElement):
    """A Leaflet control with the status symbols and their meaning."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.control({position: "bottomright"});
            {{ this.get_name() }}.onAdd = function () {
                var div = L.DomUtil.create("div", "office-legend");
                div.innerHTML = {{ this.html|tojavascript }};
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = html


class CountryOutlines(MacroElement):
    """Country outlines fetched from the app's own origin, drawn in a pane under the tiles.

    Loaded by the browser (and cached by it), not embedded in the map's code, so the
    outlines never travel with a rerun.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (map) {
                map.createPane("outlines");
                map.getPane("outlines").style.zIndex = 150;  // under the tiles (200)
                map.getContainer().style.background = {{ this.palette.sea|tojson }};
                {% if this.inline_data %}
                Promise.resolve({{ this.inline_data_js() }})
                {% else %}
                fetch({{ this.url|tojson }})
                    .then(function (response) { return response.json(); })
                {% endif %}
                    .then(function (data) {
                        L.geoJSON(data, {
                            pane: "outlines",
                            // One canvas redraws 176 countries far faster than 176 SVG paths.
                            renderer: L.canvas({pane: "outlines"}),
                            interactive: false,
                            attribution: {{ this.attribution|tojson }},
                            style: {
                                color: {{ this.palette.border|tojson }},
                                weight: 0.8,
                                fillColor: {{ this.palette.land|tojson }},
                                fillOpacity: 1
                            }
                        }).addTo(map);
                    })
                    .catch(function (error) { console.warn("outlines not loaded", error); });
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, url: str, palette: Palette, attribution: str) -> None:
        super().__init__()
        self._name = "CountryOutlines"
        self.url = url
        self.palette = palette
        self.attribution = attribution
        # GeoJSON text to embed instead of fetching ``url`` (for a file opened from disk).
        self.inline_data: str | None = None

    def inline_data_js(self) -> str:
        """The embedded GeoJSON as a JavaScript literal that cannot close its script."""
        return (self.inline_data or "null").replace("<", "\\u003c").replace(">", "\\u003e")


class FocusWithoutScrolling(MacroElement):
    """Stop a click on the map from scrolling the page before the click completes.

    Leaflet's keyboard handler focuses the map on mousedown. When the map's frame is partly
    out of view, the browser scrolls the page to show it, between mousedown and mouseup, and
    the click lands beside the marker. Focusing with ``preventScroll`` keeps keyboard
    navigation and leaves the page where it is.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (keyboard) {
                if (!keyboard) { return; }
                keyboard.disable();
                keyboard._onMouseDown = function () {
                    if (!this._focused) { this._map.getContainer().focus({preventScroll: true}); }
                };
                keyboard.enable();
            })({{ this._parent.get_name() }}.keyboard);
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "FocusWithoutScrolling"


class FitNarrowScreens(MacroElement):
    """On a phone the default world view is wider than the map: show every office instead.

    Below ``max_width`` pixels the map may zoom out further and fits the offices' bounds.
    Markers of nearby cities can then touch; the office list and table remain.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (map) {
                var width = map.getContainer().clientWidth;
                if (width > 0 && width < {{ this.max_width }}) {
                    map.setMinZoom(0);
                    map.fitBounds({{ this.bounds|tojson }}, {padding: [24, 24], animate: false});
                }
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]], max_width: int = 700) -> None:
        super().__init__()
        self._name = "FitNarrowScreens"
        self.bounds = bounds
        self.max_width = max_width


def _legend_html(lang: str) -> str:
    rows = "".join(
        f'<li class="office-legend-{status}">{status_symbol(status)}'
        f"<span>{escape_markup(text(f'status_{status}', lang))}</span></li>"
        for status in STATUSES
    )
    return f"<strong>{escape_markup(text('legend_title', lang))}</strong><ul>{rows}</ul>"


def walk_elements(element: Element) -> Iterator[Element]:
    yield element
    for child in element._children.values():
        yield from walk_elements(child)


def _assign_stable_ids(root: Element) -> None:
    """Replace folium's random element ids with ids from the tree's order.

    The generated HTML and JavaScript then depend only on what the map shows, so a rerun
    that changes nothing sends identical code (streamlit-folium remounts on any change).
    """
    for index, element in enumerate(walk_elements(root)):
        element._id = f"{index:04d}"


def _expansion_arcs(dataset: Dataset, shown: Sequence[Office], lang: str) -> folium.FeatureGroup:
    """Curved lines from headquarters to each office: solid to existing offices, dashed to
    announced ones. A layer the reader switches on in the map's layer control (no rerun);
    the lines take no clicks, so every marker stays clickable."""
    layer = folium.FeatureGroup(name=escape_markup(text("layer_arcs", lang)), show=False)
    hq = dataset.headquarters
    for office in shown:
        if office.id == hq.id:
            continue
        line = folium.PolyLine(
            arc_points((hq.lat, hq.lon), (office.lat, office.lon)),
            color=STATUS_COLOURS[office.status],
            weight=2,
            opacity=0.8,
            dash_array="6 6" if office.status == "announced" else None,
            class_name=f"expansion-arc expansion-arc-{office.status}",
        )
        # folium drops "interactive" from path options; a click on a line must not count.
        line.options["interactive"] = False
        line.add_to(layer)
    return layer


def build_map(
    dataset: Dataset,
    lang: str = "en",
    basemap: str = DEFAULT_BASEMAP,
    theme: str | None = "light",
    offices: Sequence[Office] | None = None,
) -> folium.Map:
    """The office map at its default view, with layers for existing and announced offices.

    ``basemap`` is a key of ``BASEMAPS``; ``theme`` ("light" or "dark") colours the outlines;
    ``offices`` limits the markers (all of the dataset's by default).
    """
    shown = dataset.offices if offices is None else tuple(offices)
    tiles = BASEMAPS.get(basemap, BASEMAPS[DEFAULT_BASEMAP])
    office_map = folium.Map(
        location=DEFAULT_CENTER,
        zoom_start=DEFAULT_ZOOM,
        min_zoom=MIN_ZOOM,
        max_zoom=tiles.max_zoom,
        tiles=None,
        max_bounds=True,
        zoom_snap=0.25,
        zoom_delta=0.5,
    )
    # folium hands the zoom limits to its own tile layer only; the map needs them itself.
    office_map.options["min_zoom"] = MIN_ZOOM
    office_map.options["max_zoom"] = tiles.max_zoom
    # Only Leaflet itself is needed: no jQuery, Bootstrap or icon fonts from CDNs.
    office_map.default_js = [("leaflet", LEAFLET_JS)]
    office_map.default_css = [("leaflet_css", LEAFLET_CSS), ("office_map_css", MAP_CSS)]

    FocusWithoutScrolling().add_to(office_map)
    CountryOutlines(OUTLINES_URL, palette_for(theme), OUTLINES_ATTRIBUTION).add_to(office_map)
    if tiles.tiles:
        folium.TileLayer(
            tiles=tiles.tiles,
            attr=tiles.attribution,
            name=tiles.id,
            max_zoom=tiles.max_zoom,
            subdomains=tiles.subdomains,
            control=False,
        ).add_to(office_map)

    offsets = marker_offsets(shown)
    for status in STATUSES:
        layer = folium.FeatureGroup(name=escape_markup(text(f"layer_{status}", lang)))
        for office in shown:
            if office.status == status:
                _office_marker(office, offsets[office.id], lang).add_to(layer)
        layer.add_to(office_map)

    _expansion_arcs(dataset, shown, lang).add_to(office_map)
    folium.LayerControl(collapsed=False, position="topright").add_to(office_map)
    if shown:
        lats, lons = [o.lat for o in shown], [o.lon for o in shown]
        FitNarrowScreens([[min(lats), min(lons)], [max(lats), max(lons)]]).add_to(office_map)
    Legend(_legend_html(lang)).add_to(office_map)
    _assign_stable_ids(office_map.get_root())
    return office_map


def highlight_layer(
    shown: Sequence[Office], office_ids: frozenset[str]
) -> folium.FeatureGroup | None:
    """Rings around the highlighted offices' symbols. Added to the mounted map by
    streamlit-folium (no rebuild); the rings let clicks through to the markers."""
    offsets = marker_offsets(shown)
    rings = [office for office in shown if office.id in office_ids]
    if not rings:
        return None
    size = SYMBOL_SIZE + 14
    half = size / 2
    layer = folium.FeatureGroup(name="highlight", control=False)
    for office in rings:
        dx, dy = offsets[office.id]
        icon = folium.DivIcon(
            html=(
                f'<svg viewBox="0 0 {size} {size}" width="{size}" height="{size}" '
                f'aria-hidden="true"><circle cx="{half}" cy="{half}" r="{half - 2}"/></svg>'
            ),
            icon_size=(size, size),
            icon_anchor=(half - dx, half - dy),
            class_name=f"office-highlight office-highlight-{office.id}",
        )
        folium.Marker((office.lat, office.lon), icon=icon, interactive=False).add_to(layer)
    return layer


def office_at(dataset: Dataset, clicked: Any) -> Office | None:
    """The office whose marker was clicked, from streamlit-folium's ``last_object_clicked``.

    The value comes from the browser: anything that is not ``{"lat": …, "lng": …}`` at an
    office's position gives ``None``.
    """
    if not isinstance(clicked, Mapping):
        return None
    lat, lng = clicked.get("lat"), clicked.get("lng")
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lng)):
        return None
    if not (math.isfinite(lat) and math.isfinite(lng)):
        return None
    for office in dataset.offices:
        if (
            abs(office.lat - lat) <= COORDINATE_TOLERANCE
            and abs(office.lon - lng) <= COORDINATE_TOLERANCE
        ):
            return office
    return None
