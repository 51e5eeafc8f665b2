from __future__ import annotations

import itertools
import json
import math

import pytest

from components.data.schema import Dataset
from components.map.basemaps import BASEMAPS, OUTLINES_URL, PALETTES, palette_for
from components.map.builder import build_map, map_data
from testing.server import REPO_ROOT

STATIC = REPO_ROOT / "static"


@pytest.fixture(scope="module")
def basemaps(dataset: Dataset) -> dict[str, dict[str, object]]:
    """The basemaps as the map's script is given them, by id."""
    return {basemap["id"]: basemap for basemap in map_data(dataset)["footprint"]["basemaps"]}


@pytest.fixture(scope="module")
def page(dataset: Dataset) -> str:
    return build_map(dataset).get_root().render()


def test_offline_basemap_loads_nothing_from_other_hosts(
    basemaps: dict[str, dict[str, object]], page: str
) -> None:
    assert basemaps["offline"]["url"] is None
    assert OUTLINES_URL in page
    # The map starts on the offline basemap: no tile layer is created by the map's code.
    assert "L.tileLayer" not in page


@pytest.mark.parametrize(
    ("basemap", "host"),
    [("osm", "tile.openstreetmap.org"), ("carto-light", "light_all"), ("carto-dark", "dark_all")],
)
def test_online_basemaps_are_tile_sets_with_their_credits(
    basemap: str, host: str, basemaps: dict[str, dict[str, object]]
) -> None:
    assert host in str(basemaps[basemap]["url"])
    assert "OpenStreetMap" in str(basemaps[basemap]["attribution"])
    if basemap.startswith("carto"):
        assert "CARTO" in str(basemaps[basemap]["attribution"])


def test_every_basemap_is_offered_with_its_zoom_limit(
    basemaps: dict[str, dict[str, object]],
) -> None:
    assert list(basemaps) == list(BASEMAPS)
    assert basemaps["offline"]["maxZoom"] == BASEMAPS["offline"].max_zoom
    assert BASEMAPS["offline"].max_zoom < BASEMAPS["osm"].max_zoom


def test_outlines_know_both_themes(page: str) -> None:
    # The theme arrives with the reader's view; the outlines recolour without a rebuild.
    assert PALETTES["dark"].land in page and PALETTES["light"].land in page
    assert "footprinttheme" in page
    assert palette_for(None) == palette_for("sepia") == PALETTES["light"]


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
