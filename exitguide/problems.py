"""Problems found in the data, and how they are printed.

Every rule returns a list of Problem. A Problem names the file, line, column,
field path, what was expected, what was found, and a tip, so a maintainer can
fix it without reading code. Printers: plain text (terminals, editors make
`file:line:col` clickable) and GitHub workflow annotations.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    path: str
    expected: str
    found: str
    tip: str = ""
    level: str = "error"

    def message(self) -> str:
        text = f"{self.path}: expected {self.expected}, got {self.found}."
        if self.tip:
            text += f" Tip: {self.tip}"
        return text

    def format_text(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.level}: {self.message()}"

    def format_github(self) -> str:
        # Workflow commands must not contain raw newlines; % and line breaks are escaped.
        body = self.message().replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        kind = "error" if self.level == "error" else "warning"
        return f"::{kind} file={self.file},line={self.line},col={self.column},title={self.path}::{body}"


def show(value: object, limit: int = 60) -> str:
    """Render a found value for a message: quoted, shortened, type named for non-strings."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"number {value}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return '"' + text.replace("\n", "\\n") + '"'
