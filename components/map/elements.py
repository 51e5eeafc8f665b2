"""Leaflet extensions the office map needs and folium does not have, one class each.

Each is a ``MacroElement`` whose template emits a little JavaScript after the map is created;
its docstring says which folium built-in comes closest and why that one would not do.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from branca.element import Element, Figure, MacroElement
from folium.template import Template

from components.map.basemaps import Palette


class CountryOutlines(MacroElement):
    """Country outlines drawn on one canvas in a pane under the tiles, from the app's own
    origin or from GeoJSON embedded in the page, coloured for the map's theme; drawn on the
    world copies either side as well, so a view across the antimeridian shows land on both
    sides of it.

    folium's ``GeoJson`` embeds its data in the map's code, so the outlines (about 190 kB)
    would travel with every rerun, and it draws one SVG path per country; this fetches them
    once (the browser caches them) and draws all of them on a single canvas. ``inline_data``
    (GeoJSON text) embeds them instead, for a file opened from disk. The colours follow the
    theme the map is told (the ``footprinttheme`` event), without reloading anything.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (map) {
                var palettes = {{ this.palettes|tojson }};
                var palette = function (theme) { return palettes[theme] || palettes.light; };
                var style = function (theme) {
                    var p = palette(theme);
                    return {color: p.border, weight: 0.8, fillColor: p.land, fillOpacity: 1};
                };
                var theme = "light", outlines = null;
                map.createPane("outlines");
                map.getPane("outlines").style.zIndex = 150;  // under the tiles (200)
                map.getContainer().style.background = palette(theme).sea;
                map.on("footprinttheme", function (event) {
                    theme = event.theme;
                    map.getContainer().style.background = palette(theme).sea;
                    if (outlines) { outlines.setStyle(style(theme)); }
                });
                {% if this.inline_data %}
                Promise.resolve({{ this.inline_data_js() }})
                {% else %}
                fetch({{ this.url|tojson }})
                    .then(function (response) { return response.json(); })
                {% endif %}
                    .then(function (data) {
                        // The world, and a copy of it to the west and to the east.
                        var shifted = function (shift) {
                            return JSON.parse(JSON.stringify(data), function (key, value) {
                                return key === "coordinates" ? shiftRings(value, shift) : value;
                            });
                        };
                        var shiftRings = function (value, shift) {
                            return typeof value[0] === "number"
                                ? [value[0] + shift, value[1]]
                                : value.map(function (part) { return shiftRings(part, shift); });
                        };
                        var copies = {type: "FeatureCollection", features: [].concat(
                            data.features, shifted(-360).features, shifted(360).features
                        )};
                        outlines = L.geoJSON(copies, {
                            pane: "outlines",
                            // One canvas redraws 176 countries far faster than 176 SVG paths.
                            renderer: L.canvas({pane: "outlines"}),
                            interactive: false,
                            attribution: {{ this.attribution|tojson }},
                            style: style(theme)
                        }).addTo(map);
                    })
                    .catch(function (error) { console.warn("outlines not loaded", error); });
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        url: str,
        palettes: dict[str, Palette],
        attribution: str,
        inline_data: str | None = None,
    ) -> None:
        super().__init__()
        self._name = "CountryOutlines"
        self.url = url
        self.palettes = {name: asdict(palette) for name, palette in palettes.items()}
        self.attribution = attribution
        self.inline_data = inline_data

    def inline_data_js(self) -> str:
        """The embedded GeoJSON as a JavaScript literal that cannot close its script."""
        return (self.inline_data or "null").replace("<", "\\u003c").replace(">", "\\u003e")


class FocusWithoutScrolling(MacroElement):
    """Stop a click on the map from scrolling the page before the click completes.

    Leaflet's keyboard handler focuses the map on mousedown. When the map's frame is partly
    out of view, the browser scrolls the page to show it, between mousedown and mouseup, and
    the click lands beside the marker. Focusing with ``preventScroll`` keeps keyboard
    navigation and leaves the page where it is. folium has no option for this: it is a
    change to Leaflet's own handler.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (keyboard) {
                if (!keyboard) { return; }
                keyboard.disable();
                keyboard._onMouseDown = function () {
                    if (!this._focused) { this._map.getContainer().focus({preventScroll: true}); }
                };
                keyboard.enable();
            })({{ this._parent.get_name() }}.keyboard);
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "FocusWithoutScrolling"


class RawHtml(Element):
    """HTML put into the page as it is, never read as a template.

    branca renders every ``html`` macro's output again as a Jinja template: data in it
    would be parsed (slow for thousands of offices) and ``{{`` in a name would run as Jinja.
    """

    def __init__(self, html: str) -> None:
        super().__init__()
        self.raw = html

    def render(self, **kwargs: Any) -> str:
        return self.raw


def json_for_html(value: Any) -> str:
    """JSON that is inert inside an HTML ``<script>`` element and in a Jinja template:
    ``<``, ``>``, ``&``, ``{`` and ``}`` inside strings are written as ``\\u`` escapes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("{{", "{\\u007b")
        .replace("{%", "{\\u0025")
        .replace("{#", "{\\u0023")
    )


class OfficeLayer(MacroElement):
    """Every office from one data block, drawn by ``L.OfficeLayer``
    (``static/office_map/office_layer.js``).

    folium's ``Marker`` writes about 3 kB of JavaScript per office and ``MarkerCluster`` a
    marker each as well; at 5,000 offices that is 16 MB of code and half a minute to load.
    Here the offices travel as one JSON block in the page (not in the map's code, which
    streamlit-folium rewrites with regular expressions), and the browser lays them out.
    """

    DATA_ID = "footprint-data"

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.officeLayer(
                JSON.parse(document.getElementById({{ this.DATA_ID|tojson }}).textContent),
                {{ this.options|tojavascript }}
            );
        {% endmacro %}
        """
    )

    def __init__(self, data_json: str, options: dict[str, Any]) -> None:
        """``data_json``: the offices and the map's configuration, from :func:`json_for_html`
        (serialised once per dataset by the caller, not once per map)."""
        super().__init__()
        self._name = "OfficeLayer"
        self.data_json = data_json
        self.options = options

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # as MacroElement's
        super().render(**kwargs)
        figure = self.get_root()
        assert isinstance(figure, Figure)  # a map's root is the page that holds it
        block = f'<script type="application/json" id="{self.DATA_ID}">{self.data_json}</script>'
        figure.html.add_child(RawHtml(block), name=f"{self.get_name()}_data")


class FootprintMap(MacroElement):
    """Controls, basemaps, arcs, legend and the reader's view around the office layer,
    by ``L.FootprintMap`` (``static/office_map/footprint.js``).

    folium's ``LayerControl`` and tile layers are fixed when the map is built; here the
    language, filters, basemap, theme and selection change in the browser, so the map's code
    never changes and the map is never rebuilt while a reader uses it.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.footprintMap(
                {{ this._parent.get_name() }},
                {{ this.layer.get_name() }},
                L.extend(
                    JSON.parse(document.getElementById({{ this.layer.DATA_ID|tojson }}).textContent)
                        .footprint,
                    {{ this.options|tojavascript }}
                )
            );
            {{ this._parent.get_name() }}.footprint = {{ this.get_name() }};
        {% endmacro %}
        """
    )

    def __init__(self, layer: OfficeLayer, options: dict[str, Any]) -> None:
        """``options``: ``mode`` ("app" or "standalone") and, standalone, the fixed ``view``;
        the rest of the configuration travels in the layer's data block (``footprint``)."""
        super().__init__()
        self._name = "FootprintMap"
        self.layer = layer
        self.options = options
