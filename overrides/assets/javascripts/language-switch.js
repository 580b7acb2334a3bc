/* Language switch that keeps the reader's place: the query and the #anchor go along to the other language.
   Runs on every page (mkdocs.yml extra_javascript). Assumes only what HTML says: the theme's language
   links are <a> elements with an hreflang attribute, each pointing at the same page in the other language
   (mkdocs-static-i18n). The theme's markup is not changed. At the moment a link is followed (click, middle
   click, Enter, or the context menu for "copy link") the current location.search and location.hash are put
   on its address, so /jamforelse/?compare=a,b#side-by-side leads to /en/jamforelse/?compare=a,b#side-by-side.
   Only same-site links with no query or anchor of their own are changed; the address written in the page is
   kept in data-plain-href and used again each time, so a query the page changed since (the comparison writes
   its choice into the address) is the one that goes along. Without JavaScript the plain link still works. */
(function () {
  "use strict";

  function carry(event) {
    var link = event.target && event.target.closest ? event.target.closest("a[hreflang]") : null;
    if (!link) { return; }
    if (!link.hasAttribute("data-plain-href")) {
      link.setAttribute("data-plain-href", link.getAttribute("href") || "");
    }
    var plain = new URL(link.getAttribute("data-plain-href"), document.baseURI);
    if (plain.origin !== location.origin || plain.search || plain.hash) { return; }
    plain.search = location.search;
    plain.hash = location.hash;
    link.href = plain.href;
  }

  ["click", "auxclick", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, carry, true);
  });
})();
