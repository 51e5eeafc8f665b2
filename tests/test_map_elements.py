"""Each Leaflet extension rendered alone, its JavaScript compared after normalising white
space (as folium's own tests do)."""

from __future__ import annotations

import folium
from branca.element import MacroElement
from folium.utilities import normalize

from components.basemaps import Palette
from components.map_elements import CountryOutlines, FitNarrowScreens, FocusWithoutScrolling, Legend

PALETTE = Palette(sea="#dce8f0", land="#f5f2eb", border="#b8b1a3")


def script_of(element: MacroElement) -> tuple[str, str]:
    """The element's script, added to a fresh map, and that map's variable name."""
    office_map = folium.Map(tiles=None)
    element.add_to(office_map)
    return normalize(element._template.module.script(element)), office_map.get_name()


def test_legend_is_a_control_at_the_bottom_right_that_keeps_its_clicks() -> None:
    legend = Legend('<strong>Offices</strong><ul><li>"quoted" &amp; </script></li></ul>')
    script, map_name = script_of(legend)
    name = legend.get_name()
    expected = f"""
        var {name} = L.control({{position: "bottomright"}});
        {name}.onAdd = function () {{
            var div = L.DomUtil.create("div", "office-legend");
            div.innerHTML = "\\u003cstrong\\u003eOffices\\u003c/strong\\u003e\\u003cul\\u003e\\u003cli\\u003e\\"quoted\\" \\u0026amp; \\u003c/script\\u003e\\u003c/li\\u003e\\u003c/ul\\u003e";
            L.DomEvent.disableClickPropagation(div);
            return div;
        }};
        {name}.addTo({map_name});
    """  # noqa: E501
    assert script == normalize(expected)


def test_country_outlines_are_fetched_once_and_drawn_on_one_canvas_under_the_tiles() -> None:
    script, map_name = script_of(CountryOutlines("/app/static/x.geo.json", PALETTE, "NE"))
    expected = f"""
        (function (map) {{
            map.createPane("outlines");
            map.getPane("outlines").style.zIndex = 150;  // under the tiles (200)
            map.getContainer().style.background = "#dce8f0";
            fetch("/app/static/x.geo.json")
                .then(function (response) {{ return response.json(); }})
                .then(function (data) {{
                    L.geoJSON(data, {{
                        pane: "outlines",
                        // One canvas redraws 176 countries far faster than 176 SVG paths.
                        renderer: L.canvas({{pane: "outlines"}}),
                        interactive: false,
                        attribution: "NE",
                        style: {{
                            color: "#b8b1a3",
                            weight: 0.8,
                            fillColor: "#f5f2eb",
                            fillOpacity: 1
                        }}
                    }}).addTo(map);
                }})
                .catch(function (error) {{ console.warn("outlines not loaded", error); }});
        }})({map_name});
    """
    assert script == normalize(expected)


def test_embedded_outlines_are_not_fetched_and_cannot_close_the_script() -> None:
    data = '{"type": "FeatureCollection", "features": [], "name": "</script><b>"}'
    outlines = CountryOutlines("/app/static/x.geo.json", PALETTE, "NE", inline_data=data)
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


def test_narrow_screens_fit_the_offices_below_the_width() -> None:
    script, map_name = script_of(FitNarrowScreens([[1.5, -122.4], [53.3, 139.7]], max_width=640))
    expected = f"""
        (function (map) {{
            var width = map.getContainer().clientWidth;
            if (width > 0 && width < 640) {{
                map.setMinZoom(0);
                map.fitBounds(
                    [[1.5, -122.4], [53.3, 139.7]], {{padding: [24, 24], animate: false}}
                );
            }}
        }})({map_name});
    """
    assert script == normalize(expected)
