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
from datetime import date
from typing import Any, Literal

import folium

from components.data.at_date import placed_events
from components.data.collecting import paused_collections
from components.data.dates import partial_date_end, partial_date_start
from components.data.events import Status, status_after
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
from components.map.geometry import DEFAULT_CENTER, DEFAULT_ZOOM, fanned_arcs
from components.map.style import STATUS_COLOURS, SYMBOL_SIZE, status_symbol
from components.map.view import View
from components.text.catalog import LANGUAGES, N_, SOURCE_LANGUAGE, _
from components.text.names import status_name

LEAFLET_JS = "/app/static/leaflet/leaflet.js"
LEAFLET_CSS = "/app/static/leaflet/leaflet.css"
# The map's scripts, in the order they load: supercluster, the pure modules the layer draws
# from (tested in Node: tests/js/), the layer, and the map around it.
MAP_SCRIPTS = (
    "supercluster/supercluster.min.js",
    "office_map/geometry.js",
    "office_map/dates.js",
    "office_map/clusters.js",
    "office_map/labels.js",
    "office_map/framing.js",
    "office_map/office_layer.js",
    "office_map/footprint.js",
)
STATIC_URL = "/app/static/"
MAP_CSS = "/app/static/office_map.css"
SEPARATION = 28  # px between marker centres; closer, two markers overlap
MAX_ARCS = 300  # more arcs than this from one point read as a smudge
# Positions travel as whole numbers of 1e-5 degrees (about a metre).
POSITION_SCALE = 100_000
# Dates travel as days since 1 January 1970 (as JavaScript's Date counts them, divided).
EPOCH = date(1970, 1, 1)
# An office's status at a date, one letter: existing, announced, or not on the map.
STATUS_CODES: dict[Status | None, str] = {"existing": "e", "announced": "a", None: "-"}
# The texts the map's script writes itself, by the key it asks for them under, in every
# language (the map switches language without a rebuild).
_MAP_TEXTS: dict[str, str] = {
    "legend_title": N_("Legend"),
    "legend_fanned": N_("Marker moved aside; the dot is the true position"),
    "legend_cluster": N_(
        "Several offices; the ring shows existing and announced; click to zoom in"
    ),
    "legend_cluster_one": N_("Several offices; click to zoom in"),
    "legend_listing": N_("Offices at one place; click to list them"),
    "legend_selected": N_("Selected office"),
    "legend_highlighted": N_("Offices of the person or partner shown"),
    "legend_arcs_existing": N_("From headquarters to an existing office"),
    "legend_arcs_announced": N_("From headquarters to an announced office"),
    "layer_arcs": N_("Expansion from headquarters"),
    "cluster": N_("{count} offices ({existing} existing, {announced} announced): zoom in"),
    "cluster_list": N_(
        "{count} offices at one place ({existing} existing, {announced} announced): list them"
    ),
    "list_more": N_("and {count} more: zoom in on the list's place with another basemap"),
    "details_close": N_("Close the details"),
    "basemap_offline": N_("Offline outlines"),
    "basemap_osm": N_("OpenStreetMap"),
    "basemap_carto-light": N_("CARTO light"),
    "basemap_carto-dark": N_("CARTO dark"),
}


def map_texts(lang: str) -> dict[str, str]:
    """Every text the map's script writes, in ``lang``, by its key."""
    texts = {key: _(message, lang) for key, message in _MAP_TEXTS.items()}
    texts.update({f"status_{status}": status_name(status, lang) for status in STATUSES})
    return texts


def label_rank(dataset: Dataset, office: Office) -> int:
    """Which labels win where they would collide, highest first: a priority the data
    gives, then headquarters, then existing before announced offices."""
    explicit = office.label_priority or 0
    headquarters = 3 if office.id == dataset.company.headquarters else 0
    return explicit * 10 + headquarters + (2 if office.status == "existing" else 1)


@per_object()
@paused_collections()
def map_data(dataset: Dataset) -> dict[str, Any]:
    """The offices and everything the map's script needs, computed once per dataset.

    The offices travel as columns (ids, positions as whole numbers, one status letter and
    one region digit per office, names once, label priorities only where the data gives
    one): 50,000 offices in about 2 MB, where one object per office took twice that. An
    office with events also carries when its status changed (:func:`status_changes`), so
    the map shows the footprint at any date the view names without new data.
    """
    offices = dataset.offices
    names: dict[str, Any] = {
        SOURCE_LANGUAGE: tuple(office.city.get(SOURCE_LANGUAGE) for office in offices)
    }
    for lang in LANGUAGES:
        if lang != SOURCE_LANGUAGE:
            names[lang] = {
                str(index): office.city.get(lang)
                for index, office in enumerate(offices)
                if office.city.get(lang) != office.city.get(SOURCE_LANGUAGE)
            }
    return {
        "offices": {
            # Tuples, not lists: kept for the process, the collector walks a list on
            # every collection (each click), a tuple of numbers or names never again.
            "ids": tuple(office.id for office in offices),
            "lat": tuple(round(office.lat * POSITION_SCALE) for office in offices),
            "lon": tuple(round(office.lon * POSITION_SCALE) for office in offices),
            "status": "".join("e" if office.status == "existing" else "a" for office in offices),
            "region": "".join(str(REGIONS.index(office.region)) for office in offices),
            "names": names,
            "priority": {
                str(index): office.label_priority
                for index, office in enumerate(offices)
                if office.label_priority
            },
            "changes": {
                str(index): changes
                for index, office in enumerate(offices)
                if (changes := status_changes(dataset, office))
            },
            "headquarters": next(
                index
                for index, office in enumerate(offices)
                if office.id == dataset.company.headquarters
            ),
        },
        "regions": list(REGIONS),
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
            "statuses": list(STATUSES),
            "symbols": {status: status_symbol(status) for status in STATUSES},
            "colours": dict(STATUS_COLOURS),
            # Arcs from a headquarters the data names (none from a stand-in).
            "arcs": _arcs(dataset) if dataset.company.headquarters_stated else [],
        },
    }


def day_number(day: date) -> int:
    """A date as the map counts it: days since 1 January 1970."""
    return (day - EPOCH).days


def step_day(step: str) -> int:
    """The day the map shows for a step (a partial date counts at its last day, as
    :func:`components.data.at_date.dataset_at` counts it): the page's date and every date
    on the "as of" slider, which must agree for the map to show what the page does."""
    return day_number(partial_date_end(step))


def status_changes(dataset: Dataset, office: Office) -> list[int | str]:
    """When an office's status changed, flat: ``[day, code, day, code, …]`` (days as
    :func:`day_number`, codes as :data:`STATUS_CODES`); empty without events. An event
    counts from the first day its date can mean, as :func:`components.data.at_date.dataset_at`
    counts it: the status on a day is the code of the last change on or before it, and
    before the first, ``-`` (not yet on the map)."""
    changes: list[int | str] = []
    kinds: list[str] = []
    current = STATUS_CODES[None]
    for placed in placed_events(office, dataset.sources_by_id):
        kinds.append(placed.event.kind)
        code = STATUS_CODES[status_after(kinds)]
        if code == current:
            continue
        day = day_number(partial_date_start(placed.step))
        if changes and changes[-2] == day:
            changes[-1] = code  # two events on one day: the status after both
        else:
            changes.extend((day, code))
        current = code
    return changes


def _strings_by_key() -> dict[str, dict[str, str]]:
    """``{key: {lang: text}}``, as the map's script looks its texts up."""
    by_lang = {lang: map_texts(lang) for lang in LANGUAGES}
    return {key: {lang: by_lang[lang][key] for lang in LANGUAGES} for key in by_lang["en"]}


@per_object()
def map_data_json(dataset: Dataset) -> str:
    """:func:`map_data` as JSON that is safe in the page, serialised once per dataset."""
    return json_for_html(map_data(dataset))


def _arcs(dataset: Dataset) -> list[dict[str, Any]]:
    """Arcs from headquarters to the other offices (the highest-ranked ``MAX_ARCS``),
    geodesic, those that would run together fanned apart (:func:`fanned_arcs`); the map
    styles each for its office's status at the view's date (solid to an existing office,
    dashed to an announced one) and leaves out those not on it."""
    hq = dataset.headquarters
    others = [office for office in dataset.offices if office.id != hq.id]
    others.sort(key=lambda office: -label_rank(dataset, office))
    shown = others[:MAX_ARCS]
    arcs = fanned_arcs((hq.lat, hq.lon), [(office.lat, office.lon) for office in shown])
    return [
        {
            "id": office.id,
            "parts": [[[round(lat, 3), round(lon, 3)] for lat, lon in part] for part in parts],
        }
        for office, parts in zip(shown, arcs, strict=True)
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
        min_zoom=0,
        max_zoom=max_zoom,
        tiles=None,
        zoom_snap=0.25,
        zoom_delta=0.5,
    )
    # folium hands the zoom limits to its own tile layer only; the map needs them itself. The
    # map frames itself once it knows its size (static/office_map/framing.js): the world
    # fills its width at the lowest zoom, and it may pan across the antimeridian (the
    # offices and outlines are drawn on the world copy in view), but not past the poles.
    office_map.options["min_zoom"] = 0
    office_map.options["max_zoom"] = max_zoom
    office_map.options["max_bounds"] = [[-85, -540], [85, 540]]
    office_map.options["max_bounds_viscosity"] = 1.0
    # Only Leaflet itself and the map's own code: no jQuery, Bootstrap or icon fonts.
    office_map.default_js = [
        ("leaflet", LEAFLET_JS),
        *((script.rsplit("/", 1)[-1].removesuffix(".js").replace(".", "_"), STATIC_URL + script)
          for script in MAP_SCRIPTS),
    ]  # fmt: skip
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
