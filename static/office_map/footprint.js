/*
 * L.FootprintMap: everything around the office layer that follows the reader's view —
 * language, filters, basemap, theme, selection, highlight — applied in the browser.
 *
 * In the app ("app" mode) the map never changes its code: the page sends the view as a
 * message ({type: "footprint:view", view}) and hears clicks back ({type: "footprint:select"},
 * {type: "footprint:basemap"}); both sides check that the other is the same origin. Opened
 * from a file ("standalone" mode) the view is fixed, only basemaps that need no network are
 * offered, and a click shows the office's details in the page itself (Escape closes them).
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
      if (config.mode === "standalone") {
        // A file opened anywhere needs no network: only basemaps drawn from the page itself.
        config.basemaps = config.basemaps.filter(function (basemap) { return !basemap.url; });
      }
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
      layer.on("ready", this._signalReady, this);
      // Public: data-footprint-moving is set while the map pans or zooms (tests wait for it
      // to go; an embedding page can too).
      map.on("movestart zoomstart", function () { map.getContainer().dataset.footprintMoving = "true"; });
      map.on("moveend", function () { delete map.getContainer().dataset.footprintMoving; });
      layer.on("drawn", function (event) { this._lastDrawn = event; this._showInLegend(event); }, this);
      map.on("overlayadd overlayremove", function () { this._showInLegend(this._lastDrawn || {}); }, this);
      map.on("baselayerchange", this._onBaseChosen, this);
      if (config.mode === "app") { this._listen(); }
      if (config.mode === "standalone") {
        L.DomEvent.on(document, "keydown", function (event) {
          var panel = document.getElementById("footprint-details");
          if (event.key === "Escape" && panel && !panel.hidden) {
            self._closeDetails();
            map.getContainer().focus({ preventScroll: true });
          }
        });
      }
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
        map.fitBounds(bounds, L.extend(this._clearOfControls(), { animate: false, maxZoom: 5 }));
      } else if (span < 150) {
        map.setMinZoom(0);
        map.fitBounds(bounds, L.extend(this._clearOfControls(), { animate: false, maxZoom: 6 }));
      }
    },

    /* The office layer (its public methods: whereIs, isReady, office, shown). */
    layer: function () { return this._layer; },

    /* The map's public "ready" signal, for tests and embedding pages: the container carries
       data-footprint-ready="true" once the offices are drawn where they stay and (in the app)
       the page's view has been applied, and a "footprintready" event is fired on it. */
    _signalReady: function () {
      var container = this._map.getContainer();
      var viewApplied = this._config.mode !== "app" || this._viewFromPage;
      if (!this._layer.isReady() || !viewApplied || container.dataset.footprintReady) { return; }
      container.dataset.footprintReady = "true";
      container.dispatchEvent(new CustomEvent("footprintready", { bubbles: true }));
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
          self._signalReady();
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
      if (this._config.basemaps.length > 1) {  // one basemap is no choice
        this._config.basemaps.forEach(function (basemap) {
          bases[this.text("basemap_" + basemap.id)] = this._bases[basemap.id];
        }, this);
      }
      var overlays = {};
      if (this._arcLines.length) { overlays[this.text("layer_arcs")] = this._arcs; }
      this._layersControl = null;
      if (Object.keys(bases).length || Object.keys(overlays).length) {
        this._layersControl = L.control.layers(bases, overlays, {
          collapsed: this._narrow, position: "topright",
        }).addTo(map);
      }
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

    /* The details of each office the file shows, in its language, from the page's data
       block (#footprint-details-data); the panel is #footprint-details. Every text is set
       with textContent, and only http(s) addresses become links. */
    _detailsData: function () {
      if (this._details === undefined) {
        var block = document.getElementById("footprint-details-data");
        try {
          this._details = block ? JSON.parse(block.textContent) : {};
        } catch (error) {
          this._details = {};
        }
      }
      return this._details;
    },

    _showDetails: function (id) {
      var panel = document.getElementById("footprint-details");
      if (!panel) { return; }
      var entry = id && Object.prototype.hasOwnProperty.call(this._detailsData(), id)
        ? this._detailsData()[id] : null;
      panel.textContent = "";
      panel.hidden = !entry;
      if (!entry) { return; }
      var self = this;
      var close = element("button", "footprint-details-close", "\u00d7");
      close.type = "button";
      close.setAttribute("aria-label", this.text("details_close"));
      L.DomEvent.on(close, "click", function () { self._closeDetails(); });
      panel.appendChild(close);
      var heading = element("h2", null, entry.title);
      heading.id = "footprint-details-title";
      heading.tabIndex = -1;
      panel.appendChild(heading);
      panel.appendChild(element("p", "footprint-details-meta", entry.meta));
      entry.sections.forEach(function (section) {
        panel.appendChild(element("h3", null, section.heading));
        var list = element("ul");
        section.items.forEach(function (item) {
          var row = element("li", null, item.text);
          if (item.cites && item.cites.length) {
            row.appendChild(document.createTextNode(" [" + item.cites.join(", ") + "]"));
          }
          if (item.links && item.links.length) {
            row.appendChild(document.createTextNode(" ("));
            item.links.forEach(function (link, index) {
              if (index) { row.appendChild(document.createTextNode(", ")); }
              row.appendChild(self._link(link.label, link.url, link.title));
              row.appendChild(document.createTextNode(" [" + link.number + "]"));
            });
            row.appendChild(document.createTextNode(")"));
          }
          list.appendChild(row);
        });
        panel.appendChild(list);
      });
      if (entry.sources.length) {
        panel.appendChild(element("h3", null, entry.sourcesHeading));
        var sources = element("ol");
        entry.sources.forEach(function (source) {
          var row = element("li");
          row.value = source.number;
          row.appendChild(self._link(source.label, source.url));
          if (source.note) { row.appendChild(document.createTextNode(" \u2014 " + source.note)); }
          sources.appendChild(row);
        });
        panel.appendChild(sources);
      }
      panel.scrollTop = 0;
      this._keepInSight(id, panel);
    },

    /* Where the details cover part of the map (beside it, in a wide frame), they open on
       the side away from the office and the map moves the office into the part left free;
       where they take their own room (under the map, on a phone), the map takes its new size
       and keeps the office in view. */
    _keepInSight: function (id, panel) {
      var office = this._layer.office(id);
      var map = this._map;
      map.invalidateSize({ pan: false });
      if (!office) { return; }
      var latlng = L.latLng(office.lat, office.lon);
      var point = map.latLngToContainerPoint(latlng);
      var size = map.getSize();
      panel.classList.toggle("footprint-details-left", point.x > size.x / 2);
      var box = map.getContainer().getBoundingClientRect();
      var cover = panel.getBoundingClientRect();
      var left = cover.left - box.left, right = left + cover.width;
      var top = cover.top - box.top, bottom = top + cover.height;
      var covered = point.x > left - 16 && point.x < right + 16
        && point.y > top - 16 && point.y < bottom + 16;
      if (covered) {
        var freeX = left > size.x - right ? left / 2 : (right + size.x) / 2;
        map.panBy([point.x - freeX, 0], { animate: false });
      } else if (!map.getBounds().pad(-0.05).contains(latlng)) {
        map.panTo(latlng, { animate: false });
      }
    },

    _link: function (label, url, title) {
      if (typeof url !== "string" || !/^https?:\/\//i.test(url)) { return document.createTextNode(label); }
      var link = element("a", null, label);
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      if (title) { link.title = title; }
      return link;
    },

    _closeDetails: function () {
      this._view.selected = null;
      this._layer.setSelected(null, true);
      this._showDetails(null);
      this._map.invalidateSize({ pan: false });
    },
  });

  L.footprintMap = function (map, layer, config) { return new L.FootprintMap(map, layer, config); };
})();
