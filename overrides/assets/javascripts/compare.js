/* Sorting, filtering and the side-by-side view on the comparison page.
   Our own small script, served from the site itself (no CDN). Without it the
   tables are complete; it only reads the data-* attributes the build writes. */
(function () {
  "use strict";
  var controls = document.querySelector(".compare-controls[data-compare]");
  if (!controls) { return; }
  var sv = (document.documentElement.lang || "sv").indexOf("sv") === 0;
  var T = sv ? {
    sortBy: "Sortera efter ", shown: function (n, m) { return n + " av " + m + " program visas."; },
    pick: function (name) { return "Jämför " + name; }, tooMany: "Du kan välja högst fyra program.",
    chosen: function (n) { return n + " program valda för jämförelse sida vid sida."; }, attribute: "Uppgift"
  } : {
    sortBy: "Sort by ", shown: function (n, m) { return n + " of " + m + " programmes shown."; },
    pick: function (name) { return "Compare " + name; }, tooMany: "You can choose at most four programmes.",
    chosen: function (n) { return n + " programmes chosen for side-by-side comparison."; }, attribute: "Item"
  };
  var MAX = 4;
  var tables = Array.prototype.slice.call(document.querySelectorAll("table.compare-table"));
  var overview = document.getElementById("compare-overview");
  var status = controls.querySelector(".compare-status");
  var sideBySide = document.getElementById("side-by-side");
  controls.hidden = false;

  function cellValue(row, index) {
    var cell = row.children[index];
    if (!cell) { return ""; }
    var value = cell.getAttribute("data-sort");
    return value !== null ? value : cell.textContent.trim();
  }

  function compareValues(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && String(x) === a.trim() && String(y) === b.trim()) { return x - y; }
    return a.localeCompare(b, sv ? "sv" : "en");
  }

  tables.forEach(function (table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.textContent = th.textContent;
      button.setAttribute("aria-label", T.sortBy + th.textContent);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var result = compareValues(cellValue(r1, index), cellValue(r2, index));
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });

  var selects = Array.prototype.slice.call(controls.querySelectorAll("select[data-filter]"));
  function matches(row) {
    return selects.every(function (select) {
      var wanted = select.value;
      if (!wanted) { return true; }
      var values = (row.getAttribute("data-" + select.getAttribute("data-filter")) || "").split(" ");
      return values.indexOf(wanted) !== -1;
    });
  }
  function applyFilters() {
    var shown = 0, total = 0;
    tables.forEach(function (table) {
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var visible = matches(row);
        row.hidden = !visible;
        if (table === overview) { total += 1; if (visible) { shown += 1; } }
      });
    });
    status.textContent = T.shown(shown, total);
  }
  selects.forEach(function (select) { select.addEventListener("change", applyFilters); });

  function chosenIds() {
    return Array.prototype.slice.call(overview.querySelectorAll("input.pick:checked"))
      .map(function (box) { return box.value; });
  }
  function rowsOf(table, id) {
    return Array.prototype.filter.call(table.tBodies[0].rows, function (row) {
      return row.getAttribute("data-program") === id;
    });
  }
  function renderSideBySide() {
    var ids = chosenIds();
    var url = new URL(window.location.href);
    if (ids.length) { url.searchParams.set("compare", ids.join(",")); } else { url.searchParams.delete("compare"); }
    window.history.replaceState(null, "", url.toString());
    var body = sideBySide.querySelector(".side-by-side-body");
    body.textContent = "";
    sideBySide.hidden = ids.length < 2;
    if (ids.length < 2) { return; }
    tables.forEach(function (table) {
      var result = document.createElement("table");
      result.className = "side-by-side-table";
      result.createCaption().textContent = table.caption ? table.caption.textContent : "";
      var head = result.createTHead().insertRow();
      var corner = document.createElement("th");
      corner.scope = "col";
      corner.textContent = T.attribute;
      head.appendChild(corner);
      ids.forEach(function (id) {
        var th = document.createElement("th");
        th.scope = "col";
        var first = rowsOf(overview, id)[0];
        th.innerHTML = first ? first.cells[0].querySelector("a").outerHTML : id;
        th.setAttribute("data-program", id);
        head.appendChild(th);
      });
      var tbody = result.createTBody();
      var headers = table.tHead.rows[0].cells;
      for (var column = 1; column < headers.length; column += 1) {
        var tr = tbody.insertRow();
        var label = document.createElement("th");
        label.scope = "row";
        label.textContent = headers[column].textContent;
        tr.appendChild(label);
        ids.forEach(function (id) {
          var td = tr.insertCell();
          td.innerHTML = rowsOf(table, id).map(function (row) {
            return row.cells[column] ? row.cells[column].innerHTML : "";
          }).join("<br>");
        });
      }
      var wrap = document.createElement("div");
      wrap.className = "table-wrap";
      wrap.appendChild(result);
      body.appendChild(wrap);
    });
  }

  var preset = (new URL(window.location.href).searchParams.get("compare") || "").split(",").filter(Boolean).slice(0, MAX);
  Array.prototype.forEach.call(overview.tBodies[0].rows, function (row) {
    var id = row.getAttribute("data-program");
    var link = row.cells[0].querySelector("a");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.className = "pick";
    box.value = id;
    box.checked = preset.indexOf(id) !== -1;
    box.setAttribute("aria-label", T.pick(link ? link.textContent : id));
    box.addEventListener("change", function () {
      if (chosenIds().length > MAX) { box.checked = false; status.textContent = T.tooMany; return; }
      status.textContent = T.chosen(chosenIds().length);
      renderSideBySide();
    });
    row.cells[0].insertBefore(box, row.cells[0].firstChild);
  });
  applyFilters();
  renderSideBySide();
})();
