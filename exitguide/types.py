"""Field types of the data model: each checks one kind of value and describes itself as JSON Schema.

Used by model.py, which declares every data file with these types, and by
validate.py, which walks the data with them. Because the validator and the
published JSON Schema (schemas/*.schema.json) both come from these classes,
the two cannot drift apart (the trap endoflife.date fell into).
Each `check` is a pure function of (value, path, context) returning Problems;
`json_schema(vocabularies)` gets the vocabulary keys to list as enums.
Patterns are matched with fullmatch, never with `$` (which lets a trailing newline through);
the schema gets the same patterns between ^ and $, which in JSON Schema's (ECMAScript) regexes
means the true end. Text is checked as text: single-line fields refuse line breaks, and no text
may hold control, bidi or other invisible characters (the loader refuses them in the file; these
checks catch the ones written as escapes inside double quotes, like "\\u202e").
"""
from __future__ import annotations

import calendar
import datetime as dt
import difflib
import json
import re
import unicodedata
from dataclasses import dataclass

from . import personal
from .labels import LANGUAGES, language_name
from .problems import Problem, show
from .yamlload import character_name

MAX_ID_LENGTH = 64          # ids become file names, page addresses and anchors
MAX_LIST_ITEMS = 1_000      # per list unless the model says otherwise: far above real data, a bound on runaway files
MAX_UNKNOWN_KEYS = 10       # unknown fields listed per mapping; the rest are counted
EARLIEST_DATE = dt.date(1900, 1, 1)
DUE_HORIZON_YEARS = 30      # a planned date further ahead than this is a typo

SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
KEY_PATTERN = r"[a-z0-9]+(?:_[a-z0-9]+)*"
EMAIL_PATTERN = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
# Swedish numbers as organisations publish them: 040-34 39 99, 020-50 80 80, 08-123 456 78,
# short national numbers such as 112, 114 14 and 1177, and the EU's 116 numbers (Bris: 116 111).
PHONE_PATTERN = r"(?:0\d{1,3}-\d{2,3}(?: \d{2,3}){1,3}|1\d{2}(?: \d{2})?|1\d{3}|116 \d{3})"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
# An address as a browser's address bar copies it: ASCII only (RFC 3986 characters), domain in ASCII.
URL_PATTERN = (rf"https?://{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,63}}(?::\d{{1,5}})?"
               r"(?:[/?#][A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*)?")
ISO_DATE_PATTERN = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?"
ISO_DAY_PATTERN = r"\d{4}-\d{2}-\d{2}"
# An abbreviation becomes a Markdown definition (*[SIG]: …) on every page and is matched as a whole word,
# so it is letters and digits, with inner dots, hyphens, slashes, ampersands, apostrophes or spaces.
ABBR_PATTERN = r"[^\W\d_](?:[\w.&'’/ -]*[^\W_])?"

SLUG, KEY, EMAIL, PHONE, URL, ISO_DATE, ISO_DAY, ABBR = (re.compile(p) for p in (
    SLUG_PATTERN, KEY_PATTERN, EMAIL_PATTERN, PHONE_PATTERN, URL_PATTERN, ISO_DATE_PATTERN, ISO_DAY_PATTERN, ABBR_PATTERN))
URL_START = re.compile(r"https?://([^/?#:]*)", re.IGNORECASE)
MARKUP = re.compile(r"<\s*[A-Za-z/!?]|javascript:|\{\{|\{%", re.IGNORECASE)
DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")
YAML11_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false"}
# Control characters (Cc), format characters (Cf: bidi overrides, zero-width spaces, soft hyphen, tag
# characters), line/paragraph separators, surrogates and private-use characters: invisible, or they
# change how the text around them is shown. The Cf list is Unicode 14 (Python 3.11's unicodedata).
INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff"
    "\u115f\u1160\u3164\uffa0]")   # Hangul fillers: letters by category, blank on screen


def schema_pattern(pattern: str) -> str:
    return f"^{pattern}$"


class Type:
    """Base class: a type knows how to check a value and how to describe itself."""

    def check(self, value, path: tuple, ctx) -> list[Problem]:
        raise NotImplementedError

    def json_schema(self, vocabularies: dict) -> dict:
        raise NotImplementedError


def describe_number(raw: str) -> str | None:
    """Why YAML 1.1 reads an unquoted number differently from how it looks, or None if it reads as written."""
    text = raw.lstrip("+-")
    if DECIMAL.fullmatch(raw):
        return None
    if ":" in text:
        return "which YAML 1.1 reads as a base-60 number, like a time of day"
    if text[:2].lower() == "0x":
        return "which YAML 1.1 reads as a hexadecimal number"
    if text[:2].lower() == "0b":
        return "which YAML 1.1 reads as a binary number"
    if "_" in text:
        return "whose underscores YAML 1.1 silently drops"
    if len(text) > 1 and text.startswith("0"):
        return "whose leading zero makes YAML 1.1 read it as an octal (base-8) number"
    if raw.startswith("+"):
        return "written with a plus sign"
    return None


YAML11_NUMBER = re.compile(r"[-+]?(?:0b[0-1_]+|0[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+|[0-9][0-9_]*)")


def wrong_type(value, path, ctx, expected: str, tip: str = "") -> Problem:
    """The common 'expected X, got Y' problem, explaining YAML 1.1 surprises when they are the cause."""
    raw = ctx.raw(path)
    found = show(value)
    if raw is not None and raw.lower() in YAML11_WORDS and isinstance(value, bool):
        found = f'unquoted {raw}, which YAML reads as {str(value).lower()}'
        tip = tip or f'put quotes around it: "{raw}".'
    elif isinstance(value, (dt.date, dt.datetime)):
        found = f"unquoted {raw or value}, which YAML reads as a date"
        tip = tip or f'put quotes around it: "{raw or value}".'
    elif raw is not None and isinstance(value, (int, float)) and not isinstance(value, bool) and expected.startswith("text"):
        found = f"unquoted {show(raw)[1:-1]}, which YAML reads as a number"
        tip = tip or f'put quotes around it: "{show(raw)[1:-1]}".'
    elif unquoted_number(value, path, ctx):
        found = f"unquoted {show(raw)[1:-1]}, which YAML reads as a number"
        if expected.startswith("text"):
            tip = tip or f'put quotes around it: "{show(raw)[1:-1]}".'
    return ctx.problem(path, expected, found, tip)


def unquoted_number(value, path, ctx) -> bool:
    """Text the loader kept because YAML 1.1 would read it as a number in another base (073, 0x1F, 1:13, 9_4):
    never accepted where text or an id is expected, since other YAML readers see a number there."""
    if not isinstance(value, str):
        return False
    raw = ctx.raw(path)
    return (raw is not None and raw[:1] in _NUMBER_START and YAML11_NUMBER.fullmatch(raw) is not None
            and describe_number(raw) is not None)


_NUMBER_START = set("0123456789+-")


def character_problems(value: str, path, ctx, multiline: bool) -> list[Problem]:
    """Control and invisible characters, and (in single-line fields) line breaks."""
    match = INVISIBLE.search(value)
    while match and multiline and match.group(0) == "\n":
        match = INVISIBLE.search(value, match.end())
    if not match:
        return []
    char = match.group(0)
    if char in "\n\r\x0b\x0c\x85\u2028\u2029":
        return [ctx.problem(path, "text on one line", f"{show(value)}, which contains a line break",
                            "write it on one line; names, titles, labels and ids are shown where a line break cannot go.")]
    return [ctx.problem(path, "visible text characters", f"{show(value)}, which contains the invisible character {character_name(char)}",
                        "retype the text by hand; the character often comes from copying out of a PDF, a word processor or a terminal.")]


def has_visible_character(value: str) -> bool:
    if re.search(r"[A-Za-z0-9]", value):
        return True
    return any(unicodedata.category(char)[0] in "LNPS" and char != "\u2800" for char in value)


def check_string(value: str, path, ctx, max_length: int, multiline: bool = False) -> list[Problem]:
    problems = character_problems(value, path, ctx, multiline)
    if problems:
        return problems
    if not has_visible_character(value):
        return [ctx.problem(path, "non-empty text", show(value), "write the text, or remove the field if it is optional.")]
    if len(value) > max_length:
        return [ctx.problem(path, f"text of at most {max_length:,} characters", f"{len(value):,} characters",
                            "split it into shorter paragraphs or shorten it.")]
    if not multiline and value != value.strip():
        return [ctx.problem(path, "text without spaces at the start or end", show(value),
                            "remove the spaces inside the quotes.")]
    if MARKUP.search(value):
        return [ctx.problem(path, "plain text without HTML, script or template code", show(value),
                            "write plain text; the site formats it. Links belong in a url field.")]
    return []


@dataclass
class Plain(Type):
    """Language-neutral text, such as an original title or a citation label."""
    max_length: int = 300
    multiline: bool = False  # True for paragraphs; everything else is one line

    def check(self, value, path, ctx):
        if not isinstance(value, str) or unquoted_number(value, path, ctx):
            return [wrong_type(value, path, ctx, "text", "")]
        return check_string(value, path, ctx, self.max_length, self.multiline)

    def json_schema(self, vocabularies):
        return {"type": "string", "minLength": 1, "maxLength": self.max_length}


@dataclass
class Abbreviation(Plain):
    """A word or abbreviation the site explains wherever it appears (a Markdown abbreviation)."""
    max_length: int = 40

    def check(self, value, path, ctx):
        problems = super().check(value, path, ctx)
        if not problems and not ABBR.fullmatch(value):
            problems.append(ctx.problem(path, "a word or abbreviation of letters and digits (inner . - / & ' or spaces allowed)",
                                        show(value), "write the abbreviation as it appears in running text, like SiS or Brå."))
        return problems

    def json_schema(self, vocabularies):
        return {"type": "string", "minLength": 1, "maxLength": self.max_length}


@dataclass
class Text(Type):
    """Human-readable text in both languages: {sv: …, en: …}."""
    max_length: int = 600
    multiline: bool = False  # True for paragraphs; everything else is one line

    def check(self, value, path, ctx):
        if not isinstance(value, dict):
            return [wrong_type(value, path, ctx, "text in both languages as a mapping {sv: …, en: …}",
                               "write it as two lines, 'sv: …' and 'en: …', indented under the field.")]
        problems = []
        for lang in LANGUAGES:
            if lang not in value:
                problems.append(ctx.problem(path, f"a '{lang}' text", f"no '{lang}' key",
                                            f"add '{lang}: …' with the {language_name(lang)} text; both languages are required."))
            elif not isinstance(value[lang], str) or unquoted_number(value[lang], path + (lang,), ctx):
                problems.append(wrong_type(value[lang], path + (lang,), ctx, "text"))
            else:
                problems += check_string(value[lang], path + (lang,), ctx, self.max_length, self.multiline)
        for key in value:
            if key not in LANGUAGES:
                problems.append(ctx.problem(path + (key,), f"only the keys {' and '.join(repr(lang) for lang in LANGUAGES)}", show(key),
                                            f"the guide is published in {' and '.join(map(language_name, LANGUAGES))} only.", at_key=True))
        return problems

    def json_schema(self, vocabularies):
        text = {"type": "string", "minLength": 1, "maxLength": self.max_length}
        return {"type": "object", "properties": {lang: text for lang in LANGUAGES}, "required": list(LANGUAGES),
                "additionalProperties": False}


@dataclass
class Slug(Type):
    def check(self, value, path, ctx):
        if not isinstance(value, str) or not SLUG.fullmatch(value) or unquoted_number(value, path, ctx):
            return [wrong_type(value, path, ctx, "an id of lowercase letters a–z, digits and single hyphens",
                               "for example 'malmo-konsultationsteamet'; write å, ä, ö as a, a, o.")]
        if len(value) > MAX_ID_LENGTH:
            return [ctx.problem(path, f"an id of at most {MAX_ID_LENGTH} characters", f"{len(value):,} characters",
                                "shorten it; ids become page addresses and file names, which have length limits.")]
        return []

    def json_schema(self, vocabularies):
        return {"type": "string", "pattern": schema_pattern(SLUG_PATTERN), "maxLength": MAX_ID_LENGTH}


def number_problem(value, path, ctx) -> Problem | None:
    """An unquoted number not written in plain decimal digits (073, 0x1F, 1:13, 9_4, +5)."""
    raw = ctx.raw(path)
    if raw is None or isinstance(value, bool) or not YAML11_NUMBER.fullmatch(raw):
        return None
    reason = describe_number(raw)
    if reason is None:
        return None
    return ctx.problem(path, "a whole number written in plain decimal digits", f"unquoted {raw}, {reason}",
                       "write only the digits 0–9, with no leading zero, sign, underscore or colon; "
                       "if it is a code rather than a number, it belongs in a text field, in quotes.")


@dataclass
class Integer(Type):
    minimum: int = 0
    maximum: int | None = None
    up_to_this_year: bool = False  # a year something started: no later than today's year

    def check(self, value, path, ctx):
        odd_number = number_problem(value, path, ctx)
        if odd_number:
            return [odd_number]
        if isinstance(value, bool) or not isinstance(value, int):
            return [wrong_type(value, path, ctx, "a whole number", "write digits only, without quotes or spaces.")]
        maximum = ctx.today.year if self.up_to_this_year else self.maximum
        if value < self.minimum or (maximum is not None and value > maximum):
            high = f" and at most {maximum}" + (" (this year)" if self.up_to_this_year else "") if maximum is not None else ""
            return [ctx.problem(path, f"a number of at least {self.minimum}{high}", show(value))]
        return []

    def json_schema(self, vocabularies):
        schema = {"type": "integer", "minimum": self.minimum}
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        if self.up_to_this_year:
            schema["$comment"] = "no later than the current year"
        return schema


@dataclass
class Boolean(Type):
    def check(self, value, path, ctx):
        if not isinstance(value, bool):
            return [wrong_type(value, path, ctx, "true or false", "write true or false without quotes.")]
        return []

    def json_schema(self, vocabularies):
        return {"type": "boolean"}


@dataclass
class Date(Type):
    """An ISO date: YYYY, YYYY-MM or YYYY-MM-DD (as precise as the source is), from 1900 on.
    `future`: whether the date may lie ahead (a planned date); everything else dates something that
    has happened (a publication, a review, an 'as of', a history entry) and cannot be after today."""
    future: bool = False
    tip: str = "a date something happened cannot be after today; write the date the source gives."
    exact_day: bool = False  # YYYY-MM-DD only: a change record dates a day the guide itself changed, always known

    def check(self, value, path, ctx):
        raw = ctx.raw(path)
        if isinstance(value, dt.datetime):
            return [ctx.problem(path, "a date without a time of day", f"unquoted {raw or value}",
                                "write only the date, like 2024-01-29.")]
        if isinstance(value, dt.date) or (isinstance(value, int) and not isinstance(value, bool)):
            text = raw if raw is not None else str(value)  # unquoted: the text as written
        elif isinstance(value, str):
            text = value
        else:
            text = None
        if text is None or not ISO_DATE.fullmatch(text):
            return [wrong_type(value, path, ctx, "an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)",
                               "write for example 2024-01-29; use only as much precision as the source gives.")]
        if self.exact_day and not ISO_DAY.fullmatch(text):
            return [ctx.problem(path, "a full date as YYYY-MM-DD", show(text),
                                "write the day as well, like 2026-11-30; the day a change was published is always known.")]
        day = parse_date(text)
        if day is None:
            return [ctx.problem(path, "a date that exists in the calendar", show(text),
                                "check the month (01–12) and the day of the month.")]
        if day < EARLIEST_DATE:
            return [ctx.problem(path, f"a date from {EARLIEST_DATE.year} onwards", show(text),
                                "check the year; nothing the guide dates is that old.")]
        if self.future:
            horizon = ctx.today.year + DUE_HORIZON_YEARS
            if day.year > horizon:
                return [ctx.problem(path, f"a date before {horizon + 1}", show(text),
                                    "check the year; a planned date that far ahead is probably a typo.")]
        elif day > ctx.today:
            return [ctx.problem(path, f"a date no later than today ({ctx.today.isoformat()})", show(text), self.tip)]
        return []

    def json_schema(self, vocabularies):
        if self.exact_day:
            return {"type": "string", "pattern": schema_pattern(ISO_DAY_PATTERN)}
        return {"type": ["string", "integer"], "pattern": schema_pattern(ISO_DATE_PATTERN)}


def parse_date(value) -> dt.date | None:
    """The earliest day a (possibly partial) ISO date can mean, or None if it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = ISO_DATE.fullmatch(str(value))
    if not match:
        return None
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def last_day(value) -> dt.date:
    """The last day a (possibly partial) ISO date covers: '2026' -> 31 Dec 2026, '2026-11' -> 30 Nov 2026.
    'Results at the end of 2026' has not passed on 1 December 2026, so a year or month passes only once it ends."""
    if isinstance(value, dt.date):
        return value
    year, month, day = ISO_DATE.match(iso(value)).groups()
    if day:
        return dt.date(int(year), int(month), int(day))
    if month:
        return dt.date(int(year), int(month), calendar.monthrange(int(year), int(month))[1])
    return dt.date(int(year), 12, 31)


def iso(value) -> str:
    """Normalise a date value (date object, year int or ISO string) to its ISO text."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


def punycode(host: str) -> str | None:
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return None


@dataclass
class Url(Type):
    max_length: int = 2000

    def check(self, value, path, ctx):
        if not isinstance(value, str):
            return [wrong_type(value, path, ctx, "a web address")]
        start = URL_START.match(value)
        host = start.group(1) if start else ""
        if start and not host.isascii() and not INVISIBLE.search(value):
            ascii_host = punycode(host)
            example = f"https://{ascii_host}/" if ascii_host else "the xn-- form of the domain"
            return [ctx.problem(path, "a web address with its domain written in ASCII letters", show(value),
                                f"write the domain in its ASCII (punycode) form, here {example}: letters from other "
                                "alphabets can look like Latin ones and lead readers to another site.")]
        if len(value) > self.max_length or not URL.fullmatch(value):
            return [ctx.problem(path, "an http:// or https:// web address", show(value),
                                "copy the full address from the browser, starting with https://; other schemes (javascript:, data:, mailto:) are not allowed.")]
        return []

    def json_schema(self, vocabularies):
        return {"type": "string", "pattern": schema_pattern(URL_PATTERN), "maxLength": self.max_length}


@dataclass
class Email(Type):
    def check(self, value, path, ctx):
        domain = value.rpartition("@")[2] if isinstance(value, str) else ""
        if domain and not domain.isascii() and not INVISIBLE.search(value) and EMAIL.fullmatch(value.replace(domain, punycode(domain) or "")):
            return [ctx.problem(path, "an e-mail address with its domain written in ASCII letters", show(value),
                                f"write the domain in its ASCII (punycode) form, here {punycode(domain)}: letters from other "
                                "alphabets can look like Latin ones and send mail somewhere else.")]
        if not isinstance(value, str) or not EMAIL.fullmatch(value) or len(value) > 254:
            return [wrong_type(value, path, ctx, "an e-mail address",
                               "write only the address, like namn@kommun.se, without 'mailto:' or spaces.")]
        return []

    def json_schema(self, vocabularies):
        return {"type": "string", "pattern": schema_pattern(EMAIL_PATTERN), "maxLength": 254}


DOMAIN_PATTERN = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.[a-z]{2,63}"
DOMAIN = re.compile(DOMAIN_PATTERN)


@dataclass
class Domain(Type):
    """An organisation's e-mail domain, like malmo.se (a name with at least one dot, in lowercase ASCII)."""

    def check(self, value, path, ctx):
        if not isinstance(value, str) or not DOMAIN.fullmatch(value) or len(value) > 253:
            return [wrong_type(value, path, ctx, "a domain name in lowercase, like malmo.se",
                               "write only the part after @ in the organisation's addresses; a top-level domain alone "
                               "(se) would let any address through.")]
        return []

    def json_schema(self, vocabularies):
        return {"type": "string", "pattern": schema_pattern(DOMAIN_PATTERN), "maxLength": 253}


@dataclass
class Phone(Type):
    def check(self, value, path, ctx):
        if not isinstance(value, str) or unquoted_number(value, path, ctx):
            return [wrong_type(value, path, ctx, "a phone number as text",
                               'put the number in quotes, written as the organisation does: "040-34 39 99".')]
        if personal.findings(value):
            return []  # the personal-data rule reports it, without repeating the number
        if not PHONE.fullmatch(value):
            return [ctx.problem(path, "a Swedish phone number written as organisations publish it (for example 040-34 39 99, 020-50 80 80 or 114 14)",
                                show(value), "write the area code, a hyphen, then groups of digits separated by spaces; no +46 or brackets.")]
        return []

    def json_schema(self, vocabularies):
        return {"type": "string", "pattern": schema_pattern(PHONE_PATTERN)}


@dataclass
class Choice(Type):
    """A value from one of the controlled vocabularies in data/vocabularies.yaml."""
    vocabulary: str

    def check(self, value, path, ctx):
        allowed = ctx.vocabulary(self.vocabulary)
        if not isinstance(value, str) or unquoted_number(value, path, ctx):
            return [wrong_type(value, path, ctx, f"one of the '{self.vocabulary}' values")]
        if allowed is not None and value not in allowed:
            close = difflib.get_close_matches(value, list(allowed), n=1) if len(value) <= 100 else []
            hint = f"did you mean '{close[0]}'? " if close else ""
            return [ctx.problem(path, f"one of the '{self.vocabulary}' values ({', '.join(sorted(allowed))})", show(value),
                                f"{hint}To add a new value, add it with sv and en labels under '{self.vocabulary}:' in data/vocabularies.yaml.")]
        return []

    def json_schema(self, vocabularies):
        schema = {"type": "string", "$comment": f"a key of '{self.vocabulary}' in data/vocabularies.yaml"}
        keys = vocabularies.get(self.vocabulary)
        if keys:
            schema["enum"] = sorted(keys)  # editors offer these values; regenerate when vocabularies change
        return schema


def duplicate_problem(path, ctx, what: str, value, first_path) -> Problem:
    first = ctx.loaded.where(first_path).line
    if what == "id":
        return ctx.problem(path, "an id used by no other entry", f"{show(value)}, already used on line {first}",
                           "give this entry its own id; ids are page addresses and citation keys.")
    return ctx.problem(path, f"each {what} once in this list", f"{show(value)} a second time (first on line {first})",
                       "remove the second one, or merge the two entries into one.")


@dataclass
class SourceRefs(Type):
    """Source ids that must resolve in data/sources.yaml, each once."""
    min_items: int = 1

    def check(self, value, path, ctx):
        if not isinstance(value, list):
            return [wrong_type(value, path, ctx, "a list of source ids, like [bra-2016-6]",
                               "every fact cites at least one source from data/sources.yaml.")]
        if len(value) < self.min_items:
            return [ctx.problem(path, f"at least {self.min_items} source id", "an empty list",
                                "every fact cites at least one source from data/sources.yaml.")]
        if len(value) > MAX_LIST_ITEMS:
            return [ctx.problem(path, f"at most {MAX_LIST_ITEMS:,} source ids", f"{len(value):,}")]
        problems = []
        known = ctx.source_ids
        seen: dict[str, int] = {}
        for index, source_id in enumerate(value):
            if not isinstance(source_id, str) or unquoted_number(source_id, path + (index,), ctx):
                problems.append(wrong_type(source_id, path + (index,), ctx, "a source id"))
            elif source_id in seen:
                problems.append(duplicate_problem(path + (index,), ctx, "source id", source_id, path + (seen[source_id],)))
            elif known is not None and source_id not in known:
                close = difflib.get_close_matches(source_id, sorted(known), n=1) if len(source_id) <= 100 else []
                hint = f"did you mean '{close[0]}'? " if close else ""
                problems.append(ctx.problem(path + (index,), "a source id listed in data/sources.yaml", show(source_id),
                                            f"{hint}Add the source to data/sources.yaml first, then cite its id."))
            if isinstance(source_id, str):
                seen.setdefault(source_id, index)
        return problems

    def json_schema(self, vocabularies):
        return {"type": "array", "items": {"type": "string", "pattern": schema_pattern(SLUG_PATTERN)},
                "minItems": self.min_items, "uniqueItems": True}


@dataclass
class ListOf(Type):
    """A list. `unique`: the fields (of record items) or, with "", the items themselves that must not repeat;
    `item_name` names such an item in the message ("each agency once in this list")."""
    item: Type
    min_items: int = 0
    max_items: int | None = MAX_LIST_ITEMS
    unique: tuple[str, ...] = ()
    item_name: str = "value"
    too_few_tip: str = ""  # what to do about a list shorter than min_items

    def check(self, value, path, ctx):
        if not isinstance(value, list):
            return [wrong_type(value, path, ctx, "a list (lines starting with '- ')")]
        problems = []
        if len(value) < self.min_items:
            problems.append(ctx.problem(path, f"at least {self.min_items} item(s)", f"{len(value)}", self.too_few_tip))
        if self.max_items is not None and len(value) > self.max_items:
            problems.append(ctx.problem(path, f"at most {self.max_items:,} items", f"{len(value):,}"))
            return problems
        for index, item in enumerate(value):
            problems += self.item.check(item, path + (index,), ctx)
        for key in self.unique:
            problems += self._duplicates(value, path, ctx, key)
        if isinstance(self.item, Record) and "id" not in self.unique:
            problems += self._identical(value, path, ctx)
        return problems

    def _identical(self, value, path, ctx) -> list[Problem]:
        """The same entry twice (a copy-paste slip) in a list whose entries have no id."""
        seen: dict[str, int] = {}
        problems = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                continue
            key = json.dumps(item, sort_keys=True, default=str)
            if key in seen:
                first = ctx.loaded.where(path + (seen[key],)).line
                problems.append(ctx.problem(path + (index,), "each entry once in this list",
                                            f"an entry identical to the one on line {first}", "remove the copy."))
            else:
                seen[key] = index
        return problems

    def _duplicates(self, value, path, ctx, key: str) -> list[Problem]:
        seen: dict = {}
        problems = []
        what = key or self.item_name
        for index, item in enumerate(value):
            found = item if not key else (item.get(key) if isinstance(item, dict) else None)
            if not isinstance(found, str):
                continue
            item_path = path + (index,) if not key else path + (index, key)
            if found in seen:
                problems.append(duplicate_problem(item_path, ctx, what, found, seen[found]))
            else:
                seen[found] = item_path
        return problems

    def json_schema(self, vocabularies):
        schema = {"type": "array", "items": self.item.json_schema(vocabularies), "minItems": self.min_items}
        if self.max_items is not None:
            schema["maxItems"] = self.max_items
        if "" in self.unique:
            schema["uniqueItems"] = True
        return schema


@dataclass
class Field:
    type: Type
    required: bool = True
    doc: str = ""


@dataclass
class Record(Type):
    """A mapping with known fields; unknown keys are typos until proven otherwise."""
    fields: dict[str, Field]
    doc: str = ""
    name: str = "entry"

    def check(self, value, path, ctx):
        if not isinstance(value, dict):
            return [wrong_type(value, path, ctx, f"a mapping ({self.name} with fields: {', '.join(self.fields)})")]
        problems = []
        unknown = [key for key in value if key not in self.fields]
        for key in unknown[:MAX_UNKNOWN_KEYS]:
            close = difflib.get_close_matches(key, list(self.fields), n=1) if len(key) <= 100 else []
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(ctx.problem(path + (key,), f"one of the fields {', '.join(self.fields)}", show(key),
                                        f"{hint}Check the spelling; CONTRIBUTING.md lists every field.", at_key=True))
        if len(unknown) > MAX_UNKNOWN_KEYS:
            problems.append(ctx.problem(path + (unknown[MAX_UNKNOWN_KEYS],), f"one of the fields {', '.join(self.fields)}",
                                        f"{len(unknown) - MAX_UNKNOWN_KEYS:,} more unknown fields, not listed one by one",
                                        "fix the ones listed, then run the check again.", at_key=True))
        for name, spec in self.fields.items():
            if name not in value:
                if spec.required:
                    problems.append(ctx.problem(path, f"the field '{name}' ({spec.doc or 'required'})", "no such field",
                                                f"add '{name}:' to this {self.name}; see the example in CONTRIBUTING.md."))
                continue
            if value[name] is None and not spec.required:
                continue
            problems += spec.type.check(value[name], path + (name,), ctx)
        return problems

    def json_schema(self, vocabularies):
        properties = {}
        for name, spec in self.fields.items():
            schema = spec.type.json_schema(vocabularies)
            if spec.doc:
                schema = {"description": spec.doc, **schema}
            properties[name] = schema
        schema = {"type": "object", "properties": properties,
                  "required": [n for n, f in self.fields.items() if f.required],
                  "additionalProperties": False}
        if self.doc:
            schema["description"] = self.doc
        return schema


@dataclass
class MapOf(Type):
    """A mapping from snake_case keys to entries (used for the vocabularies)."""
    value: Type
    min_items: int = 1

    def check(self, value, path, ctx):
        if not isinstance(value, dict):
            return [wrong_type(value, path, ctx, "a mapping of keys to entries")]
        problems = []
        if len(value) < self.min_items:
            problems.append(ctx.problem(path, f"at least {self.min_items} entry", "none"))
        if len(value) > MAX_LIST_ITEMS:
            return problems + [ctx.problem(path, f"at most {MAX_LIST_ITEMS:,} entries", f"{len(value):,}")]
        for key, item in value.items():
            if not KEY.fullmatch(key) or len(key) > MAX_ID_LENGTH:
                problems.append(ctx.problem(path + (key,), f"a key of at most {MAX_ID_LENGTH} lowercase letters, digits and underscores",
                                            show(key), "for example 'confirmed_threat'.", at_key=True))
            problems += self.value.check(item, path + (key,), ctx)
        return problems

    def json_schema(self, vocabularies):
        return {"type": "object", "propertyNames": {"pattern": schema_pattern(KEY_PATTERN), "maxLength": MAX_ID_LENGTH},
                "additionalProperties": self.value.json_schema(vocabularies), "minProperties": self.min_items}


CLOCK = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d|24:00")


@dataclass
class Clock(Type):
    """A time of day as 'HH:MM' (24-hour clock; 24:00 closes at midnight). YAML 1.1 reads an unquoted 10:00
    as the number 600 (base 60), so a number here is explained, not shown as 600."""

    def check(self, value, path, ctx):
        if (isinstance(value, int) and not isinstance(value, bool)) or unquoted_number(value, path, ctx):
            raw = ctx.raw(path) or str(value)
            return [ctx.problem(path, "a time of day in quotes, like '09:00'", f"unquoted {raw}, which YAML reads as a number",
                                f"put quotes around it: '{raw}'.")]
        if not isinstance(value, str) or not CLOCK.fullmatch(value):
            return [wrong_type(value, path, ctx, "a time of day as 'HH:MM' (00:00–24:00)", "for example '09:00' or '16:30', in quotes.")]
        return []

    def json_schema(self, vocabularies):
        return {"type": "string", "pattern": schema_pattern(CLOCK.pattern)}


@dataclass
class OneOf(Type):
    """One of a few fixed words that the code gives meaning to (not a vocabulary: no labels needed)."""
    values: tuple
    tip: str = ""

    def check(self, value, path, ctx):
        if not isinstance(value, str) or value not in self.values:
            return [wrong_type(value, path, ctx, "one of " + ", ".join(self.values), self.tip)]
        return []

    def json_schema(self, vocabularies):
        return {"type": "string", "enum": list(self.values)}
