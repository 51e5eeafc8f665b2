/*
 * L.FootprintMap: everything around the office layer that follows the reader's view —
 * language, filters, the date shown (asOf, days since 1970: the footprint on that day, from
 * the offices' changes), basemap, theme, selection, highlight — applied in the browser, and the
 * framing of the map (FootprintFraming) after each of them.
 *
 * In the app ("app" mode) the map never changes its code: the page sends the view as a
 * message ({type: "footprint:view", view}) and hears clicks back ({type: "footprint:select"},
 * {type: "footprint:basemap"}); both sides check that the other is the same origin. Opened
 * from a file ("standalone" mode) the view is fixed, only basemaps that need no network are
 * offered, and a click shows the office's details beside the map (under it on a phone).
 *
 * Public signals on the map's container: data-footprint-ready="true" (and a "footprintready"
 * event, and in the app a {type: "footprint:drawn"} message to the page, which then draws
 * the rest of itself) once the offices are drawn where they stay and the page's view is applied;
 * data-footprint-moving while the map pans or zooms; data-footprint-as-of: the day whose
 * footprint is drawn (days since 1970, as the view's asOf; empty: no date).
 *
 * Texts from the data are set with textContent; the app's own strings likewise.
 */
(function () {
  "use strict";

  var MESSAGE_VIEW = "footprint:view";
  var MESSAGE_READY = "footprint:ready";
  var MESSAGE_SELECT = "footprint:select";
  var MESSAGE_BASEMAP = "footprint:basemap";
  var MESSAGE_ARCS = "footprint:arcs";
  var MESSAGE_DRAWN = "footprint:drawn";
  var geometry = window.FootprintGeometry;
  var framing = window.FootprintFraming;

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text !== undefined) { el.textContent = text; }
    return el;
  }

  L.FootprintMap = L.Class.extend({
    /* config: {mode, strings: {key: {lang: text}}, basemaps: [{id, url, attribution, maxZoom,
       subdomains}], statuses: [..], symbols: {status: svg}, colours: {status: colour},
       arcs: [{id, parts}], view: {...} (standalone only)} */
    initialize: function (map, layer, config) {
      this._map = map;
      this._layer = layer;
      this._config = config;
      this._view = {
        lang: "en", status: "all", region: "all", basemap: "offline", theme: "light",
        selected: null, highlighted: [], arcs: false, asOf: null,
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
        var line = L.polyline(arc.parts, { weight: 2, opacity: 0.85, interactive: false });
        line._office = arc.id;
        return line;
      });
      var self = this;
      L.setOptions(layer, {
        symbols: config.symbols, strings: config.strings, colours: config.colours,
        overlays: function () { return self.overlays(); },
      });
      layer.addTo(map);
      this.apply(config.view || {}, true);
      // Until the reader moves the map, a new size (a scrollbar, a turned phone, a details
      // card opening) frames again.
      // Listened to while the event goes down to its target: markers and clusters stop their
      // own from reaching the map.
      var moved = function () { self._readerMoved = true; };
      ["mousedown", "touchstart", "wheel", "keydown"].forEach(function (type) {
        map.getContainer().addEventListener(type, moved, { capture: true, passive: true });
      });
      map.on("resize", function () {
        self._fitLegend();
        if (!self._readerMoved) { self.frame(); } else { self._setWorldZoom(); }
      });
      if (window.ResizeObserver) {
        // Leaflet hears of no resize before its first view: the legend is fitted here too.
        new ResizeObserver(function () { self._fitLegend(); map.invalidateSize({ pan: false }); })
          .observe(map.getContainer());
      }
      layer.on("officeclick", this._onOfficeClick, this);
      layer.on("ready", function () { self.frame(false, true); self._signalReady(); });
      layer.on("drawn", function (event) { this._lastDrawn = event; this._showInLegend(event); }, this);
      map.on("movestart zoomstart", function () { map.getContainer().dataset.footprintMoving = "true"; });
      map.on("moveend", function () { delete map.getContainer().dataset.footprintMoving; });
      map.on("overlayadd overlayremove", this._onOverlayChosen, this);
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

    /* The office layer (its public methods: whereIs, isReady, office, shown, reveal). */
    layer: function () { return this._layer; },

    /* What lies over the map, in container pixels: its controls and legend (and, in the
       published page, a details card that covers it). Labels keep clear of these, and the
       framing keeps offices clear of them. */
    overlays: function () {
      var map = this._map;
      var box = map.getContainer().getBoundingClientRect();
      var rects = [];
      var add = function (el) {
        var r = el.getBoundingClientRect();
        if (r.width && r.height) {
          rects.push({ x: r.left - box.left, y: r.top - box.top, w: r.width, h: r.height });
        }
      };
      map.getContainer().querySelectorAll(".leaflet-control").forEach(add);
      var panel = document.getElementById("footprint-details");
      if (panel && !panel.hidden && map.getContainer().contains(panel)) { add(panel); }
      return rects;
    },

    /* The world fills the map's width at the lowest zoom (no band of world in a wide sea). */
    _setWorldZoom: function () {
      var width = this._map.getSize().x;
      if (width > 0) { this._map.setMinZoom(Math.min(framing.worldZoom(width), this._map.getZoom())); }
    },

    /* Frame the offices shown (and the selection) in the part of the map no overlay covers;
       with "reveal", then bring the selection in as a marker (a first view of a link). */
    frame: function (animate, reveal) {
      var map = this._map;
      if (!this._layer.isReady()) { return; }
      var selected = this._layer.office(this._view.selected);
      var worldZoom = framing.worldZoom(map.getSize().x);
      var view = framing.frame({
        points: this._layer.shownPoints(),
        selected: selected && this._layer.shown(selected) ? { lat: selected.lat, lon: selected.lon } : null,
        size: { x: map.getSize().x, y: map.getSize().y },
        overlays: this.overlays(),
        minZoom: worldZoom,
        maxZoom: map.getMaxZoom(),
      });
      if (!view) { return; }
      // Below the zoom that fills the width only where the offices need it. (Leaflet zooms,
      // animated, when the zoom is below a new minimum: lower it first, raise it after.)
      var minimum = Math.min(worldZoom, view.zoom);
      map.setMinZoom(Math.min(map.getMinZoom(), minimum));
      map.setView([view.lat, view.lon], view.zoom, { animate: !!animate });
      map.setMinZoom(minimum);
      this._framed = true;
      if (reveal && this._view.selected) { this._layer.reveal(this._view.selected); }
      this._signalReady();
    },

    /* Whether an office shown lies outside the map's view. */
    _outOfView: function () {
      var bounds = this._map.getBounds();
      var centre = this._map.getCenter().lng;
      return this._layer.shownPoints().some(function (p) {
        return !bounds.contains([p.lat, geometry.wrapLon(p.lon, centre)]);
      });
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
      var dated = v.asOf !== before.asOf;
      var refiltered = v.status !== before.status || v.region !== before.region;
      if (first || dated) {
        this._layer.setDate(v.asOf);
        container.dataset.footprintAsOf = v.asOf === null || v.asOf === undefined ? "" : String(v.asOf);
      }
      if (first || dated || refiltered) {
        this._layer.setFilter(v.status, v.region);
        this._filterArcs();
      }
      if (first || v.basemap !== before.basemap) { this._showBase(v.basemap); }
      if (first || Boolean(v.arcs) !== Boolean(before.arcs)) { this._showArcs(Boolean(v.arcs)); }
      if (first || String(v.highlighted) !== String(before.highlighted)) {
        this._layer.setHighlighted(v.highlighted);
      }
      var chosen = first || v.selected !== before.selected;
      // Another filter: frame its offices (and the selection, if any) anew. Another date
      // only where an office of it would be out of view: the map stays still while the
      // reader moves through time, and widens as the footprint does.
      if (!first && (refiltered || (dated && this._outOfView()))) {
        if (chosen) { this._layer.setSelected(v.selected, false); }
        this._readerMoved = false;
        this.frame(true);
      } else if (chosen) {
        this._layer.setSelected(v.selected, this._framed);
      }
      if (this._config.mode === "standalone" && (first || v.selected !== before.selected)) {
        this._showDetails(v.selected);
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
          var first = !self._viewFromPage;
          self.apply(data.view);
          self._viewFromPage = true;
          if (first) { self.frame(false, true); }
          self._signalReady();
        }
      });
      this._post({ type: MESSAGE_READY });
    },

    /* The public "ready" signal (see the top of this file): the offices drawn where they
       stay, the page's view applied, and the map framed at its size. */
    _signalReady: function () {
      var container = this._map.getContainer();
      var viewApplied = this._config.mode !== "app" || this._viewFromPage;
      if (!this._layer.isReady() || !viewApplied || !this._framed || container.dataset.footprintReady) {
        return;
      }
      container.dataset.footprintReady = "true";
      container.dispatchEvent(new CustomEvent("footprintready", { bubbles: true }));
      this._post({ type: MESSAGE_DRAWN });
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

    /* The reader turned the arcs on or off in the layer list: the page keeps it in the
       address (arcs=1). Not when the page's view turned them (_showArcs). */
    _onOverlayChosen: function (event) {
      this._showInLegend(this._lastDrawn || {});
      if (event.layer !== this._arcs || this._showingArcs) { return; }
      this._view.arcs = event.type === "overlayadd";
      this._post({ type: MESSAGE_ARCS, arcs: this._view.arcs });
    },

    // -- basemap, arcs -------------------------------------------------------------------

    _showArcs: function (show) {
      if (!this._arcLines.length || show === this._map.hasLayer(this._arcs)) { return; }
      this._showingArcs = true;
      if (show) { this._arcs.addTo(this._map); } else { this._map.removeLayer(this._arcs); }
      this._showingArcs = false;
    },

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

    /* The arcs to the offices shown, each styled for its office's status on the day shown:
       solid to an existing office, dashed to an announced one. */
    _filterArcs: function () {
      var layer = this._layer;
      var arcs = this._arcs;
      var colours = this._config.colours;
      this._arcLines.forEach(function (line) {
        var office = layer.office(line._office);
        var show = layer.shown(office);
        if (show && office.status !== line._status) {
          line._status = office.status;
          // The class is read when the line is added: taken out and put back, it has it.
          if (arcs.hasLayer(line)) { arcs.removeLayer(line); }
          L.setOptions(line, {
            className: "expansion-arc arc-" + office.id + " expansion-arc-" + office.status,
            color: colours[office.status], dashArray: office.status === "announced" ? "6 6" : null,
          });
        }
        if (show && !arcs.hasLayer(line)) { arcs.addLayer(line); }
        if (!show && arcs.hasLayer(line)) { arcs.removeLayer(line); }
      });
    },

    // -- controls ------------------------------------------------------------------------

    _buildControls: function () {
      var map = this._map;
      ["_layersControl", "_legendControl"].forEach(function (name) {
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
        // Collapsed to its button: open, it would cover offices.
        this._layersControl = L.control.layers(bases, overlays, { collapsed: true, position: "topright" })
          .addTo(map);
      }
      this._legendControl = this._legend().addTo(map);
      this._showInLegend(this._lastDrawn || {});
      this._layer._draw();  // labels keep clear of the controls
    },

    /* Every symbol the map draws now, and only those, explained; open where the map has
       room for it. */
    _legend: function () {
      var self = this;
      var control = L.control({ position: "bottomleft" });
      control.onAdd = function () {
        var details = element("details", "office-legend");
        details.open = self._legendRoom();
        var summary = element("summary", null, self.text("legend_title"));
        L.DomEvent.on(summary, "click", function () { self._legendChosen = true; });
        details.appendChild(summary);
        var list = element("ul");
        self._legendRows = {};
        self._config.statuses.forEach(function (status) {
          var row = element("li", "office-legend-" + status);
          row.insertAdjacentHTML("beforeend", self._config.symbols[status]);
          row.appendChild(element("span", null, self.text("status_" + status)));
          self._legendRows[status] = row;
          list.appendChild(row);
        });
        [
          ["cluster", "legend_cluster"],
          ["cluster-existing", "legend_cluster_one"],
          ["cluster-announced", "legend_cluster_one"],
          ["listing", "legend_listing"],
          ["fanned", "legend_fanned"],
          ["selected", "legend_selected"],
          ["highlighted", "legend_highlighted"],
          ["arcs-existing", "legend_arcs_existing"],
          ["arcs-announced", "legend_arcs_announced"],
        ].forEach(function (entry) {
          var row = element("li", "office-legend-" + entry[0]);
          var key = element("span", "office-legend-key office-legend-key-" + entry[0]);
          if (entry[0].indexOf("cluster") === 0) {
            var rings = { cluster: ["existing", "announced"], "cluster-existing": ["existing"],
                          "cluster-announced": ["announced"] };
            key.appendChild(self._legendCluster(rings[entry[0]]));
          }
          row.appendChild(key);
          row.appendChild(element("span", null, self.text(entry[1])));
          row.hidden = true;
          self._legendRows[entry[0]] = row;
          list.appendChild(row);
        });
        details.appendChild(list);
        L.DomEvent.disableClickPropagation(details);
        L.DomEvent.disableScrollPropagation(details);
        L.DomEvent.on(details, "toggle", function () { self._layer._draw(); });
        // The legend is over the map: when it grows over an office (rows shown as symbols
        // are drawn, or opened), the offices are framed clear of it again, until the reader
        // moves the map.
        if (window.ResizeObserver) {
          new ResizeObserver(function () {
            if (!self._readerMoved && self._framed && self._covers(details)) { self.frame(); }
          }).observe(details);
        }
        return details;
      };
      return control;
    },

    /* Whether an element over the map covers a marker or cluster drawn there. */
    _covers: function (el) {
      var cover = el.getBoundingClientRect();
      var shapes = this._map.getContainer().querySelectorAll(".office-marker, .office-cluster");
      return Array.prototype.some.call(shapes, function (shape) {
        var r = shape.getBoundingClientRect();
        return r.left < cover.right && cover.left < r.right && r.top < cover.bottom && cover.top < r.bottom;
      });
    },

    /* The legend is open where the map is tall enough to give it room (closed in a small
       frame), unless the reader opened or closed it. */
    _legendRoom: function () {
      // The container's height now (the map's size is cached until it hears of a resize).
      var height = this._map.getContainer().clientHeight;
      return !(height && height < 400);
    },

    _fitLegend: function () {
      var legend = this._legendControl && this._legendControl.getContainer();
      if (legend && !this._legendChosen) { legend.open = this._legendRoom(); }
    },

    /* The legend's cluster: a ring in the colours of "statuses", in equal parts. */
    _legendCluster: function (statuses) {
      var ns = "http://www.w3.org/2000/svg";
      var svg = document.createElementNS(ns, "svg");
      svg.setAttribute("viewBox", "0 0 16 16");
      svg.setAttribute("aria-hidden", "true");
      var colours = this._config.colours || {};
      // An equal arc of each status's colour (r = 6: the ring is 37.7 long).
      var part = 37.7 / statuses.length;
      statuses.forEach(function (status, index) {
        var circle = document.createElementNS(ns, "circle");
        circle.setAttribute("cx", "8");
        circle.setAttribute("cy", "8");
        circle.setAttribute("r", "6");
        circle.setAttribute("fill", index ? "none" : "var(--footprint-cluster)");
        circle.setAttribute("stroke", colours[status] || "#666");
        circle.setAttribute("stroke-width", "3");
        circle.setAttribute("stroke-dasharray", part + " 37.7");
        circle.setAttribute("stroke-dashoffset", String(-index * part));
        circle.setAttribute("transform", "rotate(-90 8 8)");
        svg.appendChild(circle);
      });
      return svg;
    },

    _showInLegend: function (drawn) {
      var rows = this._legendRows || {};
      var arcs = this._map.hasLayer(this._arcs);
      var shown = this._layer.shownStatuses();
      Object.keys(rows).forEach(function (name) {
        if (name === "existing" || name === "announced") {
          rows[name].hidden = !drawn[name];
        } else if (name.indexOf("arcs-") === 0) {
          rows[name].hidden = !arcs || !shown[name.slice(5)];
        } else if (name === "cluster-existing" || name === "cluster-announced") {
          // The ring of both statuses, once explained, explains these too.
          rows[name].hidden = !drawn[name] || !!drawn.cluster;
        } else {
          rows[name].hidden = !drawn[name];
        }
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
        } catch (_unreadable) {
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
      document.body.classList.toggle("footprint-details-open", !!entry);
      if (!entry) { this._afterDetails(); return; }
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
      this._afterDetails();
    },

    /* The details take room of their own (beside the map, or under it on a phone): the map
       has its new size, and frames its offices and the selection in it. */
    _afterDetails: function () {
      this._map.invalidateSize({ pan: false });
      this._readerMoved = false;
      this.frame();
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
      this._layer.setSelected(null, false);
      this._showDetails(null);
    },
  });

  L.footprintMap = function (map, layer, config) { return new L.FootprintMap(map, layer, config); };
})();
