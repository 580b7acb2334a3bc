"""The validated data as one object the renderers read: programmes, sources, vocabularies, …

Built only from data that passed validation (validate.py); renderers may then
assume the shapes the model promises. Derived values (percentages, a
programme's evidence level, staleness) are computed here, never typed in data.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .clock import today
from .rules import STALE_AFTER_DAYS
from .types import parse_date
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
            today=now or today(),
            changes=data["changes.yaml"]["changes"],
            syntheses=data["syntheses.yaml"]["syntheses"],
        )

    def vocab_label(self, vocabulary: str, key: str, lang: str) -> str:
        entry = self.vocabularies.get(vocabulary, {}).get(key)
        return entry[lang] if entry else key

    def level_rank(self, level: str) -> int:
        return self.vocabularies["evidence_levels"][level]["rank"]

    def evidence_level(self, program: dict) -> str:
        """The highest level among a programme's studies; no studies means no evaluation."""
        studies = program.get("evidence") or []
        if not studies:
            return min(self.vocabularies["evidence_levels"], key=self.level_rank)
        return max((s["level"] for s in studies), key=self.level_rank)

    def is_stale(self, program: dict) -> bool:
        reviewed = parse_date(program["last_reviewed"])
        return (self.today - reviewed).days > STALE_AFTER_DAYS

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

