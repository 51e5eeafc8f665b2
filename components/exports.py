"""Downloads: the offices as CSV and GeoJSON, and the map as one self-contained HTML file."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from branca.element import Element, Figure

from components.dataset import Dataset, Office
from components.facts import source_label
from components.map_elements import RawHtml
from components.office_map import MapView, build_map

STATIC = Path(__file__).resolve().parent.parent / "static"
STANDALONE_SCRIPTS = ("leaflet/leaflet.js", "office_map/office_layer.js", "office_map/footprint.js")
CSV_COLUMNS = (
    "id", "city", "country", "region", "status", "lat", "lon",
    "founded", "announced", "opened", "planned_opening", "role", "notes", "sources",
)  # fmt: skip
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _source_labels(dataset: Dataset, office: Office, lang: str) -> str:
    return "; ".join(source_label(dataset.sources_by_id[s], lang) for s in office.sources)


def offices_csv(dataset: Dataset, lang: str = "en") -> str:
    """One row per office; texts in ``lang``; cells that a spreadsheet would run are quoted."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for office in dataset.offices:
        dates = office.dates
        row = (
            office.id, office.city.get(lang), office.country, office.region, office.status,
            office.lat, office.lon, dates.founded, dates.announced, dates.opened,
            dates.planned_opening, office.role.get(lang),
            office.notes.get(lang) if office.notes else None, _source_labels(dataset, office, lang),
        )  # fmt: skip
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def _office_properties(dataset: Dataset, office: Office) -> dict[str, Any]:
    properties = office.model_dump(exclude={"lat", "lon", "sources"})
    properties["headquarters"] = office.id == dataset.company.headquarters
    properties["sources"] = [
        dataset.sources_by_id[source_id].model_dump() for source_id in office.sources
    ]
    return properties


def offices_geojson(dataset: Dataset) -> str:
    """An RFC 7946 FeatureCollection: one Point per office, ``[lon, lat]``, every field."""
    features = [
        {
            "type": "Feature",
            "id": office.id,
            "geometry": {"type": "Point", "coordinates": [office.lon, office.lat]},
            "properties": _office_properties(dataset, office),
        }
        for office in dataset.offices
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def _inline_script(source: str) -> str:
    return "<script>" + source.replace("</script", "<\\/script") + "</script>"


def _elements(element: Element) -> Iterator[Element]:
    yield element
    for child in element._children.values():
        yield from _elements(child)


def _number_elements_in_tree_order(root: Element) -> None:
    """Replace folium's random element ids with numbers in the tree's order, so that the same
    map gives a byte-identical file (a newsroom's diff of two downloads shows only what
    changed). Writes folium's private ``_id``: folium offers no seed for its ids.
    """
    for index, element in enumerate(_elements(root)):
        element._id = f"{index:04d}"


def standalone_map_html(dataset: Dataset, lang: str = "en") -> str:
    """The map as one HTML file that works opened from disk with no network.

    Built by the same builder as the app's map, with the offline basemap; Leaflet, the
    stylesheets and the country outlines are inlined.
    """
    outlines = (STATIC / "basemap" / "countries-110m.geo.json").read_text(encoding="utf-8")
    office_map = build_map(
        dataset, mode="standalone", view=MapView(lang=lang), outlines_data=outlines
    )
    office_map.default_js, office_map.default_css = [], []
    styles = "\n".join(
        (STATIC / name).read_text(encoding="utf-8")
        for name in ("leaflet/leaflet.css", "office_map.css")
    )
    figure = office_map.get_root()
    assert isinstance(figure, Figure)  # a map's root is the page that holds it
    header = figure.header
    header.add_child(RawHtml(f"<style>{styles}</style>"), name="inline_styles")
    scripts = "".join(
        _inline_script((STATIC / name).read_text(encoding="utf-8")) for name in STANDALONE_SCRIPTS
    )
    header.add_child(RawHtml(scripts), name="inline_scripts")
    _number_elements_in_tree_order(office_map.get_root())
    return office_map.get_root().render()
