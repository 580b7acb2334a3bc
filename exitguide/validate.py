"""Validate the whole data folder: load each file, check it against model.py, run the cross-file rules.

Runs before anything is written: from `python -m exitguide check`, from the
MkDocs hook's on_config, and from the tests. It reports every problem it finds
(errors and warnings), sorted by file and line, and never raises on bad data;
a crash here would hide the maintainer's real mistake behind a traceback.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import model, rules
from .problems import Problem
from .yamlload import Loaded, display_path, load_file


class FileContext:
    """What a type check needs: where values stand, the vocabularies, the known source ids."""

    def __init__(self, loaded: Loaded, vocabularies: dict | None, source_ids: set | None):
        self.loaded = loaded
        self.vocabularies = vocabularies
        self.source_ids = source_ids

    def loaded_for(self, path):
        return self.loaded

    def vocabulary(self, name: str):
        if self.vocabularies is None:
            return None  # vocabularies failed to load; their own problems are reported
        value = self.vocabularies.get(name)
        return value if isinstance(value, dict) else None

    def problem(self, path, expected, found, tip="", *, at_key=False, level="error") -> Problem:
        loc = self.loaded.where_key(path) if at_key else self.loaded.where(path)
        return Problem(self.loaded.file, loc.line, loc.column, display_path(self.loaded.value, path),
                       expected, found, tip, level)


@dataclass
class Result:
    data_dir: Path
    data: dict = field(default_factory=dict)       # file name -> value (as loaded)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level != "error"]

    @property
    def ok(self) -> bool:
        return not self.errors


def validate(data_dir: str | os.PathLike, display_root: str | os.PathLike | None = None) -> Result:
    """Check every file in data_dir; `display_root` makes file names relative (data/programs.yaml)."""
    data_dir = Path(data_dir)
    root = Path(display_root) if display_root else data_dir.parent
    result = Result(data_dir)
    loaded_files: dict[str, Loaded] = {}
    vocabularies = None
    source_ids = None
    for name, file_model in model.FILES.items():
        path = data_dir / name
        try:
            shown = str(path.relative_to(root))
        except ValueError:
            shown = str(path)
        if not path.exists():
            result.problems.append(Problem(shown, 1, 1, "(file)", f"the file {name}", "no such file",
                                           f"restore data/{name}; the guide needs it."))
            continue
        loaded = load_file(path, shown)
        loaded_files[name] = loaded
        result.problems += loaded.problems
        if loaded.problems and loaded.value is None:
            continue
        if name in model.VOCABULARY_FILES and isinstance(loaded.value, dict):
            # a vocabulary file's own maps are known while it is checked (a municipality names its county)
            vocabularies = {**(vocabularies or {}), **loaded.value}
        ctx = FileContext(loaded, vocabularies, source_ids)
        if loaded.value is None:
            result.problems.append(ctx.problem((), f"a {file_model.name}", "an empty file",
                                               f"the file must start with '{next(iter(file_model.fields))}:'."))
            continue
        result.problems += file_model.check(loaded.value, (), ctx)
        result.data[name] = loaded.value
        if name == "sources.yaml":
            source_ids = rules.ids_of(loaded.value, "sources")
    result.problems += rules.run_all(result.data, loaded_files, vocabularies)
    result.problems = sorted(set(result.problems), key=lambda p: (p.level != "error", p.file, p.line, p.column, p.path))
    return result
