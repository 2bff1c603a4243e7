// The query page: loads bundled queries, runs the textarea's query against the endpoint
// and shows the result. Values from the store reach the page only through textContent.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("kg-config").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var endpoint = config.endpoint;
  var results = $("kg-results");
  var status = $("kg-status");
  var ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";
  var MAX_ROWS = 2000;

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function clear(box) { while (box.firstChild) box.removeChild(box.firstChild); }

  $("kg-endpoint").textContent = window.location.origin + endpoint;
  config.queries.forEach(function (q) {
    var option = el("option", q.name);
    option.value = q.name;
    option.title = q.about;
    $("kg-bundled").appendChild(option);
  });
  $("kg-bundled").addEventListener("change", function () {
    var picked = config.queries.filter(function (q) { return q.name === this.value; }, this)[0];
    $("kg-about").textContent = picked ? picked.about : "";
    if (picked) $("kg-query").value = picked.text;
  });

  function cell(term) {
    if (!term) return el("td", "", "kg-unbound");
    var text = term.type === "literal" && term["xml:lang"] ? term.value + "@" + term["xml:lang"] : term.value;
    var cls = (term.type === "uri" ? "kg-iri" : "") + (text.length <= 24 ? " kg-short" : "");
    return el("td", text, cls.trim() || null);
  }
  function table(json) {
    var vars = json.head.vars || [];
    var rows = json.results.bindings;
    var box = el("table");
    var head = el("tr");
    vars.forEach(function (v) { head.appendChild(el("th", v)); });
    box.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    rows.slice(0, MAX_ROWS).forEach(function (row) {
      var tr = el("tr");
      vars.forEach(function (v) { tr.appendChild(cell(row[v])); });
      body.appendChild(tr);
    });
    box.appendChild(body);
    results.appendChild(box);
    var shown = rows.length > MAX_ROWS ? " (" + MAX_ROWS + " đầu / first shown)" : "";
    return rows.length + " dòng / rows" + shown;
  }
  function downloads(query, graph) {
    var box = $("kg-downloads");
    clear(box);
    box.appendChild(document.createTextNode("Tải / download: "));
    (graph ? ["ttl", "nt", "json", "xml"] : ["csv", "tsv", "json", "xml"]).forEach(function (format) {
      var link = el("a", format.toUpperCase());
      link.setAttribute("href", endpoint + "?" + new URLSearchParams({ query: query, format: format }).toString());
      box.appendChild(link);
    });
  }
  function fail(message) {
    clear(results);
    results.appendChild(el("p", message, "kg-error"));
    status.textContent = "lỗi / error";
  }

  function run() {
    var query = $("kg-query").value;
    var started = Date.now();
    status.textContent = "đang chạy / running…";
    return fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT },
      body: new URLSearchParams({ query: query }).toString(),
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      return response.text().then(function (text) {
        if (!response.ok) { fail(text.trim()); return; }
        clear(results);
        var summary;
        var graph = type.indexOf("json") < 0;
        if (type.indexOf("json") >= 0) {
          var json = JSON.parse(text);
          if (typeof json.boolean === "boolean") {
            results.appendChild(el("p", json.boolean ? "có / true" : "không / false", "kg-boolean"));
            summary = "ASK";
          } else {
            summary = table(json);
          }
        } else {
          results.appendChild(el("pre", text));
          summary = text.split("\n").filter(Boolean).length + " dòng Turtle / lines";
        }
        status.textContent = summary + ", " + (Date.now() - started) + " ms";
        downloads(query, graph);
      });
    }).catch(function (error) { fail(String(error)); });
  }
  $("kg-run").addEventListener("click", run);
  $("kg-query").addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
  });
  window.kgQuery = { run: run, config: config };
})();
