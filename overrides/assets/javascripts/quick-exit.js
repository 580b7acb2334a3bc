/* "Exit this page" (after GOV.UK's pattern): the button, or the Shift key pressed three
   times within five seconds, replaces this page with a neutral one so that Back does
   not return here. Without JavaScript the button is a plain link and still works. */
(function () {
  "use strict";
  var exit = document.querySelector("[data-quick-exit] .quick-exit__button");
  if (!exit) { return; }
  var target = exit.getAttribute("href");
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.body.classList.add("quick-exit--leaving");
    window.location.replace(target);
  }
  exit.addEventListener("click", leave);
  var presses = [];
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { return; }
    var now = Date.now();
    presses = presses.filter(function (time) { return now - time < 5000; });
    presses.push(now);
    if (presses.length >= 3) { presses = []; leave(); }
  });
})();
