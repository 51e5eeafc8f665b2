// The anchor page's script (bench/anchor/index.html): supercluster's Leaflet demo, reduced to
// what bench/scale.py measures. Sets window.anchor = { firstDrawn, drawn } for the bench.
(function () {
  "use strict";
  var size = new URLSearchParams(location.search).get("points");
  var map = L.map("map", { zoomSnap: 0.25, worldCopyJump: true }).setView([20, 0], 2);
  var layer = L.layerGroup().addTo(map);
  var anchor = { firstDrawn: null, drawn: 0 };
  window.anchor = anchor;
  window.map = map;

  function icon(feature) {
    var count = feature.properties.point_count;
    if (!count) {
      return L.divIcon({ html: "", className: "anchor-point", iconSize: [10, 10] });
    }
    var side = Math.round(20 + 4 * Math.sqrt(count));
    return L.divIcon({
      html: "<span>" + feature.properties.point_count_abbreviated + "</span>",
      className: "anchor-cluster", iconSize: [side, side],
    });
  }

  fetch("points-" + size + ".json").then(function (response) { return response.json(); }).then(function (points) {
    var index = new Supercluster({ radius: 72, maxZoom: 16 });
    index.load(points.map(function (p) {
      return { type: "Feature", properties: {}, geometry: { type: "Point", coordinates: p } };
    }));
    function update() {
      var b = map.getBounds();
      var clusters = index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], Math.floor(map.getZoom()));
      layer.clearLayers();
      clusters.forEach(function (feature) {
        var c = feature.geometry.coordinates;
        layer.addLayer(L.marker([c[1], c[0]], { icon: icon(feature) }));
      });
      anchor.drawn += 1;
      if (anchor.firstDrawn === null) { anchor.firstDrawn = performance.now(); }
    }
    map.on("moveend", update);
    update();
  });
})();
