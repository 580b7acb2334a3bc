"""What a check needs to know while it walks one data file: where each value stands, the
vocabularies, the known source ids, and today's date.

Made by validate.py for each file and by rules.py for the cross-file rules; the types in
types.py read it. It lives in a module of its own so that the type checks, the rules and
the validator can all use it without importing one another.
"""
from __future__ import annotations

import datetime as dt

from .problems import Problem
from .yamlload import Loaded, display_path


class FileContext:
    def __init__(self, loaded: Loaded, vocabularies: dict | None = None, source_ids: set | None = None,
                 today: dt.date | None = None):
        self.loaded = loaded
        self.vocabularies = vocabularies
        self.source_ids = source_ids
        self.today = today or dt.date.today()

    def raw(self, path: tuple) -> str | None:
        """The text of the plain (unquoted) scalar at `path` exactly as written, or None if it was quoted."""
        location = self.loaded.locations.get(path)
        return location.raw if location else None

    def vocabulary(self, name: str):
        if self.vocabularies is None:
            return None  # vocabularies failed to load; their own problems are reported
        value = self.vocabularies.get(name)
        return value if isinstance(value, dict) else None

    def problem(self, path, expected, found, tip="", *, at_key=False, level="error") -> Problem:
        loc = self.loaded.where_key(path) if at_key else self.loaded.where(path)
        return Problem(self.loaded.file, loc.line, loc.column, display_path(self.loaded.value, path),
                       expected, found, tip, level)
