"""Leaflet extensions the office map needs and folium does not have, one class each.

Each is a ``MacroElement`` whose template emits a little JavaScript after the map is created;
its docstring says which folium built-in comes closest and why that one would not do.
"""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from components.basemaps import Palette


class Legend(MacroElement):
    """A Leaflet control holding the legend's HTML.

    folium has no legend control (its ``branca`` colormaps draw continuous scales only);
    this is a plain ``L.control`` whose clicks do not reach the map.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.control({position: "bottomright"});
            {{ this.get_name() }}.onAdd = function () {
                var div = L.DomUtil.create("div", "office-legend");
                div.innerHTML = {{ this.html|tojavascript }};
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = html


class CountryOutlines(MacroElement):
    """Country outlines drawn on one canvas in a pane under the tiles, from the app's own
    origin or from GeoJSON embedded in the page.

    folium's ``GeoJson`` embeds its data in the map's code, so the outlines (about 190 kB)
    would travel with every rerun, and it draws one SVG path per country; this fetches them
    once (the browser caches them) and draws all of them on a single canvas. ``inline_data``
    (GeoJSON text) embeds them instead, for a file opened from disk.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (map) {
                map.createPane("outlines");
                map.getPane("outlines").style.zIndex = 150;  // under the tiles (200)
                map.getContainer().style.background = {{ this.palette.sea|tojson }};
                {% if this.inline_data %}
                Promise.resolve({{ this.inline_data_js() }})
                {% else %}
                fetch({{ this.url|tojson }})
                    .then(function (response) { return response.json(); })
                {% endif %}
                    .then(function (data) {
                        L.geoJSON(data, {
                            pane: "outlines",
                            // One canvas redraws 176 countries far faster than 176 SVG paths.
                            renderer: L.canvas({pane: "outlines"}),
                            interactive: false,
                            attribution: {{ this.attribution|tojson }},
                            style: {
                                color: {{ this.palette.border|tojson }},
                                weight: 0.8,
                                fillColor: {{ this.palette.land|tojson }},
                                fillOpacity: 1
                            }
                        }).addTo(map);
                    })
                    .catch(function (error) { console.warn("outlines not loaded", error); });
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self, url: str, palette: Palette, attribution: str, inline_data: str | None = None
    ) -> None:
        super().__init__()
        self._name = "CountryOutlines"
        self.url = url
        self.palette = palette
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


class FitNarrowScreens(MacroElement):
    """On a phone the default world view is wider than the map: show every office instead.

    Below ``max_width`` pixels the map may zoom out further and fits the offices' bounds.
    folium's ``FitBounds`` always fits, whatever the width, and cannot lower the minimum zoom;
    on a wide screen the default view is the better one.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (map) {
                var width = map.getContainer().clientWidth;
                if (width > 0 && width < {{ this.max_width }}) {
                    map.setMinZoom(0);
                    map.fitBounds({{ this.bounds|tojson }}, {padding: [24, 24], animate: false});
                }
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]], max_width: int = 700) -> None:
        super().__init__()
        self._name = "FitNarrowScreens"
        self.bounds = bounds
        self.max_width = max_width
