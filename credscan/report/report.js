// Filter and sort the finding table. No network, no libraries. The URL fragment can preset the filters:
// report.html#q=finance&severity=high&category=api-token&status=open
(function () {
  "use strict";
  var table = document.getElementById("finding-table");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var text = document.getElementById("filter-text");
  var selects = {
    severity: document.getElementById("filter-severity"),
    category: document.getElementById("filter-category"),
    status: document.getElementById("filter-status")
  };
  var shown = document.getElementById("shown-count");

  function apply() {
    var needle = text.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var ok = !needle || row.getAttribute("data-search").indexOf(needle) !== -1;
      Object.keys(selects).forEach(function (key) {
        var wanted = selects[key].value;
        if (wanted && row.getAttribute("data-" + key) !== wanted) { ok = false; }
      });
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = String(count);
    table.setAttribute("data-visible", String(count));
  }

  function preset() {
    var params = new URLSearchParams(window.location.hash.replace(/^#/, "") || window.location.search);
    if (params.has("q")) { text.value = params.get("q"); }
    Object.keys(selects).forEach(function (key) {
      var value = params.get(key);
      if (value === null) { return; }
      var known = Array.prototype.some.call(selects[key].options, function (o) { return o.value === value; });
      if (known) { selects[key].value = value; }
    });
  }

  function sortBy(th) {
    var index = th.cellIndex;
    var numeric = th.hasAttribute("data-numeric");
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var keyed = rows.map(function (row, position) {
      var cell = row.cells[index];
      var key = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
      return { row: row, key: numeric ? parseFloat(key) || 0 : key.toLowerCase(), position: position };
    });
    keyed.sort(function (a, b) {
      if (a.key < b.key) { return ascending ? -1 : 1; }
      if (a.key > b.key) { return ascending ? 1 : -1; }
      return a.position - b.position;
    });
    rows = keyed.map(function (k) { body.appendChild(k.row); return k.row; });
  }

  text.addEventListener("input", apply);
  Object.keys(selects).forEach(function (key) { selects[key].addEventListener("change", apply); });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    th.addEventListener("click", function () { sortBy(th); });
  });
  window.addEventListener("hashchange", function () { preset(); apply(); });
  preset();
  apply();
})();
