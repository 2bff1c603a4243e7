// Draws the network from the JSON block. Every article string in it was HTML-escaped
// in Python; tooltips are HTML built from those escaped parts.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var status = document.getElementById("kg-status");
  var panel = document.getElementById("kg-panel");

  // Labels are painted on a canvas, which never parses markup: show the real text.
  function plain(text) {
    return String(text)
      .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'").replace(/&amp;/g, "&");
  }
  // vis-network shows string titles as plain text; an element keeps the layout.
  function tip(markup) {
    var box = document.createElement("div");
    box.innerHTML = markup;
    return box;
  }

  var details = {};
  data.nodes.forEach(function (node) {
    details[node.id] = node.title;
    node.label = plain(node.label);
    node.title = tip(node.title);
  });
  data.edges.forEach(function (edge) {
    edge.label = plain(edge.label);
    edge.title = tip(edge.title);
  });

  var network = new vis.Network(
    document.getElementById("kg-network"),
    { nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges) },
    data.options
  );
  network.on("stabilizationProgress", function (params) {
    status.textContent = "Đang sắp xếp… " + Math.round((100 * params.iterations) / params.total) + "%";
  });
  // Once laid out, stop the simulation so large graphs stay still and cheap.
  network.once("stabilizationIterationsDone", function () {
    status.textContent = "";
    network.setOptions({ physics: { enabled: false } });
  });
  network.on("selectNode", function (params) {
    panel.innerHTML = details[params.nodes[0]] || "";
  });
  network.on("deselectNode", function () {
    panel.textContent = "Chọn một nút để xem chi tiết.";
  });
})();
