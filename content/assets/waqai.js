// waqai: the map on a place page loads only when the reader asks for it, so pages make no
// request to another site by themselves (Leaflet from a CDN, pinned by its integrity hash).
(function () {
  "use strict";
  var LEAFLET = "https://unpkg.com/leaflet@1.9.4/dist/";
  var JS_SRI = "sha256-20nQCchB9co0qIjJZRGuk2/Z9VM+kNiyxNV1lvTlZBo=";
  var CSS_SRI = "sha256-p4NxAoJBhIIN+hmNHrzRCf9tD/miZyoHS5obTRR9BMY=";

  function load(then) {
    if (window.L) { then(); return; }
    var css = document.createElement("link");
    css.rel = "stylesheet"; css.href = LEAFLET + "leaflet.css";
    css.integrity = CSS_SRI; css.crossOrigin = "";
    document.head.appendChild(css);
    var js = document.createElement("script");
    js.src = LEAFLET + "leaflet.js"; js.integrity = JS_SRI; js.crossOrigin = "";
    js.onload = then;
    document.head.appendChild(js);
  }

  function show(box) {
    var lat = parseFloat(box.dataset.lat), lon = parseFloat(box.dataset.lon);
    if (!isFinite(lat) || !isFinite(lon)) return;
    box.classList.add("waqai-map-open");
    box.textContent = "";
    load(function () {
      var map = window.L.map(box).setView([lat, lon], 9);
      window.L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
        maxZoom: 18, attribution: "&copy; OpenStreetMap"
      }).addTo(map);
      window.L.marker([lat, lon]).addTo(map).bindPopup(box.dataset.name || "");
    });
  }

  function wire() {
    document.querySelectorAll(".waqai-map-button").forEach(function (button) {
      if (button.dataset.wired) return;
      button.dataset.wired = "1";
      button.addEventListener("click", function () { show(button.parentElement); });
    });
  }

  // Material's instant loading swaps pages without a reload: wire on each page it shows
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(wire); }
  else { document.addEventListener("DOMContentLoaded", wire); }
})();
