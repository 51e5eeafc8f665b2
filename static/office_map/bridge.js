// The page's side of the map's messages (the map's side: static/office_map/footprint.js).
// A Streamlit component (st.components.v2) without a frame of its own: it hands the view it
// is given to the map's frame, and keeps what the map reports (a click, a basemap) as its
// state, which reruns the app. Messages count only from the map's own frame, same origin.
const VIEW = "footprint:view";
const READY = "footprint:ready";
const SELECT = "footprint:select";
const BASEMAP = "footprint:basemap";
const ARCS = "footprint:arcs";
const MAP_FRAMES = 'iframe[title="streamlit_folium.st_folium"]';

const bridge = (window.__footprintBridge ??= { view: null, setStateValue: null, listening: false });

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
  bridge.view = data;
  bridge.showDay = showDay;
  bridge.setStateValue = setStateValue;
  if (!bridge.listening) {
    window.addEventListener("message", onMessage);
    bridge.listening = true;
  }
  mapWindows().forEach(send);
}
