/*
 * FootprintFraming: the one function that decides what the map frames. From the offices
 * shown, the selection, the map's size and the rectangles of what lies over it (controls,
 * legend, a details card), it returns a centre and a zoom at which every office shown is in
 * the frame and clear of every overlay, the selection too, across the antimeridian.
 *
 * Pure: no DOM and no Leaflet; sizes and rectangles in the map's container pixels.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./geometry.js"));
  } else {
    root.FootprintFraming = factory(root.FootprintGeometry);
  }
})(typeof self !== "undefined" ? self : this, function (geometry) {
  "use strict";

  var DEFAULTS = {
    snap: 0.25,         // Leaflet's zoomSnap
    margin: 30,         // room around a framed office: its symbol, ring and some label
    ring: 19,           // the least room around a selected office: its ring and a halo
    singleZoom: 5,      // one office alone (or one place) is shown at this zoom
    maxFitZoom: 6,      // a group is never framed closer than this
    minZoom: 0,
    maxZoom: 7,
  };

  function snapDown(zoom, snap) { return Math.floor(zoom / snap + 1e-9) * snap; }
  function snapUp(zoom, snap) { return Math.ceil(zoom / snap - 1e-9) * snap; }

  /* The zoom at which the world fills a map "width" pixels wide (snapped up). */
  function worldZoom(width, snap) {
    return snapUp(Math.log2(Math.max(width, 1) / geometry.TILE), snap || DEFAULTS.snap);
  }

  /* The part of the map no overlay covers: each overlay takes the side it costs least to
     give up (a tall bar in a corner takes its side, a wide legend the bottom). Returns
     {left, top, right, bottom} in container pixels. */
  function freeArea(size, overlays) {
    var free = { left: 0, top: 0, right: size.x, bottom: size.y };
    (overlays || []).forEach(function (r) {
      if (r.w <= 0 || r.h <= 0 || r.x >= size.x || r.y >= size.y || r.x + r.w <= 0 || r.y + r.h <= 0) {
        return;
      }
      var costs = [
        ["top", (r.y + r.h) / size.y],
        ["bottom", (size.y - r.y) / size.y],
        ["left", (r.x + r.w) / size.x],
        ["right", (size.x - r.x) / size.x],
      ].sort(function (a, b) { return a[1] - b[1]; });
      var side = costs[0][0];
      if (side === "top") { free.top = Math.max(free.top, r.y + r.h); }
      if (side === "bottom") { free.bottom = Math.min(free.bottom, r.y); }
      if (side === "left") { free.left = Math.max(free.left, r.x + r.w); }
      if (side === "right") { free.right = Math.min(free.right, r.x); }
    });
    return free;
  }

  /* The free area less a margin (the margin shrinks where the area is small). */
  function inner(size, overlays, margin) {
    var free = freeArea(size, overlays);
    var m = Math.max(0, Math.min(margin, (free.right - free.left) / 4, (free.bottom - free.top) / 4));
    return { left: free.left + m, top: free.top + m, right: free.right - m, bottom: free.bottom - m };
  }

  function viewAt(centerPx, zoom) {
    var c = geometry.unproject(centerPx.x, centerPx.y, zoom);
    return { lat: c.lat, lon: c.lon, zoom: zoom };
  }

  /* Frame {points: [{lat, lon}], selected: {lat, lon} | null, size: {x, y}, overlays:
     [{x, y, w, h}], minZoom, maxZoom, ...}: the view {lat, lon, zoom}, or null where the map
     has no size yet or there is nothing to frame. */
  function frame(input) {
    var o = Object.assign({}, DEFAULTS, input);
    var size = o.size;
    if (!size || size.x <= 0 || size.y <= 0) { return null; }
    var points = (o.points || []).slice();
    if (o.selected) { points.push(o.selected); }
    if (!points.length) { return null; }
    var bounds = geometry.boundsOf(points);
    var box = inner(size, o.overlays, o.margin);
    var width = box.right - box.left, height = box.bottom - box.top;
    var nw = geometry.project(bounds.north, bounds.west, 0);
    var se = geometry.project(bounds.south, bounds.east, 0);
    var w0 = se.x - nw.x, h0 = se.y - nw.y;
    var zoom;
    if (w0 < 1e-9 && h0 < 1e-9) {
      zoom = o.singleZoom;
    } else {
      var fit = Math.min(w0 > 1e-9 ? width / w0 : Infinity, h0 > 1e-9 ? height / h0 : Infinity);
      zoom = Math.min(snapDown(Math.log2(fit), o.snap), o.maxFitZoom);
    }
    zoom = geometry.clamp(zoom, o.minZoom, o.maxZoom);
    var scale = Math.pow(2, zoom);
    var boundsCenter = { x: (nw.x + se.x) / 2 * scale, y: (nw.y + se.y) / 2 * scale };
    // Put the bounds' centre at the free area's centre.
    var center = {
      x: boundsCenter.x + size.x / 2 - (box.left + box.right) / 2,
      y: boundsCenter.y + size.y / 2 - (box.top + box.bottom) / 2,
    };
    if (o.selected) {
      center = keepInside(o.selected, center, zoom, size, inner(size, o.overlays, o.ring));
    }
    return viewAt(center, zoom);
  }

  /* The view's centre moved the least so that "point" lies inside "box" (container px). */
  function keepInside(point, center, zoom, size, box) {
    var centerLon = geometry.unproject(center.x, center.y, zoom).lon;
    var p = geometry.project(point.lat, geometry.wrapLon(point.lon, centerLon), zoom);
    var at = { x: p.x - center.x + size.x / 2, y: p.y - center.y + size.y / 2 };
    var dx = 0, dy = 0;
    if (at.x < box.left) { dx = at.x - box.left; } else if (at.x > box.right) { dx = at.x - box.right; }
    if (at.y < box.top) { dy = at.y - box.top; } else if (at.y > box.bottom) { dy = at.y - box.bottom; }
    if (box.right < box.left) { dx = at.x - (box.left + box.right) / 2; }
    if (box.bottom < box.top) { dy = at.y - (box.top + box.bottom) / 2; }
    return { x: center.x + dx, y: center.y + dy };
  }

  /* Where to move so that a selected office is seen as a marker clear of every overlay:
     {point: {lat, lon}, zoom: the zoom at which it is a marker, view: {lat, lon, zoom} (now),
     size, overlays, margin}. Returns the new view, or null where it is already in sight. */
  function reveal(input) {
    var o = Object.assign({}, DEFAULTS, input);
    var size = o.size;
    if (!size || size.x <= 0 || size.y <= 0) { return null; }
    var box = inner(size, o.overlays, o.ring);
    var now = o.view;
    var zoom = Math.max(now.zoom, o.zoom);
    var point = { lat: o.point.lat, lon: geometry.wrapLon(o.point.lon, now.lon) };
    if (zoom !== now.zoom) {
      var p = geometry.project(point.lat, point.lon, zoom);
      var center = {
        x: p.x + size.x / 2 - (box.left + box.right) / 2,
        y: p.y + size.y / 2 - (box.top + box.bottom) / 2,
      };
      return viewAt(center, zoom);
    }
    var c = geometry.project(now.lat, now.lon, zoom);
    var moved = keepInside(point, c, zoom, size, box);
    if (Math.abs(moved.x - c.x) < 0.5 && Math.abs(moved.y - c.y) < 0.5) { return null; }
    return viewAt(moved, zoom);
  }

  /* Where a point is drawn in a view, in container pixels (the world copy nearest the
     view's centre). */
  function toContainer(point, view, size) {
    var c = geometry.project(view.lat, view.lon, view.zoom);
    var p = geometry.project(point.lat, geometry.wrapLon(point.lon, view.lon), view.zoom);
    return { x: p.x - c.x + size.x / 2, y: p.y - c.y + size.y / 2 };
  }

  return {
    DEFAULTS: DEFAULTS,
    worldZoom: worldZoom,
    freeArea: freeArea,
    inner: inner,
    frame: frame,
    reveal: reveal,
    toContainer: toContainer,
  };
});
