"""Checks on the Markdown pages that need no build: sv/en parity and marker validity.

Run by `python -m exitguide check` and by the hook's on_config, before any page
is written, so a typo in a marker stops the build with nothing half-written.
"""
from __future__ import annotations

from pathlib import Path

from .guide import Guide
from .markers import check
from .problems import Problem

LANGUAGES = ("sv", "en")


def page_names(docs_dir: Path, lang: str) -> set[str]:
    folder = docs_dir / lang
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*.md")} if folder.is_dir() else set()


def parity_problems(docs_dir: Path) -> list[Problem]:
    """Every page exists in both languages under the same name (the language switch pairs by path)."""
    problems = []
    sv, en = page_names(docs_dir, "sv"), page_names(docs_dir, "en")
    for lang, missing_in, names in (("sv", "en", sv - en), ("en", "sv", en - sv)):
        for name in sorted(names):
            problems.append(Problem(f"docs/{lang}/{name}", 1, 1, "(page)", f"the same page in docs/{missing_in}/{name}",
                                    "no such page", f"write the {'English' if missing_in == 'en' else 'Swedish'} version with the same file name; "
                                    "the two languages are published together."))
    return problems


def marker_problems(docs_dir: Path, guide: Guide) -> list[str]:
    """Unknown markers or source ids on any page, in either language."""
    messages = []
    for lang in LANGUAGES:
        for name in sorted(page_names(docs_dir, lang)):
            text = (docs_dir / lang / name).read_text(encoding="utf-8")
            if "guide:" in text:
                messages += check(text, guide, f"docs/{lang}/{name}")
    return messages
