/* The comparison: sorting every comparison table, filtering the overview matrix, and the side-by-side view.
   Our own small script, served from the site itself (no CDN), loaded only by the comparison page and its
   question pages (exitguide/render_compare.py writes the script tag). Without it every table is complete.
   It reads the data-* attributes the build writes and takes every word it shows from #compare-data
   (labels.py): the script has no text of its own. The side-by-side view fetches the question pages from
   this same site (nothing from another host) and copies the chosen programmes' rows. */
(function () {
  "use strict";
  var dataNode = document.getElementById("compare-data");
  if (!dataNode) { return; }
  var data = JSON.parse(dataNode.textContent);
  var T = data.texts;
  var MAX = 4;
  var STATE_RANK = { "cell-yes": "2", "cell-no": "1", "cell-none": "0" };

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return values[key] !== undefined ? values[key] : all; });
  }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  /* --- sorting: every comparison table on the page --- */
  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    var value = cell.getAttribute("data-sort");
    if (value !== null) { return value; }
    for (var cls in STATE_RANK) { if (cell.classList.contains(cls)) { return STATE_RANK[cls]; } }
    return cell.textContent.trim();
  }
  function compareValues(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && String(x) === a.trim() && String(y) === b.trim()) { return x - y; }
    return a.localeCompare(b, data.lang);
  }
  function makeSortable(table) {
    var headers = table.tHead.rows[0].cells;
    each(headers, function (th, index) {
      var name = th.textContent.trim();
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.setAttribute("aria-label", fill(T.sort_by, { column: name }));
      button.innerHTML = '<span aria-hidden="true">⇅</span>';
      th.appendChild(document.createTextNode(" "));
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        each(headers, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var result = compareValues(cellValue(r1, index), cellValue(r2, index));
          return ascending ? result : -result;
        });
        var fragment = document.createDocumentFragment();
        rows.forEach(function (row) { fragment.appendChild(row); });
        body.appendChild(fragment);
      });
    });
  }
  each(document.querySelectorAll("table.compare-table"), makeSortable);

  var controls = document.querySelector("form.compare-controls[data-compare]");
  var overview = document.getElementById("compare-overview");
  if (!controls || !overview) { return; }  /* a question page: sorting only */

  /* --- filtering the matrix --- */
  var status = controls.querySelector(".compare-status");
  var selects = Array.prototype.slice.call(controls.querySelectorAll("select[data-filter]"));
  var rows = Array.prototype.slice.call(overview.tBodies[0].rows);
  controls.hidden = false;

  function words(row, name) {
    var value = row.getAttribute("data-" + name);
    return value === null ? null : value.split(" ").filter(Boolean);
  }
  /* "yes", "no" or "unknown" for one filter; "unknown" (the sources say nothing) is never counted as "no". */
  function verdict(row, name, wanted) {
    if (name === "county") {
      var counties = words(row, "counties");
      if (counties === null) { return "unknown"; }
      return counties.indexOf("*") !== -1 || counties.indexOf(wanted) !== -1 ? "yes" : "no";
    }
    if (name === "kind") { return row.getAttribute("data-kind") === wanted ? "yes" : "no"; }
    if (name === "rank") { return Number(row.getAttribute("data-rank")) >= Number(wanted) ? "yes" : "no"; }
    if (words(row, name).indexOf(wanted) !== -1) { return "yes"; }
    return words(row, name + "-no").indexOf(wanted) !== -1 ? "no" : "unknown";
  }
  function applyFilters() {
    var shown = 0, unknown = 0;
    rows.forEach(function (row) {
      var result = "yes";
      selects.forEach(function (select) {
        if (!select.value || result === "no") { return; }
        var one = verdict(row, select.getAttribute("data-filter"), select.value);
        if (one !== "yes") { result = one; }
      });
      row.hidden = result !== "yes";
      if (result === "yes") { shown += 1; } else if (result === "unknown") { unknown += 1; }
    });
    status.textContent = fill(T.shown, { shown: shown, total: rows.length }) +
      (unknown ? " " + fill(T.unknown, { count: unknown }) : "");
  }
  selects.forEach(function (select) { select.addEventListener("change", applyFilters); });
  controls.addEventListener("reset", function () { window.setTimeout(applyFilters, 0); });
  controls.addEventListener("submit", function (event) { event.preventDefault(); });

  /* --- side by side --- */
  var sideBySide = document.getElementById("side-by-side");
  var sideBody = sideBySide.querySelector(".side-by-side-body");
  var fetched = {};  /* question page url -> promise of its table (or null) */

  function chosenIds() {
    return Array.prototype.slice.call(overview.querySelectorAll("input.pick:checked")).map(function (box) { return box.value; });
  }
  function rowsOf(table, id) {
    return Array.prototype.filter.call(table.tBodies[0].rows, function (row) { return row.getAttribute("data-program") === id; });
  }
  function headerText(th) {
    var copy = th.cloneNode(true);
    each(copy.querySelectorAll("button, input"), function (node) { node.remove(); });
    return copy.textContent.trim();
  }
  /* Links in a fetched page are relative to that page: make them point to the same place from here. A citation
     mark ([3]) points into that page's own list of sources, which is not on this page: it leads to the source's
     entry in the guide's register instead, and takes its accessible name along (exitguide/citations.py). */
  function rebase(node, base, doc) {
    each(node.querySelectorAll('a[href^="#ref-"]'), function (mark) {
      var id = mark.getAttribute("href").slice(1);
      var register = doc && doc.querySelector("#" + id + "-about a[href]");
      var name = doc && doc.getElementById(id + "-name");
      if (register) { mark.setAttribute("href", register.getAttribute("href")); }
      if (name) { mark.setAttribute("aria-label", name.textContent); }
      mark.removeAttribute("aria-labelledby");
    });
    each(node.querySelectorAll("a[href]"), function (link) {
      var target = new URL(link.getAttribute("href"), base);
      link.setAttribute("href", target.pathname + target.search + target.hash);
    });
    each(node.querySelectorAll("[id]"), function (element) { element.removeAttribute("id"); });
    return node;
  }
  function transposed(caption, table, ids, base, doc) {
    var result = document.createElement("table");
    result.className = "side-by-side-table";
    result.createCaption().textContent = caption;
    var head = result.createTHead().insertRow();
    var corner = document.createElement("th");
    corner.scope = "col";
    corner.textContent = T.attribute;
    head.appendChild(corner);
    ids.forEach(function (id) {
      var th = document.createElement("th");
      th.scope = "col";
      th.setAttribute("data-program", id);
      var first = rowsOf(overview, id)[0];
      var link = first && first.cells[0].querySelector("a");
      if (link) { th.appendChild(link.cloneNode(true)); } else { th.textContent = id; }
      head.appendChild(th);
    });
    var body = result.createTBody();
    var headers = table.tHead.rows[0].cells;
    for (var column = 1; column < headers.length; column += 1) {
      var tr = body.insertRow();
      var name = document.createElement("th");
      name.scope = "row";
      name.textContent = headerText(headers[column]);
      tr.appendChild(name);
      ids.forEach(function (id) {
        var td = tr.insertCell();
        rowsOf(table, id).forEach(function (row, index) {
          if (!row.cells[column]) { return; }
          if (index) { td.appendChild(document.createElement("br")); }
          var cell = row.cells[column].cloneNode(true);
          if (base) { rebase(cell, base, doc); }
          while (cell.firstChild) { td.appendChild(cell.firstChild); }
          if (row.cells[column].className) { td.className = row.cells[column].className; }
        });
      });
    }
    var wrap = document.createElement("div");
    wrap.className = "table-wrap";
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", caption);
    wrap.tabIndex = 0;
    wrap.appendChild(result);
    return wrap;
  }
  function questionTable(page) {
    if (!fetched[page.url]) {
      var url = new URL(page.url, window.location.href).href;
      fetched[page.url] = window.fetch(url, { credentials: "same-origin" })
        .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var table = doc.querySelector("table.compare-table");
          return table ? { table: table, base: url, doc: doc } : null;
        })
        .catch(function () { return null; });
    }
    return fetched[page.url];
  }
  function clearButton() {
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "md-button";
    clear.textContent = T.clear;
    clear.addEventListener("click", function () {
      each(overview.querySelectorAll("input.pick:checked"), function (box) { box.checked = false; });
      renderSideBySide(false);
    });
    return clear;
  }
  /* A bar at the foot of the window while programmes are chosen: the reader ticks boxes far down the matrix,
     and the bar says how many are chosen and leads up to the view. */
  var bar = document.createElement("div");
  bar.className = "compare-bar md-typeset";
  bar.hidden = true;
  var barStatus = document.createElement("p");
  barStatus.className = "compare-bar__status";
  barStatus.setAttribute("role", "status");
  bar.appendChild(barStatus);
  var barJump = document.createElement("a");
  barJump.className = "md-button md-button--primary";
  barJump.href = "#side-by-side";
  barJump.textContent = T.show;
  bar.appendChild(barJump);
  bar.appendChild(clearButton());
  document.body.appendChild(bar);
  function updateBar(ids) {
    bar.hidden = ids.length === 0;
    document.body.classList.toggle("compare-bar-open", ids.length > 0);
    barStatus.textContent = ids.length ? fill(T.chosen, { count: ids.length }) : "";
    barJump.hidden = ids.length < 2;
  }

  var renderCount = 0;
  function renderSideBySide(scroll) {
    var ids = chosenIds();
    var url = new URL(window.location.href);
    var params = new URLSearchParams(url.search);
    params.delete("compare");
    var rest = params.toString();
    /* ids are slugs: the commas stay readable in the address (?compare=a,b) */
    url.search = [rest, ids.length ? "compare=" + ids.join(",") : ""].filter(Boolean).join("&");
    window.history.replaceState(null, "", url.toString());
    updateBar(ids);
    var current = renderCount += 1;
    sideBody.textContent = "";
    sideBySide.hidden = ids.length < 2;
    if (ids.length < 2) { return; }
    var share = document.createElement("p");
    share.className = "side-by-side-share";
    share.appendChild(document.createTextNode(T.share + " "));
    var shareLink = document.createElement("a");
    shareLink.href = url.pathname + url.search + "#side-by-side";
    shareLink.textContent = ids.map(function (id) {
      var first = rowsOf(overview, id)[0];
      var link = first && first.cells[0].querySelector("a");
      return link ? link.textContent : id;
    }).join(", ");
    share.appendChild(shareLink);
    share.appendChild(document.createTextNode(" "));
    share.appendChild(clearButton());
    sideBody.appendChild(share);
    sideBody.appendChild(transposed(T.overview, overview, ids, null));
    var loading = document.createElement("p");
    loading.className = "side-by-side-loading";
    loading.setAttribute("role", "status");
    loading.textContent = T.loading;
    sideBody.appendChild(loading);
    if (scroll) {
      sideBySide.scrollIntoView({ block: "start" });
      sideBySide.focus({ preventScroll: true });
    }
    var pages = data.pages || [];
    Promise.all(pages.map(questionTable)).then(function (results) {
      if (current !== renderCount) { return; }  /* the choice changed meanwhile */
      var failed = false;
      results.forEach(function (result, index) {
        if (!result) { failed = true; return; }
        sideBody.insertBefore(transposed(pages[index].title, result.table, ids, result.base, result.doc), loading);
      });
      loading.textContent = failed ? T.failed : "";
    });
  }

  var preset = (new URL(window.location.href).searchParams.get("compare") || "").split(",").filter(Boolean).slice(0, MAX);
  rows.forEach(function (row) {
    var id = row.getAttribute("data-program");
    var link = row.cells[0].querySelector("a");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.className = "pick";
    box.value = id;
    box.checked = preset.indexOf(id) !== -1;
    box.setAttribute("aria-label", fill(T.pick, { name: link ? link.textContent : id }));
    box.addEventListener("change", function () {
      if (chosenIds().length > MAX) {
        box.checked = false;
        barStatus.textContent = fill(T.chosen, { count: MAX }) + " " + T.too_many;
        return;
      }
      renderSideBySide(false);
    });
    row.cells[0].insertBefore(box, row.cells[0].firstChild);
  });
  applyFilters();
  /* A shared link (?compare=a,b) opens at the side-by-side view. */
  renderSideBySide(preset.length > 1);
})();
