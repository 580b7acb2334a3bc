"""Opening hours as data: is a phone line open at a given moment, when does it open next, and how to say so.

Used by the route finder (routefinder.py), the programme pages and the routes blocks. The data shape
(model.py OPENING) is one of
  {around_the_clock: true}
  {periods: [{days: [mon, …], from: 'HH:MM', to: 'HH:MM'} | {days: […], daytime: true}],
   public_holidays: open | closed}            (public_holidays left out = the source does not say)
and no `opening` at all means the sources state no hours. Conventions, all safety-minded:
- hours that are not stated are never treated as open (the state is "unknown");
- a period without clock times ("daytime on weekdays", as the police write it) is "unknown" in the
  daytime of its days and "no" on other days and in the evening and night (EVENING to MORNING), a
  convention the page states next to the hours, because the source names the days but not the hours;
- a period whose closing time is not after its opening time runs past midnight (16:00–08:00);
- on a public holiday a line with weekday hours is "no" if the source says it closes, "unknown" if it
  does not say, and follows its periods only if the source says it is open.
The same rules run in the browser (overrides/assets/javascripts/route-finder.js), which evaluates the
compact form that `compact()` exports; tests compare the two.
"""
from __future__ import annotations

import datetime as dt

from .labels import label
from .model import WEEKDAYS

LOOKAHEAD_DAYS = 14
MORNING, EVENING = 7 * 60, 18 * 60  # "dagtid" (daytime) never includes the evening or the night


def minutes(clock: str) -> int:
    """'09:30' -> 570."""
    hours, _, mins = str(clock).partition(":")
    return int(hours) * 60 + int(mins)


def compact(opening: dict | None) -> dict | None:
    """The form both evaluators read: days as numbers 0–6 (Monday = 0), times as minutes after midnight."""
    if not opening or not (opening.get("around_the_clock") or opening.get("periods")):
        return None  # no hours, or only a note about them: not stated, never treated as open
    if opening.get("around_the_clock"):
        return {"always": True}
    periods = []
    for period in opening.get("periods") or []:
        days = sorted(WEEKDAYS.index(day) for day in period["days"])
        if period.get("from") is not None and period.get("to") is not None:
            periods.append({"days": days, "from": minutes(period["from"]), "to": minutes(period["to"])})
        else:
            periods.append({"days": days, "from": None, "to": None})
    return {"always": False, "periods": periods, "holidays": opening.get("public_holidays")}


def state_at(opening: dict | None, at: dt.datetime, holidays: set[dt.date]) -> tuple[str, dt.date | dt.datetime | None]:
    """("yes" | "no" | "unknown", when it opens next) for a compact opening at `at`. The next opening is a
    datetime, or only a date when the source names the days but no clock times; None when unknown."""
    if opening is None:
        return "unknown", None
    if opening["always"]:
        return "yes", None
    state = _state_on(opening, at, holidays)
    return state, (None if state == "yes" else next_open(opening, at, holidays))


def _state_on(opening: dict, at: dt.datetime, holidays: set[dt.date]) -> str:
    if at.date() in holidays:
        if opening["holidays"] == "closed":
            return "no"
        if opening["holidays"] != "open":
            return "unknown"
    now = at.hour * 60 + at.minute
    yesterday = (at.weekday() - 1) % 7
    state = "no"
    for period in opening["periods"]:
        start, end = period["from"], period["to"]
        if start is not None and end <= start and yesterday in period["days"] and now < end:
            return "yes"  # an evening period that began yesterday and runs past midnight
        if at.weekday() not in period["days"]:
            continue
        if start is None:
            if MORNING <= now < EVENING:
                state = "unknown"
        elif start <= now < (end if end > start else 24 * 60):
            return "yes"
    return state


def next_open(opening: dict, at: dt.datetime, holidays: set[dt.date]) -> dt.date | dt.datetime | None:
    """The first start of a period after `at`, skipping holidays unless the source says it is open then.
    For a period without clock times, the next day it applies (not today: its hours are unknown)."""
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = at.date() + dt.timedelta(days=offset)
        if day in holidays and opening["holidays"] != "open":
            continue
        periods = [p for p in opening["periods"] if day.weekday() in p["days"]]
        for start in sorted(p["from"] for p in periods if p["from"] is not None):
            moment = dt.datetime.combine(day, dt.time(start // 60, start % 60))
            if moment > at:
                return moment
        if any(p["from"] is None for p in periods) and (offset or at.hour * 60 + at.minute < MORNING):
            return day
    return None


def _clock(value: int, lang: str) -> str:
    """Minutes after midnight as the language writes a time of day: '09.30', '09:30'."""
    return label(lang, "hours_clock", hours=f"{value // 60:02d}", minutes=f"{value % 60:02d}")


def _day_span(days: list[int], lang: str) -> str:
    """[0,1,2,3,4] -> 'måndag–fredag'; [5,6] -> 'lördag–söndag'; [0,2] -> 'måndag, onsdag'."""
    names = [label(lang, f"day_{WEEKDAYS[d]}") for d in days]
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return f"{names[0]}–{names[-1]}"
    return ", ".join(names)


def describe(opening: dict | None, lang: str) -> str:
    """Opening hours in words: 'Dygnet runt', 'måndag–fredag 09.00–15.00', or 'Ej angivet i källorna'."""
    c = compact(opening)
    if c is None:
        return label(lang, "hours_not_stated") + (f". {opening['note'][lang]}" if opening and opening.get("note") else "")
    if c["always"]:
        return label(lang, "hours_always")
    parts = []
    for period in c["periods"]:
        span = _day_span(period["days"], lang)
        if period["from"] is None:
            parts.append(label(lang, "hours_daytime", days=span))
        else:
            parts.append(f"{span} {_clock(period['from'], lang)}–{_clock(period['to'], lang)}")
    text = "; ".join(parts)
    if c["holidays"] == "closed":
        text += ". " + label(lang, "hours_holidays_closed")
    elif c["holidays"] == "open":
        text += ". " + label(lang, "hours_holidays_open")
    if opening.get("note"):
        text += ". " + opening["note"][lang]
    return text[0].upper() + text[1:]

