"""The office map: a pure builder from a :class:`Dataset` to a ``folium.Map`` (no ``st.*``).

The map's code depends on the dataset alone. What the reader changes — language, filters,
basemap, theme, selection, highlight — reaches the mounted map as a small message (see
``static/office_map/footprint.js``), so it is never rebuilt while someone uses it. The export
builds the same map in "standalone" mode with that view fixed in the file.

Leaflet, the map's scripts and stylesheet and the country outlines are served by the app
itself (``static/``), so the map renders with no network; only online basemap tiles come from
a tile server.
"""

from __future__ import annotations

import hashlib
from typing import Any, Literal

import folium

from components.data.memo import per_object
from components.data.schema import REGIONS, STATUSES, Dataset, Office
from components.map.basemaps import BASEMAPS, OUTLINES_ATTRIBUTION, OUTLINES_URL, PALETTES
from components.map.elements import (
    CountryOutlines,
    FocusWithoutScrolling,
    FootprintMap,
    OfficeLayer,
    json_for_html,
)
from components.map.geometry import DEFAULT_CENTER, DEFAULT_ZOOM, MIN_ZOOM, geodesic_arc
from components.map.style import STATUS_COLOURS, SYMBOL_SIZE, status_symbol
from components.map.view import View
from components.text.catalog import LANGUAGES, N_, SOURCE_LANGUAGE, _
from components.text.names import region_name, status_name

LEAFLET_JS = "/app/static/leaflet/leaflet.js"
LEAFLET_CSS = "/app/static/leaflet/leaflet.css"
OFFICE_LAYER_JS = "/app/static/office_map/office_layer.js"
FOOTPRINT_JS = "/app/static/office_map/footprint.js"
MAP_CSS = "/app/static/office_map.css"
SEPARATION = 28  # px between marker centres; closer, two markers overlap
MAX_ARCS = 300  # more arcs than this from one point read as a smudge
# The map's own texts, in every language (the map switches language without a rebuild).
# The texts the map's script writes itself, by the key it asks for them under, in every
# language (the map switches language without a rebuild).
_MAP_TEXTS: dict[str, str] = {
    "legend_title": N_("Legend"),
    "legend_fanned": N_("Marker moved aside; the dot is the true position"),
    "legend_cluster": N_("Several offices; click to zoom in"),
    "legend_selected": N_("Selected office"),
    "legend_highlighted": N_("Offices of the person or partner shown"),
    "legend_arcs": N_("Expansion from headquarters (layer)"),
    "layer_arcs": N_("Expansion from headquarters"),
    "region_view_label": N_("Zoom to"),
    "cluster": N_("{count} offices: zoom in"),
    "details_close": N_("Close the details"),
    "basemap_offline": N_("Offline outlines"),
    "basemap_osm": N_("OpenStreetMap"),
    "basemap_carto-light": N_("CARTO light"),
    "basemap_carto-dark": N_("CARTO dark"),
}


def map_texts(lang: str) -> dict[str, str]:
    """Every text the map's script writes, in ``lang``, by its key."""
    texts = {key: _(message, lang) for key, message in _MAP_TEXTS.items()}
    texts["filter_all"] = region_name("all", lang, short=True)
    texts.update({f"status_{status}": status_name(status, lang) for status in STATUSES})
    texts.update(
        {f"region_short_{region}": region_name(region, lang, short=True) for region in REGIONS}
    )
    return texts


def label_rank(dataset: Dataset, office: Office) -> int:
    """Which labels win where they would collide, highest first: a priority the data
    gives, then headquarters, then existing before announced offices."""
    explicit = office.label_priority or 0
    headquarters = 3 if office.id == dataset.company.headquarters else 0
    return explicit * 10 + headquarters + (2 if office.status == "existing" else 1)


@per_object()
def map_data(dataset: Dataset) -> dict[str, Any]:
    """The offices and everything the map's script needs, computed once per dataset."""
    offices = [
        [
            office.id, round(office.lat, 5), round(office.lon, 5), office.status,
            office.region, office.city.get(SOURCE_LANGUAGE), _other_names(office),
            label_rank(dataset, office),
        ]
        for office in dataset.offices
    ]  # fmt: skip
    return {
        "offices": offices,
        "footprint": {
            "strings": _strings_by_key(),
            "basemaps": [
                {
                    "id": basemap.id,
                    "url": basemap.tiles,
                    "attribution": basemap.attribution,
                    "maxZoom": basemap.max_zoom,
                    "subdomains": basemap.subdomains,
                }
                for basemap in BASEMAPS.values()
            ],
            "regions": list(REGIONS),
            "statuses": list(STATUSES),
            "symbols": {status: status_symbol(status) for status in STATUSES},
            "arcs": _arcs(dataset),
        },
    }


def _other_names(office: Office) -> dict[str, str] | None:
    """An office's names in the app's other languages where they differ from the English."""
    english = office.city.get(SOURCE_LANGUAGE)
    others = {lang: office.city.get(lang) for lang in LANGUAGES if lang != SOURCE_LANGUAGE}
    return {lang: name for lang, name in others.items() if name != english} or None


def _strings_by_key() -> dict[str, dict[str, str]]:
    """``{key: {lang: text}}``, as the map's script looks its texts up."""
    by_lang = {lang: map_texts(lang) for lang in LANGUAGES}
    return {key: {lang: by_lang[lang][key] for lang in LANGUAGES} for key in by_lang["en"]}


@per_object()
def map_data_json(dataset: Dataset) -> str:
    """:func:`map_data` as JSON that is safe in the page, serialised once per dataset."""
    return json_for_html(map_data(dataset))


def _arcs(dataset: Dataset) -> list[dict[str, Any]]:
    """Geodesic arcs from headquarters to the other offices (the highest-ranked
    ``MAX_ARCS``), solid to existing offices, dashed to announced ones."""
    hq = dataset.headquarters
    others = [office for office in dataset.offices if office.id != hq.id]
    others.sort(key=lambda office: -label_rank(dataset, office))
    return [
        {
            "id": office.id,
            "status": office.status,
            "colour": STATUS_COLOURS[office.status],
            "parts": [
                [[round(lat, 3), round(lon, 3)] for lat, lon in part]
                for part in geodesic_arc((hq.lat, hq.lon), (office.lat, office.lon))
            ],
        }
        for office in others[:MAX_ARCS]
    ]


def build_map(
    dataset: Dataset,
    mode: Literal["app", "standalone"] = "app",
    view: View | None = None,
    outlines_data: str | None = None,
) -> folium.Map:
    """The office map.

    ``mode="app"``: the view comes from the page as messages, and the code is the same for
    every reader of a dataset. ``mode="standalone"``: ``view`` is fixed in the file.
    ``outlines_data`` embeds the country outlines (GeoJSON text) instead of fetching them.
    """
    max_zoom = max(basemap.max_zoom for basemap in BASEMAPS.values())
    office_map = folium.Map(
        location=DEFAULT_CENTER,
        zoom_start=DEFAULT_ZOOM,  # type: ignore[arg-type]  # folium says int; Leaflet takes 1.75
        min_zoom=MIN_ZOOM,  # type: ignore[arg-type]  # folium says int; Leaflet takes 1.75
        max_zoom=max_zoom,
        tiles=None,
        max_bounds=True,
        zoom_snap=0.25,
        zoom_delta=0.5,
    )
    # folium hands the zoom limits to its own tile layer only; the map needs them itself.
    office_map.options["min_zoom"] = MIN_ZOOM
    office_map.options["max_zoom"] = max_zoom
    # Only Leaflet itself and the map's own code: no jQuery, Bootstrap or icon fonts.
    office_map.default_js = [
        ("leaflet", LEAFLET_JS),
        ("office_layer", OFFICE_LAYER_JS),
        ("footprint", FOOTPRINT_JS),
    ]
    office_map.default_css = [("leaflet_css", LEAFLET_CSS), ("office_map_css", MAP_CSS)]

    FocusWithoutScrolling().add_to(office_map)
    CountryOutlines(OUTLINES_URL, PALETTES, OUTLINES_ATTRIBUTION, inline_data=outlines_data).add_to(
        office_map
    )
    data_json = map_data_json(dataset)
    options = {
        "symbolSize": SYMBOL_SIZE,
        "separation": SEPARATION,
        # streamlit-folium keys the mounted map on a hash of its code, and the offices
        # travel outside it: their digest in the code makes other data a new map.
        "data": hashlib.sha256(data_json.encode()).hexdigest()[:16],
    }
    layer = OfficeLayer(data_json, options)
    layer.add_to(office_map)
    footprint: dict[str, Any] = {"mode": mode}
    if mode == "standalone":
        footprint["view"] = (view or View()).map_message()
    FootprintMap(layer, footprint).add_to(office_map)
    return office_map
