/* A view of the map as the layer has one: its box in degrees, and container pixels. */
"use strict";

const geometry = require("../../static/office_map/geometry.js");

/* The box {west, east, south, north, zoom, around} a map of "size" shows at a centre. */
function viewBox(center, zoom, size, pad = 64) {
  const c = geometry.project(center.lat, center.lon, zoom);
  const nw = geometry.unproject(c.x - size.x / 2 - pad, c.y - size.y / 2 - pad, zoom);
  const se = geometry.unproject(c.x + size.x / 2 + pad, c.y + size.y / 2 + pad, zoom);
  return { west: nw.lon, east: se.lon, north: Math.min(nw.lat, 90), south: Math.max(se.lat, -90),
           zoom, around: center.lon };
}

/* A world pixel (at the view's zoom) in container pixels. */
function toContainer(point, center, zoom, size) {
  const c = geometry.project(center.lat, center.lon, zoom);
  return { x: point.x - c.x + size.x / 2, y: point.y - c.y + size.y / 2 };
}

/* The map sizes the app and the published page give the map, and what lies over it there:
   Leaflet's zoom bar (top left), the layers button (top right), the legend (bottom left)
   and the attribution (bottom right). */
const VIEWPORTS = {
  "phone 390x844 (app)": { x: 358, y: 580, legend: { w: 170, h: 96 } },
  "phone 390x844 (published)": { x: 390, y: 520, legend: { w: 170, h: 96 } },
  "600x400 (published)": { x: 600, y: 290, legend: { w: 190, h: 100 } },
  "600x400 with details (published)": { x: 348, y: 290, legend: { w: 170, h: 96 } },
  "1400x900 (app)": { x: 760, y: 580, legend: { w: 230, h: 116 } },
  "1400x900 (published)": { x: 1400, y: 760, legend: { w: 230, h: 116 } },
};

function overlaysFor(viewport) {
  const { x, y, legend } = viewport;
  return [
    { x: 10, y: 10, w: 34, h: 65 },
    { x: x - 54, y: 10, w: 44, h: 44 },
    { x: 10, y: y - 10 - legend.h, w: legend.w, h: legend.h },
    { x: x - 160, y: y - 18, w: 160, h: 18 },
  ];
}

module.exports = { viewBox, toContainer, VIEWPORTS, overlaysFor };
