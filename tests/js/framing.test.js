/* The one framing function: at every size the app and the published page give the map,
   under every filter, with or without a selection and across the antimeridian, the offices
   shown are in the frame and clear of every overlay (where they fit at all), and the
   selection always is. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const framing = require("../../static/office_map/framing.js");
const geometry = require("../../static/office_map/geometry.js");
const fixtures = require("./fixtures.js");
const { VIEWPORTS, overlaysFor } = require("./view.js");

const RING = 17;  // a selected marker's ring reaches this far from its centre

const DATASETS = {
  nine: fixtures.nine(),
  seventeen: fixtures.seventeen(),
  antimeridian: fixtures.antimeridian(),
  "5,000": fixtures.generated(5000),
};
const FILTERS = {
  all: () => true,
  announced: (data, i) => data.status[i] === "a",
  EMEA: (data, i) => data.region[i] === "EMEA",
  APAC: (data, i) => data.region[i] === "APAC",
  "announced in EMEA": (data, i) => data.status[i] === "a" && data.region[i] === "EMEA",
};

function pointsOf(data, keep) {
  const points = [];
  for (let i = 0; i < data.ids.length; i++) {
    if (keep(data, i)) { points.push({ i, lat: data.lat[i], lon: data.lon[i] }); }
  }
  return points;
}

function clear(at, free, reach) {
  return at.x - reach >= free.left - 0.5 && at.x + reach <= free.right + 0.5
    && at.y - reach >= free.top - 0.5 && at.y + reach <= free.bottom + 0.5;
}

/* In the map and under no overlay, with room around it. */
function inSight(at, size, overlays, reach) {
  const box = { x: at.x - reach, y: at.y - reach, w: 2 * reach, h: 2 * reach };
  return box.x >= -0.5 && box.y >= -0.5 && box.x + box.w <= size.x + 0.5 && box.y + box.h <= size.y + 0.5
    && overlays.every((r) => !geometry.overlaps(box, r, -0.5));
}

for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
  const size = { x: viewport.x, y: viewport.y };
  const overlays = overlaysFor(viewport);
  const minZoom = framing.worldZoom(size.x);
  for (const [name, data] of Object.entries(DATASETS)) {
    for (const [filterName, keep] of Object.entries(FILTERS)) {
      test(`${viewportName}, ${name}, ${filterName}: offices shown and the selection framed`, () => {
        const points = pointsOf(data, keep);
        if (!points.length) { return; }
        const selections = [null, points[0], points[points.length - 1], points[Math.floor(points.length / 2)]];
        for (const selected of selections) {
          const view = framing.frame({ points, selected, size, overlays, minZoom, maxZoom: 7 });
          assert.ok(view, "framed");
          assert.ok(view.zoom >= minZoom - 0.5 && view.zoom <= 7);
          assert.ok(Number.isInteger(view.zoom * 4), `zoom ${view.zoom} on the 0.25 snap`);
          const at = points.map((p) => framing.toContainer(p, view, size));
          const inside = at.filter((a) => inSight(a, size, overlays, 11)).length;
          // All of them, unless they cannot fit even half a step below the zoom where the
          // world just fills the width (a footprint spanning the globe in a small frame).
          const span = geometry.boundsOf(points);
          const nw = geometry.project(span.north, span.west, minZoom - 0.5);
          const se = geometry.project(span.south, span.east, minZoom - 0.5);
          const room = 2 * RING + 4;
          const fits = framing.freeAreas(size, overlays).some((f) => se.x - nw.x <= f.right - f.left - room
            && se.y - nw.y <= f.bottom - f.top - room);
          if (fits) {
            assert.equal(inside, points.length, `${inside} of ${points.length} in sight at zoom ${view.zoom}`);
          } else {
            assert.ok(view.zoom <= minZoom, `zoom ${view.zoom} (world fills the width at ${minZoom})`);
          }
          if (selected) {
            const mark = framing.toContainer(selected, view, size);
            assert.ok(inSight(mark, size, overlays, RING), `selection at ${mark.x}, ${mark.y}`);
          }
        }
      });
    }
  }
}

test("the world fills the map's width at the lowest zoom", () => {
  for (const viewport of Object.values(VIEWPORTS)) {
    const zoom = framing.worldZoom(viewport.x);
    assert.ok(geometry.worldSize(zoom) >= viewport.x);
    assert.ok(geometry.worldSize(zoom - 0.25) < viewport.x);
  }
});

test("offices across the antimeridian are framed over the Pacific, not the whole world", () => {
  const points = pointsOf(fixtures.antimeridian(), () => true);
  const view = framing.frame({ points, selected: null, size: { x: 760, y: 580 },
                               overlays: overlaysFor(VIEWPORTS["1400x900 (app)"]), minZoom: 1.75, maxZoom: 7 });
  assert.ok(Math.abs(geometry.wrapLon(view.lon, 180) - 180) < 30, `centre ${view.lon}`);
  assert.ok(view.zoom >= 2, `zoom ${view.zoom}`);
});

test("a map without a size yet is not framed (it is, once it has one)", () => {
  assert.equal(framing.frame({ points: [{ lat: 0, lon: 0 }], size: { x: 0, y: 0 } }), null);
});

test("reveal moves only as far as needed, and zooms where the office is a marker", () => {
  const size = { x: 760, y: 580 };
  const overlays = overlaysFor(VIEWPORTS["1400x900 (app)"]);
  const view = { lat: 30, lon: 8.6, zoom: 1.75 };
  const tokyo = { lat: 35.68, lon: 139.69 };
  assert.equal(framing.reveal({ point: { lat: 48.86, lon: 2.35 }, zoom: 1.75, view, size, overlays }), null);
  const panned = framing.reveal({ point: { lat: -19.06, lon: -169.92 }, zoom: 1.75, view, size, overlays });
  assert.ok(clear(framing.toContainer({ lat: -19.06, lon: -169.92 }, panned, size), framing.freeArea(size, overlays), RING));
  const zoomed = framing.reveal({ point: tokyo, zoom: 5, view, size, overlays });
  assert.equal(zoomed.zoom, 5);
  assert.ok(clear(framing.toContainer(tokyo, zoomed, size), framing.freeArea(size, overlays), RING));
});

test("an overlay takes the side it costs least: a tall bar its side, a wide legend the bottom", () => {
  const free = framing.freeArea({ x: 400, y: 600 }, [
    { x: 10, y: 10, w: 34, h: 65 }, { x: 10, y: 480, w: 200, h: 110 },
  ]);
  assert.deepEqual(free, { left: 44, top: 0, right: 400, bottom: 480 });
});
