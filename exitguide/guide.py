"""The validated data as one object the renderers read: programmes, sources, vocabularies, …

Built only from data that passed validation (validate.py); renderers may then
assume the shapes the model promises. Derived values are computed here once, never typed in data, and every
renderer and the export read them from here: a count's share of its whole (outcome_counts), a
programme's evidence level and the scale in rank order, what its vocabulary lists state (statements), and
whether its review is stale (the rule itself is clock.is_stale, which the validator's warning uses too).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from . import clock
from .model import VOCABULARY_LISTS
from .validate import Result


@dataclass
class Guide:
    programs: list[dict]
    sources: dict[str, dict]
    vocabularies: dict[str, dict]
    terms: list[dict]
    events: list[dict]
    routes: list[dict]
    today: dt.date
    changes: list[dict] = field(default_factory=list)  # data/changes.yaml, as written (render_changes.py sorts them)
    syntheses: list[dict] = None  # international overviews (data/syntheses.yaml); the gap map shows them apart

    @classmethod
    def from_result(cls, result: Result, now: dt.date | None = None) -> "Guide":
        data = result.data
        return cls(
            programs=data["programs.yaml"]["programs"],
            sources={s["id"]: s for s in data["sources.yaml"]["sources"]},
            vocabularies={**data["vocabularies.yaml"], **data["places.yaml"]},
            terms=data["glossary.yaml"]["terms"],
            events=data["timeline.yaml"]["events"],
            routes=data["routes.yaml"]["routes"],
            today=now or clock.today(),
            changes=data["changes.yaml"]["changes"],
            syntheses=data["syntheses.yaml"]["syntheses"],
        )

    def vocab_label(self, vocabulary: str, key: str, lang: str) -> str:
        entry = self.vocabularies.get(vocabulary, {}).get(key)
        return entry[lang] if entry else key

    def agency_names(self, fact: dict, lang: str) -> str:
        """The agencies of a fact (organisers, partners) by name, in the data's order: 'Malmö stad, Polisen'."""
        return ", ".join(self.vocab_label("agencies", agency, lang) for agency in fact["agencies"])

    def level_rank(self, level: str) -> int:
        return self.vocabularies["evidence_levels"][level]["rank"]

    def evidence_scale(self) -> list[tuple[str, dict]]:
        """The evidence levels, lowest first: (key, vocabulary entry). The lowest is 'not evaluated'."""
        return sorted(self.vocabularies["evidence_levels"].items(), key=lambda kv: kv[1]["rank"])

    def evidence_level(self, program: dict) -> str:
        """The highest level among a programme's studies; no studies means the lowest level (no evaluation)."""
        studies = program.get("evidence") or []
        if not studies:
            return self.evidence_scale()[0][0]
        return max((s["level"] for s in studies), key=self.level_rank)

    def is_stale(self, program: dict) -> bool:
        return clock.is_stale(program["last_reviewed"], self.today)

    def cited_sources(self, program: dict) -> list[str]:
        """Every source id a programme cites, in first-cited order."""
        found: list[str] = []

        def walk(value):
            if isinstance(value, dict):
                for key, item in value.items():
                    if key == "sources" and isinstance(item, list):
                        found.extend(i for i in item if i not in found)
                    else:
                        walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)
        walk(program)
        return found


def share(part: int, whole: int) -> int | None:
    """A percentage rounded half up (48/73 -> 66), or None when the whole is zero."""
    if not whole:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class CountShare:
    """One count of a follow-up, with the whole it is part of ('of'), if any, and its share of that whole."""
    count: dict
    whole: dict | None
    percent: int | None  # share(count, whole); None without a whole, or when the whole is zero


def outcome_counts(outcome: dict) -> list[CountShare]:
    """A follow-up's counts in order, each with its whole and share: the one computation behind the chart, the
    programme page's table, the comparison and the open data."""
    by_id = {count["id"]: count for count in outcome["counts"]}
    rows = []
    for count in outcome["counts"]:
        whole = by_id.get(count.get("of"))
        rows.append(CountShare(count, whole, share(count["count"], whole["count"]) if whole else None))
    return rows


@dataclass(frozen=True)
class Statement:
    """One item of a programme's vocabulary list (criteria, requirements, support): the value, and whether the
    sources say yes (it applies, it is offered) or no. A value the list leaves out is 'not stated'."""
    value: str   # a key of the list's vocabulary
    yes: bool
    item: dict   # the item as in the data (note, sources)


def statements(program: dict, field: str) -> list[Statement]:
    """What a programme's list `field` (a key of model.VOCABULARY_LISTS) states, in the data's order."""
    spec = VOCABULARY_LISTS[field]
    return [Statement(item[spec.key], item[spec.flag], item) for item in program.get(field) or []]
