/*
 * Datasets for the map's Node tests, as the app's data block carries them: the shipped nine
 * offices (data/offices.json), seventeen places mostly in Europe, and larger sets made
 * deterministically around real cities (with co-located groups, a crowd of 2,000 at one
 * address, and offices either side of the antimeridian).
 */
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..");
const REGIONS = ["Americas", "EMEA", "APAC"];

/* Offices [{id, lat, lon, status, region}] as the layer's columns. */
function columns(offices) {
  return {
    ids: offices.map((o) => o.id),
    lat: Float64Array.from(offices.map((o) => o.lat)),
    lon: Float64Array.from(offices.map((o) => o.lon)),
    status: offices.map((o) => (o.status === "existing" ? "e" : "a")).join(""),
    region: offices.map((o) => o.region),
    names: { en: offices.map((o) => o.name || o.id) },
  };
}

/*
 * An office's status on a day (ISO text) from its events, as the app's page opens at the
 * data's date (components/data/at_date.py): an event no source dates stands at its
 * sources' earliest date, never before the event before it; announced, then founded or
 * opened; null before any, and after a closing. An office without events keeps its status.
 */
function statusOn(office, day, sources) {
  if (!office.events) return office.status;
  let status = null;
  let previous = "";
  for (const event of office.events) {
    const placed = event.date || event.sources
      .map((id) => sources[id].date || sources[id].accessed).filter(Boolean).sort()[0];
    previous = placed > previous ? placed : previous;
    if (previous > day) break;
    if (event.kind === "announced" && status === null) status = "announced";
    else if (event.kind === "founded" || event.kind === "opened") status = "existing";
    else if (event.kind === "closed") status = null;
  }
  return status;
}

// The shipped offices as the page opens, at the article's date: the nine of 9 October 2024.
function nine() {
  const data = JSON.parse(fs.readFileSync(path.join(ROOT, "data", "offices.json"), "utf8"));
  const sources = Object.fromEntries(data.sources.map((source) => [source.id, source]));
  const shown = data.offices
    .map((o) => ({ o, status: statusOn(o, "2024-10-09", sources) }))
    .filter(({ status }) => status !== null);
  return columns(shown.map(({ o, status }) => ({
    id: o.id, lat: o.lat, lon: o.lon, status, region: o.region, name: o.city.en,
  })));
}

// Seventeen places, mostly in Europe (city centres, WGS-84).
const SEVENTEEN = [
  ["lisbon", 38.7223, -9.1393], ["madrid", 40.4168, -3.7038], ["barcelona", 41.3874, 2.1686],
  ["paris", 48.8566, 2.3522], ["brussels", 50.8503, 4.3517], ["amsterdam", 52.3676, 4.9041],
  ["london", 51.5074, -0.1278], ["dublin", 53.3498, -6.2603], ["berlin", 52.52, 13.405],
  ["munich", 48.1351, 11.582], ["zurich", 47.3769, 8.5417], ["vienna", 48.2082, 16.3738],
  ["prague", 50.0755, 14.4378], ["warsaw", 52.2297, 21.0122], ["copenhagen", 55.6761, 12.5683],
  ["stockholm", 59.3293, 18.0686], ["new-york", 40.7128, -74.006],
];

function seventeen() {
  return columns(SEVENTEEN.map(([id, lat, lon], i) => ({
    id, lat, lon, status: i % 3 ? "existing" : "announced", region: id === "new-york" ? "Americas" : "EMEA",
  })));
}

// Metropolitan centres the larger sets crowd around.
const CITIES = [
  [35.68, 139.69, 2], [28.61, 77.21, 2], [31.23, 121.47, 2], [-23.55, -46.63, 0], [19.43, -99.13, 0],
  [30.04, 31.24, 1], [19.08, 72.88, 2], [39.9, 116.4, 2], [23.81, 90.41, 2], [34.69, 135.5, 2],
  [40.71, -74.01, 0], [24.86, 67.0, 2], [-34.6, -58.38, 0], [41.01, 28.98, 1], [6.52, 3.38, 1],
  [14.6, 120.98, 2], [-4.44, 15.27, 1], [55.76, 37.62, 1], [-6.21, 106.85, 2], [51.51, -0.13, 1],
  [48.86, 2.35, 1], [52.52, 13.4, 1], [37.57, 126.98, 2], [-33.87, 151.21, 2], [1.35, 103.82, 2],
  [34.05, -118.24, 0], [41.88, -87.63, 0], [43.65, -79.38, 0], [-33.92, 18.42, 1], [25.2, 55.27, 1],
  [-36.85, 174.76, 2], [-18.14, 178.44, 2], [-19.06, -169.92, 2], [-13.83, -171.76, 2],
  [53.02, 158.65, 2], [64.84, -147.72, 0], [21.31, -157.86, 0], [-41.29, 174.78, 2],
];

/* A seeded generator (mulberry32): the same n gives the same offices. */
function random(seed) {
  let state = seed >>> 0;
  return function () {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/* n offices: 70 % around metropolitan centres (some co-located), 30 % scattered on land-ish
   latitudes; one address with a crowd (2,000 offices where n is 50,000). */
function generated(n, seed = 7) {
  const next = random(seed + n);
  const offices = [];
  const crowd = n >= 50000 ? 2000 : n >= 5000 ? 200 : 0;
  for (let i = 0; i < n; i++) {
    let lat, lon, region;
    if (i < crowd) {
      [lat, lon, region] = [48.8566, 2.3522, 1];
    } else if (next() < 0.7) {
      const city = CITIES[Math.floor(next() * CITIES.length)];
      const spread = next() < 0.1 ? 0 : 0.05 + next() * 1.5;
      lat = city[0] + (next() - 0.5) * spread;
      lon = city[1] + (next() - 0.5) * spread * 1.5;
      region = city[2];
    } else {
      lat = -45 + next() * 110;
      lon = -180 + next() * 360;
      region = lon < -30 ? 0 : lon < 60 ? 1 : 2;
    }
    lon = ((lon + 180) % 360 + 360) % 360 - 180;
    offices.push({ id: `office-${i}`, lat, lon, status: next() < 0.35 ? "announced" : "existing",
                   region: REGIONS[region], name: `Office ${i}` });
  }
  return columns(offices);
}

/* Offices either side of the antimeridian (Fiji, Samoa, Niue, Kamchatka, Alaska, Hawaii). */
function antimeridian() {
  return columns([
    ["suva", -18.14, 178.44], ["apia", -13.83, -171.76], ["alofi", -19.06, -169.92],
    ["petropavlovsk", 53.02, 158.65], ["anchorage", 61.22, -149.9], ["honolulu", 21.31, -157.86],
    ["auckland", -36.85, 174.76],
  ].map(([id, lat, lon]) => ({ id, lat, lon, status: "existing", region: "APAC", name: id })));
}

module.exports = { ROOT, REGIONS, columns, nine, seventeen, generated, antimeridian, random };
