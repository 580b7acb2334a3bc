"""Due dates that change the text by themselves: one 'due' record rendered in the right tense for the build's date.

A due record (model.DUE) holds a date a source spoke of in the future and two statements: `before` (future tense)
and `after` (past tense), each with {date} where the date goes. Called by the timeline block, the programme
pages and the <!-- guide:due ID --> marker, with `today` = the build's date (clock.today via Guide.today, so
SOURCE_DATE_EPOCH fixes it). Once the date has passed, the page shows `after` plus either the recorded outcome
with its sources or the note "due on …; the guide has not found the outcome", which comes from labels.py and is
never typed into data or Markdown. Assumes validated data (model.py): dates are ISO text, texts are {sv, en}.
"""
from __future__ import annotations

import datetime as dt

from . import clock
from .guide import Guide
from .htmlkit import cite, esc, text
from .labels import MONTHS, label
from .types import ISO_DATE, iso


def has_passed(due: dict, today: dt.date) -> bool:
    return clock.has_passed(due["date"], today)


def date_words(value, lang: str) -> str:
    """A date as running text: '6 november 2026' / '6 November 2026', 'november 2026', '2026'."""
    year, month, day = ISO_DATE.match(iso(value)).groups()
    if not month:
        return year
    name = MONTHS[lang][int(month) - 1]
    return f"{int(day)} {name} {year}" if day else f"{name} {year}"


def statement(due: dict, lang: str, today: dt.date) -> str:
    """The plain text of the statement that fits `today` (before or after), with the date filled in."""
    key = "after" if has_passed(due, today) else "before"
    return due[key][lang].replace("{date}", date_words(due["date"], lang))


def due_html(guide: Guide, due: dict, lang: str, today: dt.date | None = None) -> str:
    """The due statement as inline HTML: the tense follows the date; a passed date shows the outcome or the note."""
    today = today or guide.today
    passed = has_passed(due, today)
    state = "passed" if passed else "ahead"
    out = (f'<span class="due due-{state}" data-due="{esc(iso(due["date"]))}">'
           f'{esc(statement(due, lang, today))}</span>')
    if not passed:
        return out
    outcome = due.get("outcome")
    if outcome:
        return (out + f' <span class="due-outcome"><strong>{esc(label(lang, "outcome"))}</strong> '
                      f'{text(outcome["text"], lang)} {cite(guide, outcome["sources"])}</span>')
    return out + f' <span class="due-note" role="note">{esc(label(lang, "due_note", date=date_words(due["date"], lang)))}</span>'


def dues_by_id(guide: Guide) -> dict[str, list[dict]]:
    """Every due record a marker can name: a timeline event's due under the event's id, and any due with its own
    'id' (for example on a programme's history entry). A list, so that a clash can be reported, not guessed."""
    found: dict[str, list[dict]] = {}
    for event in guide.events:
        if event.get("due"):
            found.setdefault(event["id"], []).append(event["due"])
            if event["due"].get("id") and event["due"]["id"] != event["id"]:
                found.setdefault(event["due"]["id"], []).append(event["due"])
    for program in guide.programs:
        for entry in program.get("history") or []:
            if entry.get("due", {}).get("id"):
                found.setdefault(entry["due"]["id"], []).append(entry["due"])
    return found


def marker_problem(guide: Guide, argument: str) -> tuple[str, str, str] | None:
    """Why <!-- guide:due ARGUMENT --> cannot render, as (expected, found, tip), or None when it can."""
    found = dues_by_id(guide).get(argument, [])
    if len(found) == 1:
        return None
    if found:
        return ("a due id used once", f'"{argument}", which names {len(found)} due records', "give each due its own id.")
    return ("the id of a timeline event with a due date in data/timeline.yaml, or of a due record with that id",
            f'"{argument}"', "write <!-- guide:due dir-2025-53 -->.")


def due_marker(guide: Guide, argument: str, lang: str) -> str:
    """What <!-- guide:due ID --> renders: the due statement inline (markers.check has vetted the id)."""
    return due_html(guide, dues_by_id(guide)[argument][0], lang)
