/*
 * L.FootprintMap: everything around the office layer that follows the reader's view —
 * language, filters, basemap, theme, selection, highlight — applied in the browser.
 *
 * In the app ("app" mode) the map never changes its code: the page sends the view as a
 * message ({type: "footprint:view", view}) and hears clicks back ({type: "footprint:select"},
 * {type: "footprint:basemap"}); both sides check that the other is the same origin. Opened
 * from a file ("standalone" mode) the view is fixed and a click shows the office's details in
 * the page itself.
 *
 * Texts from the data are set with textContent; the app's own strings likewise.
 */
(function () {
  "use strict";

  var MESSAGE_VIEW = "footprint:view";
  var MESSAGE_READY = "footprint:ready";
  var MESSAGE_SELECT = "footprint:select";
  var MESSAGE_BASEMAP = "footprint:basemap";
  var NARROW = 700;

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text !== undefined) { el.textContent = text; }
    return el;
  }

  L.FootprintMap = L.Class.extend({
    /* config: {mode, strings: {key: {en, de}}, basemaps: [{id, url, attribution, maxZoom,
       subdomains}], regions: [..], statuses: [..], symbols: {status: svg}, arcs: [{id,
       status, colour, parts}], view: {...}, details: {id: {...}} (standalone only)} */
    initialize: function (map, layer, config) {
      this._map = map;
      this._layer = layer;
      this._config = config;
      this._view = {
        lang: "en", status: "all", region: "all", basemap: "offline", theme: "light",
        selected: null, highlighted: [],
      };
      this._bases = {};
      config.basemaps.forEach(function (basemap) {
        var base = basemap.url
          ? L.tileLayer(basemap.url, {
              attribution: basemap.attribution, maxZoom: basemap.maxZoom,
              subdomains: basemap.subdomains,
            })
          : L.layerGroup();
        base._footprint = basemap;
        this._bases[basemap.id] = base;
      }, this);
      this._arcs = L.layerGroup();
      this._arcLines = config.arcs.map(function (arc) {
        var line = L.polyline(arc.parts, {
          className: "expansion-arc arc-" + arc.id + " expansion-arc-" + arc.status,
          color: arc.colour, weight: 2, opacity: 0.85, interactive: false,
          dashArray: arc.status === "announced" ? "6 6" : null,
        });
        line._office = arc.id;
        return line;
      });
      this._narrow = map.getContainer().clientWidth > 0 && map.getContainer().clientWidth < NARROW;
      L.setOptions(layer, { symbols: config.symbols, strings: config.strings });
      layer.addTo(map);
      this.apply(config.view || {}, true);
      this._fitOffices();
      // Until the reader moves the map, a new size (a scrollbar, a turned phone) fits again.
      var self = this;
      var moved = function () { self._readerMoved = true; };
      L.DomEvent.on(map.getContainer(), "mousedown touchstart wheel keydown", moved);
      map.on("resize", function () { if (!self._readerMoved) { self._fitOffices(); } });
      layer.on("officeclick", this._onOfficeClick, this);
      layer.on("drawn", function (event) { this._lastDrawn = event; this._showInLegend(event); }, this);
      map.on("overlayadd overlayremove", function () { this._showInLegend(this._lastDrawn || {}); }, this);
      map.on("baselayerchange", this._onBaseChosen, this);
      if (config.mode === "app") { this._listen(); }
    },

    /* Padding that keeps framed offices clear of the controls in the map's corners, as they
       measure now (a collapsed legend or layer list takes less room). */
    _clearOfControls: function () {
      var map = this._map;
      var height = function (corner) {
        return map._controlCorners[corner] ? map._controlCorners[corner].getBoundingClientRect().height : 0;
      };
      var top = Math.max(height("topleft"), height("topright")) + 12;
      var bottom = Math.max(height("bottomleft"), height("bottomright")) + 12;
      var room = map.getSize().y * 0.6;
      if (top + bottom > room) {
        var scale = room / (top + bottom);
        top *= scale;
        bottom *= scale;
      }
      return { paddingTopLeft: [24, top], paddingBottomRight: [24, bottom] };
    },

    /* The first view: on a map narrower than the world (a phone) every office fits in it;
       offices in one part of the world are framed; otherwise the world view stays. */
    _fitOffices: function () {
      var map = this._map;
      var width = map.getContainer().clientWidth;
      this._narrow = width > 0 && width < NARROW;
      var bounds = this._layer.boundsOf("all");
      if (!bounds.isValid()) { return; }
      var span = bounds.getEast() - bounds.getWest();
      if (this._narrow) {
        map.setMinZoom(0);
        map.fitBounds(bounds, { padding: [24, 24], animate: false, maxZoom: 5 });
      } else if (span < 150) {
        map.setMinZoom(0);
        map.fitBounds(bounds, L.extend(this._clearOfControls(), { animate: false, maxZoom: 6 }));
      }
    },

    text: function (key) {
      var entry = this._config.strings[key] || {};
      return entry[this._view.lang] || entry.en || key;
    },

    /* Apply a view from the page; only what changed is redone. */
    apply: function (view, first) {
      var before = this._view;
      var v = this._view = L.extend({}, before, view || {});
      var container = this._map.getContainer();
      if (first || v.theme !== before.theme) {
        container.classList.toggle("footprint-dark", v.theme === "dark");
        this._map.fire("footprinttheme", { theme: v.theme });
      }
      if (first || v.lang !== before.lang) {
        container.setAttribute("lang", v.lang);
        this._layer.setLanguage(v.lang);
        this._buildControls();
      }
      if (first || v.status !== before.status || v.region !== before.region) {
        this._layer.setFilter(v.status, v.region);
        this._filterArcs();
      }
      if (first || v.basemap !== before.basemap) { this._showBase(v.basemap); }
      if (first || String(v.highlighted) !== String(before.highlighted)) {
        this._layer.setHighlighted(v.highlighted);
      }
      if (first || v.selected !== before.selected) {
        this._layer.setSelected(v.selected, true);
        if (this._config.mode === "standalone") { this._showDetails(v.selected); }
      }
      return this;
    },

    // -- messages (app mode) ----------------------------------------------------------

    _listen: function () {
      var self = this;
      window.addEventListener("message", function (event) {
        if (event.origin !== window.location.origin || event.source !== window.parent) { return; }
        var data = event.data;
        if (data && data.type === MESSAGE_VIEW && data.view && typeof data.view === "object") {
          self.apply(data.view);
          self._viewFromPage = true;
        }
      });
      this._post({ type: MESSAGE_READY });
    },

    _post: function (message) {
      if (this._config.mode === "app" && window.parent !== window) {
        window.parent.postMessage(message, window.location.origin);
      }
    },

    _onOfficeClick: function (event) {
      // Shown at once; the page's answer carries the same selection, so nothing moves.
      this._view.selected = event.id;
      this._post({ type: MESSAGE_SELECT, office: event.id });
      if (this._config.mode === "standalone") { this._showDetails(event.id); }
    },

    _onBaseChosen: function (event) {
      var basemap = event.layer && event.layer._footprint;
      if (!basemap) { return; }
      this._view.basemap = basemap.id;
      this._map.setMaxZoom(basemap.maxZoom);
      this._post({ type: MESSAGE_BASEMAP, basemap: basemap.id });
    },

    // -- basemap, arcs -------------------------------------------------------------------

    _showBase: function (id) {
      var known = Object.prototype.hasOwnProperty.call(this._bases, id);
      var base = known ? this._bases[id] : this._bases.offline;
      var map = this._map;
      Object.keys(this._bases).forEach(function (key) {
        if (this._bases[key] !== base && map.hasLayer(this._bases[key])) { map.removeLayer(this._bases[key]); }
      }, this);
      map.setMaxZoom(base._footprint.maxZoom);
      if (!map.hasLayer(base)) { base.addTo(map); }
    },

    _filterArcs: function () {
      var layer = this._layer;
      var arcs = this._arcs;
      this._arcLines.forEach(function (line) {
        var office = layer.office(line._office);
        var show = office && layer.shown(office);
        if (show && !arcs.hasLayer(line)) { arcs.addLayer(line); }
        if (!show && arcs.hasLayer(line)) { arcs.removeLayer(line); }
      });
    },

    // -- controls ------------------------------------------------------------------------

    _buildControls: function () {
      var map = this._map;
      ["_layersControl", "_regionsControl", "_legendControl"].forEach(function (name) {
        if (this[name]) { map.removeControl(this[name]); }
      }, this);
      var bases = {};
      this._config.basemaps.forEach(function (basemap) {
        bases[this.text("basemap_" + basemap.id)] = this._bases[basemap.id];
      }, this);
      var overlays = {};
      if (this._arcLines.length) { overlays[this.text("layer_arcs")] = this._arcs; }
      this._layersControl = L.control.layers(bases, overlays, {
        collapsed: this._narrow, position: "topright",
      }).addTo(map);
      this._regionsControl = this._regionControl().addTo(map);
      this._legendControl = this._legend().addTo(map);
      this._showInLegend(this._lastDrawn || {});
      this._layer._draw();  // labels keep clear of the controls
    },

    /* Buttons that frame the map on a region's offices: the map moves, nothing reruns. */
    _regionControl: function () {
      var self = this;
      var control = L.control({ position: "topleft" });
      control.onAdd = function (map) {
        var box = element("div", "footprint-regions leaflet-bar");
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", self.text("region_view_label"));
        box.appendChild(element("span", "footprint-regions-label", self.text("region_view_label")));
        ["all"].concat(self._config.regions).forEach(function (region) {
          var button = element("button", "footprint-region footprint-region-" + region,
            self.text(region === "all" ? "filter_all" : "region_short_" + region));
          button.type = "button";
          L.DomEvent.on(button, "click", function (event) {
            L.DomEvent.stop(event);
            self.frame(region);
          });
          box.appendChild(button);
        });
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      };
      return control;
    },

    /* Frame the map on the shown offices of a region ("all": every shown office). */
    frame: function (region) {
      var bounds = this._layer.boundsOf(region);
      if (!bounds.isValid()) { return; }
      this._map.flyToBounds(bounds, L.extend(this._clearOfControls(), { maxZoom: 5, duration: 0.6 }));
    },

    /* Every symbol the map draws, and only those, explained; collapsed to a button on
       narrow maps. */
    _legend: function () {
      var self = this;
      var control = L.control({ position: "bottomleft" });
      control.onAdd = function () {
        var details = element("details", "office-legend");
        details.open = !self._narrow;
        details.appendChild(element("summary", null, self.text("legend_title")));
        var list = element("ul");
        self._config.statuses.forEach(function (status) {
          var row = element("li", "office-legend-" + status);
          row.insertAdjacentHTML("beforeend", self._config.symbols[status]);
          row.appendChild(element("span", null, self.text("status_" + status)));
          list.appendChild(row);
        });
        self._legendRows = {};
        [
          ["fanned", "legend_fanned"],
          ["cluster", "legend_cluster"],
          ["selected", "legend_selected"],
          ["highlighted", "legend_highlighted"],
          ["arcs", "legend_arcs"],
        ].forEach(function (entry) {
          var row = element("li", "office-legend-" + entry[0]);
          row.appendChild(element("span", "office-legend-key office-legend-key-" + entry[0]));
          row.appendChild(element("span", null, self.text(entry[1])));
          row.hidden = true;
          self._legendRows[entry[0]] = row;
          list.appendChild(row);
        });
        details.appendChild(list);
        L.DomEvent.disableClickPropagation(details);
        L.DomEvent.disableScrollPropagation(details);
        L.DomEvent.on(details, "toggle", function () { self._layer._draw(); });
        return details;
      };
      return control;
    },

    _showInLegend: function (drawn) {
      var rows = this._legendRows || {};
      Object.keys(rows).forEach(function (name) {
        rows[name].hidden = name === "arcs" ? !this._map.hasLayer(this._arcs) : !drawn[name];
      }, this);
    },

    // -- details in the page (standalone mode) -------------------------------------------

    _showDetails: function (id) {
      var panel = document.getElementById("footprint-details");
      var details = this._config.details || {};
      if (!panel) { return; }
      panel.textContent = "";
      var entry = id && details[id] && (details[id][this._view.lang] || details[id].en);
      if (!entry) {
        panel.appendChild(element("p", "footprint-details-empty", this.text("details_empty_standalone")));
        return;
      }
      panel.appendChild(element("h2", null, entry.title));
      entry.lines.forEach(function (line) { panel.appendChild(element("p", null, line)); });
    },
  });

  L.footprintMap = function (map, layer, config) { return new L.FootprintMap(map, layer, config); };
})();
