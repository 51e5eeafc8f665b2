"""Downloads of what the reader sees: the offices of the view as CSV (in its language) and
GeoJSON, under names that say what they hold. The map as an HTML page is ``embed.py``'s.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import Any, Literal

from components.data.schema import Dataset, Office
from components.facts.citations import source_label
from components.facts.queries import filter_offices, passes_filters
from components.map.view import View
from components.text.catalog import LANGUAGES
from components.text.escaping import isolate_bidi
from components.text.folding import slug

CSV_COLUMNS = (
    "id", "city", "country", "region", "status", "lat", "lon",
    "founded", "announced", "opened", "planned_opening", "role", "notes", "sources",
    "source_urls",
)  # fmt: skip
# Excel on Windows reads a CSV without it as the system's code page ("BrÃ¼ssel").
BYTE_ORDER_MARK = "\ufeff"
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

ExportKind = Literal["csv", "geojson", "html"]
# GeoJSON carries every text in every language the app speaks.
_EVERY_LANGUAGE = {"languages": LANGUAGES}


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: one it would run as a formula (its first
    character read as compatibility forms are, so a full-width equals sign, U+FF1D, counts)
    gets a leading apostrophe, and bidirectional controls are isolated."""
    text = "" if value is None else str(value)
    if unicodedata.normalize("NFKC", text[:1]).startswith(_FORMULA_STARTS) and not _is_number(text):
        text = "'" + text
    return isolate_bidi(text)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def export_offices(dataset: Dataset, view: View) -> tuple[Office, ...]:
    """The offices an export of ``view`` holds: those its filters let through."""
    return filter_offices(dataset, view.status, view.region)


def export_file_name(dataset: Dataset, view: View, kind: ExportKind) -> str:
    """``openai-offices-announced-emea-de.csv``: the company, what the file holds, the
    filters that narrowed it, the date it shows (where not the data's own), its language
    (GeoJSON holds both) and, for the map, the office it opens on."""
    parts = [
        slug(dataset.company.name.get("en"), "company"),
        "map" if kind == "html" else "offices",
    ]
    if view.status != "all":
        parts.append(view.status)
    if view.region != "all":
        parts.append(view.region.lower())
    if view.as_of:  # another date than the data's own: the one the file shows
        parts.append(f"as-of-{dataset.as_of}")
    if kind != "geojson":
        parts.append(view.lang)
    office = dataset.offices_by_id.get(view.office) if view.office else None
    if kind == "html" and office and passes_filters(office, view.status, view.region):
        parts.append(office.id)
    return "-".join(parts) + "." + kind


def offices_csv(dataset: Dataset, view: View | None = None) -> str:
    """One row per office of the view; texts in its language; dates as ISO 8601 (``2015-12``
    where only the month is known) in their own columns; each source's label and address;
    cells a spreadsheet would run are quoted; a byte-order mark first."""
    view = view or View()
    lang = view.lang
    out = io.StringIO()
    out.write(BYTE_ORDER_MARK)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for office in export_offices(dataset, view):
        dates = office.dates
        sources = [dataset.sources_by_id[source_id] for source_id in office.sources]
        row = (
            office.id, office.city.get(lang), office.country, office.region, office.status,
            office.lat, office.lon, dates.founded, dates.announced, dates.opened,
            dates.planned_opening, office.role.get(lang) if office.role else None,
            office.notes.get(lang) if office.notes else None,
            "; ".join(source_label(source, lang) for source in sources),
            " ".join(source.url for source in sources if source.url),
        )  # fmt: skip
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def _office_properties(dataset: Dataset, office: Office) -> dict[str, Any]:
    properties = office.model_dump(
        exclude={"lat", "lon", "sources", "status_given", "dates_given"}, context=_EVERY_LANGUAGE
    )
    # The status and dates as of the export's date (derived where the office has events).
    properties["status"] = office.status
    properties["dates"] = office.dates.model_dump(context=_EVERY_LANGUAGE)
    properties["headquarters"] = office.id == dataset.company.headquarters
    # The office's sources and those of its events up to the export's date.
    cited = (*office.sources, *(source for event in office.events for source in event.sources))
    properties["sources"] = [
        dataset.sources_by_id[source_id].model_dump(context=_EVERY_LANGUAGE)
        for source_id in dict.fromkeys(cited)
    ]
    return properties


def offices_geojson(dataset: Dataset, view: View | None = None) -> str:
    """An RFC 7946 FeatureCollection of the view's offices: one Point per office,
    ``[lon, lat]``, every field in both languages."""
    features = [
        {
            "type": "Feature",
            "id": office.id,
            "geometry": {"type": "Point", "coordinates": [office.lon, office.lat]},
            "properties": _office_properties(dataset, office),
        }
        for office in export_offices(dataset, view or View())
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
