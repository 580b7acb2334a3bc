/* When a search finds nothing, point the reader somewhere useful: the coverage page ("Var finns stöd?")
   and the route finder with the routes that apply everywhere. The words and links come from the page
   (a <template id="search-help"> written by exitguide/site_fixes.py from labels.py); this script only
   shows them under the theme's results while the query is not empty and the result list is empty.
   Relies on the theme's search markup (data-md-component="search-result" with a .md-search-result__list,
   and the search input); if that is gone it logs an error, which the browser tests treat as a failure. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var template = document.getElementById("search-help");
  if (!template) { return; }
  var result = document.querySelector('[data-md-component="search-result"]');
  var input = document.querySelector('input[data-md-component="search-query"]');
  if (!result || !input) {
    console.error("search-help.js: the theme's search markup changed (search-result or search-query not found)");
    return;
  }
  var help = template.content.firstElementChild.cloneNode(true);
  help.hidden = true;
  result.parentNode.insertBefore(help, result.nextSibling);  /* beside the results: the theme re-renders inside them */
  function update() {
    var list = result.querySelector(".md-search-result__list");
    var empty = !list || list.children.length === 0;
    help.hidden = !(input.value.trim() && empty);
  }
  new MutationObserver(update).observe(result, { childList: true, subtree: true });
  input.addEventListener("input", update);
});
