/* civickg graph view: legend and class filter, date filter, diacritic-insensitive search,
   tooltips and details. Every string from the data reaches the page through textContent or
   vis-network's canvas, never through innerHTML. */
(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("ckg-data").textContent);
  var ckg = (window.ckg = { data: data, ready: false, scriptStart: t0 });

  var TEXT = {
    vi: { search: "Tìm tên (gõ không dấu cũng được)…", language: "Ngôn ngữ", edgeLabels: "Nhãn cạnh",
      period: "Thời gian", all: "Tất cả", legend: "Chú giải", nodes: "nút", edges: "cạnh",
      offices: "Chức vụ", sources: "Nguồn", open: "Mở bài báo nguồn", name: "Tên chuẩn",
      hidden: "đang ẩn", nothing: "Không tìm thấy", since: "từ", until: "đến", more: "và %n nữa" },
    en: { search: "Search names (accents optional)…", language: "Language", edgeLabels: "Edge labels",
      period: "Period", all: "All", legend: "Legend", nodes: "nodes", edges: "edges",
      offices: "Offices", sources: "Sources", open: "Open source article", name: "Canonical name",
      hidden: "hidden", nothing: "No match", since: "from", until: "until", more: "and %n more" },
  };
  var lang = data.lang === "en" ? "en" : "vi";
  var tr = function (k) { return TEXT[lang][k]; };

  // Same folding as civickg.normalize.search_key: no diacritics, đ -> d, lower case.
  function fold(s) {
    return String(s || "").replace(/\u00d0/g, "\u0110").replace(/\u00f0/g, "\u0111")
      .normalize("NFD").replace(/\u0111/g, "d").replace(/\u0110/g, "D")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^\p{L}\p{N}_\/\-\s]/gu, " ").replace(/\s+/g, " ").trim();
  }
  ckg.fold = fold;

  function safeUrl(u) { return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function monthText(m) {
    var y = Math.floor(m / 12), mo = (m % 12) + 1;
    return (mo < 10 ? "0" : "") + mo + "/" + y;
  }
  function span(a, b) {
    if (!a && !b) return "";
    if (a && b && a !== b) return a + " – " + b;
    return a || b;
  }

  var classes = new Map(data.classes.map(function (c) { return [c.key, c]; }));
  var byId = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  var edgeById = new Map(data.edges.map(function (e) { return [e.id, e]; }));
  function classLabel(key) { var c = classes.get(key); return c ? c[lang] || c.key : key; }

  var showEdgeLabels = !!data.edgeLabels;
  function edgeLabel(e) { return showEdgeLabels ? e[lang] || e.vi || "" : undefined; }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var c = classes.get(n.cls) || { color: "#999", shape: "dot" };
    var item = { id: n.id, label: n.label, shape: c.shape,
      color: { background: c.color, border: "#444",
        highlight: { background: "#ffd54f", border: "#000" },
        hover: { background: c.color, border: "#000" } } };
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    if (n.size) item.size = n.size;
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return { id: e.id, from: e.from, to: e.to, label: edgeLabel(e) };
  }));

  // -- filters -------------------------------------------------------------------------------
  var hiddenClasses = new Set();
  var period = data.period;
  var range = period ? { from: period.min, to: period.max } : null;
  var visibleNodes = new Set(byId.keys());
  var visibleEdges = new Set(edgeById.keys());

  function restricted() { return !!range && (range.from > period.min || range.to < period.max); }
  function inRange(x) {
    return (x.s === undefined || x.s <= range.to) && (x.e === undefined || x.e >= range.from);
  }
  // As of a period: dated items (meetings, documents, tenures) overlapping it, plus the
  // timeless nodes (persons, organizations, places) still linked to something shown.
  function computeVisible() {
    var narrow = restricted();
    var candidates = new Set(), degree = new Map();
    data.nodes.forEach(function (n) {
      if (!hiddenClasses.has(n.cls) && (!narrow || inRange(n))) candidates.add(n.id);
    });
    var edgesOk = [];
    data.edges.forEach(function (e) {
      if (candidates.has(e.from) && candidates.has(e.to) && (!narrow || inRange(e))) {
        edgesOk.push(e);
        degree.set(e.from, (degree.get(e.from) || 0) + 1);
        degree.set(e.to, (degree.get(e.to) || 0) + 1);
      }
    });
    var vn = new Set();
    candidates.forEach(function (id) {
      var n = byId.get(id);
      if (!narrow || n.s !== undefined || n.e !== undefined || degree.has(id)) vn.add(id);
    });
    var ve = new Set();
    edgesOk.forEach(function (e) { if (vn.has(e.from) && vn.has(e.to)) ve.add(e.id); });
    visibleNodes = vn;
    visibleEdges = ve;
  }

  var nodesView = new vis.DataView(nodes, { filter: function (n) { return visibleNodes.has(n.id); } });
  var edgesView = new vis.DataView(edges, { filter: function (e) { return visibleEdges.has(e.id); } });

  var container = document.getElementById("graph");
  var options = {
    autoResize: true,
    nodes: { size: 12, borderWidth: 1, borderWidthSelected: 3,
      scaling: { label: { drawThreshold: data.nodes.length > 1000 ? 5 : 2 } },
      font: { size: 14, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#fff" } },
    edges: { smooth: false, width: 1, selectionWidth: 2, arrows: { to: { enabled: true, scaleFactor: 0.45 } },
      color: { color: "#b8bcc4", highlight: "#333", hover: "#555", inherit: false },
      font: { size: 10, color: "#555", strokeWidth: 2, strokeColor: "#fff", align: "middle" } },
    layout: { improvedLayout: false, randomSeed: 7 },
    interaction: { hover: true, tooltipDelay: 120, navigationButtons: false, keyboard: false,
      hideEdgesOnDrag: data.nodes.length > 2000, hideEdgesOnZoom: data.nodes.length > 2000 },
    physics: data.physics
      ? { enabled: true, solver: "barnesHut", barnesHut: { gravitationalConstant: -2500, centralGravity: 0.6, springLength: 110, avoidOverlap: 0.4 },
          stabilization: { enabled: true, iterations: 200, updateInterval: 50, fit: true } }
      : { enabled: false },
  };
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, options);
  Object.assign(ckg, { network: network, nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView });
  ckg.networkCreated = performance.now();

  function markReady() {
    network.once("afterDrawing", function () {
      ckg.firstDraw = performance.now();
      ckg.ready = true;
    });
    network.redraw();
  }
  if (data.physics) {
    // Freeze after the capped stabilisation and keep the positions, so filtering never
    // restarts the simulation and nodes reappear where they were.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      var pos = network.getPositions();
      nodes.update(Object.keys(pos).map(function (id) { return { id: id, x: pos[id].x, y: pos[id].y }; }));
      markReady();
    });
  } else {
    markReady();
  }

  var countsEl = document.getElementById("counts");
  function showCounts() {
    countsEl.textContent = visibleNodes.size + " " + tr("nodes") + " · " + visibleEdges.size + " " + tr("edges");
  }
  function applyFilters() {
    computeVisible();
    nodesView.refresh();
    edgesView.refresh();
    showCounts();
  }
  ckg.applyFilters = applyFilters;
  ckg.drawn = function () {
    return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length };
  };
  ckg.visible = function () { return { nodes: visibleNodes.size, edges: visibleEdges.size }; };

  // -- legend and class filter ---------------------------------------------------------------
  var legendList = document.getElementById("legend-list");
  function buildLegend() {
    legendList.textContent = "";
    data.classes.forEach(function (c) {
      var li = el("li", c.key === c.family || !classes.has(c.family) ? "family" : "sub");
      var box = el("input");
      box.type = "checkbox";
      box.checked = !hiddenClasses.has(c.key);
      box.dataset.cls = c.key;
      box.addEventListener("change", function () {
        if (box.checked) hiddenClasses.delete(c.key); else hiddenClasses.add(c.key);
        applyFilters();
      });
      var sw = el("span", "swatch " + c.shape);
      sw.style.background = c.color;
      var lab = el("label");
      lab.append(box, sw, el("span", "", c[lang] || c.key));
      li.append(lab, el("span", "n", c.count));
      legendList.append(li);
    });
  }

  // -- date filter ---------------------------------------------------------------------------
  var fromIn = document.getElementById("from"), toIn = document.getElementById("to");
  var fromOut = document.getElementById("from-out"), toOut = document.getElementById("to-out");
  function showPeriod() {
    fromIn.value = range.from; toIn.value = range.to;
    fromOut.textContent = monthText(range.from); toOut.textContent = monthText(range.to);
  }
  if (period) {
    document.getElementById("period").hidden = false;
    [fromIn, toIn].forEach(function (inp) { inp.min = period.min; inp.max = period.max; inp.step = 1; });
    var pending = false;
    var onPeriod = function (ev) {
      var f = +fromIn.value, t = +toIn.value;
      if (f > t) { if (ev.target === fromIn) t = f; else f = t; }
      range = { from: f, to: t };
      showPeriod();
      if (!pending) {
        pending = true;
        requestAnimationFrame(function () { pending = false; applyFilters(); });
      }
    };
    fromIn.addEventListener("input", onPeriod);
    toIn.addEventListener("input", onPeriod);
    document.getElementById("period-reset").addEventListener("click", function () {
      range = { from: period.min, to: period.max };
      showPeriod();
      applyFilters();
    });
    showPeriod();
  }

  // -- search --------------------------------------------------------------------------------
  var searchIn = document.getElementById("search"), results = document.getElementById("results");
  var matches = [], active = 0;
  function search(q) {
    var key = fold(q);
    if (!key) return [];
    var scored = [];
    data.nodes.forEach(function (n) {
      var k = n.k, i = k.indexOf(key);
      if (i < 0) return;
      var score = k === key ? 0 : i === 0 ? 1 : k.charAt(i - 1) === " " ? 2 : 3;
      scored.push([score, k.length, n]);
    });
    scored.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return scored.slice(0, 15).map(function (s) { return s[2]; });
  }
  ckg.search = search;
  function renderResults() {
    results.textContent = "";
    if (!searchIn.value.trim()) { results.hidden = true; return; }
    if (!matches.length) results.append(el("li", "off", tr("nothing")));
    matches.forEach(function (n, i) {
      var li = el("li", (i === active ? "active" : "") + (visibleNodes.has(n.id) ? "" : " off"), n.label);
      li.append(el("span", "cls", classLabel(n.cls) + (visibleNodes.has(n.id) ? "" : " · " + tr("hidden"))));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); focusNode(n.id); });
      results.append(li);
    });
    results.hidden = false;
  }
  function focusNode(id) {
    results.hidden = true;
    if (!visibleNodes.has(id)) {
      // Bring back a node the filters hide rather than failing silently.
      var n = byId.get(id);
      hiddenClasses.delete(n.cls);
      if (range) range = { from: period.min, to: period.max };
      if (range) showPeriod();
      buildLegend();
      applyFilters();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 350 } });
    showDetails(id);
  }
  ckg.focusNode = focusNode;
  searchIn.addEventListener("input", function () { matches = search(searchIn.value); active = 0; renderResults(); });
  searchIn.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (matches.length) active = (active + (ev.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length;
      renderResults();
      ev.preventDefault();
    } else if (ev.key === "Enter" && matches.length) {
      focusNode(matches[active].id);
    } else if (ev.key === "Escape") {
      results.hidden = true;
    }
  });
  searchIn.addEventListener("blur", function () { results.hidden = true; });

  // -- tooltips and details ------------------------------------------------------------------
  var tip = document.getElementById("tip");
  function officeLine(o) {
    var text = o[0] + (o[1] ? ", " + o[1] : "");
    var when = span(o[2], o[3]);
    if (o[4]) text += " (" + o[4] + ")";
    return when ? text + " · " + when : text;
  }
  function quoteText(q) { return "“" + q + "”"; }
  function nodeTip(n) {
    var box = document.createDocumentFragment();
    box.append(el("div", "type", classLabel(n.cls)), el("strong", "", n.label));
    (n.offices || []).slice(0, 4).forEach(function (o) { box.append(el("div", "", "• " + officeLine(o))); });
    var p = (n.prov || [])[0];
    if (p) {
      box.append(el("div", "type", tr("sources") + ": " + [p[0], p[1]].filter(Boolean).join(" · ")));
      if (p[3] && p[3][0]) box.append(el("div", "q", quoteText(p[3][0])));
    }
    return box;
  }
  function edgeTip(e) {
    var box = document.createDocumentFragment();
    var a = byId.get(e.from), b = byId.get(e.to);
    box.append(el("strong", "", e[lang] || e.vi || ""));
    box.append(el("div", "", (a ? a.label : e.from) + " → " + (b ? b.label : e.to)));
    var when = span(e.ds, e.de);
    if (when) box.append(el("div", "type", when));
    return box;
  }
  function showTip(content, pointer) {
    tip.textContent = "";
    tip.append(content);
    var r = container.getBoundingClientRect();
    tip.style.left = Math.min(r.left + pointer.x + 14, window.innerWidth - 390) + "px";
    tip.style.top = Math.min(r.top + pointer.y + 14, window.innerHeight - 120) + "px";
    tip.hidden = false;
  }
  network.on("hoverNode", function (p) { var n = byId.get(p.node); if (n) showTip(nodeTip(n), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { var e = edgeById.get(p.edge); if (e) showTip(edgeTip(e), p.pointer.DOM); });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("blurEdge", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });

  var details = document.getElementById("details");
  function showDetails(id) {
    var n = byId.get(id);
    ckg.focused = id;
    details.textContent = "";
    if (!n) { details.hidden = true; return; }
    details.append(el("div", "type", classLabel(n.cls)), el("h3", "", n.label));
    var url = safeUrl(n.url);
    if (url) {
      var a = el("a", "open", tr("open"));
      a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
      details.append(a);
    }
    if (n.name && n.name !== n.label) details.append(el("div", "", tr("name") + ": " + n.name));
    (n.details || []).forEach(function (d) { details.append(el("div", "", d[0] + ": " + d[1])); });
    if (n.offices && n.offices.length) {
      details.append(el("h2", "", tr("offices")));
      var ul = el("ul");
      n.offices.forEach(function (o) { ul.append(el("li", "", officeLine(o))); });
      details.append(ul);
    }
    if (n.prov && n.prov.length) {
      details.append(el("h2", "", tr("sources")));
      var pl = el("ul");
      n.prov.forEach(function (p) {
        var li = el("li");
        var u = safeUrl(p[2]);
        var head = u ? el("a", "", p[0] || u) : el("span", "", p[0] || "");
        if (u) { head.href = u; head.target = "_blank"; head.rel = "noopener noreferrer"; }
        li.append(head);
        if (p[1]) li.append(el("span", "type", " · " + p[1]));
        (p[3] || []).forEach(function (q) { li.append(el("blockquote", "", quoteText(q))); });
        pl.append(li);
      });
      details.append(pl);
    }
    details.hidden = false;
  }
  ckg.showDetails = showDetails;
  // A click shows the node with its sources (the article link on top); a double click opens
  // the source article straight away.
  network.on("click", function (p) {
    tip.hidden = true;
    if (p.nodes.length) showDetails(p.nodes[0]); else details.hidden = true;
  });
  network.on("doubleClick", function (p) {
    var n = p.nodes.length ? byId.get(p.nodes[0]) : null;
    var url = n && safeUrl(n.url);
    if (url) window.open(url, "_blank", "noopener,noreferrer");
  });

  // -- language and edge labels --------------------------------------------------------------
  var langSel = document.getElementById("lang"), labelsBox = document.getElementById("edge-labels");
  function applyText() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-t]").forEach(function (e) { e.textContent = tr(e.dataset.t); });
    searchIn.placeholder = tr("search");
    buildLegend();
    showCounts();
    if (period) showPeriod();
  }
  function relabelEdges() {
    edges.update(data.edges.map(function (e) { return { id: e.id, label: edgeLabel(e) || "" }; }));
  }
  langSel.value = lang;
  labelsBox.checked = showEdgeLabels;
  langSel.addEventListener("change", function () {
    lang = langSel.value === "en" ? "en" : "vi";
    applyText();
    if (showEdgeLabels) relabelEdges();
    if (!details.hidden && ckg.focused) showDetails(ckg.focused);
  });
  labelsBox.addEventListener("change", function () { showEdgeLabels = labelsBox.checked; relabelEdges(); });
  ckg.setLang = function (l) { langSel.value = l; langSel.dispatchEvent(new Event("change")); };
  ckg.edgeLabel = function (id) { var e = edges.get(id); return e ? e.label : undefined; };

  applyText();
})();
