/* Clusters on supercluster: every office drawn exactly once, nothing overlapping, clusters
   nesting from zoom to zoom, co-located crowds listed rather than ringed. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const clusters = require("../../static/office_map/clusters.js");
const fixtures = require("./fixtures.js");

const WORLD = { west: -180, east: 180, south: -85, north: 85, around: 0 };
const ZOOMS = [0, 0.5, 1.75, 2, 3.25, 4.5, 6, 6.75, 7];
const DATASETS = {
  nine: fixtures.nine(),
  seventeen: fixtures.seventeen(),
  antimeridian: fixtures.antimeridian(),
  "5,000": fixtures.generated(5000),
  "50,000": fixtures.generated(50000),
};
const FILTERS = {
  all: () => true,
  existing: (data, i) => data.status[i] === "e",
  announced: (data, i) => data.status[i] === "a",
  EMEA: (data, i) => data.region[i] === "EMEA",
};

function indices(data, keep) {
  const found = [];
  for (let i = 0; i < data.ids.length; i++) { if (keep(data, i)) { found.push(i); } }
  return found;
}

/* Every drawn shape: a marker of each single or fanned office, and each cluster's disc. */
function shapes(items, symbol) {
  const found = [];
  items.forEach((item) => {
    if (item.kind === "cluster") {
      found.push({ x: item.x, y: item.y, r: item.r });
    } else {
      item.placed.forEach((p) => found.push({ x: p.x, y: p.y, r: symbol / 2 }));
    }
  });
  return found;
}

function overlapping(found) {
  const cell = 96;
  const grid = new Map();
  found.forEach((s, index) => {
    const key = `${Math.floor(s.x / cell)}:${Math.floor(s.y / cell)}`;
    (grid.get(key) || grid.set(key, []).get(key)).push(index);
  });
  const pairs = [];
  found.forEach((s, index) => {
    const gx = Math.floor(s.x / cell), gy = Math.floor(s.y / cell);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        (grid.get(`${gx + dx}:${gy + dy}`) || []).forEach((other) => {
          if (other <= index) { return; }
          const o = found[other];
          if (Math.hypot(o.x - s.x, o.y - s.y) < s.r + o.r - 0.5) { pairs.push([s, o]); }
        });
      }
    }
  });
  return pairs;
}

for (const [name, data] of Object.entries(DATASETS)) {
  for (const [filterName, keep] of Object.entries(FILTERS)) {
    if (filterName !== "all" && name === "50,000") { continue; }  // the same code, more time
    test(`${name} offices, ${filterName}: each drawn once and nothing overlaps, at every zoom`, () => {
      const shown = indices(data, keep);
      const index = clusters.createIndex(data, shown, { maxZoom: 7 });
      for (const zoom of ZOOMS) {
        const items = index.layout({ ...WORLD, zoom });
        const total = items.reduce((sum, item) => sum + item.count, 0);
        assert.equal(total, shown.length, `zoom ${zoom}: drawn ${total} of ${shown.length}`);
        const singles = items.flatMap((item) => (item.members || []).map((m) => m.i));
        assert.equal(new Set(singles).size, singles.length, `zoom ${zoom}: an office drawn twice`);
        assert.ok(singles.every((i) => shown.includes(i) || shown.length > 5000));
        items.forEach((item) => {
          assert.equal(item.existing + item.announced, item.count);
          if (item.kind === "fan") { assert.ok(item.count <= (zoom >= 7 ? 12 : 8)); }
        });
        const clashes = overlapping(shapes(items, 22));
        assert.deepEqual(clashes, [], `zoom ${zoom}: ${clashes.length} overlapping shapes`);
      }
    });
  }
}

test("the nine offices: the four in Europe fan out at the world view, the rest stay put", () => {
  const data = DATASETS.nine;
  const index = clusters.createIndex(data, data.ids.map((_, i) => i), { maxZoom: 7 });
  const items = index.layout({ ...WORLD, zoom: 1.75 });
  assert.equal(items.filter((item) => item.kind === "cluster").length, 0);
  const fan = items.find((item) => item.kind === "fan");
  const names = fan.members.map((m) => data.ids[m.i]).sort();
  assert.deepEqual(names, ["brussels", "dublin", "london", "paris"]);
  const tokyo = items.find((item) => item.members && item.members.some((m) => data.ids[m.i] === "tokyo"));
  assert.equal(tokyo.kind, "single");
  assert.deepEqual(tokyo.placed[0], { x: tokyo.members[0].x, y: tokyo.members[0].y });  // true position
});

test("clusters nest: the group holding an office only shrinks as the map zooms in", () => {
  const data = DATASETS["5,000"];
  const index = clusters.createIndex(data, data.ids.map((_, i) => i), { maxZoom: 7 });
  const sample = [0, 17, 250, 999, 1234, 2500, 4001, 4999];
  const layouts = [0, 1, 2, 3, 4, 5, 6, 7].map((zoom) => index.layout({ ...WORLD, zoom }));
  for (const i of sample) {
    const counts = layouts.map((items) => items.find((item) => index.holds(item, i)).count);
    for (let z = 1; z < counts.length; z++) {
      assert.ok(counts[z] <= counts[z - 1], `office ${i}: ${counts.join(" → ")}`);
    }
  }
});

test("a crowd at one address lists itself at the deepest zoom instead of a huge ring", () => {
  const data = DATASETS["50,000"];
  const index = clusters.createIndex(data, data.ids.map((_, i) => i), { maxZoom: 7 });
  const paris = { west: 2.2, east: 2.5, south: 48.8, north: 48.95, around: 2.35, zoom: 7 };
  const items = index.layout(paris);
  const crowd = items.find((item) => item.count >= 2000);
  assert.ok(crowd && crowd.kind === "cluster" && crowd.lists);
  assert.ok(crowd.r < 40);
  assert.equal(index.officesOf(crowd, 100).length, 100);
  // The deepest zoom near Paris draws every office there, in clusters or as markers.
  const inBox = data.ids.filter((_, i) => data.lon[i] >= 2.2 && data.lon[i] <= 2.5
    && data.lat[i] >= 48.8 && data.lat[i] <= 48.95).length;
  assert.ok(items.reduce((sum, item) => sum + item.count, 0) >= inBox);
});

test("a click on a cluster zooms in at least one step, and where the office is a marker", () => {
  const data = DATASETS["5,000"];
  const index = clusters.createIndex(data, data.ids.map((_, i) => i), { maxZoom: 7 });
  const items = index.layout({ ...WORLD, zoom: 2 });
  const cluster = items.find((item) => item.kind === "cluster");
  assert.ok(index.expansionZoom(cluster, 2) >= 3);
  const office = index.officesOf(cluster, 1)[0];
  const zoom = index.markerZoom(office, 2);
  const at = index.layout({ ...WORLD, zoom }).find((item) => index.holds(item, office));
  assert.ok(at.kind !== "cluster" || zoom === 7, `office ${office} at zoom ${zoom}: ${at.kind}`);
});

test("offices either side of the antimeridian are drawn on the world copy in view", () => {
  const data = DATASETS.antimeridian;
  const index = clusters.createIndex(data, data.ids.map((_, i) => i), { maxZoom: 7 });
  const items = index.layout({ west: 150, east: 210, south: -50, north: 70, zoom: 3, around: 180 });
  const xs = items.flatMap((item) => (item.members || [item]).map((m) => m.x));
  const world = 256 * 8;
  assert.ok(xs.every((x) => x > world * (150 + 180) / 360 && x < world * (210 + 180) / 360), xs);
});

test("fans keep their markers apart and near their own bearing", () => {
  const members = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({ i, x: 100 + Math.cos(i) * 3, y: 100 + Math.sin(i) * 3 }));
  const placed = clusters.fanOut(members, 100, 100, 28);
  for (let a = 0; a < placed.length; a++) {
    for (let b = a + 1; b < placed.length; b++) {
      assert.ok(Math.hypot(placed[a].x - placed[b].x, placed[a].y - placed[b].y) >= 27.9);
    }
  }
});
