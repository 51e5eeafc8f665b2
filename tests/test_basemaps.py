from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from components.basemaps import BASEMAPS, DEFAULT_BASEMAP, OUTLINES_URL, PALETTES, palette_for
from components.dataset import Dataset
from components.office_map import build_map

STATIC = Path(__file__).resolve().parent.parent / "static"


Rendered = Callable[..., str]


@pytest.fixture
def rendered(dataset: Dataset) -> Rendered:
    """The map's HTML with a basemap and a theme."""

    def render(basemap: str, theme: str | None = "light") -> str:
        return build_map(dataset, "en", basemap, theme).get_root().render()

    return render


def test_offline_basemap_loads_nothing_from_other_hosts(rendered: Rendered) -> None:
    html = rendered("offline")
    assert "L.tileLayer" not in html
    assert OUTLINES_URL in html
    # Only attribution links point elsewhere; nothing is fetched from them.
    for url in [part.split('"')[0] for part in html.split("https://")[1:]]:
        assert url.startswith(("www.naturalearthdata.com", "leafletjs.com")), url


@pytest.mark.parametrize(
    ("basemap", "host"),
    [("osm", "tile.openstreetmap.org"), ("carto-light", "light_all"), ("carto-dark", "dark_all")],
)
def test_online_basemaps_draw_tiles_over_the_outlines(
    basemap: str, host: str, rendered: Rendered
) -> None:
    html = rendered(basemap)
    assert "L.tileLayer" in html and host in html
    assert OUTLINES_URL in html  # still drawn underneath, in case the tiles fail
    assert "OpenStreetMap" in html  # attribution
    assert html.index("countries-110m") < html.index("L.tileLayer")


def test_carto_basemaps_credit_carto(rendered: Rendered) -> None:
    assert "CARTO" in rendered("carto-light") and "CARTO" in rendered("carto-dark")


def test_unknown_basemap_falls_back_to_the_default(rendered: Rendered) -> None:
    def without_ids(html: str) -> str:  # folium numbers its elements at random
        return re.sub(r"_[0-9a-f]{32}", "", html)

    assert without_ids(rendered("nonsense")) == without_ids(rendered(DEFAULT_BASEMAP))


def test_outline_colours_follow_the_theme(rendered: Rendered) -> None:
    assert PALETTES["dark"].land in rendered("offline", "dark")
    assert PALETTES["light"].land in rendered("offline", "light")
    assert palette_for(None) == palette_for("sepia") == PALETTES["light"]


def test_offline_basemap_limits_zoom_to_what_the_outlines_can_show(rendered: Rendered) -> None:
    assert f'"maxZoom": {BASEMAPS["offline"].max_zoom}' in rendered("offline")
    assert BASEMAPS["offline"].max_zoom < BASEMAPS["osm"].max_zoom


def test_outlines_file_is_a_feature_collection_without_antimeridian_jumps() -> None:
    data = json.loads((STATIC / "basemap" / "countries-110m.geo.json").read_text())
    assert data["type"] == "FeatureCollection" and len(data["features"]) > 150
    names = {feature["properties"]["name"] for feature in data["features"]}
    assert {"France", "Japan", "Malaysia", "Ireland"} <= names  # Singapore is too small at 1:110m
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        for ring in (ring for polygon in polygons for ring in polygon):
            assert all(
                abs(a[0] - b[0]) <= 180 and math.isfinite(a[1]) for a, b in itertools.pairwise(ring)
            ), feature["properties"]["name"]


def test_assets_keep_their_licences() -> None:
    assert (
        "ISC" in (STATIC / "basemap" / "LICENSE").read_text()
        or "Permission to use" in (STATIC / "basemap" / "LICENSE").read_text()
    )
    assert (
        "BSD" in (STATIC / "leaflet" / "LICENSE").read_text()
        or "Redistribution" in (STATIC / "leaflet" / "LICENSE").read_text()
    )
