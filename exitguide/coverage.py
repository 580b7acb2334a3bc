"""Where programmes serve: per county and municipality, computed from each programme's `serves`.

Used by the coverage page ("Var finns stöd?", render_coverage.py), the route finder's place logic and
the search index (search_places.py). Only programmes that take people on (their kind has
`takes_cases`) and still work (their status has `running`) count; a programme for the whole country
is listed apart, never counted as local support, so a county is not "covered" by a national arrangement.
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
        served = served_municipalities(guide, program)
        covered |= served
        for county in {municipalities[m]["county"] for m in served}:
            counties[county].programs.append(program)
    for county in counties.values():
        county.covered = [m for m in county.municipalities if m in covered]
    return list(counties.values())


def municipalities_covered(guide) -> int:
    return sum(len(county.covered) for county in by_county(guide))


def programs_for(guide, municipality: str) -> list[dict]:
    """Local programmes that serve one municipality (the search index and the coverage page use this)."""
    return [p for p in guide.programs if counts_as_support(guide, p) and municipality in served_municipalities(guide, p)]
