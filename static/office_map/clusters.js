/*
 * FootprintClusters: which offices the map draws as a marker, a fan or a cluster at a view,
 * on supercluster's hierarchical clusters (static/supercluster/), so that clusters nest from
 * zoom to zoom and an index is built once per dataset and filter.
 *
 * On top of supercluster's clusters at the view's whole zoom:
 * - a small cluster whose offices do not overlap at the view's own (fractional) zoom is
 *   drawn as markers at their true positions; those that do overlap fan out on a ring around
 *   their centre (a leader line points to each true position);
 * - at the deepest zoom, where nothing comes apart by zooming, a co-located group fans out
 *   up to FAN_CAP offices; a larger one stays a cluster that lists its offices;
 * - a cluster too close to its neighbours for its full size is drawn smaller; only what
 *   still overlaps then is merged for drawing, so nothing overlaps and clusters nest.
 *
 * Pure: no DOM and no Leaflet. Positions are world pixels at the view's zoom (Leaflet's
 * map.project), with longitudes taken on the world copy nearest the view's centre.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./geometry.js"), require("../supercluster/supercluster.min.js"));
  } else {
    root.FootprintClusters = factory(root.FootprintGeometry, root.Supercluster);
  }
})(typeof self !== "undefined" ? self : this, function (geometry, Supercluster) {
  "use strict";

  var DEFAULTS = {
    symbolSize: 22,    // a marker's symbol, px
    separation: 28,    // centre to centre: closer than this, two markers overlap
    radius: 72,        // supercluster's clustering radius, px at the whole zoom
    fanMax: 8,         // below the deepest zoom, a larger group is a cluster
    fanCap: 12,        // at the deepest zoom, a larger co-located group is a listing cluster
    minZoom: 0,
    maxZoom: 7,
  };

  var MIN_CLUSTER_RADIUS = 11;

  /* A cluster's radius: its area grows with the count (13 px for two, 33 for 50,000). */
  function clusterRadius(count) {
    return 11 + 4.5 * Math.log10(Math.max(count, 2)) + 1;
  }

  function fanRadius(count, separation) {
    return count < 2 ? 0 : Math.max(separation / (2 * Math.sin(Math.PI / count)), separation * 0.6);
  }

  /* Members on a ring around (cx, cy), each as near as it can be to its own bearing, so a
     fan keeps the offices' geography. Returns a position per member, in their order. */
  function fanOut(members, cx, cy, separation) {
    var count = members.length;
    if (count === 1) { return [{ x: members[0].x, y: members[0].y }]; }
    var bearing = members.map(function (m) { return Math.atan2(m.y - cy, m.x - cx); });
    var order = members.map(function (_m, i) { return i; }).sort(function (a, b) {
      return bearing[a] - bearing[b] || members[a].i - members[b].i;
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

  /* Groups of members that overlap one another at this zoom (connected components). */
  function overlapping(members, separation) {
    var group = members.map(function (_m, i) { return i; });
    function find(i) { while (group[i] !== i) { group[i] = group[group[i]]; i = group[i]; } return i; }
    for (var a = 0; a < members.length; a++) {
      for (var b = a + 1; b < members.length; b++) {
        if (Math.hypot(members[a].x - members[b].x, members[a].y - members[b].y) < separation) {
          group[find(a)] = find(b);
        }
      }
    }
    var groups = {};
    members.forEach(function (m, i) { (groups[find(i)] = groups[find(i)] || []).push(m); });
    return Object.keys(groups).map(function (key) { return groups[key]; });
  }

  function Index(data, shown, options) {
    this.options = Object.assign({}, DEFAULTS, options || {});
    this.data = data;
    this.shown = shown;
    var status = data.status;
    this.supercluster = new Supercluster({
      radius: this.options.radius,
      extent: geometry.TILE,
      minZoom: this.options.minZoom,
      maxZoom: this.options.maxZoom,
      map: function (props) { return { e: status[props.i] === "e" ? 1 : 0, a: status[props.i] === "e" ? 0 : 1 }; },
      reduce: function (sum, props) { sum.e += props.e; sum.a += props.a; },
    });
    this.supercluster.load(shown.map(function (i) {
      return { type: "Feature", properties: { i: i }, geometry: { type: "Point", coordinates: [data.lon[i], data.lat[i]] } };
    }));
  }

  /* The point of office i at a zoom, on the world copy nearest "around". */
  Index.prototype.point = function (i, zoom, around) {
    var lon = around === undefined ? this.data.lon[i] : geometry.wrapLon(this.data.lon[i], around);
    var p = geometry.project(this.data.lat[i], lon, zoom);
    return { i: i, x: p.x, y: p.y };
  };

  Index.prototype._member = function (feature, zoom, around) {
    return this.point(feature.properties.i, zoom, around);
  };

  /* What to draw in a view {west, south, east, north, zoom, around}: items
     {kind: "single" | "fan" | "cluster", x, y, r, members (single and fan: office indices),
      placed (their drawn positions), count, existing, announced, clusters (supercluster ids
      of a cluster), lists (a cluster at the deepest zoom: its offices are listed, not zoomed)}. */
  Index.prototype.layout = function (view) {
    var o = this.options;
    var zoom = view.zoom;
    var whole = Math.max(o.minZoom, Math.min(o.maxZoom, Math.floor(zoom + 1e-9)));
    var deepest = zoom >= o.maxZoom - 1e-9;
    var around = view.around;
    var self = this;
    var bbox = view.east - view.west >= 360 ? [-180, view.south, 180, view.north]
      : [view.west, view.south, view.east, view.north];
    var features = this.supercluster.getClusters(bbox, whole);
    var items = [];
    features.forEach(function (feature) {
      var props = feature.properties;
      if (!props.cluster) {
        items.push(self._single(self._member(feature, zoom, around)));
        return;
      }
      var count = props.point_count;
      if (count <= (deepest ? o.fanCap : o.fanMax)) {
        var members = self.supercluster.getLeaves(props.cluster_id, count).map(function (leaf) {
          return self._member(leaf, zoom, around);
        });
        overlapping(members, o.separation).forEach(function (group) {
          items.push(group.length === 1 ? self._single(group[0]) : self._fan(group));
        });
        return;
      }
      var coordinates = feature.geometry.coordinates;
      var lon = around === undefined ? coordinates[0] : geometry.wrapLon(coordinates[0], around);
      var p = geometry.project(coordinates[1], lon, zoom);
      items.push({
        kind: "cluster", x: p.x, y: p.y, r: clusterRadius(count), count: count,
        existing: props.e, announced: props.a, clusters: [props.cluster_id],
        members: null, placed: null, lists: deepest,
      });
    });
    return this._separate(items, deepest);
  };

  Index.prototype._single = function (member) {
    var i = member.i;
    var existing = this.data.status[i] === "e" ? 1 : 0;
    return { kind: "single", x: member.x, y: member.y, r: this.options.symbolSize / 2, count: 1,
             existing: existing, announced: 1 - existing, members: [member], placed: [{ x: member.x, y: member.y }],
             clusters: [], lists: false };
  };

  Index.prototype._fan = function (members) {
    var cx = 0, cy = 0, existing = 0, status = this.data.status;
    members.forEach(function (m) { cx += m.x; cy += m.y; existing += status[m.i] === "e" ? 1 : 0; });
    cx /= members.length;
    cy /= members.length;
    return { kind: "fan", x: cx, y: cy, count: members.length, existing: existing,
             announced: members.length - existing, members: members,
             r: fanRadius(members.length, this.options.separation) + this.options.symbolSize / 2,
             placed: fanOut(members, cx, cy, this.options.separation), clusters: [], lists: false };
  };

  /* Clusters give way first: each is drawn no larger than its neighbours leave room for
     (markers and fans keep their size); what still overlaps is merged, the larger seeding. */
  Index.prototype._separate = function (items, deepest) {
    var o = this.options;
    var gap = o.separation - o.symbolSize;
    this._shrink(items, gap);
    for (var pass = 0; pass < 12; pass++) {
      items.sort(function (a, b) { return b.count - a.count || a.x - b.x || a.y - b.y; });
      var maxR = 0;
      items.forEach(function (item) { maxR = Math.max(maxR, item.r); });
      var cell = 2 * maxR + gap;
      var grid = new Map();
      items.forEach(function (item, index) {
        var key = Math.floor(item.x / cell) + ":" + Math.floor(item.y / cell);
        (grid.get(key) || grid.set(key, []).get(key)).push(index);
      });
      var taken = new Uint8Array(items.length);
      var next = [];
      var merged = false;
      for (var index = 0; index < items.length; index++) {
        if (taken[index]) { continue; }
        taken[index] = 1;
        var item = items[index];
        var group = [item];
        var gx = Math.floor(item.x / cell), gy = Math.floor(item.y / cell);
        for (var dx = -1; dx <= 1; dx++) {
          for (var dy = -1; dy <= 1; dy++) {
            (grid.get((gx + dx) + ":" + (gy + dy)) || []).forEach(function (other) {
              if (taken[other]) { return; }
              var o2 = items[other];
              if (Math.hypot(o2.x - item.x, o2.y - item.y) < item.r + o2.r + gap) {
                taken[other] = 1;
                group.push(o2);
              }
            });
          }
        }
        if (group.length === 1) {
          next.push(item);
        } else {
          merged = true;
          next.push(this._merge(group, deepest));
        }
      }
      items = next;
      if (!merged) { break; }
    }
    return items;
  };

  Index.prototype._shrink = function (items, gap) {
    var cell = 160;
    var grid = new Map();
    items.forEach(function (item, index) {
      var key = Math.floor(item.x / cell) + ":" + Math.floor(item.y / cell);
      (grid.get(key) || grid.set(key, []).get(key)).push(index);
    });
    items.forEach(function (item) {
      if (item.kind !== "cluster") { return; }
      var room = item.r;
      var gx = Math.floor(item.x / cell), gy = Math.floor(item.y / cell);
      for (var dx = -1; dx <= 1; dx++) {
        for (var dy = -1; dy <= 1; dy++) {
          (grid.get((gx + dx) + ":" + (gy + dy)) || []).forEach(function (other) {
            var o2 = items[other];
            if (o2 === item) { return; }
            var distance = Math.hypot(o2.x - item.x, o2.y - item.y) - gap;
            // Against a marker or fan: all the rest; against a cluster: a share by size.
            var share = o2.kind === "cluster" ? distance * item.r / (item.r + o2.r) : distance - o2.r;
            room = Math.min(room, share);
          });
        }
      }
      item.r = Math.max(MIN_CLUSTER_RADIUS, room);
    });
  };

  Index.prototype._merge = function (group, deepest) {
    var o = this.options;
    var count = 0, existing = 0, x = 0, y = 0, clusters = [], members = [];
    group.forEach(function (item) {
      count += item.count;
      existing += item.existing;
      x += item.x * item.count;
      y += item.y * item.count;
      clusters = clusters.concat(item.clusters);
      if (members && item.members) { members = members.concat(item.members); } else { members = null; }
    });
    if (members && members.length <= (deepest ? o.fanCap : o.fanMax)) {
      return this._fan(members);
    }
    // Offices drawn singly or fanned before the merge keep their indices, for membership.
    var loose = [];
    group.forEach(function (item) { if (item.members) { loose = loose.concat(item.members); } });
    return { kind: "cluster", x: x / count, y: y / count, r: clusterRadius(count), count: count,
             existing: existing, announced: count - existing, clusters: clusters, members: null,
             loose: loose, placed: null, lists: deepest };
  };

  /* Whether a drawn item holds office i. */
  Index.prototype.holds = function (item, i) {
    if (item.members) { return item.members.some(function (m) { return m.i === i; }); }
    if (item.loose && item.loose.some(function (m) { return m.i === i; })) { return true; }
    var self = this;
    return item.clusters.some(function (id) { return self.clusterHolds(id, i); });
  };

  /* Whether supercluster's cluster id holds office i: a search down its children that only
     follows those near the office (a cluster's offices lie within twice the clustering
     radius of its centre, at the zoom it was made). */
  Index.prototype.clusterHolds = function (id, i, fromZoom) {
    var sc = this.supercluster;
    var zoom = fromZoom === undefined ? 0 : fromZoom;
    var target = geometry.project(this.data.lat[i], this.data.lon[i], 0);
    var reach = 2.2 * this.options.radius;
    var search = function (clusterId, z) {
      var children = sc.getChildren(clusterId);
      for (var c = 0; c < children.length; c++) {
        var child = children[c];
        if (!child.properties.cluster) {
          if (child.properties.i === i) { return true; }
          continue;
        }
        var at = geometry.project(child.geometry.coordinates[1], child.geometry.coordinates[0], 0);
        var scale = Math.pow(2, z + 1);
        if (Math.hypot((at.x - target.x) * scale, (at.y - target.y) * scale) > reach * 2) { continue; }
        if (search(child.properties.cluster_id, z + 1)) { return true; }
      }
      return false;
    };
    return search(id, zoom);
  };

  /* The offices of an item, up to limit (a listing cluster's list). */
  Index.prototype.officesOf = function (item, limit) {
    if (item.members) { return item.members.map(function (m) { return m.i; }).slice(0, limit); }
    var sc = this.supercluster;
    var found = (item.loose || []).map(function (m) { return m.i; });
    item.clusters.forEach(function (id) {
      if (found.length < limit) {
        sc.getLeaves(id, limit - found.length).forEach(function (leaf) { found.push(leaf.properties.i); });
      }
    });
    return found.slice(0, limit);
  };

  /* The zoom a click on a cluster leads to: where it comes apart (at least one step in). */
  Index.prototype.expansionZoom = function (item, zoom) {
    var sc = this.supercluster;
    var target = this.options.maxZoom;
    item.clusters.forEach(function (id) { target = Math.min(target, sc.getClusterExpansionZoom(id)); });
    return Math.min(this.options.maxZoom, Math.max(target, Math.floor(zoom) + 1));
  };

  /* The lowest zoom from "from" on at which office i is drawn as a marker (single or in a
     fan), found on supercluster's hierarchy. */
  Index.prototype.markerZoom = function (i, from) {
    var o = this.options;
    var lat = this.data.lat[i], lon = this.data.lon[i];
    for (var zoom = Math.max(o.minZoom, Math.floor(from)); zoom <= o.maxZoom; zoom++) {
      var deepest = zoom >= o.maxZoom;
      var reach = geometry.unproject(2.5 * o.radius, 0, zoom).lon + 180;  // degrees
      var bbox = [lon - reach, Math.max(-85, lat - reach), lon + reach, Math.min(85, lat + reach)];
      var features = this.supercluster.getClusters(bbox, zoom);
      for (var f = 0; f < features.length; f++) {
        var props = features[f].properties;
        if (!props.cluster) {
          if (props.i === i) { return Math.max(zoom, from); }
          continue;
        }
        if (this.clusterHolds(props.cluster_id, i, zoom)) {
          if (props.point_count <= (deepest ? o.fanCap : o.fanMax)) { return Math.max(zoom, from); }
          break;
        }
      }
    }
    return o.maxZoom;
  };

  return {
    DEFAULTS: DEFAULTS,
    clusterRadius: clusterRadius,
    fanRadius: fanRadius,
    fanOut: fanOut,
    createIndex: function (data, shown, options) { return new Index(data, shown, options); },
  };
});
