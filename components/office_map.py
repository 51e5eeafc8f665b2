"""The office map: a pure builder from a :class:`Dataset` to a ``folium.Map`` (no ``st.*``).

Every marker's element carries the CSS classes ``office-marker office-<id> office-<status>``
(a contract for tests). Existing and announced offices differ by colour and by shape.
Leaflet, the map's stylesheet and the country outlines are served by the app itself
(``static/``), so the map renders with no network; only online basemap tiles come from a
tile server.
"""

from __future__ import annotations

from collections.abc import Sequence

import folium

from components.basemaps import (
    BASEMAPS,
    DEFAULT_BASEMAP,
    OUTLINES_ATTRIBUTION,
    OUTLINES_URL,
    palette_for,
)
from components.dataset import STATUSES, Dataset, Office
from components.escaping import escape_markup
from components.i18n import text
from components.map_elements import CountryOutlines, FitNarrowScreens, FocusWithoutScrolling, Legend
from components.map_style import STATUS_COLOURS, SYMBOL_SIZE, status_symbol
from components.map_views import DEFAULT_CENTER, DEFAULT_ZOOM, MIN_ZOOM, arc_points
from components.marker_layout import spread_markers

LEAFLET_JS = "/app/static/leaflet/leaflet.js"
LEAFLET_CSS = "/app/static/leaflet/leaflet.css"
MAP_CSS = "/app/static/office_map.css"

MIN_SEPARATION = 30
_HALF = SYMBOL_SIZE / 2


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
        icon_anchor=(round(_HALF - dx), round(_HALF - dy)),
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


def _legend_html(lang: str) -> str:
    rows = "".join(
        f'<li class="office-legend-{status}">{status_symbol(status)}'
        f"<span>{escape_markup(text(f'status_{status}', lang))}</span></li>"
        for status in STATUSES
    )
    return f"<strong>{escape_markup(text('legend_title', lang))}</strong><ul>{rows}</ul>"


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
    outlines_data: str | None = None,
) -> folium.Map:
    """The office map at its default view, with layers for existing and announced offices.

    ``basemap`` is a key of ``BASEMAPS``; ``theme`` ("light" or "dark") colours the outlines;
    ``offices`` limits the markers (all of the dataset's by default); ``outlines_data``
    embeds the country outlines (GeoJSON text) instead of fetching them from the app.
    """
    shown = dataset.offices if offices is None else tuple(offices)
    tiles = BASEMAPS.get(basemap, BASEMAPS[DEFAULT_BASEMAP])
    office_map = folium.Map(
        location=DEFAULT_CENTER,
        zoom_start=DEFAULT_ZOOM,  # type: ignore[arg-type]  # folium says int; Leaflet takes 1.75
        min_zoom=MIN_ZOOM,  # type: ignore[arg-type]  # folium says int; Leaflet takes 1.75
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
    CountryOutlines(
        OUTLINES_URL, palette_for(theme), OUTLINES_ATTRIBUTION, inline_data=outlines_data
    ).add_to(office_map)
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
            icon_anchor=(round(half - dx), round(half - dy)),
            class_name=f"office-highlight office-highlight-{office.id}",
        )
        folium.Marker((office.lat, office.lon), icon=icon, interactive=False).add_to(layer)
    return layer
