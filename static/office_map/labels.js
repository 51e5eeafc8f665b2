/*
 * FootprintLabels: where each office's name goes beside its marker, or nowhere.
 *
 * A name is tried in eight positions around its marker (right first, as cartographers
 * place point labels; a fanned marker's outward side first) and takes the first that lies
 * inside the map, covers no marker, cluster, control or legend, overlaps no name placed
 * before it, and stays attached: the marker nearest the name's centre is its own, and the
 * name's edge is within reach of it. Names are placed in priority order; the selected
 * office's name is placed first and always, if need be over other markers (never under a
 * control). Pure: boxes in container pixels.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./geometry.js"));
  } else {
    root.FootprintLabels = factory(root.FootprintGeometry);
  }
})(typeof self !== "undefined" ? self : this, function (geometry) {
  "use strict";

  var REACH = 30;  // px from a marker's centre to its name's nearest edge, at the most
  var CLEAR = 3;   // px by which every other marker is farther from a name's centre
  var DIRECTIONS = [
    ["E", 1, 0], ["W", -1, 0], ["NE", 1, -1], ["SE", 1, 1],
    ["NW", -1, -1], ["SW", -1, 1], ["N", 0, -1], ["S", 0, 1],
  ];

  function angleGap(a, b) {
    var d = Math.abs(a - b) % (2 * Math.PI);
    return d > Math.PI ? 2 * Math.PI - d : d;
  }

  /* The distance from a point to a box's nearest edge (0 inside). */
  function toBox(x, y, box) {
    var dx = Math.max(box.x - x, 0, x - (box.x + box.w));
    var dy = Math.max(box.y - y, 0, y - (box.y + box.h));
    return Math.hypot(dx, dy);
  }

  function Grid(points, cell) {
    this.cell = cell;
    this.buckets = new Map();
    points.forEach(function (p) {
      var key = Math.floor(p.x / cell) + ":" + Math.floor(p.y / cell);
      (this.buckets.get(key) || this.buckets.set(key, []).get(key)).push(p);
    }, this);
  }

  Grid.prototype.near = function (x, y, radius) {
    var found = [];
    var c = this.cell;
    for (var gx = Math.floor((x - radius) / c); gx <= Math.floor((x + radius) / c); gx++) {
      for (var gy = Math.floor((y - radius) / c); gy <= Math.floor((y + radius) / c); gy++) {
        (this.buckets.get(gx + ":" + gy) || []).forEach(function (p) { found.push(p); });
      }
    }
    return found;
  };

  function boxAt(c, ux, uy, distance) {
    return {
      x: ux > 0.1 ? c.x + ux * distance : ux < -0.1 ? c.x + ux * distance - c.w : c.x - c.w / 2,
      y: uy > 0.1 ? c.y + uy * distance : uy < -0.1 ? c.y + uy * distance - c.h : c.y - c.h / 2,
      w: c.w,
      h: c.h,
    };
  }

  /* Place names. candidates: [{id, x, y, w, h, r, outward, required}] in priority order
     (x, y: the marker's centre; r: its radius; outward: a fanned marker's bearing, or null);
     obstacles: [{x, y, w, h, hard}] (markers and clusters; hard: controls and the legend,
     never covered); markers: [{id, x, y}] every office drawn as a marker; bounds: {x, y, w,
     h}. Returns {id: box}. */
  function place(candidates, obstacles, markers, bounds, options) {
    var reach = (options && options.reach) || REACH;
    var placed = {};
    var boxes = [];
    var markerGrid = new Grid(markers, 64);
    var obstacleGrid = new Grid(obstacles.map(function (o) {
      return { x: o.x + o.w / 2, y: o.y + o.h / 2, box: o };
    }), 128);
    var maxObstacle = obstacles.reduce(function (m, o) { return Math.max(m, o.w, o.h); }, 0);

    function inBounds(box) {
      return box.x >= bounds.x && box.y >= bounds.y && box.x + box.w <= bounds.x + bounds.w
        && box.y + box.h <= bounds.y + bounds.h;
    }

    function attached(c, box) {
      var cx = box.x + box.w / 2, cy = box.y + box.h / 2;
      var own = Math.hypot(cx - c.x, cy - c.y);
      if (toBox(c.x, c.y, box) > reach) { return false; }
      return markerGrid.near(cx, cy, own + CLEAR).every(function (m) {
        return m.id === c.id || Math.hypot(cx - m.x, cy - m.y) > own + CLEAR;
      });
    }

    function hits(box, hardOnly) {
      var near = obstacleGrid.near(box.x + box.w / 2, box.y + box.h / 2, maxObstacle + Math.max(box.w, box.h));
      for (var i = 0; i < near.length; i++) {
        var o = near[i].box;
        if ((!hardOnly || o.hard) && geometry.overlaps(box, o, 1)) { return true; }
      }
      return false;
    }

    candidates.forEach(function (c) {
      var directions = DIRECTIONS.slice();
      if (c.outward !== null && c.outward !== undefined) {
        directions.sort(function (a, b) {
          return angleGap(Math.atan2(a[2], a[1]), c.outward) - angleGap(Math.atan2(b[2], b[1]), c.outward);
        });
      }
      var distance = (c.r || 11) + 3;
      var fallback = null;
      for (var i = 0; i < directions.length; i++) {
        var box = boxAt(c, directions[i][1], directions[i][2], distance);
        if (!inBounds(box) || !attached(c, box) || hits(box, true)) { continue; }
        var clearOfLabels = boxes.every(function (b) { return !geometry.overlaps(box, b, 2); });
        if (clearOfLabels && !hits(box, false)) {
          placed[c.id] = box;
          boxes.push(box);
          return;
        }
        if (c.required && !fallback) { fallback = box; }
      }
      if (c.required && fallback) {
        placed[c.id] = fallback;
        boxes.push(fallback);
      }
    });
    return placed;
  }

  return { REACH: REACH, place: place, toBox: toBox };
});
