/* Inlined before Material's bundle on every page by the `scripts` block of overrides/main.html
   (hooks/theme.py hands it to the template; exitguide/site_fixes.py checks it is there, LAZY_SEARCH_FIRST).
   The bundle requests search/search_index.json as soon as a page loads: about 50 kB
   gzipped, and a long JSON parse on a slow phone, although most visits never search.
   This holds that one request until the search dialog opens (its toggle #__search is
   checked: a click, a keyboard shortcut or focus in the search field), or at once when
   the address asks for search (?q=) or highlighting (?h=).
   The bundle also starts its search worker at load (workers/search.….min.js, 12 kB gzipped).
   The worker's first message is the index, so the worker is started when that first
   message is sent, never before: until then the bundle holds a stand-in that keeps its
   listeners. Nothing else changes. tests/test_browser.py checks that neither file loads
   before search opens and that search then works. */
(function () {
  "use strict";
  var proto = XMLHttpRequest.prototype, open = proto.open, send = proto.send;
  var held = [], released = /[?&][qh]=/.test(location.search);
  proto.open = function (method, url) {
    this.isSearchIndex = /\/search\/search_index\.json$/.test(String(url));
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (this.isSearchIndex && !released) { held.push([this, arguments]); return; }
    return send.apply(this, arguments);
  };
  document.addEventListener("change", function (event) {
    if (released || event.target.id !== "__search" || !event.target.checked) { return; }
    released = true;
    held.splice(0).forEach(function (request) { send.apply(request[0], request[1]); });
  }, true);

  var RealWorker = window.Worker;
  if (!RealWorker || typeof EventTarget !== "function") { return; }
  window.Worker = function (url, options) {
    if (!/\/workers\/search\.[^\/]*\.js$/.test(String(url))) { return new RealWorker(url, options); }
    var standIn = new EventTarget(), worker = null;
    function start() {
      worker = new RealWorker(url, options);
      ["message", "messageerror", "error"].forEach(function (type) {
        worker.addEventListener(type, function (event) {
          standIn.dispatchEvent(type === "error" ? new ErrorEvent(type, event) : new MessageEvent(type, event));
        });
      });
    }
    standIn.postMessage = function () {
      if (!worker) { start(); }
      return worker.postMessage.apply(worker, arguments);
    };
    standIn.terminate = function () { if (worker) { worker.terminate(); } };
    return standIn;
  };
})();
