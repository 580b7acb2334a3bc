/* The route finder ("Vem kan hjälpa?"). It applies the decision table that the build embeds in the page
   (#route-finder-data, made by exitguide/routefinder.py) to the reader's answers, with the same steps
   as routefinder.evaluate and opening.state_at; the tests compare both. All words come from the table.
   Private by construction: the answers stay in this page. Nothing goes into the address, the history,
   cookies or storage, and nothing is requested. Without JavaScript the page lists every route. */
(function () {
  "use strict";
  var form = document.getElementById("route-finder");
  var dataNode = document.getElementById("route-finder-data");
  if (!form || !dataNode) { return; }
  var table = JSON.parse(dataNode.textContent);
  var T = table.texts;
  var RANK = { yes: 0, unknown: 1, no: 2 };
  var MORNING = 7 * 60, EVENING = 18 * 60, LOOKAHEAD_DAYS = 14;
  var WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  var holidays = {};
  table.holidays.forEach(function (day) { holidays[day] = true; });
  var answerBox = document.getElementById("route-answer");
  var results = document.getElementById("route-results");
  var summary = answerBox.querySelector(".rf-summary");
  var staticList = document.querySelector(".rf-static");
  var cards = {};
  Array.prototype.forEach.call(document.querySelectorAll("[data-card]"), function (card) {
    if (!cards[card.getAttribute("data-card")]) { cards[card.getAttribute("data-card")] = card; }
  });

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return values[key] !== undefined ? values[key] : all; });
  }
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  var countyOf = {};  // the data lists each county once with its municipalities
  Object.keys(table.counties).forEach(function (county) {
    table.counties[county].forEach(function (key) { countyOf[key] = county; });
  });
  var placeByName = {};
  Object.keys(table.names).forEach(function (key) {
    placeByName[fold(key.replace(/_/g, " "))] = key;
    table.names[key].forEach(function (name) { placeByName[fold(name)] = key; });
  });
  function placeKey(text) {
    var folded = fold(text).replace(/ (kommun|stad|municipality)$/, "");
    return folded ? (placeByName[folded] || null) : null;
  }

  /* --- the same steps as exitguide/opening.py --- */
  function isoDate(d) {
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }
  function weekday(d) { return (d.getDay() + 6) % 7; }
  function stateOn(opening, at) {
    if (holidays[isoDate(at)]) {
      if (opening.holidays === "closed") { return "no"; }
      if (opening.holidays !== "open") { return "unknown"; }
    }
    var now = at.getHours() * 60 + at.getMinutes(), state = "no", yesterday = (weekday(at) + 6) % 7;
    for (var i = 0; i < opening.periods.length; i++) {
      var period = opening.periods[i], start = period.from, end = period.to;
      if (start !== null && end <= start && period.days.indexOf(yesterday) >= 0 && now < end) { return "yes"; }
      if (period.days.indexOf(weekday(at)) < 0) { continue; }
      if (start === null) {
        if (now >= MORNING && now < EVENING) { state = "unknown"; }
      } else if (start <= now && now < (end > start ? end : 24 * 60)) {
        return "yes";
      }
    }
    return state;
  }
  function nextOpen(opening, at) {
    for (var offset = 0; offset <= LOOKAHEAD_DAYS; offset++) {
      var day = new Date(at.getFullYear(), at.getMonth(), at.getDate() + offset);
      if (holidays[isoDate(day)] && opening.holidays !== "open") { continue; }
      var periods = opening.periods.filter(function (p) { return p.days.indexOf(weekday(day)) >= 0; });
      var starts = periods.filter(function (p) { return p.from !== null; }).map(function (p) { return p.from; })
        .sort(function (a, b) { return a - b; });
      for (var i = 0; i < starts.length; i++) {
        var moment = new Date(day.getFullYear(), day.getMonth(), day.getDate(), Math.floor(starts[i] / 60), starts[i] % 60);
        if (moment > at) { return { at: moment, time: true }; }
      }
      var untimed = periods.some(function (p) { return p.from === null; });
      if (untimed && (offset > 0 || at.getHours() * 60 + at.getMinutes() < MORNING)) { return { at: day, time: false }; }
    }
    return null;
  }
  function stateAt(opening, at) {
    if (!opening) { return ["unknown", null]; }
    if (opening.always) { return ["yes", null]; }
    var state = stateOn(opening, at);
    return [state, state === "yes" ? null : nextOpen(opening, at)];
  }
  function iso(next) {
    if (!next) { return null; }
    var text = isoDate(next.at);
    return next.time ? text + "T" + String(next.at.getHours()).padStart(2, "0") + ":" + String(next.at.getMinutes()).padStart(2, "0") : text;
  }
  function clock(minutes) {  /* as the page's language writes a time of day (labels.py: hours_clock) */
    return fill(T.hours_clock, { hours: String(Math.floor(minutes / 60)).padStart(2, "0"), minutes: String(minutes % 60).padStart(2, "0") });
  }
  function momentText(next) {
    var text = T["day_" + WEEKDAYS[weekday(next.at)]] + " " + next.at.getDate() + " " + table.months[next.at.getMonth()];
    return next.time ? text + " " + clock(next.at.getHours() * 60 + next.at.getMinutes()) : text;
  }

  /* --- the same steps as exitguide/routefinder.evaluate --- */
  function placeState(area, place) {
    if (area === null) { return "yes"; }
    if (place === null) { return "unknown"; }
    return area.indexOf(place) >= 0 ? "yes" : "no";
  }
  function near(area, place) {
    if (area === null || place === null) { return true; }
    return area.some(function (m) { return countyOf[m] === countyOf[place]; });
  }
  function ageState(bands, age) {
    if (bands === null) { return "yes"; }
    if (!bands.length || age === null) { return "unknown"; }
    return bands.some(function (b) { return (b[0] === null || age >= b[0]) && (b[1] === null || age <= b[1]); }) ? "yes" : "no";
  }
  function evaluate(situation) {
    var answer = [];
    table.candidates.forEach(function (row) {
      if (row.audiences.indexOf(situation.who) < 0) { return; }
      var place = placeState(row.area, situation.place);
      if (row.type === "programme" && !near(row.area, situation.place)) { return; }
      if (row.type === "route" && row.area !== null && place !== "yes") { return; }
      var reasons = [];
      var age = ageState(row.ages, situation.age);
      if (row.emergency) { reasons.push([situation.danger ? "emergency_now" : "emergency_only", {}]); }
      reasons.push({ yes: row.area !== null ? ["place_yes", { area: row.area_text }] : ["everywhere", {}],
                     no: ["place_no", { area: row.area_text }], unknown: ["place_unknown", { area: row.area_text }] }[place]);
      if (row.ages !== null) {
        if (!row.ages.length) { reasons.push(["age_not_stated", {}]); }
        else if (situation.age === null) { reasons.push(["age_unknown", { ages: row.ages_text }]); }
        else { reasons.push(["age_" + age, { ages: row.ages_text }]); }
      }
      var eligible = (place === "no" || age === "no") ? "no" : (place === "unknown" || age === "unknown") ? "unknown" : "yes";
      var open = stateAt(row.opening, situation.when);
      answer.push({ id: row.id, type: row.type, eligible: eligible, open: open[0], opens: iso(open[1]), next: open[1],
                    reasons: reasons, title: row.title, local: place === "yes" && row.area !== null,
                    key: [row.emergency ? (situation.danger ? 0 : 2) : 1, RANK[eligible], RANK[open[0]],
                          row.type === "programme" ? 0 : 1, row.order] });
    });
    answer.sort(function (a, b) {
      for (var i = 0; i < a.key.length; i++) { if (a.key[i] !== b.key[i]) { return a.key[i] - b.key[i]; } }
      return 0;
    });
    return answer;
  }

  /* --- the page --- */
  function situationFromForm() {
    var who = form.querySelector("input[name=who]:checked");
    var ageText = form.elements.age.value.trim();
    var when = form.elements.when.value ? new Date(form.elements.when.value) : new Date();
    return { who: who ? who.value : "person", age: /^\d{1,3}$/.test(ageText) ? parseInt(ageText, 10) : null,
             place: placeKey(form.elements.place.value), placeText: form.elements.place.value.trim(),
             danger: form.elements.danger.checked, when: isNaN(when.getTime()) ? new Date() : when };
  }
  function paragraph(className, text) {
    var p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    return p;
  }
  function render(situation) {
    var answer = evaluate(situation);
    results.textContent = "";
    var openNow = answer.filter(function (item) { return item.open === "yes" && item.eligible !== "no"; })
      .map(function (item) { return item.title; });
    answer.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "rf-item rf-eligible-" + item.eligible;
      li.setAttribute("data-route", item.id);
      li.setAttribute("data-eligible", item.eligible);
      li.setAttribute("data-open", item.open);
      var card = cards[item.id].cloneNode(true);
      card.removeAttribute("data-card");
      // Ids stay with the originals (a citation's first mark is the target of its source's way back).
      Array.prototype.forEach.call(card.querySelectorAll("[id]"), function (node) { node.removeAttribute("id"); });
      var why = document.createElement("div");
      why.className = "rf-why";
      why.appendChild(paragraph("rf-verdict", T["eligible_" + item.eligible]));
      item.reasons.forEach(function (reason) { why.appendChild(paragraph("rf-reason", fill(T[reason[0]], reason[1]))); });
      var openText = item.open === "yes" ? T.open_yes
        : item.next ? fill(item.open === "no" ? T.open_no_next : T.open_unknown_next, { next: momentText(item.next) })
        : item.open === "no" ? T.open_no : T.open_unknown;
      why.appendChild(paragraph("rf-open rf-open-" + item.open, openText));
      if (item.open === "no" && item.eligible !== "no") {
        var others = openNow.filter(function (title) { return title !== item.title; });
        why.appendChild(paragraph("rf-until", others.length ? fill(T.until_open, { names: others.join(", ") }) : T.until));
      }
      var heading = card.querySelector("h3");
      heading.parentNode.insertBefore(why, heading.nextSibling);
      li.appendChild(card);
      results.appendChild(li);
    });
    var name = situation.place === null ? "" : table.names[situation.place][0];
    var local = answer.filter(function (item) { return item.type === "programme" && item.local; });
    var key = situation.place === null ? (situation.placeText ? "summary_unknown_place" : "summary_no_place")
      : !local.length ? "summary_none"
      : local.some(function (item) { return item.eligible !== "no"; }) ? "summary" : "summary_not_eligible";
    summary.textContent = fill(T[key], { place: situation.place === null ? situation.placeText : name });
    summary.setAttribute("data-summary", key);
    answerBox.hidden = false;
    answerBox.scrollIntoView({ block: "start" });
    answerBox.focus({ preventScroll: true });
  }

  form.hidden = false;
  if (staticList) { staticList.hidden = true; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();  /* nothing is sent anywhere, and the address does not change */
    render(situationFromForm());
  });
  window.__routeFinder = { evaluate: evaluate, placeKey: placeKey };  /* for the tests: same answers as Python */
})();
