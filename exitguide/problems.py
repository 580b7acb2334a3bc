"""Problems found in the data or the pages, and how they are printed.

Every check returns a list of Problem. A Problem names the file, line, column,
field path, what was expected, what was found, and a tip, so a maintainer can
fix it without reading code. Printers: plain text (terminals, editors make
`file:line:col` clickable) and GitHub workflow commands (annotations on a pull request).
Data reaches these messages (a bad value is quoted back), so both printers escape what
data can put in them: control characters never reach a terminal (an ESC would start a
colour or cursor sequence), and a workflow command carries no raw line break, so a value
cannot end the annotation and start a command of its own. Personal numbers are never
printed back (personal.redact).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import personal


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
        return printable(f"{self.file}:{self.line}:{self.column}: {self.level}: {self.message()}")

    def format_github(self) -> str:
        """A workflow command, escaped as GitHub's toolkit does (escapeData / escapeProperty in @actions/core)."""
        kind = "error" if self.level == "error" else "warning"
        properties = ",".join(f"{name}={_github_property(value)}" for name, value in
                              (("file", self.file), ("line", self.line), ("col", self.column), ("title", self.path)))
        return f"::{kind} {properties}::{_github_data(printable(self.message()))}"


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(value) -> str:
    return _github_data(printable(str(value))).replace(":", "%3A").replace(",", "%2C")


# Characters a terminal or a log viewer would act on or hide: C0/C1 controls (ESC starts ANSI sequences),
# format characters (bidi overrides reorder what is shown), line and paragraph separators, surrogates,
# private-use and unassigned code points. Each is shown as a \u escape instead.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
                     "\ud800-\udfff\ue000-\uf8ff\U000e0000-\U000e007f\U000f0000-\U0010ffff]")


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """The text with every control or invisible character written as an escape (\\x1b, \\u202e)."""
    def escape(match: re.Match) -> str:
        char = match.group(0)
        if char in _NAMED:
            return _NAMED[char]
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    return _HIDDEN.sub(escape, text)


def show(value: object, limit: int = 60) -> str:
    """Render a found value for a message: quoted, shortened, escaped, with personal numbers withheld,
    type named for non-strings."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        text = str(value)
        if personal.findings(text):
            return "a number that looks like personal data (not repeated here)"
        return f"number {text if len(text) <= limit else text[:limit - 1] + '…'}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = personal.redact(str(value)[:10_000])
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return '"' + printable(text) + '"'
