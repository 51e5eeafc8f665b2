// The "as of" slider (components/ui/as_of.py): a Streamlit component (st.components.v2)
// without a frame of its own, drawing a native range input over the dates at which
// something happened. While the reader moves it, the map shows each date at once, in the
// browser (the bridge hands the date to the map's frame: static/office_map/bridge.js);
// when the reader lets go, the date is kept as the component's state, which reruns the app
// and the rest of the page follows.
//
// data: {label, options: [{step, text, day}], index}; state "as_of": {step, choice}.

const bridge = (window.__footprintBridge ??= { view: null, setStateValue: null, listening: false });

function build(parent) {
  const root = document.createElement("div");
  root.className = "as-of-slider";
  const id = `as-of-${Math.random().toString(36).slice(2)}`;
  root.innerHTML = `
    <div class="as-of-heading"><label></label><output aria-hidden="true"></output></div>
    <input type="range" min="0" step="1">
    <div class="as-of-ends" aria-hidden="true"><span></span><span></span></div>
    <datalist></datalist>`;
  const input = root.querySelector("input");
  input.id = id;
  root.querySelector("label").htmlFor = id;
  root.querySelector("datalist").id = `${id}-steps`;
  input.setAttribute("list", `${id}-steps`);
  parent.appendChild(root);
  return root;
}

/* The date at index in the view the page sent: the map shows it now (the page follows
   when the reader lets go). */
function showOnTheMap(option) {
  if (typeof bridge.showDay === "function") {
    bridge.showDay(option.day);
  }
}

export default function ({ data, parentElement, setStateValue }) {
  const options = Array.isArray(data?.options) ? data.options : [];
  if (!options.length) {
    return;
  }
  const root = parentElement.querySelector(".as-of-slider") ?? build(parentElement);
  const input = root.querySelector("input");
  const output = root.querySelector("output");
  const [first, last] = root.querySelectorAll(".as-of-ends span");
  root.querySelector("label").textContent = String(data.label ?? "");
  input.max = String(options.length - 1);
  const datalist = root.querySelector("datalist");
  datalist.replaceChildren(...options.map((_, index) => new Option("", String(index))));
  first.textContent = options[0].text;
  last.textContent = options[options.length - 1].text;

  const show = (index) => {
    const option = options[index];
    output.textContent = option.text;
    input.setAttribute("aria-valuetext", option.text);
    return option;
  };
  // The page's date, unless the reader is holding the slider.
  if (!root.dataset.holding) {
    const index = Math.min(Math.max(Number(data.index) || 0, 0), options.length - 1);
    input.value = String(index);
    show(index);
  }
  input.oninput = () => {
    root.dataset.holding = "true";
    showOnTheMap(show(Number(input.value)));
  };
  input.onchange = () => {
    delete root.dataset.holding;
    const option = show(Number(input.value));
    setStateValue("as_of", { step: option.step, choice: Date.now() });
  };
}
