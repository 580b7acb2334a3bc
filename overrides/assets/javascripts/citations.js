/* Numbered citations: a source's details beside its mark, on hover, keyboard focus or tap (our own code).
   Runs on every page (mkdocs.yml extra_javascript). Assumes what exitguide/citations.py writes: marks
   are links a[href="#ref-N"] inside span.cite, and the page's list ol.reference-list (its data-show-in-list
   holds the words for the link to it) has entries li#ref-N holding span#ref-N-about (the source's details)
   and a.ref-back. Without this script every mark is a plain link to its entry, named "Källa N: …", and
   the entry's way back leads to the source's first mark. With it, each mark is also described by its
   entry's details (aria-describedby, set here so the page does not carry it thousands of times), so a
   screen reader reads them on focus.
   - Mouse: hovering a mark shows the details in a box under it. The box stays while the pointer is on
     the mark or on the box, and Escape hides it (WCAG 1.4.13). A click follows the link to the list.
   - Keyboard: focusing a mark shows the box, Escape hides it, Enter follows the link to the list.
   - Touch: the first tap on a mark shows the box and keeps it, with a link to the list; a second tap on
     the same mark follows the link; a tap anywhere else closes the box.
   - The way back: once a mark has been followed, its entry's "Back" returns to that very mark.
   In-page links are left to quick-exit.js, which follows them with location.replace (no history entry);
   this script stops a link only when it does something else instead (the first tap, the way back).
   The box lies under the sticky header, so the quick-exit button is never covered. */
(function () {
  "use strict";
  var MARK = '.cite a[href^="#ref-"]';
  var list = document.querySelector("ol.reference-list");
  if (!list) { return; }
  var box = document.createElement("div");
  box.className = "ref-box";
  box.hidden = true;
  document.body.appendChild(box);
  Array.prototype.forEach.call(document.querySelectorAll(MARK), function (mark) {
    mark.setAttribute("aria-describedby", mark.getAttribute("href").slice(1) + "-about");
  });
  var shownFor = null, pinned = false, hideTimer = 0, pointer = "", followed = {};
  var HIDE_AFTER_MS = 300, GAP = 6, MARGIN = 8, WIDTH = 352;

  function markOf(node) { return node instanceof Element ? node.closest(MARK) : null; }
  function inBox(node) { return node instanceof Node && box.contains(node); }
  function entryOf(mark) { return document.getElementById(mark.getAttribute("href").slice(1)); }

  function hide() {
    window.clearTimeout(hideTimer);
    box.hidden = true;
    box.textContent = "";
    shownFor = null;
    pinned = false;
  }

  function hideSoon() {
    if (pinned) { return; }
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hide, HIDE_AFTER_MS);
  }

  function place(mark) {
    // Measured against the box's containing block, both in layout coordinates, so the box sits under the
    // mark also when a phone's visual viewport is zoomed or offset (window.scrollY follows the visual one).
    var rect = mark.getBoundingClientRect();
    var origin = (box.offsetParent || document.documentElement).getBoundingClientRect();
    var viewport = document.documentElement.clientWidth;
    var width = Math.min(WIDTH, viewport - 2 * MARGIN);
    box.style.width = width + "px";
    var left = Math.max(MARGIN, Math.min(rect.left, viewport - width - MARGIN));
    var top = rect.bottom + GAP;
    if (top + box.offsetHeight > window.innerHeight && rect.top - GAP - box.offsetHeight > 0) {
      top = rect.top - GAP - box.offsetHeight;  // no room below, room above
    }
    box.style.left = (left - origin.left) + "px";
    box.style.top = (top - origin.top) + "px";
  }

  function show(mark, pin) {
    var entry = entryOf(mark);
    var about = entry && entry.querySelector("#" + entry.id + "-about");
    if (!about) { return; }
    window.clearTimeout(hideTimer);
    if (shownFor !== mark || pin !== pinned) {
      box.textContent = "";
      var details = document.createElement("p");
      var number = document.createElement("strong");
      number.textContent = mark.textContent + " ";
      details.appendChild(number);
      Array.prototype.forEach.call(about.childNodes, function (node) { details.appendChild(node.cloneNode(true)); });
      box.appendChild(details);
      if (pin) {
        var more = document.createElement("p");
        var link = document.createElement("a");
        link.href = "#" + entry.id;
        link.textContent = list.getAttribute("data-show-in-list");
        more.appendChild(link);
        box.appendChild(more);
      }
    }
    shownFor = mark;
    pinned = pin;
    box.hidden = false;
    place(mark);
  }

  document.addEventListener("mouseover", function (event) {
    var mark = markOf(event.target);
    if (mark && !pinned) { show(mark, false); }
    else if (mark || inBox(event.target)) { window.clearTimeout(hideTimer); }
  });
  document.addEventListener("mouseout", function (event) {
    if (!shownFor || !(markOf(event.target) || inBox(event.target))) { return; }
    if (event.relatedTarget && (event.relatedTarget === shownFor || shownFor.contains(event.relatedTarget) || inBox(event.relatedTarget))) { return; }
    hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    var mark = markOf(event.target);
    if (mark && !(pinned && shownFor === mark)) { show(mark, false); }
  });
  document.addEventListener("focusout", function (event) {
    if (shownFor && !pinned && !inBox(event.relatedTarget)) { hide(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && shownFor) { hide(); }
  });
  window.addEventListener("resize", function () { if (shownFor) { hide(); } });

  // Capture phase: decided before quick-exit.js (bubble phase) follows an in-page link.
  document.addEventListener("pointerdown", function (event) {
    pointer = event.pointerType;
    if (pinned && !inBox(event.target) && markOf(event.target) !== shownFor) { hide(); }
  }, true);
  document.addEventListener("click", function (event) {
    var touch = pointer === "touch" || pointer === "pen";
    pointer = "";  // a click that follows no pointerdown comes from the keyboard
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
    var mark = markOf(event.target);
    if (mark) {
      if (touch && !(pinned && shownFor === mark)) {
        event.preventDefault();
        show(mark, true);
        return;
      }
      followed[mark.getAttribute("href")] = mark;
      hide();
      return;
    }
    var back = event.target instanceof Element ? event.target.closest("a.ref-back") : null;
    var entry = back && back.closest("li[id]");
    var origin = entry && followed["#" + entry.id];
    if (origin && document.contains(origin)) {
      event.preventDefault();
      origin.scrollIntoView({ block: "center" });
      origin.focus({ preventScroll: true });
      return;
    }
    if (shownFor && inBox(event.target) && event.target instanceof Element && event.target.closest("a")) {
      window.setTimeout(hide, 0);  // after the link is followed: a link taken out of the page cannot be followed
    }
  }, true);
})();
