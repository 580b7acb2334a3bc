"""'Today' for the build, and the two judgements made against it: a review that is too old, a date that has passed.

today(): SOURCE_DATE_EPOCH when set, so two builds of one commit are identical. The judgements are defined
here once, for the validator's warnings (rules.py), the pages (guide.py, render_due.py) and the command line
(`python -m exitguide stale`), so a page, a warning and the command never disagree about a programme.
Assumes dates as the data holds them: a date object or (partial) ISO text; what cannot be read is never stale
and never passed (the type checks report it).
"""
from __future__ import annotations

import datetime as dt
import os

from .types import last_day, parse_date

STALE_AFTER_DAYS = 365  # labels.py says "more than twelve months" on the pages; keep the two in step


def today() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def days_since(value, now: dt.date) -> int | None:
    """Whole days from a date (its first day, for a partial date) to `now`; None when it is not a date."""
    day = parse_date(value)
    return None if day is None else (now - day).days


def is_stale(last_reviewed, now: dt.date, days: int = STALE_AFTER_DAYS) -> bool:
    """Reviewed more than `days` days before `now`: the facts may be out of date."""
    age = days_since(last_reviewed, now)
    return age is not None and age > days


def has_passed(date, now: dt.date) -> bool:
    """A (possibly partial) date lies wholly before `now`: '2026' has not passed until 2027 begins."""
    return parse_date(date) is not None and last_day(date) < now
