/* Quick exit, after the logic of GOV.UK's "Exit this page" component (our own code).
   Runs on every page (mkdocs.yml extra_javascript, after the theme's bundle). Assumes the band that
   exitguide/site_fixes.py puts under the header: [data-quick-exit] holding a.quick-exit__button (its
   href is the neutral page), a role="status" region, and the announcements in the page language as
   data-attributes (from exitguide/labels.py). Without this script the button is a plain link.
   - Leaving: the button, or the Shift key pressed and released on its own three times in a row. The
     page blanks at once, then location.replace loads the neutral page, which takes the place of this
     page in the tab's history: Back does not return here. Earlier pages stay in the history.
   - Counting: only Shift alone counts. Any other key (Shift+Tab, a capital letter typed in the search
     box) or 5 s without a press starts the count again. The status region says how many presses are
     left, and when the count has started again.
   - Links to a part of this same page (table of contents, heading links, skip link, "#…" in the text)
     replace the current history entry instead of adding one, so Back after leaving cannot land on
     this page at another section. location.replace("#…") is the browser's own fragment navigation:
     it scrolls, updates :target (the theme's scroll margin), fires hashchange (the theme closes its
     drawer) and moves the keyboard's starting point to the section, as a followed link does.
   - A page shown again from the back/forward cache is un-blanked and its count reset. */
(function () {
  "use strict";
  var band = document.querySelector("[data-quick-exit]");
  var button = band && band.querySelector(".quick-exit__button");
  var status = band && band.querySelector("[role=status]");
  if (!button || !status) { return; }
  var PRESSES = 3, PAUSE_MS = 5000, LEAVING = "quick-exit--leaving";
  var count = 0, shiftAlone = false, pauseTimer = 0, silenceTimer = 0;

  function announce(text) {
    window.clearTimeout(silenceTimer);
    status.textContent = text || "";
  }

  function leave(event) {
    if (event) { event.preventDefault(); }
    document.documentElement.classList.add(LEAVING);  // blank first: nothing of the page shows while the next one loads
    announce("");
    window.location.replace(button.href);
  }

  function startAgain(tell) {
    window.clearTimeout(pauseTimer);
    var hadPresses = count > 0;
    count = 0;
    if (tell && hadPresses) {
      announce(band.dataset.reset);
      silenceTimer = window.setTimeout(announce, PAUSE_MS);  // an old message must not linger for the next visitor
    }
  }

  // Capture phase on window: counted before the theme's search field or any other handler sees the key.
  window.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) { shiftAlone = true; }
      return;
    }
    shiftAlone = false;  // Shift is a modifier now (Shift+Tab, Shift+P)
    startAgain(true);
  }, true);

  window.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { return; }
    if (!shiftAlone) { return; }
    shiftAlone = false;
    count += 1;
    window.clearTimeout(pauseTimer);
    if (count >= PRESSES) {
      count = 0;
      leave();
      return;
    }
    announce(PRESSES - count === 2 ? band.dataset.twoLeft : band.dataset.oneLeft);
    pauseTimer = window.setTimeout(function () { startAgain(true); }, PAUSE_MS);
  }, true);

  // Shift held while clicking (open in a new window) is not Shift on its own either.
  window.addEventListener("pointerdown", function () { shiftAlone = false; }, true);

  button.addEventListener("click", leave);

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
    var link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || link.hasAttribute("download") || (link.target && link.target !== "_self")) { return; }
    var url = new URL(link.getAttribute("href"), document.baseURI);
    var here = window.location;
    if (url.href.indexOf("#") < 0 || url.origin !== here.origin || url.pathname !== here.pathname || url.search !== here.search) { return; }
    event.preventDefault();
    window.location.replace(url.href);
  });

  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    document.documentElement.classList.remove(LEAVING);
    shiftAlone = false;
    startAgain(false);
    announce("");
  });
})();
