"""Basemaps: offline country outlines served by the app, and three online tile sets.

The outlines are drawn under every basemap, so a map whose tiles fail to load still shows
the world instead of a blank panel.
"""

from __future__ import annotations

from dataclasses import dataclass

OUTLINES_URL = "/app/static/basemap/countries-110m.geo.json"
OUTLINES_ATTRIBUTION = '<a href="https://www.naturalearthdata.com/">Natural Earth</a>'
_OSM = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
_CARTO = f'{_OSM} &copy; <a href="https://carto.com/attributions">CARTO</a>'


@dataclass(frozen=True)
class Basemap:
    id: str
    tiles: str | None
    attribution: str
    max_zoom: int
    subdomains: str = "abc"


BASEMAPS: dict[str, Basemap] = {
    basemap.id: basemap
    for basemap in (
        Basemap("offline", None, "", max_zoom=7),
        Basemap("osm", "https://tile.openstreetmap.org/{z}/{x}/{y}.png", _OSM, max_zoom=19),
        Basemap(
            "carto-light",
            "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
            _CARTO,
            max_zoom=20,
            subdomains="abcd",
        ),
        Basemap(
            "carto-dark",
            "https://{s}.basemaps.cartocdn.com/dark_all/{z}/{x}/{y}{r}.png",
            _CARTO,
            max_zoom=20,
            subdomains="abcd",
        ),
    )
}
DEFAULT_BASEMAP = "offline"


@dataclass(frozen=True)
class Palette:
    """Colours of the outline basemap: sea behind, land and borders on top."""

    sea: str
    land: str
    border: str


PALETTES: dict[str, Palette] = {
    "light": Palette(sea="#dce8f0", land="#f5f2eb", border="#b8b1a3"),
    "dark": Palette(sea="#16202b", land="#2b3644", border="#4f5e70"),
}


def palette_for(theme: str | None) -> Palette:
    return PALETTES.get(theme or "light", PALETTES["light"])
