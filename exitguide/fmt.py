"""Canonical layout for the data files: key order from model.py, two-space indents, short id lists inline.

`python -m exitguide fmt` rewrites the files; `fmt --check` only reports which
would change and exits 1 (CI runs it). The leading comment block of a file
(modeline and notes) is kept; comments further down are not, so keep notes at
the top. Files with errors are never rewritten.
"""
from __future__ import annotations

import datetime as dt
import re

import yaml

from . import model
from .types import ListOf, MapOf, Record

INLINE_KEYS = {"sources", "agencies", "audiences", "domains", "days", "municipalities", "counties", "aliases"}


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):  # indent lists under their key
        return super().increase_indent(flow, False)


class _Inline(list):
    pass


_Dumper.add_representer(_Inline, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
_Dumper.add_representer(dt.date, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v.isoformat(), style="'"))
# Text made of digits (codes like 0840, times like 10:00) always in quotes: some YAML readers take it for a
# number (YAML 1.1 reads 10:00 as 600, and 0840 or 073 in another base), and the checks refuse it unquoted.
NUMBER_LIKE = re.compile(r"[-+]?[0-9][0-9_:.]*")
_Dumper.add_representer(str, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style="'" if NUMBER_LIKE.fullmatch(v) else None))


def _ordered(value, type_):
    """Reorder mapping keys as the model declares them; unknown keys keep their place at the end."""
    if isinstance(type_, Record) and isinstance(value, dict):
        out = {}
        for name, spec in type_.fields.items():
            if name in value:
                out[name] = _ordered(value[name], spec.type)
        for name in value:
            if name not in out:
                out[name] = value[name]
        for name in INLINE_KEYS & out.keys():
            value = out[name]
            if isinstance(value, list) and all(isinstance(item, (str, int)) for item in value):
                out[name] = _Inline(value)  # short id lists read best on one line
        return out
    if isinstance(type_, ListOf) and isinstance(value, list):
        return [_ordered(item, type_.item) for item in value]
    if isinstance(type_, MapOf) and isinstance(value, dict):
        return {key: _ordered(item, type_.value) for key, item in value.items()}
    return value


def leading_comments(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if line.startswith("#") or (not line.strip() and lines):
            lines.append(line)
        else:
            break
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def format_text(file_name: str, text: str, value) -> str:
    ordered = _ordered(value, model.FILES[file_name])
    body = yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000,
                     default_flow_style=False, indent=2)
    return leading_comments(text) + _spaced(body)


def _spaced(body: str) -> str:
    """A blank line between top-level entries, so a long file reads as records."""
    out: list[str] = []
    for line in body.splitlines():
        new_top_key = out and not line.startswith(" ")
        new_record = line.startswith("  - ") and out and out[-1].startswith(" ")
        if new_top_key or new_record:
            out.append("")
        out.append(line)
    return "\n".join(out) + "\n"
