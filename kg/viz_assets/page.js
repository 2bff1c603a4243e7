// Draws the network from the JSON block, and runs the search box, the class and date
// filters and the side panel. Article strings reach the page only as text: textContent
// here, innerText in vis-network tooltips, canvas paint for labels. No innerHTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var status = $("kg-status");
  var panel = $("kg-panel");
  var EMPTY = "Chọn một nút để xem chi tiết.";
  var MAX_RESULTS = 20;
  var MAX_LINKS = 40;
  var now = function () { return window.performance ? performance.now() : Date.now(); };

  // "Nguyễn Việt Hùng" and "nguyen viet hung" fold to the same key.
  function fold(text) {
    return String(text).toLowerCase().replace(/đ/g, "d").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim();
  }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function clear(box) { while (box.firstChild) box.removeChild(box.firstChild); }
  function dated(value, date) { return date ? value + " (" + date + ")" : value; }
  // A link only to a path or a file/http(s) URL; Python already left out anything else.
  function safeHref(target) {
    var scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(target);
    return !scheme || /^(file|https?)$/i.test(scheme[1]);
  }

  var byId = {};
  var keys = [];
  data.nodes.forEach(function (n) {
    byId[n.id] = n;
    keys.push({ id: n.id, label: fold(n.kg.n), key: fold([n.kg.n].concat(n.kg.a).join(" | ")) });
  });
  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });
  var classNames = data.classes;

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var built = now();
  var network = new vis.Network($("kg-network"), { nodes: nodes, edges: edges }, data.options);
  var stats = { nodes: data.nodes.length, edges: data.edges.length, settled: false };

  function settled() {
    status.textContent = "";
    network.setOptions({ physics: { enabled: false } });
    stats.settled = true;
    stats.settleMs = Math.round(now());  // since navigation start: what a reader waits
    stats.layoutMs = Math.round(now() - built);
  }
  network.on("stabilizationProgress", function (p) {
    status.textContent = "Đang sắp xếp… " + Math.round((100 * p.iterations) / p.total) + "%";
  });
  // Once laid out, stop the simulation so large graphs stay still and cheap.
  if (data.nodes.length) network.once("stabilizationIterationsDone", settled);
  else settled();

  // -- side panel -----------------------------------------------------------------------
  function section(title, items) {
    if (!items.length) return;
    panel.appendChild(el("h4", title));
    var list = el("ul", null, "kg-list");
    items.forEach(function (item) {
      var li = el("li");
      if (typeof item === "string") li.textContent = item;
      else li.appendChild(item);
      list.appendChild(li);
    });
    panel.appendChild(list);
  }
  function nodeButton(id) {
    var name = byId[id] ? byId[id].kg.n : id;
    var button = el("button", name.length > 90 ? name.slice(0, 89) + "…" : name, "kg-link");
    button.type = "button";
    button.title = name;
    button.addEventListener("click", function () { select(id); });
    return button;
  }
  function sources(refs, total) {
    var items = refs.map(function (i) {
      var row = data.sentences[i];
      var box = el("span");
      var file = data.files[row[0]];
      var tag = file && safeHref(file) ? el("a", "[" + row[0] + "]") : el("span", "[" + row[0] + "]");
      if (tag.tagName === "A") { tag.setAttribute("href", file); tag.title = file; }
      tag.className = "kg-art";
      box.appendChild(tag);
      box.appendChild(document.createTextNode(" " + row[1]));
      return box;
    });
    var head = total > refs.length
      ? "Nguồn / sources (" + refs.length + " trên " + total + " câu)"
      : "Nguồn / sources";
    section(head, items);
  }
  function showNode(id) {
    var n = byId[id];
    if (!n) return;
    var k = n.kg;
    clear(panel);
    panel.appendChild(el("h3", k.n, "kg-name"));
    panel.appendChild(el("p", classNames[k.k] || k.k, "kg-class"));
    section("Tên khác / other names", k.a);
    section("Cấp bậc / ranks", k.r.map(function (r) { return dated(r[0], r[1]); }));
    section("Chức vụ / posts", k.p.map(function (p) {
      return dated(p[1] ? p[0] + ", " + p[1] : p[0], p[2]);
    }));
    section("Thông tin / facts", k.f.map(function (f) { return f[0] + ": " + f[1]; }));
    if (k.art && data.files[k.art] && safeHref(data.files[k.art])) {
      var a = el("a", data.files[k.art], "kg-art");
      a.setAttribute("href", data.files[k.art]);
      section("Tệp / file", [a]);
    }
    var links = network.getConnectedEdges(id).map(function (eid) { return edgeById[eid]; });
    links.sort(function (x, y) { return x.id < y.id ? -1 : 1; });
    section("Liên kết / links (" + links.length + ")", links.slice(0, MAX_LINKS).map(function (e) {
      var box = el("span");
      var out = e.from === id;
      box.appendChild(document.createTextNode((out ? "→ " : "← ") + e.kg.n + (e.kg.d.length ? " (" + e.kg.d.join(", ") + ")" : "") + ": "));
      box.appendChild(nodeButton(out ? e.to : e.from));
      return box;
    }));
    sources(k.s, k.sc);
    panel.appendChild(el("p", id, "kg-iri"));
  }
  function showEdge(eid) {
    var e = edgeById[eid];
    if (!e) return;
    clear(panel);
    panel.appendChild(el("h3", e.kg.n, "kg-name"));
    var ends = el("p");
    ends.appendChild(nodeButton(e.from));
    ends.appendChild(document.createTextNode(" → "));
    ends.appendChild(nodeButton(e.to));
    panel.appendChild(ends);
    section("Thời điểm / as of", e.kg.d);
    sources(e.kg.s, e.kg.s.length);
  }
  function reset() { clear(panel); panel.textContent = EMPTY; }
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else reset();
  });

  function select(id) {
    if (!byId[id]) return false;
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    showNode(id);
    return true;
  }

  // -- filters --------------------------------------------------------------------------
  var hidden = {};
  var visible = {};
  var boxes = document.querySelectorAll(".kg-class-filter");
  function bound(input) {
    var value = input.value.trim();
    var ok = !value || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(value);
    if (ok) input.removeAttribute("aria-invalid");
    else input.setAttribute("aria-invalid", "true");
    return ok ? value : "";
  }
  // "2021" as a bound means the whole year: compare as many characters as it has.
  function inRange(date, from, to) {
    if (from && date.slice(0, from.length) < from) return false;
    return !(to && date.slice(0, to.length) > to);
  }
  function applyFilters() {
    var on = {};
    Array.prototype.forEach.call(boxes, function (box) { on[box.value] = box.checked; });
    var from = bound($("kg-from"));
    var to = bound($("kg-to"));
    var changes = [];
    var shown = 0;
    data.nodes.forEach(function (n) {
      var show = on[n.kg.k] !== false && (!n.kg.d || inRange(n.kg.d, from, to));
      visible[n.id] = show;
      if (show) shown += 1;
      if (!!hidden[n.id] === show) { hidden[n.id] = !show; changes.push({ id: n.id, hidden: !show }); }
    });
    var edgeChanges = [];
    var shownEdges = 0;
    data.edges.forEach(function (e) {
      var show = visible[e.from] && visible[e.to] &&
        (!e.kg.d.length || e.kg.d.some(function (d) { return inRange(d, from, to); }));
      if (show) shownEdges += 1;
      if (!!hidden[e.id] === show) { hidden[e.id] = !show; edgeChanges.push({ id: e.id, hidden: !show }); }
    });
    nodes.update(changes);
    edges.update(edgeChanges);
    stats.shownNodes = shown;
    stats.shownEdges = shownEdges;
    $("kg-shown").textContent = shown === data.nodes.length && shownEdges === data.edges.length ? ""
      : "; đang hiện " + shown + " nút, " + shownEdges + " cạnh (showing " + shown + " nodes, " + shownEdges + " edges)";
    search($("kg-search").value);
  }
  Array.prototype.forEach.call(boxes, function (box) { box.addEventListener("change", applyFilters); });
  $("kg-from").addEventListener("input", applyFilters);
  $("kg-to").addEventListener("input", applyFilters);
  $("kg-reset").addEventListener("click", function () {
    $("kg-from").value = "";
    $("kg-to").value = "";
    Array.prototype.forEach.call(boxes, function (box) { box.checked = true; });
    applyFilters();
  });
  var dates = [];
  data.nodes.forEach(function (n) { if (n.kg.d) dates.push(n.kg.d); });
  data.edges.forEach(function (e) { dates = dates.concat(e.kg.d); });
  dates.sort();
  $("kg-span").textContent = dates.length
    ? "Ngày trong đồ thị / dates in the graph: " + dates[0] + " – " + dates[dates.length - 1] : "";

  // -- search ---------------------------------------------------------------------------
  var results = $("kg-results");
  var found = [];
  function search(query) {
    var words = fold(query).split(" ").filter(Boolean);
    clear(results);
    found = !words.length ? [] : keys.filter(function (k) {
      return visible[k.id] !== false && words.every(function (w) { return k.key.indexOf(w) >= 0; });
    });
    var whole = words.join(" ");
    var rank = function (k) { return k.label === whole ? 0 : k.label.indexOf(whole) === 0 ? 1 : 2; };
    found.sort(function (x, y) { return rank(x) - rank(y) || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0); });
    found.slice(0, MAX_RESULTS).forEach(function (k) {
      var li = el("li");
      li.appendChild(nodeButton(k.id));
      li.appendChild(el("span", " " + (classNames[byId[k.id].kg.k] || ""), "kg-en"));
      results.appendChild(li);
    });
    $("kg-search-count").textContent = !words.length ? ""
      : found.length + " kết quả / results" + (found.length > MAX_RESULTS ? " (" + MAX_RESULTS + " đầu / first)" : "");
    if (words.length) network.selectNodes(found.map(function (k) { return k.id; }));
    return found.map(function (k) { return k.id; });
  }
  $("kg-search").addEventListener("input", function () { search(this.value); });
  $("kg-search").addEventListener("keydown", function (event) {
    if (event.key === "Enter" && found.length) select(found[0].id);
    if (event.key === "Escape") { this.value = ""; search(""); }
  });

  applyFilters();
  window.kg = {
    network: network, nodes: nodes, edges: edges, data: data, stats: stats, fold: fold,
    select: select, search: search, applyFilters: applyFilters, showNode: showNode,
    showEdge: showEdge,
  };
})();
