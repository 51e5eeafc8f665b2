"""Each Leaflet extension rendered alone, its JavaScript compared after normalising white
space (as folium's own tests do)."""

from __future__ import annotations

import json

import folium
from branca.element import Figure, MacroElement
from folium.utilities import normalize

from components.map.basemaps import Palette
from components.map.elements import (
    CountryOutlines,
    FocusWithoutScrolling,
    FootprintMap,
    OfficeLayer,
    RawHtml,
    json_for_html,
)

LIGHT = Palette(sea="#dce8f0", land="#f5f2eb", border="#b8b1a3")
DARK = Palette(sea="#16202b", land="#2b3644", border="#4f5e70")


def script_of(element: MacroElement) -> tuple[str, str]:
    """The element's script, added to a fresh map, and that map's variable name."""
    office_map = folium.Map(tiles=None)
    element.add_to(office_map)
    return normalize(element._template.module.script(element)), office_map.get_name()


def test_country_outlines_are_fetched_once_drawn_on_one_canvas_and_follow_the_theme() -> None:
    outlines = CountryOutlines("/app/static/x.geo.json", {"light": LIGHT, "dark": DARK}, "NE")
    script, map_name = script_of(outlines)
    palettes = json.dumps(
        {
            "light": {"sea": "#dce8f0", "land": "#f5f2eb", "border": "#b8b1a3"},
            "dark": {"sea": "#16202b", "land": "#2b3644", "border": "#4f5e70"},
        },
        sort_keys=True,  # as Jinja's tojson writes it
    )
    expected = f"""
        (function (map) {{
            var palettes = {palettes};
            var palette = function (theme) {{ return palettes[theme] || palettes.light; }};
            var style = function (theme) {{
                var p = palette(theme);
                return {{color: p.border, weight: 0.8, fillColor: p.land, fillOpacity: 1}};
            }};
            var theme = "light", outlines = null;
            map.createPane("outlines");
            map.getPane("outlines").style.zIndex = 150;  // under the tiles (200)
            map.getContainer().style.background = palette(theme).sea;
            map.on("footprinttheme", function (event) {{
                theme = event.theme;
                map.getContainer().style.background = palette(theme).sea;
                if (outlines) {{ outlines.setStyle(style(theme)); }}
            }});
            fetch("/app/static/x.geo.json")
                .then(function (response) {{ return response.json(); }})
                .then(function (data) {{
                    // The world, and a copy of it to the west and to the east.
                    var shifted = function (shift) {{
                        return JSON.parse(JSON.stringify(data), function (key, value) {{
                            return key === "coordinates" ? shiftRings(value, shift) : value;
                        }});
                    }};
                    var shiftRings = function (value, shift) {{
                        return typeof value[0] === "number"
                            ? [value[0] + shift, value[1]]
                            : value.map(function (part) {{ return shiftRings(part, shift); }});
                    }};
                    var copies = {{type: "FeatureCollection", features: [].concat(
                        data.features, shifted(-360).features, shifted(360).features
                    )}};
                    outlines = L.geoJSON(copies, {{
                        pane: "outlines",
                        // One canvas redraws 176 countries far faster than 176 SVG paths.
                        renderer: L.canvas({{pane: "outlines"}}),
                        interactive: false,
                        attribution: "NE",
                        style: style(theme)
                    }}).addTo(map);
                }})
                .catch(function (error) {{ console.warn("outlines not loaded", error); }});
        }})({map_name});
    """
    assert script == normalize(expected)


def test_embedded_outlines_are_not_fetched_and_cannot_close_the_script() -> None:
    data = '{"type": "FeatureCollection", "features": [], "name": "</script><b>"}'
    outlines = CountryOutlines("/app/static/x.geo.json", {"light": LIGHT}, "NE", inline_data=data)
    script, _ = script_of(outlines)
    assert "fetch(" not in script
    closed_script = "\\u003c/script\\u003e\\u003cb\\u003e"
    embedded = f'{{"type": "FeatureCollection", "features": [], "name": "{closed_script}"}}'
    assert f"Promise.resolve({normalize(embedded)})" in script


def test_focus_without_scrolling_replaces_leaflets_mousedown_focus() -> None:
    script, map_name = script_of(FocusWithoutScrolling())
    expected = f"""
        (function (keyboard) {{
            if (!keyboard) {{ return; }}
            keyboard.disable();
            keyboard._onMouseDown = function () {{
                if (!this._focused) {{ this._map.getContainer().focus({{preventScroll: true}}); }}
            }};
            keyboard.enable();
        }})({map_name}.keyboard);
    """
    assert script == normalize(expected)


def test_office_layer_reads_its_offices_from_a_data_block_in_the_page() -> None:
    rows = {"offices": {"ids": ["x"], "lat": [100000], "lon": [200000], "status": "e"}}
    layer = OfficeLayer(json_for_html(rows), {"a": 1})
    script, _ = script_of(layer)
    expected = f"""
        var {layer.get_name()} = L.officeLayer(
            JSON.parse(document.getElementById("footprint-data").textContent),
            {{"a": 1,}}
        );
    """
    assert script == normalize(expected)
    page = layer.get_root().render()
    block = (
        '<script type="application/json" id="footprint-data">'
        '{"offices":{"ids":["x"],"lat":[100000],"lon":[200000],"status":"e"}}</script>'
    )
    assert page.count(block) == 1


def test_footprint_map_joins_the_layer_the_data_and_its_mode() -> None:
    office_map = folium.Map(tiles=None)
    layer = OfficeLayer(json_for_html({"offices": [], "footprint": {}}), {})
    layer.add_to(office_map)
    footprint = FootprintMap(layer, {"mode": "app"})
    footprint.add_to(office_map)
    script = normalize(footprint._template.module.script(footprint))
    name, map_name = footprint.get_name(), office_map.get_name()
    expected = f"""
        var {name} = L.footprintMap(
            {map_name},
            {layer.get_name()},
            L.extend(
                JSON.parse(document.getElementById("footprint-data").textContent)
                    .footprint,
                {{"mode": "app",}}
            )
        );
        {map_name}.footprint = {name};
    """
    assert script == normalize(expected)


def test_json_for_html_cannot_close_a_script_or_start_a_template() -> None:
    text = json_for_html({"name": "</script><!-- {{ x }} {% y %} {# z #} & >"})
    for dangerous in ("<", ">", "&", "{{", "{%", "{#"):
        assert dangerous not in text
    assert json.loads(text) == {"name": "</script><!-- {{ x }} {% y %} {# z #} & >"}


def test_raw_html_is_not_read_as_a_template() -> None:
    figure = Figure()
    figure.html.add_child(RawHtml("<p>{{ 7 * 7 }}</p>"), name="raw")
    assert "<p>{{ 7 * 7 }}</p>" in figure.render()
