// ESLint for the map's own JavaScript (npm run lint; part of the README's test command).
"use strict";

const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  js.configs.recommended,
  {
    // The map's scripts run in the page as they are (no build): browser globals, Leaflet,
    // supercluster and each other's globals; the pure modules are UMD, so Node too.
    files: ["static/office_map/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: {
        ...globals.browser,
        ...globals.commonjs,
        L: "readonly",
        Supercluster: "readonly",
        FootprintGeometry: "readonly",
        FootprintClusters: "readonly",
        FootprintLabels: "readonly",
        FootprintFraming: "readonly",
      },
    },
    rules: {
      "no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
      eqeqeq: "error",
      "no-var": "off",
      strict: ["error", "function"],
    },
  },
  {
    // The bridge and the "as of" slider are Streamlit components: ES modules.
    files: ["static/office_map/bridge.js", "static/office_map/as_of_slider.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.browser } },
    rules: { strict: "off" },
  },
  {
    // The anchor page bench/scale.py measures against: a plain script in the browser.
    files: ["bench/anchor/**/*.js"],
    languageOptions: { ecmaVersion: 2020, sourceType: "script", globals: { ...globals.browser, L: "readonly", Supercluster: "readonly" } },
    rules: { eqeqeq: "error" },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: { ...globals.node } },
    rules: { eqeqeq: "error" },
  },
];
