"""The route finder's logic: which routes and programmes apply to a situation, in what order, and why.

A situation is who is asking, the person's age, the municipality, whether someone is in danger now, and
a moment. `decision_table(guide, lang)` turns the validated data into a small table of candidates
(conditions, opening hours, texts); `evaluate(table, situation)` applies it. The build embeds the same
table in the route-finder page, where overrides/assets/javascripts/route-finder.js applies it with
the same steps, so no rule is typed twice: the rules are the data plus these few steps, and the tests
compare the page's answers with `evaluate` (tests/test_route_finder*.py).

Order of the answer: in danger, the emergency routes come first; then by eligibility (yes, unknown,
no), then by whether the line is open at that moment (yes, unknown, no), then programmes before
general routes, then the order in the data. Programmes are listed when they serve the place, or
when they serve the same county (so a reader sees what is near and why it does not apply).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import coverage
from . import opening as hours
from .labels import DEFAULT_LANGUAGE, label, starting_with

RANK = {"yes": 0, "unknown": 1, "no": 2}
AUDIENCES = ("person", "relative", "professional")


@dataclass(frozen=True)
class Situation:
    who: str                      # person | relative | professional
    age: int | None               # None: not given
    place: str | None             # a municipality key from data/places.yaml, None: not given
    danger: bool
    when: dt.datetime             # local time in Sweden


def public_holidays(years: range) -> list[str]:
    """Sweden's public holidays (allmänna helgdagar) for the years, from the `holidays` package: ISO dates."""
    import holidays  # imported here: only the route finder needs it
    days = holidays.country_holidays("SE", years=list(years), include_sundays=False)
    return sorted(day.isoformat() for day in days)


def _area(guide, record: dict) -> list[str] | None:
    """The municipality keys a route or programme serves (counties expanded); None means the whole country."""
    serves = record.get("serves")
    if not serves or serves.get("national"):
        return None
    return sorted(coverage.served_municipalities(guide, record))


def _area_text(guide, record: dict, lang: str) -> str:
    return ", ".join(coverage.area_names(guide, record.get("serves") or {}, lang))


def age_bands(record: dict) -> list[list]:
    """A record's age bands as [from, to] pairs (None: no limit on that side); [] when the sources state none."""
    return [[band.get("from"), band.get("to")] for band in record.get("ages") or []]


def age_band_text(low: int | None, high: int | None, lang: str) -> str:
    """One age band in words: '13–17 år', '18 år eller äldre', 'högst 20 år', 'i alla åldrar'."""
    if low is not None and high is not None:
        return label(lang, "rf_age_range", low=low, high=high)
    if low is not None:
        return label(lang, "rf_age_from", age=low)
    if high is not None:
        return label(lang, "rf_age_to", age=high)
    return label(lang, "rf_age_all")


def ages_text(record: dict, lang: str) -> str:
    """Every age band of a record in words, '13–17 år, 18 år eller äldre'; '' when the sources state no ages."""
    return ", ".join(age_band_text(low, high, lang) for low, high in age_bands(record))


def _ages(record: dict, lang: str, limited: bool) -> dict:
    """Age bands as [from, to] pairs; None when the record has no age condition at all (a general route),
    [] when a programme's sources state no ages."""
    if not limited:
        return {"ages": None, "ages_text": ""}
    return {"ages": age_bands(record), "ages_text": ages_text(record, lang)}


def main_contact(program: dict) -> dict | None:
    """The contact the route finder shows on a programme's card and takes the opening hours from: the first with a
    phone number, else the first with an e-mail address; None when there is neither."""
    contacts = program.get("contacts") or []
    return (next((c for c in contacts if c.get("phone")), None)
            or next((c for c in contacts if c.get("email")), None))


def candidates(guide, lang: str) -> list[dict]:
    """Every route and every running programme that takes cases, as rows the evaluators read."""
    rows = []
    for order, route in enumerate(guide.routes):
        rows.append({
            "id": route["id"], "type": "route", "order": order, "title": route["title"][lang],
            "audiences": list(route["audiences"]), "emergency": bool(route.get("emergency")),
            "area": _area(guide, route), "area_text": _area_text(guide, route, lang),
            **_ages(route, lang, route.get("ages") is not None), "opening": hours.compact(route.get("opening")),
        })
    for order, program in enumerate(guide.programs):
        if not coverage.counts_as_support(guide, program):
            continue
        contact = main_contact(program)
        rows.append({
            "id": program["id"], "type": "programme", "order": len(guide.routes) + order, "title": program["name"][lang],
            "audiences": list(AUDIENCES), "emergency": False,
            "area": _area(guide, program), "area_text": _area_text(guide, program, lang),
            **_ages(program, lang, True),
            "opening": hours.compact(contact.get("opening")) if contact and contact.get("phone") else None,
        })
    return rows


def decision_table(guide, lang: str) -> dict:
    """What the page embeds: candidates, each municipality's county, holidays, and the texts in one language."""
    years = range(guide.today.year, guide.today.year + 3)
    municipalities = guide.vocabularies.get("municipalities") or {}
    return {
        "candidates": candidates(guide, lang),
        "counties": {key: entry["county"] for key, entry in municipalities.items()},
        "holidays": public_holidays(years),
        "texts": starting_with(lang, "rf_"),
    }


def _place_state(area: list | None, place: str | None) -> str:
    if area is None:
        return "yes"
    if place is None:
        return "unknown"
    return "yes" if place in area else "no"


def _near(area: list | None, place: str | None, counties: dict) -> bool:
    """Serves the place's county (listed, with the reason it does not apply, when it is not the place itself)."""
    if area is None or place is None:
        return True
    return any(counties.get(m) == counties.get(place) for m in area)


def _age_state(bands: list | None, age: int | None) -> str:
    if bands is None:
        return "yes"          # no age condition (a general route)
    if not bands or age is None:
        return "unknown"      # the sources give no ages, or the reader gave none
    inside = any((low is None or age >= low) and (high is None or age <= high) for low, high in bands)
    return "yes" if inside else "no"


def evaluate(table: dict, situation: Situation) -> list[dict]:
    """The ordered answer: one item per route or programme, with eligibility, opening state and reasons."""
    holidays = {dt.date.fromisoformat(day) for day in table["holidays"]}
    counties = table["counties"]
    answer = []
    for row in table["candidates"]:
        if situation.who not in row["audiences"]:
            continue
        place = _place_state(row["area"], situation.place)
        if row["type"] == "programme" and not _near(row["area"], situation.place, counties):
            continue  # a programme far away: listing it would bury what applies
        if row["type"] == "route" and row["area"] is not None and place != "yes":
            continue  # a local route (an out-of-hours service) of another municipality, or none chosen
        reasons = []
        age = _age_state(row["ages"], situation.age)
        if row["emergency"]:
            reasons.append(["emergency_now" if situation.danger else "emergency_only", {}])
        reasons.append({"yes": ["place_yes", {"area": row["area_text"]}] if row["area"] is not None else ["everywhere", {}],
                        "no": ["place_no", {"area": row["area_text"]}],
                        "unknown": ["place_unknown", {"area": row["area_text"]}]}[place])
        if row["ages"] is not None:
            if not row["ages"]:
                reasons.append(["age_not_stated", {}])
            elif situation.age is None:
                reasons.append(["age_unknown", {"ages": row["ages_text"]}])
            else:
                reasons.append([f"age_{age}", {"ages": row["ages_text"]}])
        states = (place, age)
        eligible = "no" if "no" in states else "unknown" if "unknown" in states else "yes"
        open_state, opens = hours.state_at(row["opening"], situation.when, holidays)
        answer.append({"id": row["id"], "type": row["type"], "eligible": eligible, "open": open_state, "local": place == "yes" and row["area"] is not None,
                       "opens": _iso(opens), "reasons": reasons,
                       "key": (_first(row, situation.danger), RANK[eligible], RANK[open_state],
                               0 if row["type"] == "programme" else 1, row["order"])})
    answer.sort(key=lambda item: item["key"])
    for item in answer:
        del item["key"]
    return answer


def _iso(moment) -> str | None:
    if moment is None:
        return None
    return moment.isoformat(timespec="minutes") if isinstance(moment, dt.datetime) else moment.isoformat()


def _first(row: dict, danger: bool) -> int:
    """Emergency routes lead the answer when someone is in danger, and close it otherwise."""
    if not row["emergency"]:
        return 1
    return 0 if danger else 2


def summary(answer: list[dict], situation: Situation) -> str:
    """Which sentence opens the answer: the label key after rf_ (the page shows the same one)."""
    if situation.place is None:
        return "summary_no_place"
    local = [item for item in answer if item["type"] == "programme" and item["local"]]
    if not local:
        return "summary_none"
    return "summary" if any(item["eligible"] != "no" for item in local) else "summary_not_eligible"


def answer(guide, situation: Situation, lang: str = DEFAULT_LANGUAGE) -> list[dict]:
    return evaluate(decision_table(guide, lang), situation)
