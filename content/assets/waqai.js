// waqai: Arabic search that agrees with how readers type, and the charts, maps and filters of
// the pages (their data is JSON in <script type="application/json" class="waqai-data">; the
// libraries are vendored under assets/vendor/ and loaded only on pages that need them).
(function () {
  "use strict";
  var L10N = window.waqaiL10n || { plural: function () { return "other"; }, nouns: {} };
  var ASSETS = (document.currentScript && document.currentScript.src || "").replace(/waqai\.js(\?.*)?$/, "");

  function count(n, noun) {
    var forms = L10N.nouns[noun];
    if (!forms) return String(n);
    return (forms[L10N.plural(n)] || forms.other).replace("{n}", n.toLocaleString("en-US"));
  }

  // --- search ------------------------------------------------------------------------------
  // The index holds every word's normalized forms too (generator/search.py); the query is
  // normalized the same way (alef and hamza, ة/ه, ى/ي, no diacritics, tatweel or bidi marks,
  // Arabic-Indic digits, no punctuation) before it reaches Material's search worker, and asks for
  // whole words ("الرياض" is not the start of "الرياضيات").
  var FOLD = { "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ة": "ه", "ک": "ك" };
  var PUNCT = /[\u060c\u061b\u061f\u066a-\u066c\u06d4«»"“”„‘’'`.,;:!?()[\]{}<>\/\\|*+~^]+/g;
  function normalize(text) {
    return text
      .replace(/[\u0640\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "")
      .replace(/[أإآٱىیةک]/g, function (c) { return FOLD[c]; })
      .replace(/[\u0660-\u0669]/g, function (c) { return String(c.charCodeAt(0) - 0x0660); })
      .replace(/[\u06f0-\u06f9]/g, function (c) { return String(c.charCodeAt(0) - 0x06f0); })
      .toLowerCase();
  }
  function query(text) {
    return normalize(text).replace(PUNCT, " ").split(/\s+/).filter(function (w) {
      return w && w !== "-";
    }).map(function (w) { return w + "^1"; }).join(" ");  // a boost: Material then adds no trailing *
  }
  // the forms generator/search.py adds to the index for a written word
  var PREFIXES = ["وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "و", "ف", "ب", "ل"];
  function forms(word) {
    var n = normalize(word), out = [n];
    PREFIXES.forEach(function (p) {
      if (n.indexOf(p) === 0 && n.length - p.length >= 3) {
        var rest = n.slice(p.length);
        out.push(rest);
        if (p.charAt(p.length - 1) === "ل" && p !== "ل") out.push("ال" + rest);
      }
    });
    return out;
  }
  window.waqaiNormalize = normalize;
  window.waqaiQuery = query;

  if (window.Worker) {
    var post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message) {
      // Material's search worker takes {type: 2, data: query} for a query
      if (message && message.type === 2 && typeof message.data === "string") {
        var args = Array.prototype.slice.call(arguments);
        args[0] = { type: 2, data: query(message.data) };
        return post.apply(this, args);
      }
      return post.apply(this, arguments);
    };
  }

  // Marks the words of `root` whose forms a search term is, as written on the page (the index
  // and the ?h= of a result link hold the normalized forms, which the page does not show).
  var WORD = /[\u0621-\u064a\u0640\u064b-\u065f\u0670\u0671A-Za-z0-9]+/g;
  function highlight(root, terms) {
    if (!root || !terms.length) return 0;
    var wanted = {};
    terms.forEach(function (t) { forms(t).forEach(function (f) { wanted[f] = true; }); });
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var p = node.parentElement;
        if (!p || p.closest("mark, script, style, [hidden], .waqai-visuals, .waqai-filters")) {
          return NodeFilter.FILTER_REJECT;
        }
        return NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [], marked = 0;
    for (var n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
    nodes.forEach(function (node) {
      var text = node.nodeValue, last = 0, frag = null, m;
      WORD.lastIndex = 0;
      while ((m = WORD.exec(text))) {
        if (!forms(m[0]).some(function (f) { return wanted[f]; })) continue;
        frag = frag || document.createDocumentFragment();
        frag.appendChild(document.createTextNode(text.slice(last, m.index)));
        var mark = document.createElement("mark");
        mark.setAttribute("data-md-highlight", "");
        mark.textContent = m[0];
        frag.appendChild(mark);
        last = m.index + m[0].length;
        marked += 1;
      }
      if (frag) {
        frag.appendChild(document.createTextNode(text.slice(last)));
        node.parentNode.replaceChild(frag, node);
      }
    });
    return marked;
  }
  window.waqaiHighlight = highlight;

  function highlightFromUrl() {
    var h = new URL(location.href).searchParams.get("h");
    if (h) highlight(document.querySelector(".md-content article"), normalize(h).replace(PUNCT, " ").split(/\s+/)
      .filter(Boolean));
  }

  // The results panel: counts in words with the site's plural rules, and the visible words marked.
  function watchResults() {
    var meta = document.querySelector(".md-search-result__meta");
    var list = document.querySelector(".md-search-result__list");
    var input = document.querySelector("input.md-search__input");
    if (!meta || !list || meta.dataset.waqai) return;
    meta.dataset.waqai = "1";
    function fixMeta() {
      var m = /^عدد النتائج: (\d+)$/.exec(meta.textContent.trim());
      if (m) meta.textContent = count(parseInt(m[1], 10), "result");
    }
    new MutationObserver(fixMeta).observe(meta, { childList: true, characterData: true, subtree: true });
    new MutationObserver(function (records) {
      var terms = input ? normalize(input.value).replace(PUNCT, " ").split(/\s+/).filter(Boolean) : [];
      records.forEach(function (r) {
        Array.prototype.forEach.call(r.addedNodes, function (item) {
          if (item.nodeType !== 1) return;
          item.querySelectorAll(".md-search-result__more summary div").forEach(function (d) {
            var m = /: (\d+)$/.exec(d.textContent.trim());
            if (m) d.textContent = count(parseInt(m[1], 10), "more_result");
          });
          item.querySelectorAll(".md-search-result__article").forEach(function (a) { highlight(a, terms); });
        });
      });
    }).observe(list, { childList: true });
  }

  // --- loading the vendored libraries --------------------------------------------------------
  var loaded = {};
  function load(path) {
    if (!loaded[path]) {
      loaded[path] = new Promise(function (resolve, reject) {
        var el;
        if (/\.css$/.test(path)) {
          el = document.createElement("link");
          el.rel = "stylesheet";
          el.href = ASSETS + path;
        } else {
          el = document.createElement("script");
          el.src = ASSETS + path;
        }
        el.onload = resolve;
        el.onerror = reject;
        document.head.appendChild(el);
      });
    }
    return loaded[path];
  }
  function data(el) {
    var block = el.querySelector("script.waqai-data");
    return block ? JSON.parse(block.textContent) : null;
  }
  function whenVisible(el, then) {
    if (!("IntersectionObserver" in window)) { then(); return; }
    var seen = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { seen.disconnect(); then(); }
    }, { rootMargin: "200px" });
    seen.observe(el);
  }
  function css(name, fallback) {
    return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
  }

  // --- charts: events over time, by type, with the fatalities (Chart.js) ------------------------
  function chart(figure) {
    var d = data(figure), canvas = figure.querySelector("canvas");
    if (!d || !canvas) return;
    load("vendor/chartjs/chart.umd.min.js").then(function () {
      var Chart = window.Chart, text = css("--md-default-fg-color--light", "#666");
      Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
      Chart.defaults.color = text;
      var sets = d.series.map(function (s) {
        return { type: "bar", label: s.label, data: s.data, backgroundColor: s.color, stack: "events", yAxisID: "y" };
      });
      if (d.killed.some(function (k) { return k > 0; })) {
        sets.push({ type: "line", label: d.killed_label, data: d.killed, borderColor: "#212121",
                    backgroundColor: "#212121", pointRadius: 2, borderWidth: 1.5, yAxisID: "killed" });
      }
      new Chart(canvas, {
        data: { labels: d.labels, datasets: sets },
        options: {
          responsive: true, maintainAspectRatio: false, animation: false, locale: "en-US",
          layout: { padding: { left: 4, right: 24 } },
          interaction: { mode: "index", intersect: false },
          plugins: {
            legend: { rtl: true, textDirection: "rtl", position: "bottom", labels: { boxWidth: 12 } },
            tooltip: { rtl: true, textDirection: "rtl" }
          },
          scales: {
            x: { reverse: true, stacked: true, grid: { display: false },
                 ticks: { maxRotation: 0, autoSkipPadding: 12, callback: function (v, i) { return d.short[i]; } } },
            y: { position: "right", stacked: true, beginAtZero: true, ticks: { precision: 0 },
                 title: { display: true, text: "الأحداث" } },
            killed: { position: "left", beginAtZero: true, display: sets.length > d.series.length,
                      grid: { display: false }, ticks: { precision: 0 }, title: { display: true, text: d.killed_label } }
          }
        }
      });
      figure.classList.add("waqai-drawn");
    });
  }

  // --- maps: the events' places over offline borders; OpenStreetMap's tiles when asked -----------
  var MSG = {
    offline: "خريطة بلا صور أرضية: حدود الدول وأماكن الأحداث فقط.",
    loading: "جارٍ تحميل صور الخريطة من OpenStreetMap…",
    failed: "تعذّر تحميل صور الخريطة من OpenStreetMap (لا اتصال بالإنترنت على ما يبدو)؛ الحدود وأماكن الأحداث " +
            "باقية على الخريطة، وإحداثيات المكان والأماكن القريبة منه مذكورة في الصفحة.",
    loaded: "صور الخريطة من OpenStreetMap.",
    broken: "تعذّر رسم الخريطة؛ إحداثيات المكان والأماكن القريبة منه مذكورة في الصفحة."
  };
  function map(figure) {
    var d = data(figure), box = figure.querySelector(".waqai-map-box");
    var status = figure.querySelector(".waqai-map-status"), tiles = figure.querySelector(".waqai-tiles");
    if (!d || !box) return;
    Promise.all([load("vendor/leaflet/leaflet.css"), load("vendor/markercluster/MarkerCluster.css"),
                 load("vendor/markercluster/MarkerCluster.Default.css"), load("vendor/leaflet/leaflet.js")])
      .then(function () { return load("vendor/markercluster/leaflet.markercluster.js"); })
      .then(function () { return fetch(ASSETS + "vendor/basemap.json").then(function (r) { return r.json(); }); })
      .then(function (borders) {
        var Lf = window.L;
        var m = Lf.map(box, { attributionControl: false, scrollWheelZoom: false, maxZoom: 18 });
        Lf.geoJSON(borders, { interactive: false, style: { color: "#9e9e9e", weight: 1, fillColor: "#f5f1e8",
                                                            fillOpacity: 1 } }).addTo(m);
        var group = Lf.markerClusterGroup({ maxClusterRadius: 30, showCoverageOnHover: false });
        d.points.forEach(function (p) {
          var size = Math.round(Math.min(40, 10 + 5 * Math.sqrt(p.events)));
          var focus = p.id === d.focus ? " waqai-dot-focus" : "";
          var marker = Lf.marker([p.lat, p.lon], { title: p.name, alt: p.name,
            icon: Lf.divIcon({ className: "waqai-dot" + focus, iconSize: [size, size] }) });
          var label = document.createElement("span");
          label.dir = "rtl";
          label.textContent = p.name + ": " + p.label;
          marker.bindTooltip(label);
          if (p.url) marker.on("click", function () { location.href = p.url; });
          group.addLayer(marker);
        });
        m.addLayer(group);
        // framed on where most happened: the places within 800 km of the busiest one (a far
        // capital named once does not zoom the map out to the world; its marker is still there)
        var focus = d.points.filter(function (p) { return p.id === d.focus; })[0];
        var top = focus || d.points.slice().sort(function (a, b) { return b.events - a.events; })[0];
        var frame = d.points.filter(function (p) {
          var dx = (p.lon - top.lon) * Math.cos(top.lat * Math.PI / 180), dy = p.lat - top.lat;
          return Math.sqrt(dx * dx + dy * dy) * 111 <= 800;
        }).map(function (p) { return [p.lat, p.lon]; });
        if (frame.length === 1) m.setView(frame[0], 8);
        else m.fitBounds(frame, { padding: [20, 20], maxZoom: 8 });
        if (status) status.textContent = MSG.offline;
        figure.classList.add("waqai-drawn");
        if (tiles) {
          tiles.hidden = false;
          tiles.addEventListener("click", function () {
            tiles.hidden = true;
            if (status) status.textContent = MSG.loading;
            var ok = 0, failed = 0;
            Lf.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", { maxZoom: 18 })
              .on("tileload", function () { ok += 1; if (status) status.textContent = MSG.loaded; })
              .on("tileerror", function () { failed += 1; if (!ok && status) status.textContent = MSG.failed; })
              .addTo(m);
            Lf.control.attribution({ prefix: false }).addAttribution("© OpenStreetMap").addTo(m);
          });
        }
      })
      .catch(function () { if (status) status.textContent = MSG.broken; });
  }

  // --- filters: by type, status, place or actor, and days, without a server ----------------------
  function filters(form) {
    var d = data(form);
    if (!d) return;
    var scope = form.closest("article") || document;
    var entries = Array.prototype.slice.call(scope.querySelectorAll(".waqai-entry"));
    function select(name, label, all, options) {
      var wrap = document.createElement("label"), sel = document.createElement("select");
      wrap.textContent = label + " ";
      sel.name = name;
      sel.appendChild(new Option(all, ""));
      options.forEach(function (o) {
        sel.appendChild(new Option(o.length > 2 ? o[1] + " (" + o[2].toLocaleString("en-US") + ")" : o[1], o[0]));
      });
      wrap.appendChild(sel);
      form.appendChild(wrap);
    }
    function month(name, label, all) {
      select(name, label, all, d.months.map(function (m) { return [m[0], m[1]]; }));
    }
    if (d.types.length > 1) select("type", "النوع", "كل الأنواع", d.types);
    if (d.kinds.length > 1) select("kind", "الحالة", "كل الحالات", d.kinds);
    if (d.places.length) select("place", "المكان", "كل الأماكن", d.places);
    if (d.actors.length) select("actor", "الفاعل", "كل الفاعلين", d.actors);
    if (d.months.length) { month("from", "من", "البداية"); month("to", "إلى", "النهاية"); }
    var out = document.createElement("output"), reset = document.createElement("button");
    reset.type = "reset";
    reset.className = "md-button";
    reset.textContent = "إلغاء التصفية";
    form.appendChild(out);
    form.appendChild(reset);
    function apply() {
      var f = form.elements, shown = 0;
      var type = f.type ? f.type.value : "", kind = f.kind ? f.kind.value : "";
      var place = f.place ? f.place.value : "", actor = f.actor ? f.actor.value : "";
      var from = f.from ? f.from.value : "", to = f.to ? f.to.value : "";
      entries.forEach(function (el) {
        var ds = el.dataset, ok = (!type || ds.type === type) && (!kind || el.classList.contains("kind-" + kind)) &&
          (!place || (" " + ds.places + " ").indexOf(" " + place + " ") !== -1) &&
          (!actor || (" " + ds.actors + " ").indexOf(" " + actor + " ") !== -1) &&
          (!from || (ds.end && ds.end >= from)) && (!to || (ds.start && ds.start <= to + "-31"));
        el.hidden = !ok;
        if (ok) shown += 1;
      });
      // a day's heading goes with its last visible entry
      scope.querySelectorAll(".waqai-list").forEach(function (list) {
        var empty = !list.querySelector(".waqai-entry:not([hidden])"), el = list.previousElementSibling;
        list.hidden = empty;
        while (el && !/^H[1-6]$/.test(el.tagName) && el.tagName !== "FORM") { el.hidden = empty; el = el.previousElementSibling; }
        if (el && el.tagName === "H2" && el.id !== "الأحداث") el.hidden = empty;
      });
      out.textContent = shown === entries.length ? count(shown, "event")
        : "يظهر " + count(shown, "event") + " من " + entries.length.toLocaleString("en-US");
    }
    form.addEventListener("change", apply);
    form.addEventListener("input", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function wire() {
    watchResults();
    highlightFromUrl();
    document.querySelectorAll("form.waqai-filters:not([data-wired])").forEach(function (f) {
      f.dataset.wired = "1";
      filters(f);
    });
    document.querySelectorAll(".waqai-chart:not([data-wired]), .waqai-map:not([data-wired])").forEach(function (f) {
      f.dataset.wired = "1";
      whenVisible(f, function () { (f.classList.contains("waqai-chart") ? chart : map)(f); });
    });
  }

  // Material's instant loading swaps pages without a reload: wire on each page it shows
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(wire); }
  else if (document.readyState !== "loading") { wire(); }
  else { document.addEventListener("DOMContentLoaded", wire); }
})();
