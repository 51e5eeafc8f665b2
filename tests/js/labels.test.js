/* Labels attached: at every size and fractional zoom each name sits beside its own marker
   (the marker nearest the name's centre is its own, within 30 px of the name's edge), covers
   no marker, cluster, control or legend, overlaps no other name, and the selected office is
   always named. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const clusters = require("../../static/office_map/clusters.js");
const framing = require("../../static/office_map/framing.js");
const geometry = require("../../static/office_map/geometry.js");
const labels = require("../../static/office_map/labels.js");
const fixtures = require("./fixtures.js");
const { VIEWPORTS, overlaysFor, viewBox, toContainer } = require("./view.js");

const DATASETS = { nine: fixtures.nine(), seventeen: fixtures.seventeen(), "5,000": fixtures.generated(5000) };
const HALF = 11;

/* The layer's labelling of one view: markers, obstacles and candidates, then placement. */
function labelled(data, view, size, overlays, selected) {
  const index = clusters.createIndex(data, data.ids.map((_, i) => i), { maxZoom: 7 });
  const items = index.layout(viewBox(view, view.zoom, size));
  const obstacles = overlays.map((r) => ({ ...r, hard: true }));
  const markers = [], candidates = [];
  items.forEach((item) => {
    const c = toContainer(item, view, view.zoom, size);
    if (item.kind === "cluster") {
      obstacles.push({ x: c.x - item.r, y: c.y - item.r, w: 2 * item.r, h: 2 * item.r });
      if (selected >= 0 && index.holds(item, selected)) {
        // The cluster that shows the selected office is named for it.
        markers.push({ id: selected, x: c.x, y: c.y });
        candidates.push({ id: selected, x: c.x, y: c.y, w: 7 * data.names.en[selected].length + 6,
                          h: 16, r: item.r, outward: null, required: true });
      }
      return;
    }
    item.members.forEach((m, k) => {
      const at = toContainer(item.placed[k], view, view.zoom, size);
      obstacles.push({ x: at.x - HALF, y: at.y - HALF, w: 2 * HALF, h: 2 * HALF });
      markers.push({ id: m.i, x: at.x, y: at.y });
      if (at.x < 0 || at.y < 0 || at.x > size.x || at.y > size.y) { return; }
      const outward = item.kind === "fan" ? Math.atan2(at.y - c.y, at.x - c.x) : null;
      candidates.push({ id: m.i, x: at.x, y: at.y, w: 7 * data.names.en[m.i].length + 6, h: 16,
                        r: m.i === selected ? 19 : HALF, outward, required: m.i === selected });
    });
  });
  candidates.sort((a, b) => (b.required - a.required) || a.id - b.id);
  const placed = labels.place(candidates, obstacles, markers, { x: 2, y: 2, w: size.x - 4, h: size.y - 4 });
  return { placed, markers, obstacles, candidates };
}

function check(result, size) {
  const { placed, markers, obstacles } = result;
  const boxes = Object.entries(placed);
  boxes.forEach(([id, box], index) => {
    const own = markers.find((m) => String(m.id) === id);
    const cx = box.x + box.w / 2, cy = box.y + box.h / 2;
    const nearest = markers.reduce((best, m) => (Math.hypot(m.x - cx, m.y - cy) < Math.hypot(best.x - cx, best.y - cy) ? m : best));
    assert.equal(String(nearest.id), id, `label ${id}: nearest marker is ${nearest.id}`);
    assert.ok(labels.toBox(own.x, own.y, box) <= 30, `label ${id} too far from its marker`);
    assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.w <= size.x && box.y + box.h <= size.y);
    obstacles.filter((o) => o.hard).forEach((o) => assert.ok(!geometry.overlaps(box, o, 0), `label ${id} under a control`));
    boxes.slice(index + 1).forEach(([other, b]) => assert.ok(!geometry.overlaps(box, b, 0), `labels ${id} and ${other} overlap`));
  });
}

for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
  const size = { x: viewport.x, y: viewport.y };
  const overlays = overlaysFor(viewport);
  for (const [name, data] of Object.entries(DATASETS)) {
    test(`${viewportName}, ${name}: names beside their own markers, clear of everything`, () => {
      const points = data.ids.map((_, i) => ({ lat: data.lat[i], lon: data.lon[i] }));
      const framed = framing.frame({ points, size, overlays, minZoom: framing.worldZoom(size.x), maxZoom: 7 });
      for (const zoom of [framed.zoom, framed.zoom + 0.25, framed.zoom + 1.5, 5.75]) {
        const view = { lat: framed.lat, lon: framed.lon, zoom: Math.min(zoom, 7) };
        const result = labelled(data, view, size, overlays, -1);
        check(result, size);
        if (name !== "5,000") {
          // Most offices of a small footprint are named at the framed view.
          const named = Object.keys(result.placed).length;
          assert.ok(zoom !== framed.zoom || named >= Math.min(result.candidates.length, 5), `${named} named`);
        }
      }
    });
    test(`${viewportName}, ${name}: the selected office is always named`, () => {
      const sample = name === "5,000" ? [0, 999, 2500, 4999] : data.ids.map((_, i) => i);
      for (const selected of sample) {
        const point = { lat: data.lat[selected], lon: data.lon[selected] };
        const index = clusters.createIndex(data, data.ids.map((_, i) => i), { maxZoom: 7 });
        const zoom = index.markerZoom(selected, framing.worldZoom(size.x));
        let view = framing.reveal({ point, zoom, view: { lat: 20, lon: 0, zoom: framing.worldZoom(size.x) },
                                    size, overlays }) || { ...point, zoom };
        // Where its name finds no room, the map zooms in on it, a step at a time (the layer's
        // reveal does the same).
        let result = labelled(data, view, size, overlays, selected);
        for (let step = 0; step < 3 && !(String(selected) in result.placed) && view.zoom < 7; step++) {
          const zoom2 = Math.min(7, view.zoom + 1);
          const at = framing.toContainer(point, view, size);  // stays where it is on screen
          const p = geometry.project(point.lat, geometry.wrapLon(point.lon, view.lon), zoom2);
          const centre = geometry.unproject(p.x - at.x + size.x / 2, p.y - at.y + size.y / 2, zoom2);
          view = { lat: centre.lat, lon: centre.lon, zoom: zoom2 };
          result = labelled(data, view, size, overlays, selected);
        }
        check(result, size);
        assert.ok(String(selected) in result.placed, `${data.ids[selected]} not named at zoom ${view.zoom}`);
      }
    });
  }
}
