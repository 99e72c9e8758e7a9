// waqai: Arabic search that agrees with how readers type, and maps on demand.

// Search: the index holds every word's normalized forms too (generator/search.py); here the
// query is normalized the same way (alef and hamza, ة/ه, ى/ي, no diacritics, tatweel or bidi
// marks, Arabic-Indic digits) before it reaches Material's search worker, so "إدلب" and "ادلب",
// "سورية" and "سوريه" ask for the same words.
(function () {
  "use strict";
  var FOLD = { "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ة": "ه", "ک": "ك" };
  function normalize(query) {
    return query
      .replace(/[\u0640\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "")
      .replace(/[أإآٱىیةک]/g, function (c) { return FOLD[c]; })
      .replace(/[\u0660-\u0669]/g, function (c) { return String(c.charCodeAt(0) - 0x0660); })
      .replace(/[\u06f0-\u06f9]/g, function (c) { return String(c.charCodeAt(0) - 0x06f0); });
  }
  window.waqaiNormalize = normalize;
  if (!window.Worker) return;
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    // Material's search worker takes {type: 2, data: query} for a query
    if (message && message.type === 2 && typeof message.data === "string") {
      var args = Array.prototype.slice.call(arguments);
      args[0] = { type: 2, data: normalize(message.data) };
      return post.apply(this, args);
    }
    return post.apply(this, arguments);
  };
})();

// Maps: the map on a place page loads only when the reader asks for it, so pages make no
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
