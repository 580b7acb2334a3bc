"""The route finder's logic (exitguide/routefinder.py, exitguide/opening.py) over an enumerated set of
situations: every audience × age bands × a municipality with a programme, one without, one served only by a
regional arrangement × danger × weekday day, weekday night, weekend and a public holiday.

The situations use the real data, so they grow with it; the places are picked from the data by what they
are (served by a local programme, by nothing, only by a regional one), not typed in."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest

from helpers import ROOT
from exitguide import coverage, opening, routefinder
from exitguide.labels import LABELS, label
from exitguide.site_check import checked_data

GUIDE = checked_data(ROOT / "data", ROOT)[1]
TABLE = routefinder.decision_table(GUIDE, "sv")
HOLIDAYS = {dt.date.fromisoformat(d) for d in TABLE["holidays"]}
SUPPORT = [p for p in GUIDE.programs if coverage.counts_as_support(GUIDE, p)]


def _single_town(program):
    serves = program.get("serves") or {}
    return not serves.get("national") and not serves.get("counties") and len(serves.get("municipalities") or []) == 1


def _places():
    served = {m: coverage.programs_for(GUIDE, m) for m in GUIDE.vocabularies["municipalities"]}
    with_programme = next(m for m, programs in sorted(served.items()) if any(_single_town(p) for p in programs))
    without = next(m for m, programs in sorted(served.items()) if not programs)
    regional = next((m for m, programs in sorted(served.items()) if programs and not any(_single_town(p) for p in programs)), None)
    return {"with-programme": with_programme, "without": without, "regional-only": regional, "not-given": None}


PLACES = _places()
AGES = [None, 12, 15, 17, 18, 21, 29, 45]


def _weekday(hour):
    day = GUIDE.today
    while day.weekday() != 1 or day in HOLIDAYS:   # a Tuesday that is not a holiday
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(hour))


def _weekend():
    day = GUIDE.today
    while day.weekday() != 5:
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(14))


def _holiday():
    day = min(d for d in HOLIDAYS if d >= GUIDE.today and d.weekday() < 5)
    return dt.datetime.combine(day, dt.time(11))


MOMENTS = {"weekday-day": _weekday(11), "weekday-night": _weekday(23), "weekend": _weekend(), "holiday": _holiday()}
SITUATIONS = [routefinder.Situation(who, age, PLACES[place], danger, MOMENTS[moment])
              for who, age, place, danger, moment in itertools.product(
                  routefinder.AUDIENCES, AGES, PLACES, (False, True), MOMENTS)]


def test_the_data_has_each_kind_of_place():
    assert PLACES["with-programme"] and PLACES["without"]
    if PLACES["regional-only"] is None:
        pytest.skip("no municipality is served only by a regional arrangement in today's data")


def rows():
    return {row["id"]: row for row in TABLE["candidates"]}


@pytest.mark.parametrize("situation", SITUATIONS, ids=lambda s: f"{s.who}-{s.age}-{s.place}-{'danger' if s.danger else 'calm'}-{s.when:%a%H}")
def test_every_situation_gets_an_ordered_explained_answer(situation):
    answer = routefinder.evaluate(TABLE, situation)
    by_id = rows()
    assert answer, "every situation gets at least the routes that apply everywhere"
    assert len({item["id"] for item in answer}) == len(answer)
    # Acute danger always puts the emergency number first; without danger it closes the list.
    emergency = [item for item in answer if by_id[item["id"]]["emergency"]]
    assert emergency, "112 is offered to every audience"
    assert (answer[0] in emergency) == situation.danger
    if not situation.danger:
        assert answer[-1] in emergency
    for item in answer:
        row = by_id[item["id"]]
        assert item["eligible"] in {"yes", "no", "unknown"} and item["open"] in {"yes", "no", "unknown"}
        assert situation.who in row["audiences"]
        assert item["reasons"] and all(f"rf_{code}" in LABELS["sv"] for code, _ in item["reasons"])
        if row["opening"] is None:
            assert item["open"] == "unknown", "hours that are not stated are never treated as open"
        if item["open"] == "no":
            assert item["opens"] is None or item["opens"] > situation.when.isoformat(timespec="minutes")[:len(item["opens"])]
        if row["type"] == "programme":
            served = row["area"] is None or (situation.place in row["area"])
            bands = row["ages"]
            age_ok = None if situation.age is None or not bands else any(
                (lo is None or situation.age >= lo) and (hi is None or situation.age <= hi) for lo, hi in bands)
            if situation.place is not None and not served or age_ok is False:
                assert item["eligible"] == "no", item
            elif situation.place is not None and age_ok:
                assert item["eligible"] == "yes", item
            else:
                assert item["eligible"] == "unknown", item
        elif row["area"] is not None:
            assert situation.place in row["area"], "a local route is only offered where it applies"
    keys = [(0 if by_id[i["id"]]["emergency"] and situation.danger else 2 if by_id[i["id"]]["emergency"] else 1,
             routefinder.RANK[i["eligible"]], routefinder.RANK[i["open"]]) for i in answer]
    assert keys == sorted(keys), "danger first, then what applies, then what is open"


def test_a_programme_that_does_not_take_the_age_says_why():
    program = next((p for p in SUPPORT if p.get("ages") and _single_town(p)
                    and any(b.get("from") for b in p["ages"])), None)
    if program is None:
        pytest.skip("no single-town programme with a lower age limit in the data")
    youngest = min(b["from"] for b in program["ages"] if b.get("from"))
    place = program["serves"]["municipalities"][0]
    answer = routefinder.evaluate(TABLE, routefinder.Situation("professional", youngest - 1, place, False, MOMENTS["weekday-day"]))
    item = next(i for i in answer if i["id"] == program["id"])
    assert item["eligible"] == "no"
    assert ["age_no", {"ages": rows()[program["id"]]["ages_text"]}] in item["reasons"]
    assert routefinder.summary(answer, routefinder.Situation("professional", youngest - 1, place, False, MOMENTS["weekday-day"])) == "summary_not_eligible"


def test_a_place_without_a_programme_says_the_guide_knows_of_none():
    situation = routefinder.Situation("person", 25, PLACES["without"], False, MOMENTS["weekday-day"])
    answer = routefinder.evaluate(TABLE, situation)
    assert routefinder.summary(answer, situation) == "summary_none"
    assert not [i for i in answer if i["local"]], "no programme for this municipality is offered"
    national = [row["id"] for row in TABLE["candidates"] if row["type"] == "programme" and row["area"] is None]
    assert [i["id"] for i in answer if i["type"] == "programme" and i["eligible"] != "no"] == [
        i for i in [i["id"] for i in answer] if i in national], "only programmes for the whole country apply"
    assert "Guiden känner inte till något program i X" in label("sv", "rf_summary_none", place="X")
    assert "The guide knows of no programme in X" in label("en", "rf_summary_none", place="X")


COMPACT = {"always": False, "periods": [{"days": [0, 1, 2, 3, 4], "from": 9 * 60, "to": 15 * 60}], "holidays": None}
OVERNIGHT = {"always": False, "periods": [{"days": [0, 1, 2, 3, 4], "from": 16 * 60, "to": 8 * 60}], "holidays": None}
DAYTIME = {"always": False, "periods": [{"days": [0, 1, 2, 3, 4], "from": None, "to": None}], "holidays": None}


@pytest.mark.parametrize("opening_,moment,expected", [
    (COMPACT, dt.datetime(2026, 12, 1, 10, 0), ("yes", None)),                                   # Tuesday morning
    (COMPACT, dt.datetime(2026, 12, 1, 15, 0), ("no", dt.datetime(2026, 12, 2, 9, 0))),         # closes at 15:00
    (COMPACT, dt.datetime(2026, 12, 5, 12, 0), ("no", dt.datetime(2026, 12, 7, 9, 0))),         # Saturday
    (COMPACT, dt.datetime(2026, 12, 25, 10, 0), ("unknown", dt.datetime(2026, 12, 28, 9, 0))),  # Christmas Day: not stated
    ({**COMPACT, "holidays": "closed"}, dt.datetime(2026, 12, 25, 10, 0), ("no", dt.datetime(2026, 12, 28, 9, 0))),
    ({**COMPACT, "holidays": "open"}, dt.datetime(2026, 12, 25, 10, 0), ("yes", None)),
    (DAYTIME, dt.datetime(2026, 12, 1, 11, 0), ("unknown", dt.date(2026, 12, 2))),              # daytime, no hours
    (DAYTIME, dt.datetime(2026, 12, 1, 23, 0), ("no", dt.date(2026, 12, 2))),                   # night is not daytime
    (DAYTIME, dt.datetime(2026, 12, 1, 5, 0), ("no", dt.date(2026, 12, 1))),                    # before the morning
    (DAYTIME, dt.datetime(2026, 12, 4, 20, 0), ("no", dt.date(2026, 12, 7))),                   # Friday evening
    ({"always": True}, dt.datetime(2026, 12, 25, 3, 0), ("yes", None)),
    (OVERNIGHT, dt.datetime(2026, 12, 1, 23, 0), ("yes", None)),                                # Tuesday evening
    (OVERNIGHT, dt.datetime(2026, 12, 5, 3, 0), ("yes", None)),                                 # Saturday night, from Friday
    (OVERNIGHT, dt.datetime(2026, 12, 6, 3, 0), ("no", dt.datetime(2026, 12, 7, 16, 0))),      # Sunday night: none began Saturday
    (OVERNIGHT, dt.datetime(2026, 12, 1, 12, 0), ("no", dt.datetime(2026, 12, 1, 16, 0))),
    (None, dt.datetime(2026, 12, 1, 10, 0), ("unknown", None)),
])
def test_opening_states(opening_, moment, expected):
    holidays = {dt.date(2026, 12, 25), dt.date(2026, 12, 26)}
    assert opening.state_at(opening_, moment, holidays) == expected


def test_hours_are_described_from_the_data():
    weekdays = {"periods": [{"days": ["mon", "tue", "wed", "thu", "fri"], "from": "09:00", "to": "15:00"}], "sources": ["x"]}
    assert opening.describe(weekdays, "sv") == "Måndag–fredag 09.00–15.00"
    assert opening.describe(weekdays, "en") == "Monday–Friday 09:00–15:00"
    assert opening.describe(None, "sv") == "Öppettider anges inte i källorna"
    assert opening.describe({"around_the_clock": True, "sources": ["x"]}, "en") == "Around the clock, every day"


def test_holidays_come_from_the_package_not_from_a_typed_list():
    years = range(GUIDE.today.year, GUIDE.today.year + 3)
    assert TABLE["holidays"] == routefinder.public_holidays(years)
    assert f"{GUIDE.today.year}-12-25" in TABLE["holidays"] and f"{GUIDE.today.year + 1}-06-06" in TABLE["holidays"]


def test_a_programme_card_shows_the_phone_whose_hours_the_answer_uses():
    """The card and the open-now state come from one contact: the first with a phone, even after an e-mail-only one."""
    import copy
    from exitguide import render_routefinder
    program = copy.deepcopy(next(p for p in SUPPORT if any(c.get("phone") and c.get("opening") for c in p.get("contacts") or [])))
    phone = next(c for c in program["contacts"] if c.get("phone"))
    program["contacts"] = [{"label": {"sv": "E-post", "en": "E-mail"}, "email": "info@example.org", "sources": phone["sources"]}, phone]
    guide = copy.copy(GUIDE)
    guide.programs = [program]
    row = next(r for r in routefinder.candidates(guide, "sv") if r["id"] == program["id"])
    assert routefinder.main_contact(program) is phone and row["opening"] == opening.compact(phone["opening"])
    card = render_routefinder.program_card(guide, program, "sv", "vem-kan-hjalpa/")
    assert phone["phone"] in card and "info@example.org" not in card
