"""Personal data the guide must never publish: Swedish personal identity numbers and mobile numbers.

Used by rules.py (a scan over every string and number in the data), by types.py (a phone field
holding a mobile number is reported by that scan, not as a badly written number) and by
problems.show (a message never prints such a number back). Pure functions, no imports from
the rest of the package.

- Personnummer: YYMMDD-NNNC or YYYYMMDD-NNNC; samordningsnummer (coordination numbers) add 60
  to the day. Written with no separator, a hyphen, a plus (100 years or older), a space, or a
  dash from a word processor (en dash, minus sign, …). The last digit is a Luhn check digit over
  the ten digits YYMMDDNNNC, so ordinary ten- or twelve-digit numbers are not mistaken for one
  (nine in ten fail the check).
- Mobile numbers: 070, 072, 073, 076 and 079 followed by seven digits, as 07x-xxx xx xx,
  07xxxxxxxx, (07x) xxx xx xx, +46 7x…, +46 (0)7x…, 0046 7x…, with spaces, hyphens or dashes anywhere
  between the digits. 071 (machines), 074 (pagers) and 077x (organisations' service numbers such as 0771-…)
  are not personal mobile numbers.
"""
from __future__ import annotations

import re

# Separators people and word processors put between digit groups: space, no-break spaces, hyphen,
# the Unicode hyphens and dashes (U+2010-U+2015, U+2043), the minus sign, small and full-width hyphens.
_SEP = "[ \u00a0\u202f\\-\u2010-\u2015\u2043\u2212\ufe63\uff0d]"
_PERSONNUMMER = re.compile(
    rf"(?<!\d)(?:(?:18|19|20)\d\d|\d\d)(?P<month>\d\d)(?P<day>\d\d)(?: ?(?:{_SEP}|\+) ?)?(?P<tail>\d{{4}})(?!\d)")
_MOBILE = re.compile(
    rf"(?<![\d+])(?:(?:\+|00){_SEP}*4{_SEP}*6{_SEP}*(?:\(?0\)?{_SEP}*)?|\(?0{_SEP}*)7{_SEP}*[02369]{_SEP}*\)?"
    rf"(?:{_SEP}*\d){{7}}(?!{_SEP}?\d)")


_TWO_DIGITS_NEAR = re.compile(r"\d\D{0,4}\d")


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _identity_number(match: re.Match) -> str | None:
    month, day = int(match.group("month")), int(match.group("day"))
    if not 1 <= month <= 12:
        return None
    if 1 <= day <= 31:
        kind = "personnummer"
    elif 61 <= day <= 91:
        kind = "samordningsnummer"
    else:
        return None
    digits = "".join(ch for ch in match.group(0) if ch.isdigit())[-10:]
    return kind if luhn_valid(digits) else None


def findings(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each personal number in `text`; kind is 'personnummer',
    'samordningsnummer' or 'mobile number'."""
    found = []
    if not _TWO_DIGITS_NEAR.search(text):
        return found  # the common case: text without two digits close together can hold neither kind
    for match in _PERSONNUMMER.finditer(text):
        kind = _identity_number(match)
        if kind:
            found.append((match.start(), match.end(), kind))
    for match in _MOBILE.finditer(text):
        found.append((match.start(), match.end(), "mobile number"))
    return sorted(found)


def first_kind(text: str) -> str | None:
    found = findings(text)
    return found[0][2] if found else None


def redact(text: str) -> str:
    """The text with every personal number replaced by a description, for messages."""
    found = findings(text)
    for start, end, kind in reversed(found):
        text = text[:start] + f"[{kind}]" + text[end:]
    return text
