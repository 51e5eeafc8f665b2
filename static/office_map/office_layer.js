/*
 * L.OfficeLayer: the offices of one data block, drawn as DOM elements in panes of their own,
 * clustered, fanned and labelled for the current view in the browser (no server round trip).
 *
 * What goes where is decided by pure modules tested in Node (tests/js/): FootprintClusters
 * (supercluster's nested clusters, fans, merging), FootprintLabels (names attached to their
 * markers) and FootprintFraming (what the map shows after a selection). This layer only
 * draws what they return and wires the events.
 *
 * Contract (tests rely on it): an office drawn as a single point is a keyboard-focusable
 * element with the classes "office-marker office-<id> office-<status>"; a cluster is an
 * element with the class "office-cluster" that zooms in on click (at the deepest zoom it
 * lists its offices); a label is an element with the classes "office-label
 * office-label-<id>"; exactly one element shows the selected office (its marker, or the
 * cluster holding it) and carries "office-selected".
 *
 * Every text from the data is set with textContent, never as HTML.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var LIST_LIMIT = 100;  // offices listed by a cluster at the deepest zoom, at the most
  var RING = 19;         // a selected marker's ring reaches this far from its centre
  var clusters = window.FootprintClusters;
  var labels = window.FootprintLabels;
  var framing = window.FootprintFraming;
  var geometry = window.FootprintGeometry;
  var dates = window.FootprintDates;

  function svgElement(name, attributes) {
    var el = document.createElementNS(SVG_NS, name);
    Object.keys(attributes).forEach(function (key) { el.setAttribute(key, attributes[key]); });
    return el;
  }

  /* The app's columnar data block as the layer's offices: ids, positions (1e-5 degrees),
     statuses ("e"/"a" per office), regions (codes into data.regions), names (English, then
     per language where it differs) and label priorities (sparse). */
  function officesFrom(data) {
    var o = data.offices;
    var count = o.ids.length;
    var lat = new Float64Array(count), lon = new Float64Array(count);
    for (var i = 0; i < count; i++) {
      lat[i] = o.lat[i] / 1e5;
      lon[i] = o.lon[i] / 1e5;
    }
    var names = { en: o.names.en };
    Object.keys(o.names).forEach(function (lang) {
      if (lang === "en") { return; }
      var differing = o.names[lang];
      names[lang] = o.names.en.map(function (name, index) {
        return Object.prototype.hasOwnProperty.call(differing, index) ? differing[index] : name;
      });
    });
    var d = {
      ids: o.ids, lat: lat, lon: lon, names: names,
      region: o.region.split("").map(function (code) { return data.regions[Number(code)]; }),
      own: o.status, changes: o.changes || {}, priority: o.priority, headquarters: o.headquarters,
      day: null, status: null, rank: new Int32Array(count),
    };
    statusOnDay(d, null);
    return d;
  }

  /* The offices' statuses on a day (FootprintDates), and the labels' ranks that follow
     from them: a priority the data gives, then headquarters, then existing before
     announced (as label_rank in components/map/builder.py). */
  function statusOnDay(d, day) {
    d.day = day;
    d.status = dates.statusesOn(d.own, d.changes, day);
    for (var r = 0; r < d.ids.length; r++) {
      var priority = d.priority[r] || 0;
      d.rank[r] = priority * 10 + (r === d.headquarters ? 3 : 0) + (d.status[r] === "e" ? 2 : 1);
    }
  }

  L.OfficeLayer = L.Layer.extend({
    options: {
      symbolSize: 22,
      separation: 28,
      maxLabels: 400,
      lang: "en",
      symbols: {},   // {status: SVG markup}, from the app (trusted, not data)
      strings: {},   // {key: {lang: text}} for the texts the layer writes itself
      colours: {},   // {status: colour}, for the clusters' rings
      overlays: function () { return []; },  // rectangles over the map, for labels and reveal
    },

    initialize: function (data, options) {
      L.setOptions(this, options);
      this._data = officesFrom(data);
      this._byId = new Map();
      this._data.ids.forEach(function (id, index) { this._byId.set(id, index); }, this);
      this._filter = { status: "all", region: "all" };
      this._selected = null;
      this._highlighted = new Set();
      this._index = null;
      this._items = [];
      this._elements = new Map();
      this._labels = new Map();
      this._ready = false;
    },

    onAdd: function (map) {
      this._markerPane = this._pane(map, "officeMarkers", 620);
      this._labelPane = this._pane(map, "officeLabels", 610);
      this._tooltip = L.tooltip({
        direction: "top", offset: [0, -this.options.symbolSize / 2],
        className: "office-tooltip", opacity: 1,
      });
      this._measure = document.createElement("canvas").getContext("2d");
      // Every move, zoom and reset ends in "moveend" (a zoom's "zoomend" comes just before it).
      map.on("viewreset moveend resize", this._draw, this);
      if (document.fonts) {
        // A font that arrives later changes the names' widths: measure and place again.
        document.fonts.addEventListener("loadingdone", L.bind(function () {
          this._labelWidths = {};
          this._labelFont = null;
          this._draw();
        }, this));
      }
      var layer = this;
      // Until the map's stylesheets and fonts apply, positions on screen and the widths of
      // names are not final: draw after.
      stylesheetsLoaded().then(fontsLoaded).then(function () {
        if (!layer._map) { return; }
        layer._ready = true;
        layer._markerPane.classList.remove("office-pane-waiting");
        layer._labelPane.classList.remove("office-pane-waiting");
        layer._draw();
        layer.fire("ready");
      });
    },

    onRemove: function (map) {
      map.off("viewreset moveend resize", this._draw, this);
      this._clear();
      map.closeTooltip(this._tooltip);
    },

    _clear: function () {
      this._elements.forEach(function (el) { el.remove(); });
      this._labels.forEach(function (el) { el.remove(); });
      this._elements.clear();
      this._labels.clear();
    },

    _pane: function (map, name, zIndex) {
      var pane = map.getPane(name) || map.createPane(name);
      pane.style.zIndex = zIndex;
      // Hidden while Leaflet animates a zoom (the layout is redone at the new zoom).
      pane.classList.add("leaflet-zoom-hide", "office-pane-waiting");
      return pane;
    },

    // -- what the app sets --------------------------------------------------------------

    setLanguage: function (lang) {
      if (lang === this.options.lang) { return this; }
      this.options.lang = lang;
      this._clear();
      this._labelWidths = {};
      return this._draw();
    },

    setFilter: function (status, region) {
      var filter = { status: status || "all", region: region || "all" };
      if (filter.status === this._filter.status && filter.region === this._filter.region) { return this; }
      this._filter = filter;
      this._index = null;  // one index per filter, built when next drawn
      return this._draw();
    },

    /* Show the footprint on a day (days since 1970; null: every office with its own
       status): offices not yet announced, or closed, leave the map. */
    setDate: function (day) {
      day = typeof day === "number" && isFinite(day) ? day : null;
      if (day === this._data.day) { return this; }
      statusOnDay(this._data, day);
      this._index = null;
      this._clear();  // a marker's status is in its classes and symbol: drawn anew
      return this._draw();
    },

    setHighlighted: function (ids) {
      this._highlighted = new Set(Array.isArray(ids) ? ids : []);
      return this._draw();
    },

    /* Mark the selected office; with reveal, move the map so that it is seen as a marker
       clear of every overlay. */
    setSelected: function (id, reveal) {
      this._selected = this._byId.has(id) ? id : null;
      this._draw();
      if (this._selected && reveal && this._map && this._ready) { this.reveal(this._selected); }
      return this;
    },

    selected: function () { return this._selected; },

    /* An office by id: {id, lat, lon, status, region}, or null (status null: not on the
       map at the day shown). */
    office: function (id) {
      var i = this._byId.get(id);
      if (i === undefined) { return null; }
      var d = this._data;
      var status = d.status[i] === dates.ABSENT ? null : d.status[i] === "e" ? "existing" : "announced";
      return { id: id, lat: d.lat[i], lon: d.lon[i], status: status, region: d.region[i] };
    },

    name: function (i) {
      var names = this._data.names[this.options.lang] || this._data.names.en;
      return names[i];
    },

    text: function (key) {
      var entry = this.options.strings[key] || {};
      return entry[this.options.lang] || entry.en || key;
    },

    _passes: function (i) {
      var d = this._data, f = this._filter;
      return d.status[i] !== dates.ABSENT
        && (f.status === "all" || (d.status[i] === "e" ? "existing" : "announced") === f.status)
        && (f.region === "all" || d.region[i] === f.region);
    },

    shown: function (office) { return !!office && this._passes(this._byId.get(office.id)); },

    /* The offices the filters let through: [{lat, lon}] (for framing). */
    shownPoints: function () {
      var d = this._data, points = [];
      for (var i = 0; i < d.ids.length; i++) {
        if (this._passes(i)) { points.push({ lat: d.lat[i], lon: d.lon[i] }); }
      }
      return points;
    },

    /* Which statuses the filters let through at all. */
    shownStatuses: function () {
      var d = this._data, found = { existing: false, announced: false };
      for (var i = 0; i < d.ids.length; i++) {
        if (this._passes(i)) { found[d.status[i] === "e" ? "existing" : "announced"] = true; }
      }
      return found;
    },

    /* Where an office is drawn now: {kind: "single" | "fan" | "cluster", x, y, count} (its
       marker, or the cluster holding it, in the map's container), or null where it is not
       drawn (filtered out, or out of view). */
    whereIs: function (id) {
      var i = this._byId.get(id);
      if (i === undefined || !this._map || !this._index) { return null; }
      var item = this._itemHolding(i);
      if (!item) { return null; }
      var at = { x: item.x, y: item.y };
      if (item.members) {
        item.members.forEach(function (m, k) { if (m.i === i) { at = item.placed[k]; } });
      }
      var point = this._map.layerPointToContainerPoint(L.point(at.x, at.y).subtract(this._map.getPixelOrigin()));
      return { kind: item.kind, x: point.x, y: point.y, count: item.count };
    },

    isReady: function () { return this._ready; },

    _itemHolding: function (i) {
      var index = this._index;
      for (var k = 0; k < this._items.length; k++) {
        if (index.holds(this._items[k], i)) { return this._items[k]; }
      }
      return null;
    },

    // -- layout and drawing ----------------------------------------------------------------

    _indexFor: function () {
      var maxZoom = Math.round(this._map.getMaxZoom());
      if (!this._index || this._indexZoom !== maxZoom) {
        var shown = [];
        for (var i = 0; i < this._data.ids.length; i++) { if (this._passes(i)) { shown.push(i); } }
        this._index = clusters.createIndex(this._data, shown, {
          symbolSize: this.options.symbolSize, separation: this.options.separation,
          minZoom: 0, maxZoom: maxZoom,
        });
        this._indexZoom = maxZoom;
      }
      return this._index;
    },

    _draw: function () {
      var map = this._map;
      if (!map || !this._ready) { return this; }
      var zoom = map.getZoom();
      var size = map.getSize();
      var center = map.getCenter();
      var index = this._indexFor();
      // The view and a margin (a cluster just outside still shows its edge).
      var pad = 64;
      var origin = map.getPixelOrigin();
      var topLeft = map.containerPointToLayerPoint([-pad, -pad]).add(origin);
      var bottomRight = map.containerPointToLayerPoint([size.x + pad, size.y + pad]).add(origin);
      var nw = geometry.unproject(topLeft.x, topLeft.y, zoom);
      var se = geometry.unproject(bottomRight.x, bottomRight.y, zoom);
      this._items = index.layout({
        west: nw.lon, east: se.lon, north: Math.min(nw.lat, 90), south: Math.max(se.lat, -90),
        zoom: zoom, around: center.lng,
      });
      var selected = this._selected === null ? -1 : this._byId.get(this._selected);
      var highlighted = new Set();
      this._highlighted.forEach(function (id) { if (this._byId.has(id)) { highlighted.add(this._byId.get(id)); } }, this);
      var ringed = selected >= 0 ? this._itemHolding(selected) : null;
      var wanted = new Map();
      // What is drawn, for the legend: a cluster's row says what its ring shows ("cluster":
      // some hold both statuses; "cluster-existing"/"cluster-announced": every one only one).
      var drawn = { existing: false, announced: false, fanned: false, cluster: false, listing: false,
                    selected: false, highlighted: false, "cluster-existing": false,
                    "cluster-announced": false };
      var self = this;
      this._items.forEach(function (item) {
        var at = L.point(item.x, item.y).subtract(origin);
        if (item.kind === "cluster") {
          var key = "cluster:" + item.clusters.join(",") + ":" + item.count;
          var holdsHighlight = false;
          highlighted.forEach(function (i) { holdsHighlight = holdsHighlight || index.holds(item, i); });
          wanted.set(key, self._drawCluster(key, item, at, item === ringed, holdsHighlight));
          if (item.existing > 0 && item.announced > 0) { drawn.cluster = true; }
          else { drawn[item.existing > 0 ? "cluster-existing" : "cluster-announced"] = true; }
          drawn.listing = drawn.listing || item.lists;
          drawn.highlighted = drawn.highlighted || holdsHighlight;
          drawn.existing = drawn.existing || item.existing > 0;
          drawn.announced = drawn.announced || item.announced > 0;
          return;
        }
        item.members.forEach(function (member, k) {
          var placed = L.point(item.placed[k].x, item.placed[k].y).subtract(origin);
          var truePoint = L.point(member.x, member.y).subtract(origin);
          var el = self._drawMarker(member.i, placed, truePoint, item, member.i === selected,
                                    highlighted.has(member.i));
          wanted.set("office:" + self._data.ids[member.i], el);
          drawn[self._data.status[member.i] === "e" ? "existing" : "announced"] = true;
          drawn.fanned = drawn.fanned || item.kind === "fan";
          drawn.highlighted = drawn.highlighted || highlighted.has(member.i);
        });
      });
      drawn.selected = !!ringed;
      this._elements.forEach(function (el, key) { if (!wanted.has(key)) { el.remove(); } });
      this._elements = wanted;
      // What is drawn, for the legend; it may change size, so labels are placed after it.
      this.fire("drawn", drawn);
      this._placeLabels(origin, size, selected, ringed);
      return this;
    },

    _drawMarker: function (i, at, truePoint, item, isSelected, isHighlighted) {
      var id = this._data.ids[i];
      var status = this._data.status[i] === "e" ? "existing" : "announced";
      var key = "office:" + id;
      var el = this._elements.get(key);
      var half = this.options.symbolSize / 2;
      if (!el) {
        el = document.createElement("div");
        el.className = "office-marker office-" + id + " office-" + status;
        el.setAttribute("role", "button");
        el.tabIndex = 0;
        el.style.width = el.style.height = this.options.symbolSize + "px";
        el.insertAdjacentHTML("beforeend", this.options.symbols[status] || "");
        this._bindMarker(el, i);
        this._markerPane.appendChild(el);
      }
      el.setAttribute("aria-label", this.name(i) + ", " + this.text("status_" + status));
      el.classList.toggle("office-selected", isSelected);
      el.classList.toggle("office-highlighted", isHighlighted);
      el.classList.toggle("office-fanned", item.kind === "fan");
      el.setAttribute("aria-pressed", isSelected ? "true" : "false");
      L.DomUtil.setPosition(el, L.point(at.x - half, at.y - half));
      this._drawLeader(el, at, truePoint);
      el._officeAt = at;
      return el;
    },

    /* A line from a marker moved aside back to the office's true position, and a dot there. */
    _drawLeader: function (el, at, truePoint) {
      var dx = truePoint.x - at.x, dy = truePoint.y - at.y;
      var leader = el.querySelector(".office-leader");
      if (Math.hypot(dx, dy) < 2) {
        if (leader) { leader.remove(); }
        return;
      }
      var half = this.options.symbolSize / 2;
      if (!leader) {
        leader = svgElement("svg", { "class": "office-leader", width: "1", height: "1", "aria-hidden": "true" });
        leader.appendChild(svgElement("line", {}));
        leader.appendChild(svgElement("circle", { r: "2.5" }));
        el.insertBefore(leader, el.firstChild);
      }
      var line = leader.querySelector("line"), dot = leader.querySelector("circle");
      line.setAttribute("x1", half); line.setAttribute("y1", half);
      line.setAttribute("x2", half + dx); line.setAttribute("y2", half + dy);
      dot.setAttribute("cx", half + dx); dot.setAttribute("cy", half + dy);
    },

    _bindMarker: function (el, i) {
      var layer = this;
      L.DomEvent.disableClickPropagation(el);
      L.DomEvent.on(el, "click", function (event) {
        L.DomEvent.stop(event);
        layer._choose(i);
      });
      L.DomEvent.on(el, "keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          L.DomEvent.stop(event);
          layer._choose(i);
        }
      });
      L.DomEvent.on(el, "mouseenter focus", function () { layer._showTooltip(i, el._officeAt); });
      L.DomEvent.on(el, "mouseleave blur", function () { layer._map.closeTooltip(layer._tooltip); });
    },

    _choose: function (i) {
      this._selected = this._data.ids[i];
      this._closeList();
      this._draw();
      this.fire("officeclick", { id: this._selected });
    },

    _showTooltip: function (i, at) {
      var content = document.createElement("span");
      content.textContent = this.name(i);
      this._tooltip.setContent(content);
      this._tooltip.setLatLng(this._map.layerPointToLatLng(at));
      this._map.openTooltip(this._tooltip);
    },

    /* A cluster: a disc whose area grows with the count, in a ring whose parts are the
       shares of existing and announced offices. */
    _drawCluster: function (key, item, at, isSelected, isHighlighted) {
      var el = this._elements.get(key);
      var size = Math.round(item.r * 2);
      if (!el) {
        el = document.createElement("div");
        el.className = "office-cluster";
        el.setAttribute("role", "button");
        el.tabIndex = 0;
        el.style.width = el.style.height = size + "px";
        el.appendChild(this._ring(item, size));
        var count = document.createElement("span");
        count.className = "office-cluster-count";
        count.textContent = item.count.toLocaleString(this.options.lang);
        el.appendChild(count);
        var layer = this;
        L.DomEvent.disableClickPropagation(el);
        var open = function (event) {
          L.DomEvent.stop(event);
          layer._openCluster(el._item);
        };
        L.DomEvent.on(el, "click", open);
        L.DomEvent.on(el, "keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") { open(event); }
        });
        this._markerPane.appendChild(el);
      }
      el._item = item;
      var label = this.text(item.lists ? "cluster_list" : "cluster")
        .replace("{count}", item.count).replace("{existing}", item.existing)
        .replace("{announced}", item.announced);
      el.setAttribute("aria-label", label);
      el.classList.toggle("office-cluster-lists", item.lists);
      el.classList.toggle("office-selected", isSelected);
      el.classList.toggle("office-highlighted", isHighlighted);
      L.DomUtil.setPosition(el, L.point(at.x - size / 2, at.y - size / 2));
      el._officeAt = at;
      return el;
    },

    _ring: function (item, size) {
      var r = size / 2 - 2.5, c = size / 2, circumference = 2 * Math.PI * r;
      var svg = svgElement("svg", { "class": "office-cluster-ring", width: size, height: size, "aria-hidden": "true" });
      var share = item.existing / item.count;
      var parts = [["existing", share, 0], ["announced", 1 - share, share]];
      parts.forEach(function (part) {
        if (part[1] <= 0) { return; }
        svg.appendChild(svgElement("circle", {
          cx: c, cy: c, r: r, fill: "none", "stroke-width": 4,
          stroke: this.options.colours[part[0]] || "#666",
          "stroke-dasharray": part[1] * circumference + " " + circumference,
          "stroke-dashoffset": -part[2] * circumference,
          transform: "rotate(-90 " + c + " " + c + ")",
          "class": "office-cluster-" + part[0],
        }));
      }, this);
      return svg;
    },

    /* A click on a cluster: zoom in to where it comes apart; at the deepest zoom, where
       nothing does, list its offices instead. */
    _openCluster: function (item) {
      var map = this._map;
      if (!item) { return; }
      if (item.lists) { this._openList(item); return; }
      var origin = map.getPixelOrigin();
      var latlng = map.layerPointToLatLng(L.point(item.x, item.y).subtract(origin));
      map.setView(latlng, this._index.expansionZoom(item, map.getZoom()));
    },

    _openList: function (item) {
      var layer = this;
      var offices = this._index.officesOf(item, LIST_LIMIT);
      var box = document.createElement("div");
      box.className = "office-list";
      var heading = document.createElement("p");
      heading.className = "office-list-heading";
      heading.textContent = this.text("cluster").replace("{count}", item.count).split(":")[0];
      box.appendChild(heading);
      var list = document.createElement("ul");
      offices.forEach(function (i) {
        var row = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "office-list-office office-list-" + layer._data.ids[i];
        var status = layer._data.status[i] === "e" ? "existing" : "announced";
        button.insertAdjacentHTML("beforeend", layer.options.symbols[status] || "");
        var name = document.createElement("span");
        name.textContent = layer.name(i);
        button.appendChild(name);
        button.setAttribute("aria-label", layer.name(i) + ", " + layer.text("status_" + status));
        L.DomEvent.on(button, "click", function (event) { L.DomEvent.stop(event); layer._choose(i); });
        row.appendChild(button);
        list.appendChild(row);
      });
      box.appendChild(list);
      if (item.count > offices.length) {
        var more = document.createElement("p");
        more.className = "office-list-more";
        more.textContent = this.text("list_more").replace("{count}", item.count - offices.length);
        box.appendChild(more);
      }
      L.DomEvent.disableScrollPropagation(box);
      var origin = this._map.getPixelOrigin();
      this._list = L.popup({ className: "office-list-popup", maxHeight: 240, autoPanPadding: [12, 12] })
        .setLatLng(this._map.layerPointToLatLng(L.point(item.x, item.y).subtract(origin)))
        .setContent(box)
        .openOn(this._map);
      var first = box.querySelector("button");
      if (first) { first.focus({ preventScroll: true }); }
    },

    _closeList: function () {
      if (this._list && this._map) { this._map.closePopup(this._list); }
      this._list = null;
    },

    /* Move the map so that office "id" is seen as a marker, clear of every overlay. */
    reveal: function (id) {
      var map = this._map, i = this._byId.get(id);
      if (!map || i === undefined || !this._passes(i)) { return; }
      var zoom = map.getZoom();
      var index = this._indexFor();
      var target = index.markerZoom(i, zoom);
      var center = map.getCenter();
      var view = framing.reveal({
        point: { lat: this._data.lat[i], lon: this._data.lon[i] },
        zoom: target,
        view: { lat: center.lat, lon: center.lng, zoom: zoom },
        size: { x: map.getSize().x, y: map.getSize().y },
        overlays: this.options.overlays(),
        minZoom: map.getMinZoom(),
        maxZoom: map.getMaxZoom(),
      });
      this._naming = { id: id, steps: 3 };
      if (view) {
        map.once("moveend", this._nameSelection, this);
        map.setView([view.lat, view.lon], view.zoom, { animate: true });
      } else {
        this._nameSelection();
      }
    },

    /* Where the selected office's name found no room, zoom in on it (a step at a time, at
       most three) until it does. */
    _nameSelection: function () {
      var map = this._map, naming = this._naming;
      if (!map || !naming || naming.id !== this._selected || this._named || naming.steps <= 0
          || map.getZoom() >= map.getMaxZoom()) { return; }
      naming.steps -= 1;
      var i = this._byId.get(naming.id);
      map.once("moveend", this._nameSelection, this);
      map.setZoomAround(L.latLng(this._data.lat[i], geometry.wrapLon(this._data.lon[i], map.getCenter().lng)),
                        Math.min(map.getZoom() + 1, map.getMaxZoom()));
    },

    // -- labels --------------------------------------------------------------------------

    _labelWidth: function (i) {
      this._labelWidths = this._labelWidths || {};
      if (this._labelWidths[i] === undefined) {
        if (!this._labelFont) {
          var probe = document.createElement("div");
          probe.className = "office-label";
          probe.style.visibility = "hidden";
          this._labelPane.appendChild(probe);
          var style = window.getComputedStyle(probe);
          this._labelFont = style.fontWeight + " " + style.fontSize + " " + style.fontFamily;
          this._labelHeight = Math.ceil(parseFloat(style.lineHeight) || 16);
          this._labelPadding = (parseFloat(style.paddingLeft) || 0) + (parseFloat(style.paddingRight) || 0);
          probe.remove();
        }
        this._measure.font = this._labelFont;
        this._labelWidths[i] = Math.ceil(this._measure.measureText(this.name(i)).width + this._labelPadding) + 1;
      }
      return this._labelWidths[i];
    },

    _placeLabels: function (origin, size, selected, ringed) {
      var map = this._map;
      var self = this;
      var toScreen = function (p) { return map.layerPointToContainerPoint(p); };
      var half = this.options.symbolSize / 2;
      var obstacles = [], markers = [], shown = [];
      this._items.forEach(function (item) {
        var centre = toScreen(L.point(item.x, item.y).subtract(origin));
        if (item.kind === "cluster") {
          obstacles.push({ x: centre.x - item.r, y: centre.y - item.r, w: 2 * item.r, h: 2 * item.r });
          if (item === ringed) {
            // The cluster that shows the selected office is named for it.
            markers.push({ id: selected, x: centre.x, y: centre.y });
            shown.push({ i: selected, x: centre.x, y: centre.y, outward: null, r: item.r });
          }
          return;
        }
        item.members.forEach(function (member, k) {
          var at = toScreen(L.point(item.placed[k].x, item.placed[k].y).subtract(origin));
          obstacles.push({ x: at.x - half, y: at.y - half, w: 2 * half, h: 2 * half });
          markers.push({ id: member.i, x: at.x, y: at.y });
          if (at.x < 0 || at.y < 0 || at.x > size.x || at.y > size.y) { return; }
          var outward = item.kind === "fan" ? Math.atan2(at.y - centre.y, at.x - centre.x) : null;
          shown.push({ i: member.i, x: at.x, y: at.y, outward: outward });
        });
      });
      this.options.overlays().forEach(function (r) {
        obstacles.push({ x: r.x, y: r.y, w: r.w, h: r.h, hard: true });
      });
      var rank = this._data.rank;
      shown.sort(function (a, b) {
        return (b.i === selected) - (a.i === selected) || rank[b.i] - rank[a.i] || a.i - b.i;
      });
      var candidates = shown.slice(0, this.options.maxLabels).map(function (entry) {
        return { id: entry.i, x: entry.x, y: entry.y, w: self._labelWidth(entry.i), h: self._labelHeight,
                 r: entry.r || (entry.i === selected ? RING : half), outward: entry.outward,
                 required: entry.i === selected };
      });
      var placed = labels.place(candidates, obstacles, markers, { x: 2, y: 2, w: size.x - 4, h: size.y - 4 });
      var markerX = {};
      candidates.forEach(function (c) { markerX[c.id] = c.x; });
      var keep = new Map();
      Object.keys(placed).forEach(function (key) {
        var i = Number(key);
        var id = self._data.ids[i];
        var el = self._labels.get(id);
        if (!el) {
          el = document.createElement("div");
          el.className = "office-label office-label-" + id;
          el.setAttribute("aria-hidden", "true");  // the marker's own name says it
          self._labelPane.appendChild(el);
        }
        el.textContent = self.name(i);
        el.classList.toggle("office-label-selected", i === selected);
        var box = placed[key];
        // The box placed is the box drawn: its size set, so its centre is where placed.
        el.style.width = box.w + "px";
        el.style.height = box.h + "px";
        // A name left of its marker ends at the marker's side.
        el.style.textAlign = box.x + box.w / 2 < markerX[key] - 1 ? "right" : "left";
        L.DomUtil.setPosition(el, map.containerPointToLayerPoint([box.x, box.y]));
        keep.set(id, el);
      });
      this._labels.forEach(function (el, id) { if (!keep.has(id)) { el.remove(); } });
      this._labels = keep;
      this._named = selected >= 0 && Object.prototype.hasOwnProperty.call(placed, String(selected));
    },
  });

  L.officeLayer = function (data, options) { return new L.OfficeLayer(data, options); };

  function fontsLoaded() {
    return document.fonts && document.fonts.ready ? document.fonts.ready : Promise.resolve();
  }

  function stylesheetsLoaded() {
    var links = Array.prototype.slice.call(document.querySelectorAll('link[rel="stylesheet"]'));
    return Promise.all(links.map(function (link) {
      if (link.sheet) { return Promise.resolve(); }
      return new Promise(function (resolve) {
        link.addEventListener("load", resolve);
        link.addEventListener("error", resolve);
      });
    }));
  }
})();
