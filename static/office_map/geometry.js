/*
 * FootprintGeometry: Web Mercator as Leaflet draws it (EPSG:3857, 256-pixel tiles), and the
 * longitude arithmetic a world map needs at the antimeridian. Pure functions, no DOM and no
 * Leaflet: the same file runs in the page (a global) and in Node's tests (a module).
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.FootprintGeometry = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var TILE = 256;
  var MAX_LATITUDE = 85.0511287798;  // Leaflet's SphericalMercator.MAX_LATITUDE

  function worldSize(zoom) {
    return TILE * Math.pow(2, zoom);
  }

  function clamp(value, low, high) {
    return Math.max(low, Math.min(high, value));
  }

  /* World pixels at a zoom, as Leaflet's map.project(latlng, zoom) gives them. */
  function project(lat, lon, zoom) {
    var size = worldSize(zoom);
    var sin = Math.sin(clamp(lat, -MAX_LATITUDE, MAX_LATITUDE) * Math.PI / 180);
    return {
      x: size * (lon + 180) / 360,
      y: size * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)),
    };
  }

  /* The inverse of project. */
  function unproject(x, y, zoom) {
    var size = worldSize(zoom);
    var n = Math.PI - 2 * Math.PI * y / size;
    return {
      lat: 180 / Math.PI * Math.atan(Math.sinh(n)),
      lon: x / size * 360 - 180,
    };
  }

  /* The longitude of the same meridian nearest to "around" (lon ± 360°). */
  function wrapLon(lon, around) {
    return lon + 360 * Math.round((around - lon) / 360);
  }

  /* The interval of longitudes that holds them all: {west, east}, east >= west. Across the
     antimeridian (east past 180) where that is clearly shorter than from the westernmost to
     the easternmost (offices in Fiji and Samoa), else the familiar way round (a world-wide
     footprint stays centred on the Atlantic). */
  function coverLongitudes(lons) {
    if (!lons.length) { return null; }
    var sorted = lons.map(function (lon) { return ((lon + 180) % 360 + 360) % 360 - 180; })
      .sort(function (a, b) { return a - b; });
    var gap = sorted[0] + 360 - sorted[sorted.length - 1];
    var after = 0;  // the widest gap ends before this index
    for (var i = 1; i < sorted.length; i++) {
      if (sorted[i] - sorted[i - 1] > gap) {
        gap = sorted[i] - sorted[i - 1];
        after = i;
      }
    }
    var plain = { west: sorted[0], east: sorted[sorted.length - 1] };
    if (after === 0) { return plain; }
    var across = { west: sorted[after], east: sorted[after - 1] + 360 };
    return across.east - across.west < 0.8 * (plain.east - plain.west) ? across : plain;
  }

  /* The bounds of points [{lat, lon}] on the circle: {south, north, west, east}. */
  function boundsOf(points) {
    if (!points.length) { return null; }
    var lons = coverLongitudes(points.map(function (p) { return p.lon; }));
    var south = Infinity, north = -Infinity;
    points.forEach(function (p) {
      south = Math.min(south, p.lat);
      north = Math.max(north, p.lat);
    });
    return { south: south, north: north, west: lons.west, east: lons.east };
  }

  function overlaps(a, b, margin) {
    var m = margin || 0;
    return a.x < b.x + b.w + m && b.x < a.x + a.w + m && a.y < b.y + b.h + m && b.y < a.y + a.h + m;
  }

  return {
    TILE: TILE,
    MAX_LATITUDE: MAX_LATITUDE,
    worldSize: worldSize,
    clamp: clamp,
    project: project,
    unproject: unproject,
    wrapLon: wrapLon,
    coverLongitudes: coverLongitudes,
    boundsOf: boundsOf,
    overlaps: overlaps,
  };
});
