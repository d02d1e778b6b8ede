"use strict";
(function () {
  // Everything from the data is inserted with textContent: labels are text, never markup.
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  var S = data.statements, stmtIndex = {};
  S.iri.forEach(function (iri, i) { stmtIndex[iri] = i; });
  $("title").textContent = data.title;
  $("meta").textContent = data.subtitle;

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var o = { id: n.id, label: n.label, shape: n.shape, color: n.color, size: n.size,
              font: { size: 12, color: "#1d1d1b" }, cls: n.cls };
    if (n.x !== undefined) { o.x = n.x; o.y = n.y; o.fixed = false; }
    return o;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    var directed = e.directed !== false;
    var domain = e.domains.length ? e.domains[0] : "none";
    var color = e.color || data.domainColors[domain] || data.otherColor;
    return { id: i, from: e.from, to: e.to, color: { color: color, opacity: 0.75 },
             arrows: directed ? "to" : "", dashes: !directed, statement: e.s,
             domains: e.domains, y0: e.y0 === undefined ? null : e.y0,
             y1: e.y1 === undefined ? null : e.y1, width: 1.2 };
  }));

  var state = { classes: {}, domains: {}, from: data.years[0], to: data.years[1], undated: true };
  function buildChecks(container, items, key) {
    items.forEach(function (item) {
      var lab = el("label", null, "opt");
      var box = el("input"); box.type = "checkbox"; box.checked = true;
      box.addEventListener("change", function () { state[key][item.name] = box.checked; refresh(); });
      state[key][item.name] = true;
      var sw = el("span", null, key === "domains" ? "line" : "swatch");
      sw.style.background = item.color;
      lab.appendChild(box); lab.appendChild(sw); lab.appendChild(el("span", item.name + " (" + item.count + ")"));
      container.appendChild(lab);
    });
  }
  buildChecks($("class-filter"), data.legend.classes, "classes");
  buildChecks($("domain-filter"), data.legend.domains, "domains");
  $("year-from").value = data.years[0]; $("year-to").value = data.years[1];

  function edgeVisible(e) {
    var any = false;
    for (var i = 0; i < e.domains.length; i++) { if (state.domains[e.domains[i]]) { any = true; break; } }
    if (!any && e.domains.length) return false;
    if (e.y0 === null && e.y1 === null) return state.undated;
    var lo = e.y0 === null ? -1e9 : e.y0, hi = e.y1 === null ? 1e9 : e.y1;
    return lo <= state.to && hi >= state.from;
  }
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return state.classes[n.cls] !== false; } });
  var edgeView = new vis.DataView(edges, { filter: edgeVisible });

  var big = data.nodes.length > data.physicsLimit;
  var options = {
    autoResize: true,
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: big, navigationButtons: false },
    physics: big ? false : { solver: "forceAtlas2Based", stabilization: { iterations: 250 },
                             forceAtlas2Based: { gravitationalConstant: -60, springLength: 120 } },
    edges: { smooth: big ? false : { type: "continuous" }, arrows: { to: { scaleFactor: 0.5 } } },
    nodes: { borderWidth: 1 },
    layout: { improvedLayout: !big, randomSeed: 7 }
  };
  var network = new vis.Network($("graph"), { nodes: nodeView, edges: edgeView }, options);
  if (!big) network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });

  function refresh() {
    nodeView.refresh(); edgeView.refresh();
    $("counts").textContent = nodeView.length + " nodes, " + edgeView.length + " edges shown of " +
      data.nodes.length + " and " + data.edges.length;
    window.bilateralStats = { nodes: nodeView.length, edges: edgeView.length,
      drawnNodes: network.body.nodeIndices.length, drawnEdges: network.body.edgeIndices.length };
  }
  ["year-from", "year-to"].forEach(function (id) {
    $(id).addEventListener("change", function () {
      state.from = parseInt($("year-from").value, 10) || data.years[0];
      state.to = parseInt($("year-to").value, 10) || data.years[1];
      refresh();
    });
  });
  $("undated").addEventListener("change", function () { state.undated = $("undated").checked; refresh(); });
  $("reset").addEventListener("click", function () {
    document.querySelectorAll("#filters input[type=checkbox]").forEach(function (b) { b.checked = true; });
    Object.keys(state.classes).forEach(function (k) { state.classes[k] = true; });
    Object.keys(state.domains).forEach(function (k) { state.domains[k] = true; });
    state.undated = true; state.from = data.years[0]; state.to = data.years[1];
    $("year-from").value = data.years[0]; $("year-to").value = data.years[1];
    refresh();
  });

  $("search").addEventListener("input", function () {
    var q = $("search").value.trim().toLowerCase();
    if (!q) { network.unselectAll(); $("search-result").textContent = ""; return; }
    var hits = data.nodes.filter(function (n) { return n.label.toLowerCase().indexOf(q) >= 0 || n.id.toLowerCase().indexOf(q) >= 0; })
                         .map(function (n) { return n.id; })
                         .filter(function (id) { return nodeView.get(id) !== null; });
    network.selectNodes(hits);
    $("search-result").textContent = hits.length + " match" + (hits.length === 1 ? "" : "es");
    if (hits.length) network.fit({ nodes: hits, animation: false, maxZoomLevel: 1.5 });
  });

  var panel = $("details");
  function clear() { while (panel.firstChild) panel.removeChild(panel.firstChild); }
  function field(name, value, cls) {
    if (value === undefined || value === null || value === "") return;
    var p = el("div", null, "field" + (cls ? " " + cls : ""));
    p.appendChild(el("b", name + ": ")); p.appendChild(el("span", value));
    panel.appendChild(p);
  }
  function showStatement(ref) {
    var i = typeof ref === "number" ? ref : stmtIndex[ref];
    if (i === undefined || i >= S.iri.length) return;
    clear();
    panel.appendChild(el("h3", S.label[i]));
    field("kind", S.kind[i]);
    field("when", S.when[i]);
    field("status", S.status[i]);
    field("domains", S.domains[i].join(", "));
    if (S.hedge[i]) field("hedge", S.hedge[i] + " (confidence " + S.confidence[i] + ")", "hedge");
    if (S.strength[i] !== null) field("strength", S.strength[i]);
    field("source", S.sources[i].join("; "));
    field("statement", S.iri[i]);
    panel.appendChild(el("h2", "Quote" + (S.quotes[i].length > 1 ? "s" : "")));
    S.quotes[i].forEach(function (q) { panel.appendChild(el("blockquote", q)); });
    if (S.comment[i]) field("note", S.comment[i]);
  }
  function showNode(id) {
    var n = data.nodes.find(function (x) { return x.id === id; }); if (!n) return;
    clear();
    panel.appendChild(el("h3", n.label));
    field("class", n.cls);
    field("IRI", n.id);
    Object.keys(n.measures).forEach(function (k) { field(k, n.measures[k]); });
    var ids = network.getConnectedEdges(id);
    var seen = {};
    var list = el("ul", null, "stmts");
    ids.forEach(function (eid) {
      var e = edges.get(eid); if (!e || seen[e.statement]) return; seen[e.statement] = true;
      var li = el("li", S.label[e.statement]);
      li.addEventListener("click", function () { showStatement(e.statement); });
      list.appendChild(li);
    });
    panel.appendChild(el("h2", "Statements (" + Object.keys(seen).length + ")"));
    panel.appendChild(list);
  }
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showStatement(edges.get(p.edges[0]).statement);
  });
  network.on("hoverEdge", function (p) { showStatement(edges.get(p.edge).statement); });
  refresh();
  // a small handle for tests and for users who want to script the page from the console
  // opened as page#IRI (the workbench's /graph?focus=NAME#IRI): that node chosen and shown
  var wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted && data.nodes.some(function (n) { return n.id === wanted; })) {
    network.selectNodes([wanted]); showNode(wanted);
  }
  window.bilateral = { network: network, showNode: showNode, showStatement: showStatement };
  network.once("afterDrawing", function () { window.bilateralReady = true; });
})();
