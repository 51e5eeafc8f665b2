// The page's side of the map's messages (the map's side: static/office_map/footprint.js).
// A Streamlit component (st.components.v2) without a frame of its own: it hands the view it
// is given to the map's frame, and keeps what the map reports (a click, a basemap) as its
// state, which reruns the app. Messages count only from the map's own frame, same origin.
// While the page shows its first screen only (its data's firstScreen), the bridge reports
// the map drawn as soon as it is (at once if it already is, as after a reconnection, which
// starts a new session; should the map never say so, after DRAWN_AT_THE_LATEST_MS): the
// page then draws the rest.
const VIEW = "footprint:view";
const READY = "footprint:ready";
const SELECT = "footprint:select";
const BASEMAP = "footprint:basemap";
const ARCS = "footprint:arcs";
const DRAWN = "footprint:drawn";
const DRAWN_AT_THE_LATEST_MS = 4000;
const MAP_FRAMES = 'iframe[title="streamlit_folium.st_folium"]';

const bridge = (window.__footprintBridge ??= {
  view: null,
  setStateValue: null,
  listening: false,
  mapDrawn: false,
  awaitingDrawn: false,
  fallback: null,
});

function mapWindows() {
  return Array.from(document.querySelectorAll(MAP_FRAMES))
    .map((frame) => frame.contentWindow)
    .filter(Boolean);
}

function send(target) {
  if (bridge.view) {
    target.postMessage({ type: VIEW, view: bridge.view }, window.location.origin);
  }
}

/* Show the footprint of another day on the map at once, before the page's next view (the
   "as of" slider, static/office_map/as_of_slider.js, while the reader moves it). */
function showDay(day) {
  if (bridge.view && typeof day === "number") {
    bridge.view = { ...bridge.view, asOf: day };
    mapWindows().forEach(send);
  }
}

function reportDrawnIfAwaited() {
  if (bridge.awaitingDrawn && bridge.mapDrawn && bridge.setStateValue) {
    bridge.awaitingDrawn = false;
    clearTimeout(bridge.fallback);
    // A new time each report: a new session's page asks again.
    bridge.setStateValue("drawn", { drawn: true, at: Date.now() });
  }
}

function onMessage(event) {
  if (event.origin !== window.location.origin || !mapWindows().includes(event.source)) {
    return;
  }
  const message = event.data;
  if (!message || typeof message !== "object" || !bridge.setStateValue) {
    return;
  }
  if (message.type === READY) {
    send(event.source);
  } else if (message.type === DRAWN) {
    bridge.mapDrawn = true;
    reportDrawnIfAwaited();
  } else if (message.type === SELECT && typeof message.office === "string") {
    // A new number per click: a second click on the same office is news too.
    bridge.setStateValue("select", { office: message.office, click: Date.now() });
  } else if (message.type === BASEMAP && typeof message.basemap === "string") {
    bridge.setStateValue("basemap", { basemap: message.basemap, choice: Date.now() });
  } else if (message.type === ARCS && typeof message.arcs === "boolean") {
    bridge.setStateValue("arcs", { arcs: message.arcs, choice: Date.now() });
  }
}

export default function ({ data, setStateValue }) {
  const { firstScreen, ...view } = data;
  bridge.view = view;
  bridge.showDay = showDay;
  bridge.setStateValue = setStateValue;
  if (!bridge.listening) {
    window.addEventListener("message", onMessage);
    bridge.listening = true;
  }
  mapWindows().forEach(send);
  const awaiting = firstScreen === true;
  if (awaiting && !bridge.awaitingDrawn) {
    clearTimeout(bridge.fallback);
    bridge.fallback = setTimeout(() => {
      bridge.mapDrawn = true; // the map never said so: the page is not held back for it
      reportDrawnIfAwaited();
    }, DRAWN_AT_THE_LATEST_MS);
  }
  bridge.awaitingDrawn = awaiting;
  reportDrawnIfAwaited();
}
