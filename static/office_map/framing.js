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
    tight: 16,          // the least room around a framed office: its symbol
    ring: 19,           // the least room around a selected office: its ring and a halo
    belowWorld: 0.5,    // how far below the zoom that fills the width the map may go
    singleZoom: 4,      // one office alone (or one place) is shown at this zoom
    maxFitZoom: 4,      // a group is never framed closer than this (its region in view)
    minZoom: 0,
    maxZoom: 7,
  };

  function snapDown(zoom, snap) { return Math.floor(zoom / snap + 1e-9) * snap; }
  function snapUp(zoom, snap) { return Math.ceil(zoom / snap - 1e-9) * snap; }

  /* The zoom at which the world fills a map "width" pixels wide (snapped up). */
  function worldZoom(width, snap) {
    return snapUp(Math.log2(Math.max(width, 1) / geometry.TILE), snap || DEFAULTS.snap);
  }

  /* What giving up each side to an overlay costs, as a share of the map: [side, cost],
     cheapest first. */
  function sideCosts(size, r) {
    return [
      ["top", (r.y + r.h) / size.y],
      ["bottom", (size.y - r.y) / size.y],
      ["left", (r.x + r.w) / size.x],
      ["right", (size.x - r.x) / size.x],
    ].sort(function (a, b) { return a[1] - b[1]; });
  }

  function onMap(size, r) {
    return r.w > 0 && r.h > 0 && r.x < size.x && r.y < size.y && r.x + r.w > 0 && r.y + r.h > 0;
  }

  /* The free area when each overlay gives up the side "sides" names for it. */
  function freeWith(size, overlays, sides) {
    var free = { left: 0, top: 0, right: size.x, bottom: size.y };
    overlays.forEach(function (r, index) {
      var side = sides[index];
      if (side === "top") { free.top = Math.max(free.top, r.y + r.h); }
      if (side === "bottom") { free.bottom = Math.min(free.bottom, r.y); }
      if (side === "left") { free.left = Math.max(free.left, r.x + r.w); }
      if (side === "right") { free.right = Math.min(free.right, r.x); }
    });
    return free;
  }

  /* The part of the map no overlay covers, each overlay taking the side it costs least to
     give up (a tall bar in a corner its side, a wide legend the bottom). Returns {left,
     top, right, bottom} in container pixels. */
  function freeArea(size, overlays) {
    var shown = (overlays || []).filter(function (r) { return onMap(size, r); });
    return freeWith(size, shown, shown.map(function (r) { return sideCosts(size, r)[0][0]; }));
  }

  /* Every free area worth trying: each overlay gives up one of its two cheapest sides. */
  function freeAreas(size, overlays) {
    var shown = (overlays || []).filter(function (r) { return onMap(size, r); });
    var choices = shown.map(function (r) { return sideCosts(size, r).slice(0, 2).map(function (c) { return c[0]; }); });
    var areas = [];
    var count = Math.pow(2, choices.length);
    for (var combo = 0; combo < count; combo++) {
      var sides = choices.map(function (pair, index) { return pair[(combo >> index) & 1]; });
      areas.push(freeWith(size, shown, sides));
    }
    return areas;
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

  function shrink(free, margin) {
    var m = Math.max(0, Math.min(margin, (free.right - free.left) / 4, (free.bottom - free.top) / 4));
    return { left: free.left + m, top: free.top + m, right: free.right - m, bottom: free.bottom - m };
  }

  /* The highest zoom at which a span of w0 x h0 (world pixels at zoom 0) fits in a box. */
  function fitZoom(w0, h0, box, o) {
    var width = box.right - box.left, height = box.bottom - box.top;
    if (width <= 0 || height <= 0) { return -Infinity; }
    if (w0 < 1e-9 && h0 < 1e-9) { return o.singleZoom; }
    var fit = Math.min(w0 > 1e-9 ? width / w0 : Infinity, h0 > 1e-9 ? height / h0 : Infinity);
    return Math.min(snapDown(Math.log2(fit), o.snap), w0 < 1e-9 && h0 < 1e-9 ? o.singleZoom : o.maxFitZoom);
  }

  /* Frame {points: [{lat, lon}], selected: {lat, lon} | null, size: {x, y}, overlays:
     [{x, y, w, h}], minZoom, maxZoom, ...}: the view {lat, lon, zoom}, or null where the map
     has no size yet or there is nothing to frame.

     Every way the overlays can give up their sides is tried, and the one that frames the
     offices closest wins. Where the world just fills the width (minZoom) the offices fit
     with a smaller margin, that zoom is taken; where they fit nowhere at it, the map may
     show the world a little smaller (down to half a zoom step below), rather than hide an
     office under a control. */
  function frame(input) {
    var o = Object.assign({}, DEFAULTS, input);
    var size = o.size;
    if (!size || size.x <= 0 || size.y <= 0) { return null; }
    var points = (o.points || []).slice();
    if (o.selected) { points.push(o.selected); }
    if (!points.length) { return null; }
    var bounds = geometry.boundsOf(points);
    var nw = geometry.project(bounds.north, bounds.west, 0);
    var se = geometry.project(bounds.south, bounds.east, 0);
    var w0 = se.x - nw.x, h0 = se.y - nw.y;
    var floor = Math.max(0, o.minZoom - o.belowWorld);
    var best = null;
    freeAreas(size, o.overlays).forEach(function (free) {
      var zoom = fitZoom(w0, h0, shrink(free, o.margin), o);
      if (zoom < o.minZoom) {
        var tight = fitZoom(w0, h0, shrink(free, o.tight), o);
        zoom = tight >= o.minZoom ? o.minZoom : Math.max(tight, floor);
      }
      zoom = geometry.clamp(zoom, floor, o.maxZoom);
      var area = (free.right - free.left) * (free.bottom - free.top);
      if (!best || zoom > best.zoom || (zoom === best.zoom && area > best.area)) {
        best = { zoom: zoom, area: area, free: free };
      }
    });
    var zoom = best.zoom, free = best.free;
    var scale = Math.pow(2, zoom);
    var boundsCenter = { x: (nw.x + se.x) / 2 * scale, y: (nw.y + se.y) / 2 * scale };
    // Put the bounds' centre at the free area's centre.
    var center = {
      x: boundsCenter.x + size.x / 2 - (free.left + free.right) / 2,
      y: boundsCenter.y + size.y / 2 - (free.top + free.bottom) / 2,
    };
    if (o.selected) {
      center = keepInside(o.selected, center, zoom, size, shrink(free, o.ring));
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
    freeAreas: freeAreas,
    inner: inner,
    frame: frame,
    reveal: reveal,
    toContainer: toContainer,
  };
});
