/*
 * L.OfficeLayer: offices from one data blob, drawn as DOM elements in panes of their own,
 * decluttered and labelled for the current zoom in the browser (no server round trip).
 *
 * Why not a plugin: Leaflet.markercluster clusters markers that do not overlap and fans a
 * cluster out only on click, one at a time; supercluster clusters at whole zoom levels only.
 * A locator map wants every office at its true position unless it overlaps another at the
 * current (fractional) zoom, small overlapping groups fanned out at once, and clusters only
 * where offices are too many to fan out.
 *
 * Contract (tests rely on it): an office drawn as a single point is a keyboard-focusable
 * element with the classes "office-marker office-<id> office-<status>"; a cluster is an
 * element with the class "office-cluster" that expands on click; a label is an element with
 * the classes "office-label office-label-<id>"; the element that shows the selected office
 * (its marker, or the cluster holding it) carries "office-selected".
 *
 * Every text from the data is set with textContent, never as HTML.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";

  // ---------------------------------------------------------------------------------------
  // Layout: pure functions of points in world pixels, exposed for tests as L.OfficeLayer.*
  // ---------------------------------------------------------------------------------------

  function clusterRadius(count) {
    return 13 + 5 * Math.log10(count);
  }

  function fanRadius(count, separation) {
    return count < 2 ? 0 : separation / (2 * Math.sin(Math.PI / count));
  }

  /* Members evenly on a ring around their centre, each as near as possible to its own
     bearing from the centre (so the fan keeps the offices' geography). */
  function fanOut(members, cx, cy, separation) {
    var count = members.length;
    if (count === 1) {
      return [{ x: members[0].x, y: members[0].y }];
    }
    var bearing = members.map(function (m) { return Math.atan2(m.y - cy, m.x - cx); });
    var order = members.map(function (_, i) { return i; }).sort(function (a, b) {
      return bearing[a] - bearing[b] || (members[a].id < members[b].id ? -1 : 1);
    });
    var step = (2 * Math.PI) / count;
    var sinSum = 0, cosSum = 0;
    order.forEach(function (index, slot) {
      sinSum += Math.sin(bearing[index] - slot * step);
      cosSum += Math.cos(bearing[index] - slot * step);
    });
    var start = Math.atan2(sinSum, cosSum);
    var radius = fanRadius(count, separation);
    var placed = new Array(count);
    order.forEach(function (index, slot) {
      placed[index] = {
        x: cx + radius * Math.cos(start + slot * step),
        y: cy + radius * Math.sin(start + slot * step),
      };
    });
    return placed;
  }

  function makeItem(members, options) {
    var count = members.length;
    if (count === 1) {
      var only = members[0];
      return { kind: "single", members: members, x: only.x, y: only.y, r: options.symbolSize / 2,
               placed: [{ x: only.x, y: only.y }] };
    }
    var cx = 0, cy = 0;
    members.forEach(function (m) { cx += m.x; cy += m.y; });
    cx /= count; cy /= count;
    if (count <= options.fanMax) {
      return { kind: "fan", members: members, x: cx, y: cy,
               r: fanRadius(count, options.separation) + options.symbolSize / 2,
               placed: fanOut(members, cx, cy, options.separation) };
    }
    return { kind: "cluster", members: members, x: cx, y: cy, r: clusterRadius(count), placed: null };
  }

  function seedOrder(a, b) {
    return b.members.length - a.members.length
      || b.members[0].rank - a.members[0].rank
      || (a.members[0].id < b.members[0].id ? -1 : 1);
  }

  /* Items (single markers, fans, clusters) that do not overlap one another.

     Every point starts as a single marker at its true position. While any two items
     overlap (closer than their radii plus the gap between two markers), items are merged
     greedily, largest and most important first: a merged group of up to fanMax offices is
     fanned out on a ring around its centre, a larger one becomes a cluster. A point that
     overlaps nothing is never moved. */
  function layout(points, options) {
    var gap = options.separation - options.symbolSize;
    var items = points.map(function (p) { return makeItem([p], options); });
    for (var pass = 0; pass < 64; pass++) {
      var maxR = 0;
      items.forEach(function (item) { if (item.r > maxR) { maxR = item.r; } });
      var cell = 2 * maxR + gap;
      var grid = new Map();
      items.forEach(function (item, index) {
        var key = Math.floor(item.x / cell) + ":" + Math.floor(item.y / cell);
        var bucket = grid.get(key);
        if (bucket) { bucket.push(index); } else { grid.set(key, [index]); }
      });
      var order = items.map(function (_, i) { return i; })
        .sort(function (a, b) { return seedOrder(items[a], items[b]); });
      var taken = new Uint8Array(items.length);
      var next = [];
      var merged = false;
      order.forEach(function (index) {
        if (taken[index]) { return; }
        taken[index] = 1;
        var item = items[index];
        var group = [item];
        var gx = Math.floor(item.x / cell), gy = Math.floor(item.y / cell);
        for (var dx = -1; dx <= 1; dx++) {
          for (var dy = -1; dy <= 1; dy++) {
            var bucket = grid.get((gx + dx) + ":" + (gy + dy));
            if (!bucket) { continue; }
            bucket.forEach(function (other) {
              if (taken[other]) { return; }
              var o = items[other];
              if (Math.hypot(o.x - item.x, o.y - item.y) < item.r + o.r + gap) {
                taken[other] = 1;
                group.push(o);
              }
            });
          }
        }
        if (group.length === 1) {
          next.push(item);
          return;
        }
        merged = true;
        var members = [];
        group.forEach(function (g) { members = members.concat(g.members); });
        next.push(makeItem(members, options));
      });
      items = next;
      if (!merged) { break; }
    }
    return items;
  }

  /* Boxes overlap (x, y, w, h), with a margin. */
  function overlaps(a, b, margin) {
    return a.x < b.x + b.w + margin && b.x < a.x + a.w + margin
      && a.y < b.y + b.h + margin && b.y < a.y + a.h + margin;
  }

  var DIRECTIONS = [
    // name, offset in units of the distance from the marker's centre: right first, as
    // cartographers place point labels; the corners clear a square symbol's corner
    ["E", 1, 0], ["W", -1, 0], ["NE", 1, -1], ["SE", 1, 1],
    ["NW", -1, -1], ["SW", -1, 1], ["N", 0, -1], ["S", 0, 1],
  ];

  /* Where each label goes, or nothing where it would collide.

     candidates: [{id, x, y, w, h, outward: angle or null}] in priority order (screen px);
     obstacles: boxes labels must not cover (markers, clusters, map controls);
     bounds: the visible box. Returns {id: box} for the labels placed. */
  function placeLabels(candidates, obstacles, bounds, distance) {
    var placed = {};
    var boxes = [];
    candidates.forEach(function (c) {
      var directions = DIRECTIONS.slice();
      if (c.outward !== null && c.outward !== undefined) {
        directions.sort(function (a, b) {
          return angleGap(Math.atan2(a[2], a[1]), c.outward) - angleGap(Math.atan2(b[2], b[1]), c.outward);
        });
      }
      for (var i = 0; i < directions.length; i++) {
        var ux = directions[i][1], uy = directions[i][2];
        var box = {
          x: ux > 0.1 ? c.x + ux * distance : ux < -0.1 ? c.x + ux * distance - c.w : c.x - c.w / 2,
          y: uy > 0.1 ? c.y + uy * distance : uy < -0.1 ? c.y + uy * distance - c.h : c.y - c.h / 2,
          w: c.w,
          h: c.h,
        };
        if (box.x < bounds.x || box.y < bounds.y || box.x + box.w > bounds.x + bounds.w
            || box.y + box.h > bounds.y + bounds.h) {
          continue;
        }
        var clear = true;
        for (var j = 0; j < obstacles.length && clear; j++) {
          if (overlaps(box, obstacles[j], 1)) { clear = false; }
        }
        for (var k = 0; k < boxes.length && clear; k++) {
          if (overlaps(box, boxes[k], 2)) { clear = false; }
        }
        if (clear) {
          placed[c.id] = box;
          boxes.push(box);
          return;
        }
      }
    });
    return placed;
  }

  function angleGap(a, b) {
    var d = Math.abs(a - b) % (2 * Math.PI);
    return d > Math.PI ? 2 * Math.PI - d : d;
  }

  // ---------------------------------------------------------------------------------------
  // The layer
  // ---------------------------------------------------------------------------------------

  function svgElement(name, attributes) {
    var el = document.createElementNS(SVG_NS, name);
    Object.keys(attributes).forEach(function (key) { el.setAttribute(key, attributes[key]); });
    return el;
  }

  L.OfficeLayer = L.Layer.extend({
    options: {
      symbolSize: 22,
      separation: 28,   // centre to centre: closer than this, two markers overlap
      fanMax: 8,        // a larger overlapping group becomes a cluster
      maxLabels: 400,
      lang: "en",
      // {status: SVG markup}, from the app (trusted, not data)
      symbols: {},
      // {key: {en: text, de: text}} for the texts the layer writes itself
      strings: {},
    },

    /* offices: [{id, lat, lon, status, region, names: {lang: name}, rank}] — a higher rank is
       labelled first and seeds clusters. */
    initialize: function (offices, options) {
      L.setOptions(this, options);
      this._offices = offices;
      this._byId = new Map();
      offices.forEach(function (office, index) {
        office.index = index;
        this._byId.set(office.id, office);
      }, this);
      this._filter = { status: "all", region: "all" };
      this._selected = null;
      this._highlighted = new Set();
      this._layouts = {};
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
      map.on("zoomend viewreset moveend resize", this._draw, this);
      var layer = this;
      // Until the map's stylesheets apply, positions on screen are not final: draw after.
      stylesheetsLoaded().then(function () {
        if (!layer._map) { return; }
        layer._ready = true;
        layer._markerPane.classList.remove("office-pane-waiting");
        layer._labelPane.classList.remove("office-pane-waiting");
        layer._draw();
        layer.fire("ready");
      });
    },

    onRemove: function (map) {
      map.off("zoomend viewreset moveend resize", this._draw, this);
      this._elements.forEach(function (el) { el.remove(); });
      this._labels.forEach(function (el) { el.remove(); });
      this._elements.clear();
      this._labels.clear();
      map.closeTooltip(this._tooltip);
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
      this._elements.forEach(function (el) { el.remove(); });
      this._elements.clear();
      this._labels.forEach(function (el) { el.remove(); });
      this._labels.clear();
      this._labelWidths = {};
      return this._draw();
    },

    setFilter: function (status, region) {
      if (status === this._filter.status && region === this._filter.region) { return this; }
      this._filter = { status: status || "all", region: region || "all" };
      this._layouts = {};
      return this._draw();
    },

    setHighlighted: function (ids) {
      this._highlighted = new Set(Array.isArray(ids) ? ids : []);
      return this._draw();
    },

    /* Mark the selected office; with reveal, move the map so that it shows the office as
       a marker (pan if it is out of view, zoom in if it sits in a cluster). */
    setSelected: function (id, reveal) {
      this._selected = this._byId.has(id) ? id : null;
      this._draw();
      if (this._selected && reveal && this._map && this._ready) {
        this._reveal(this._byId.get(this._selected));
      }
      return this;
    },

    selected: function () { return this._selected; },

    /* Where an office is drawn now: {kind: "single" | "fan" | "cluster", x, y, count} (the
       point of its marker, or of the cluster that holds it, in the map's container, and how
       many offices are drawn there), or null where a filter hides it. */
    whereIs: function (id) {
      var item = this._current && this._current.where[id];
      if (!item || !this._map) { return null; }
      var at = { x: item.x, y: item.y };
      if (item.placed) {
        item.members.forEach(function (member, i) { if (member.id === id) { at = item.placed[i]; } });
      }
      var origin = this._map.getPixelOrigin();
      var point = this._map.layerPointToContainerPoint([at.x - origin.x, at.y - origin.y]);
      return { kind: item.kind, x: point.x, y: point.y, count: item.members.length };
    },

    /* Whether the offices are drawn where they stay (the map's stylesheets have applied). */
    isReady: function () { return this._ready; },

    office: function (id) { return this._byId.get(id) || null; },

    name: function (office) {
      return office.names[this.options.lang] || office.names.en;
    },

    text: function (key) {
      var entry = this.options.strings[key] || {};
      return entry[this.options.lang] || entry.en || key;
    },

    shown: function (office) {
      return (this._filter.status === "all" || this._filter.status === office.status)
        && (this._filter.region === "all" || this._filter.region === office.region);
    },

    /* Bounds of the shown offices, of one region or all. */
    boundsOf: function (region) {
      var bounds = L.latLngBounds([]);
      this._offices.forEach(function (office) {
        if (this.shown(office) && (!region || region === "all" || office.region === region)) {
          bounds.extend([office.lat, office.lon]);
        }
      }, this);
      return bounds;
    },

    // -- layout and drawing ----------------------------------------------------------------

    _layoutAt: function (zoom) {
      var key = zoom.toFixed(3);
      if (!this._layouts[key]) {
        var map = this._map;
        var points = [];
        this._offices.forEach(function (office) {
          if (!this.shown(office)) { return; }
          var p = map.project([office.lat, office.lon], zoom);
          points.push({ id: office.id, x: p.x, y: p.y, rank: office.rank, office: office });
        }, this);
        // At the deepest zoom nothing can come apart by zooming: fan out every group.
        var atMax = zoom >= map.getMaxZoom() - 1e-9;
        var items = layout(points, atMax ? L.extend({}, this.options, { fanMax: Infinity }) : this.options);
        var where = {};
        items.forEach(function (item) {
          item.members.forEach(function (member) { where[member.id] = item; });
        });
        this._layouts[key] = { items: items, where: where };
      }
      return this._layouts[key];
    },

    _draw: function () {
      var map = this._map;
      if (!map || !this._ready) { return this; }
      var zoom = map.getZoom();
      var current = this._layoutAt(zoom);
      this._current = current;
      var origin = map.getPixelOrigin();
      var size = map.getSize();
      var topLeft = map.containerPointToLayerPoint([0, 0]);
      var pad = 64;
      var view = L.bounds(
        [topLeft.x - pad, topLeft.y - pad], [topLeft.x + size.x + pad, topLeft.y + size.y + pad]
      );
      var wanted = new Map();
      var self = this;
      current.items.forEach(function (item) {
        var centre = L.point(item.x - origin.x, item.y - origin.y);
        if (!view.contains(centre)) { return; }
        if (item.kind === "cluster") {
          var key = "cluster:" + item.members.map(function (m) { return m.id; }).sort()[0] + ":" + item.members.length;
          wanted.set(key, self._drawCluster(key, item, centre));
        } else {
          item.members.forEach(function (member, i) {
            var at = L.point(item.placed[i].x - origin.x, item.placed[i].y - origin.y);
            var truePoint = L.point(member.x - origin.x, member.y - origin.y);
            wanted.set("office:" + member.id, self._drawMarker(member.office, at, truePoint, item));
          });
        }
      });
      this._elements.forEach(function (el, key) {
        if (!wanted.has(key)) { el.remove(); }
      });
      this._elements = wanted;
      // What is drawn, for the legend; it may change size, so labels are placed after it.
      var drawn = { fanned: false, cluster: false, selected: false, highlighted: false };
      wanted.forEach(function (el) {
        drawn.fanned = drawn.fanned || !!el.querySelector(".office-leader");
        drawn.cluster = drawn.cluster || el.classList.contains("office-cluster");
        drawn.selected = drawn.selected || el.classList.contains("office-selected");
        drawn.highlighted = drawn.highlighted || el.classList.contains("office-highlighted");
      });
      this.fire("drawn", drawn);
      this._placeLabels(origin, topLeft, size);
      return this;
    },

    _drawMarker: function (office, at, truePoint, item) {
      var key = "office:" + office.id;
      var el = this._elements.get(key);
      var half = this.options.symbolSize / 2;
      if (!el) {
        el = document.createElement("div");
        el.className = "office-marker office-" + office.id + " office-" + office.status;
        el.setAttribute("role", "button");
        el.tabIndex = 0;
        el.style.width = el.style.height = this.options.symbolSize + "px";
        el.insertAdjacentHTML("beforeend", this.options.symbols[office.status] || "");
        this._bindMarker(el, office);
        this._markerPane.appendChild(el);
      }
      el.setAttribute("aria-label", this.name(office) + ", " + this.text("status_" + office.status));
      el.classList.toggle("office-selected", office.id === this._selected);
      el.classList.toggle("office-highlighted", this._highlighted.has(office.id));
      el.classList.toggle("office-fanned", item.kind === "fan");
      el.setAttribute("aria-pressed", office.id === this._selected ? "true" : "false");
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

    _bindMarker: function (el, office) {
      var layer = this;
      L.DomEvent.disableClickPropagation(el);
      L.DomEvent.on(el, "click", function (event) {
        L.DomEvent.stop(event);
        layer._choose(office);
      });
      L.DomEvent.on(el, "keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          L.DomEvent.stop(event);
          layer._choose(office);
        }
      });
      L.DomEvent.on(el, "mouseenter focus", function () { layer._showTooltip(office, el._officeAt); });
      L.DomEvent.on(el, "mouseleave blur", function () { layer._map.closeTooltip(layer._tooltip); });
    },

    _choose: function (office) {
      this._selected = office.id;
      this._draw();
      this.fire("officeclick", { id: office.id });
    },

    _showTooltip: function (office, at) {
      var content = document.createElement("span");
      content.textContent = this.name(office);
      this._tooltip.setContent(content);
      this._tooltip.setLatLng(this._map.layerPointToLatLng(at));
      this._map.openTooltip(this._tooltip);
    },

    _drawCluster: function (key, item, centre) {
      var el = this._elements.get(key);
      var size = Math.round(item.r * 2);
      if (!el) {
        el = document.createElement("div");
        el.className = "office-cluster";
        el.setAttribute("role", "button");
        el.tabIndex = 0;
        el.style.width = el.style.height = size + "px";
        var count = document.createElement("span");
        count.textContent = String(item.members.length);
        el.appendChild(count);
        var layer = this;
        L.DomEvent.disableClickPropagation(el);
        var expand = function (event) {
          L.DomEvent.stop(event);
          layer._expand(item);
        };
        L.DomEvent.on(el, "click", expand);
        L.DomEvent.on(el, "keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") { expand(event); }
        });
        this._markerPane.appendChild(el);
      }
      el.setAttribute("aria-label", this.text("cluster").replace("{count}", item.members.length));
      var holdsSelected = item.members.some(function (m) { return m.id === this._selected; }, this);
      el.classList.toggle("office-selected", holdsSelected);
      el.classList.toggle("office-highlighted",
        item.members.some(function (m) { return this._highlighted.has(m.id); }, this));
      L.DomUtil.setPosition(el, L.point(centre.x - size / 2, centre.y - size / 2));
      el._officeAt = centre;
      return el;
    },

    /* Zoom in on a cluster: to fit its offices, and at least one step. */
    _expand: function (item) {
      var map = this._map;
      var bounds = L.latLngBounds(item.members.map(function (m) { return [m.office.lat, m.office.lon]; }));
      var fit = Math.min(map.getBoundsZoom(bounds, false, L.point(60, 60)), map.getMaxZoom());
      map.setView(bounds.getCenter(), Math.max(fit, Math.min(map.getZoom() + 1, map.getMaxZoom())));
    },

    /* The lowest zoom from "from" on at which an office is a marker, not in a cluster
       (whole steps: each is a layout of every office). */
    _zoomShowing: function (office, from) {
      var map = this._map;
      var zoom = from;
      while (true) {
        var item = this._layoutAt(zoom).where[office.id];
        if ((item && item.kind !== "cluster") || zoom >= map.getMaxZoom()) { return zoom; }
        zoom = Math.min(Math.floor(zoom) + 1, map.getMaxZoom());
      }
    },

    _reveal: function (office) {
      var map = this._map;
      var zoom = this._zoomShowing(office, map.getZoom());
      var item = this._layoutAt(zoom).where[office.id];
      if (!item) { return; }  // filtered out: nothing to show
      var at = { x: item.x, y: item.y };
      item.members.forEach(function (member, i) {
        if (member.id === office.id && item.placed) { at = item.placed[i]; }
      });
      var latlng = map.unproject(L.point(at.x, at.y), zoom);
      if (zoom === map.getZoom()) {
        var inner = map.getBounds().pad(-0.08);
        if (!inner.contains(latlng)) { map.panTo(latlng, { animate: true }); }
      } else {
        map.setView(latlng, zoom, { animate: true });
      }
    },

    // -- labels --------------------------------------------------------------------------

    _labelWidth: function (office) {
      this._labelWidths = this._labelWidths || {};
      var key = office.id;
      if (this._labelWidths[key] === undefined) {
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
        this._labelWidths[key] = Math.ceil(this._measure.measureText(this.name(office)).width + this._labelPadding) + 1;
      }
      return this._labelWidths[key];
    },

    _placeLabels: function (origin, topLeft, size) {
      var map = this._map;
      var self = this;
      var toScreen = function (p) { return { x: p.x - topLeft.x, y: p.y - topLeft.y }; };
      var half = this.options.symbolSize / 2;
      var obstacles = [];
      var candidates = [];
      this._elements.forEach(function (el, key) {
        var at = toScreen(el._officeAt);
        if (key.indexOf("cluster:") === 0) {
          var r = el.offsetWidth / 2;
          obstacles.push({ x: at.x - r, y: at.y - r, w: 2 * r, h: 2 * r });
          return;
        }
        obstacles.push({ x: at.x - half, y: at.y - half, w: 2 * half, h: 2 * half });
      });
      // Map controls (zoom, layers, legend) are obstacles too.
      var box = map.getContainer().getBoundingClientRect();
      map.getContainer().querySelectorAll(".leaflet-control").forEach(function (control) {
        var r = control.getBoundingClientRect();
        if (r.width && r.height) {
          obstacles.push({ x: r.left - box.left, y: r.top - box.top, w: r.width, h: r.height });
        }
      });
      var shown = [];
      this._current.items.forEach(function (item) {
        if (item.kind === "cluster") { return; }
        item.members.forEach(function (member, i) {
          var at = toScreen({ x: item.placed[i].x - origin.x, y: item.placed[i].y - origin.y });
          if (at.x < 0 || at.y < 0 || at.x > size.x || at.y > size.y) { return; }
          shown.push({ member: member, at: at, item: item, i: i });
        });
      });
      shown.sort(function (a, b) {
        var sa = a.member.id === self._selected ? 1 : 0, sb = b.member.id === self._selected ? 1 : 0;
        return sb - sa || b.member.rank - a.member.rank || (a.member.id < b.member.id ? -1 : 1);
      });
      shown.slice(0, this.options.maxLabels).forEach(function (entry) {
        var office = entry.member.office;
        var outward = null;
        if (entry.item.kind === "fan") {
          var c = toScreen({ x: entry.item.x - origin.x, y: entry.item.y - origin.y });
          outward = Math.atan2(entry.at.y - c.y, entry.at.x - c.x);
        }
        candidates.push({ id: office.id, x: entry.at.x, y: entry.at.y, w: self._labelWidth(office),
                          h: self._labelHeight, outward: outward });
      });
      var placed = placeLabels(candidates, obstacles, { x: 2, y: 2, w: size.x - 4, h: size.y - 4 }, half + 3);
      var keep = new Map();
      Object.keys(placed).forEach(function (id) {
        var office = self._byId.get(id);
        var el = self._labels.get(id);
        if (!el) {
          el = document.createElement("div");
          el.className = "office-label office-label-" + id;
          el.setAttribute("aria-hidden", "true");  // the marker's own name says it
          self._labelPane.appendChild(el);
        }
        el.textContent = self.name(office);
        el.classList.toggle("office-label-selected", id === self._selected);
        var at = placed[id];
        L.DomUtil.setPosition(el, L.point(at.x + topLeft.x, at.y + topLeft.y));
        keep.set(id, el);
      });
      this._labels.forEach(function (el, id) { if (!keep.has(id)) { el.remove(); } });
      this._labels = keep;
    },
  });

  L.officeLayer = function (offices, options) { return new L.OfficeLayer(offices, options); };
  L.OfficeLayer.layout = layout;
  L.OfficeLayer.placeLabels = placeLabels;
  /* The app's compact rows [id, lat, lon, status, region, English name, {lang: name} where
     another language differs (or null), rank] as office objects. */
  L.OfficeLayer.fromData = function (data) {
    return data.offices.map(function (row) {
      return {
        id: row[0], lat: row[1], lon: row[2], status: row[3], region: row[4],
        names: Object.assign({ en: row[5] }, row[6] || {}), rank: row[7],
      };
    });
  };

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
