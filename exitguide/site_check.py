"""Everything a build checks before it writes a page, shared by `python -m exitguide check` and the hooks:
the data files, then (if the data is valid) every page's markers and that they match between the languages,
then that each page exists in both languages. All of it comes back as Problems (problems.py).

The data result is remembered per state of data/ (each file's name, size and modification time):
mkdocs-static-i18n runs on_config once per language, `mkdocs serve` rebuilds on every save, and two hook
files need the same Guide, yet unchanged data is read and validated once.
"""
from __future__ import annotations

import functools
from pathlib import Path

from .docs_check import marker_problems, parity_problems
from .guide import Guide
from .problems import Problem
from .validate import Result, validate


def data_stamp(data_dir: Path) -> tuple:
    def stamp(path: Path) -> tuple:
        try:
            status = path.stat()
        except OSError:  # a dangling link, or a file removed meanwhile: validate reports what is missing
            return (path.name, None, None)
        return (path.name, status.st_mtime_ns, status.st_size)
    return tuple(stamp(p) for p in sorted(Path(data_dir).glob("*.yaml")))


def checked_data(data_dir: Path, display_root: Path) -> tuple[Result, Guide | None]:
    """The validation result and, when it has no errors, the Guide built from it."""
    return _checked(Path(data_dir), Path(display_root), data_stamp(data_dir))


@functools.lru_cache(maxsize=4)
def _checked(data_dir: Path, display_root: Path, stamp: tuple) -> tuple[Result, Guide | None]:
    result = validate(data_dir, display_root=display_root)
    return result, (None if result.errors else Guide.from_result(result))


def docs_problems(docs_dir: Path, guide: Guide | None) -> list[Problem]:
    """Marker problems (only checkable with valid data) and sv/en parity problems."""
    problems = marker_problems(docs_dir, guide) if guide is not None else []
    return problems + parity_problems(docs_dir)
