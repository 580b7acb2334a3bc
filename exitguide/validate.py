"""Validate the whole data folder: load each file, check it against model.py, run the cross-file rules.

Runs before anything is written: from `python -m exitguide check`, from the
MkDocs hook's on_config, and from the tests. It reports every problem it finds
(errors and warnings), sorted by file and line, and never raises on bad data;
a crash here would hide the maintainer's real mistake behind a traceback.
Programme ids are page addresses (program/<id>/), so the names of the pages already in
docs/*/program/ (next to data/) are reserved.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import model, rules
from .clock import today
from .context import FileContext
from .labels import LANGUAGES
from .problems import Problem, show
from .yamlload import Loaded, load_file

MAX_FILE_BYTES = 200 * 2**20  # 10,000 programmes are about 15 MB; read nothing that could exhaust memory


@dataclass
class Result:
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


def reserved_program_ids(docs_dir: Path) -> set[str]:
    """Names that program/<id>/ must not take: 'index' (the programme list) and every page or folder in docs/*/program/."""
    reserved = {"index"}
    for lang in LANGUAGES:
        folder = docs_dir / lang / "program"
        if folder.is_dir():
            reserved |= {p.stem if p.suffix == ".md" else p.name for p in folder.iterdir()}
    return reserved


def validate(data_dir: str | os.PathLike, display_root: str | os.PathLike | None = None) -> Result:
    """Check every file in data_dir; `display_root` makes file names relative (data/programs.yaml)."""
    data_dir = Path(data_dir)
    root = Path(display_root) if display_root else data_dir.parent
    now = today()
    result = Result()
    loaded_files: dict[str, Loaded] = {}
    vocabularies = None
    source_ids = None
    for name, file_model in model.FILES.items():
        path = data_dir / name
        try:
            shown = str(path.relative_to(root))
        except ValueError:
            shown = str(path)
        if not path.is_file():
            found = "no such file" if not path.exists() else "a folder" if path.is_dir() else "something that is not a regular file"
            result.problems.append(Problem(shown, 1, 1, "(file)", f"the file {name}", found, f"restore data/{name}; the guide needs it."))
            continue
        if path.stat().st_size > MAX_FILE_BYTES:
            result.problems.append(Problem(shown, 1, 1, "(file)", f"a file of at most {MAX_FILE_BYTES // 2**20} MB",
                                           f"{path.stat().st_size / 2**20:,.0f} MB", "a data file this large is a mistake (a generated or copied file?)."))
            continue
        try:
            loaded = load_file(path, shown)
        except OSError as error:
            result.problems.append(Problem(shown, 1, 1, "(file)", "a file the check can read", show(error.strerror or str(error)),
                                           "check the file's permissions."))
            continue
        loaded_files[name] = loaded
        result.problems += loaded.problems
        if loaded.problems and loaded.value is None:
            continue
        if name in model.VOCABULARY_FILES and isinstance(loaded.value, dict):
            # a vocabulary file's own maps are known while it is checked (a municipality names its county)
            vocabularies = {**(vocabularies or {}), **loaded.value}
        ctx = FileContext(loaded, vocabularies, source_ids, now)
        if loaded.value is None:
            result.problems.append(ctx.problem((), f"a {file_model.name}", "an empty file",
                                               f"the file must start with '{next(iter(file_model.fields))}:'."))
            continue
        result.problems += file_model.check(loaded.value, (), ctx)
        result.data[name] = loaded.value
        if name == "sources.yaml":
            source_ids = rules.ids_of(loaded.value, "sources")
    result.problems += rules.run_all(result.data, loaded_files, vocabularies, now, reserved_program_ids(data_dir.parent / "docs"))
    result.problems = sorted(set(result.problems), key=lambda p: (p.level != "error", p.file, p.line, p.column, p.path, p.expected, p.found))
    return result
