"""Where programmes serve: per county and municipality, computed from each programme's `serves`.

Used by the coverage page ("Var finns stöd?", render_coverage.py), the route finder's place logic
(routefinder.py), the comparison (its county filter and "where" column, render_compare.py), the programme
pages and the search index (search_index.py): what a `serves` covers and how it is named is decided here
only. On the coverage page, only programmes that take people on (their kind has `takes_cases`) and still
work (their status has `running`) count (counts_as_support; the route finder lists the same ones); a
programme for the whole country is listed apart, never counted as local support, so a county is not
"covered" by a national arrangement.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class County:
    key: str
    programs: list[dict] = field(default_factory=list)     # local or regional programmes serving it
    municipalities: list[str] = field(default_factory=list)  # all its municipality keys
    covered: list[str] = field(default_factory=list)         # those with at least one programme


def counts_as_support(guide, program: dict) -> bool:
    kind = guide.vocabularies["program_kinds"][program["kind"]]
    status = guide.vocabularies["statuses"][program["status"]["status"]]
    return bool(kind.get("takes_cases") and status.get("running"))


def served_municipalities(guide, program: dict) -> set[str]:
    """The municipality keys a programme serves: those it names, and every one in a county it names."""
    serves = program.get("serves") or {}
    if serves.get("national"):
        return set()
    counties = set(serves.get("counties") or [])
    named = set(serves.get("municipalities") or [])
    return named | {key for key, m in guide.vocabularies["municipalities"].items() if m["county"] in counties}


def served_counties(guide, program: dict) -> set[str]:
    """The county keys of the municipalities a programme serves (none for the whole country)."""
    municipalities = guide.vocabularies["municipalities"]
    return {municipalities[m]["county"] for m in served_municipalities(guide, program)}


def area_names(guide, serves: dict, lang: str) -> list[str]:
    """The names of the municipalities, then the counties, that a `serves` names, in the data's order."""
    return ([guide.vocab_label("municipalities", m, lang) for m in serves.get("municipalities") or []]
            + [guide.vocab_label("counties", c, lang) for c in serves.get("counties") or []])


def national_programs(guide) -> list[dict]:
    return [p for p in guide.programs if counts_as_support(guide, p) and (p.get("serves") or {}).get("national")]


def by_county(guide) -> list[County]:
    """Every county in code order, with its programmes and covered municipalities."""
    municipalities = guide.vocabularies["municipalities"]
    counties = {key: County(key) for key in sorted(guide.vocabularies["counties"], key=lambda k: guide.vocabularies["counties"][k]["code"])}
    for key, municipality in sorted(municipalities.items(), key=lambda kv: kv[1]["code"]):
        counties[municipality["county"]].municipalities.append(key)
    covered: set[str] = set()
    for program in guide.programs:
        if not counts_as_support(guide, program):
            continue
        covered |= served_municipalities(guide, program)
        for county in served_counties(guide, program):
            counties[county].programs.append(program)
    for county in counties.values():
        county.covered = [m for m in county.municipalities if m in covered]
    return list(counties.values())


def programs_for(guide, municipality: str) -> list[dict]:
    """Local programmes that serve one municipality, as the coverage page counts them (the tests pick places by it)."""
    return [p for p in guide.programs if counts_as_support(guide, p) and municipality in served_municipalities(guide, p)]
