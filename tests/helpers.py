"""Shared test helpers: a scratch copy of the minimal data set, and running the validator on it."""
from __future__ import annotations

import shutil
from pathlib import Path

from exitguide.validate import validate

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
TODAY_EPOCH = "1795996800"  # 2026-11-30 (the day of the last full review), so stale-data rules do not depend on the day tests run


def minimal_data(tmp_path: Path) -> Path:
    """A writable copy of the minimal valid data set (its vocabularies and places are fixtures too, so the
    expected messages do not move when the real data grows)."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    return data


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def messages(data: Path) -> list[str]:
    return [p.format_text() for p in validate(data, display_root=data.parent).problems]
