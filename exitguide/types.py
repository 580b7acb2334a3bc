"""Field types of the data model: each checks one kind of value and describes itself as JSON Schema.

Used by model.py, which declares every data file with these types, and by
validate.py, which walks the data with them. Because the validator and the
published JSON Schema (schemas/*.schema.json) both come from these classes,
the two cannot drift apart (the trap endoflife.date fell into).
Each `check` is a pure function of (value, path, context) returning Problems.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

from .problems import Problem, show

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
# Swedish numbers as organisations publish them: 040-34 39 99, 020-50 80 80, 08-123 456 78,
# short national numbers such as 112, 114 14 and 1177, and the EU's 116 numbers (Bris: 116 111).
PHONE = re.compile(r"^(?:0\d{1,3}-\d{2,3}(?: \d{2,3}){1,3}|1\d{2}(?: \d{2})?|1\d{3}|116 \d{3})$")
MOBILE = re.compile(r"^07\d-")
URL = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:[/?#][^\s<>\"]*)?$")
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MARKUP = re.compile(r"<\s*[A-Za-z/!?]|javascript:|\{\{|\{%", re.IGNORECASE)
# Vocabulary keys to list as enums in the generated JSON Schema (set by schema.py while generating).
SCHEMA_VOCABULARIES: dict[str, list[str]] = {}
YAML11_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false"}


class Type:
    """Base class: a type knows how to check a value and how to describe itself."""

    def check(self, value, path: tuple, ctx) -> list[Problem]:
        raise NotImplementedError

    def json_schema(self) -> dict:
        raise NotImplementedError


def wrong_type(value, path, ctx, expected: str, tip: str = "") -> Problem:
    """The common 'expected X, got Y' problem, explaining YAML 1.1 surprises when they are the cause."""
    raw = ctx.loaded_for(path).where(path).raw
    found = show(value)
    if raw is not None and raw.lower() in YAML11_WORDS and isinstance(value, bool):
        found = f'unquoted {raw}, which YAML reads as {str(value).lower()}'
        tip = tip or f'put quotes around it: "{raw}".'
    elif isinstance(value, (dt.date, dt.datetime)):
        found = f"unquoted {raw or value}, which YAML reads as a date"
        tip = tip or f'put quotes around it: "{raw or value}".'
    elif raw is not None and isinstance(value, (int, float)) and not isinstance(value, bool) and expected.startswith("text"):
        found = f"unquoted {raw}, which YAML reads as a number"
        tip = tip or f'put quotes around it: "{raw}".'
    return ctx.problem(path, expected, found, tip)


@dataclass
class Plain(Type):
    """Language-neutral text, such as an original title or a citation label."""
    max_length: int = 300
    min_length: int = 1

    def check(self, value, path, ctx):
        if not isinstance(value, str):
            return [wrong_type(value, path, ctx, "text", "")]
        return check_string(value, path, ctx, self.max_length, self.min_length)

    def json_schema(self):
        return {"type": "string", "minLength": self.min_length, "maxLength": self.max_length}


def check_string(value: str, path, ctx, max_length: int, min_length: int = 1) -> list[Problem]:
    if len(value.strip()) < min_length:
        return [ctx.problem(path, "non-empty text", show(value), "write the text, or remove the field if it is optional.")]
    if len(value) > max_length:
        return [ctx.problem(path, f"text of at most {max_length:,} characters", f"{len(value):,} characters",
                            "split it into shorter paragraphs or shorten it.")]
    if MARKUP.search(value):
        return [ctx.problem(path, "plain text without HTML, script or template code", show(value),
                            "write plain text; the site formats it. Links belong in a url field.")]
    return []


@dataclass
class Text(Type):
    """Human-readable text in both languages: {sv: …, en: …}."""
    max_length: int = 600

    def check(self, value, path, ctx):
        if not isinstance(value, dict):
            return [wrong_type(value, path, ctx, "text in both languages as a mapping {sv: …, en: …}",
                               "write it as two lines, 'sv: …' and 'en: …', indented under the field.")]
        problems = []
        for lang in ("sv", "en"):
            if lang not in value:
                problems.append(ctx.problem(path, f"a '{lang}' text", f"no '{lang}' key",
                                            f"add '{lang}: …' with the {'Swedish' if lang == 'sv' else 'English'} text; both languages are required."))
            elif not isinstance(value[lang], str):
                problems.append(wrong_type(value[lang], path + (lang,), ctx, "text"))
            else:
                problems += check_string(value[lang], path + (lang,), ctx, self.max_length)
        for key in value:
            if key not in ("sv", "en"):
                problems.append(ctx.problem(path + (key,), "only the keys 'sv' and 'en'", f'"{key}"',
                                            "the guide is published in Swedish and English only.", at_key=True))
        return problems

    def json_schema(self):
        lang = {"type": "string", "minLength": 1, "maxLength": self.max_length}
        return {"type": "object", "properties": {"sv": lang, "en": lang}, "required": ["sv", "en"],
                "additionalProperties": False}


@dataclass
class Slug(Type):
    def check(self, value, path, ctx):
        if not isinstance(value, str) or not SLUG.match(value):
            return [wrong_type(value, path, ctx, "an id of lowercase letters a–z, digits and single hyphens",
                               "for example 'malmo-konsultationsteamet'; write å, ä, ö as a, a, o.")]
        return []

    def json_schema(self):
        return {"type": "string", "pattern": SLUG.pattern}


@dataclass
class Integer(Type):
    minimum: int = 0
    maximum: int | None = None

    def check(self, value, path, ctx):
        if isinstance(value, bool) or not isinstance(value, int):
            return [wrong_type(value, path, ctx, "a whole number", "write digits only, without quotes or spaces.")]
        if value < self.minimum or (self.maximum is not None and value > self.maximum):
            high = f" and at most {self.maximum}" if self.maximum is not None else ""
            return [ctx.problem(path, f"a number of at least {self.minimum}{high}", show(value))]
        return []

    def json_schema(self):
        schema = {"type": "integer", "minimum": self.minimum}
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return schema


@dataclass
class Boolean(Type):
    def check(self, value, path, ctx):
        if not isinstance(value, bool):
            return [wrong_type(value, path, ctx, "true or false", "write true or false without quotes.")]
        return []

    def json_schema(self):
        return {"type": "boolean"}


@dataclass
class Date(Type):
    """An ISO date: YYYY, YYYY-MM or YYYY-MM-DD (as precise as the source is)."""

    def check(self, value, path, ctx):
        if isinstance(value, dt.date):
            return []  # unquoted full dates are fine here: a date is what we want
        if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
            return []  # a bare year
        if not isinstance(value, str) or not ISO_DATE.match(value):
            return [wrong_type(value, path, ctx, "an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)",
                               "write for example 2024-01-29; use only as much precision as the source gives.")]
        if parse_date(value) is None:
            return [ctx.problem(path, "a date that exists in the calendar", show(value),
                                "check the month (01–12) and the day of the month.")]
        return []

    def json_schema(self):
        return {"type": ["string", "integer"], "pattern": ISO_DATE.pattern}


def parse_date(value) -> dt.date | None:
    """The earliest day a (possibly partial) ISO date can mean, or None if it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = ISO_DATE.match(str(value))
    if not match:
        return None
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def iso(value) -> str:
    """Normalise a date value (date object, year int or ISO string) to its ISO text."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


@dataclass
class Url(Type):
    def check(self, value, path, ctx):
        if not isinstance(value, str):
            return [wrong_type(value, path, ctx, "a web address")]
        if not URL.match(value):
            return [ctx.problem(path, "an http:// or https:// web address", show(value),
                                "copy the full address from the browser, starting with https://; other schemes (javascript:, data:, mailto:) are not allowed.")]
        return []

    def json_schema(self):
        return {"type": "string", "pattern": URL.pattern}


@dataclass
class Email(Type):
    def check(self, value, path, ctx):
        if not isinstance(value, str) or not EMAIL.match(value):
            return [wrong_type(value, path, ctx, "an e-mail address",
                               "write only the address, like namn@kommun.se, without 'mailto:' or spaces.")]
        return []

    def json_schema(self):
        return {"type": "string", "pattern": EMAIL.pattern}


@dataclass
class Phone(Type):
    def check(self, value, path, ctx):
        if not isinstance(value, str):
            return [wrong_type(value, path, ctx, "a phone number as text",
                               'put the number in quotes, written as the organisation does: "040-34 39 99".')]
        if not PHONE.match(value):
            return [ctx.problem(path, "a Swedish phone number written as organisations publish it (for example 040-34 39 99, 020-50 80 80 or 114 14)",
                                show(value), "write the area code, a hyphen, then groups of digits separated by spaces; no +46 or brackets.")]
        if MOBILE.match(value):
            return [ctx.problem(path, "an organisation's switchboard or service number", f"{show(value)}, which looks like a personal mobile number",
                                "the guide never publishes personal data; use the organisation's published number.")]
        return []

    def json_schema(self):
        return {"type": "string", "pattern": PHONE.pattern}


@dataclass
class Choice(Type):
    """A value from one of the controlled vocabularies in data/vocabularies.yaml."""
    vocabulary: str

    def check(self, value, path, ctx):
        allowed = ctx.vocabulary(self.vocabulary)
        if not isinstance(value, str):
            return [wrong_type(value, path, ctx, f"one of the '{self.vocabulary}' values")]
        if allowed is not None and value not in allowed:
            close = difflib.get_close_matches(value, list(allowed), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            return [ctx.problem(path, f"one of the '{self.vocabulary}' values ({', '.join(sorted(allowed))})", show(value),
                                f"{hint}To add a new value, add it with sv and en labels under '{self.vocabulary}:' in data/vocabularies.yaml.")]
        return []

    def json_schema(self):
        schema = {"type": "string", "$comment": f"a key of '{self.vocabulary}' in data/vocabularies.yaml"}
        keys = SCHEMA_VOCABULARIES.get(self.vocabulary)
        if keys:
            schema["enum"] = sorted(keys)  # editors offer these values; regenerate when vocabularies change
        return schema


@dataclass
class SourceRefs(Type):
    """Source ids that must resolve in data/sources.yaml."""
    min_items: int = 1

    def check(self, value, path, ctx):
        if not isinstance(value, list):
            return [wrong_type(value, path, ctx, "a list of source ids, like [bra-2016-6]",
                               "every fact cites at least one source from data/sources.yaml.")]
        if len(value) < self.min_items:
            return [ctx.problem(path, f"at least {self.min_items} source id", "an empty list",
                                "every fact cites at least one source from data/sources.yaml.")]
        problems = []
        known = ctx.source_ids
        for index, source_id in enumerate(value):
            if not isinstance(source_id, str):
                problems.append(wrong_type(source_id, path + (index,), ctx, "a source id"))
            elif known is not None and source_id not in known:
                close = difflib.get_close_matches(source_id, sorted(known), n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                problems.append(ctx.problem(path + (index,), "a source id listed in data/sources.yaml", show(source_id),
                                            f"{hint}Add the source to data/sources.yaml first, then cite its id."))
        return problems

    def json_schema(self):
        return {"type": "array", "items": {"type": "string", "pattern": SLUG.pattern}, "minItems": self.min_items}


@dataclass
class ListOf(Type):
    item: Type
    min_items: int = 0
    max_items: int | None = None

    def check(self, value, path, ctx):
        if not isinstance(value, list):
            return [wrong_type(value, path, ctx, "a list (lines starting with '- ')")]
        problems = []
        if len(value) < self.min_items:
            problems.append(ctx.problem(path, f"at least {self.min_items} item(s)", f"{len(value)}"))
        if self.max_items is not None and len(value) > self.max_items:
            problems.append(ctx.problem(path, f"at most {self.max_items:,} items", f"{len(value):,}"))
            return problems
        for index, item in enumerate(value):
            problems += self.item.check(item, path + (index,), ctx)
        return problems

    def json_schema(self):
        schema = {"type": "array", "items": self.item.json_schema(), "minItems": self.min_items}
        if self.max_items is not None:
            schema["maxItems"] = self.max_items
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
        for key in value:
            if key not in self.fields:
                close = difflib.get_close_matches(key, list(self.fields), n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                problems.append(ctx.problem(path + (key,), f"one of the fields {', '.join(self.fields)}", f'"{key}"',
                                            f"{hint}Check the spelling; CONTRIBUTING.md lists every field.", at_key=True))
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

    def json_schema(self):
        properties = {}
        for name, spec in self.fields.items():
            schema = spec.type.json_schema()
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
        for key, item in value.items():
            if not KEY.match(key):
                problems.append(ctx.problem(path + (key,), "a key of lowercase letters, digits and underscores", f'"{key}"',
                                            "for example 'confirmed_threat'.", at_key=True))
            problems += self.value.check(item, path + (key,), ctx)
        return problems

    def json_schema(self):
        return {"type": "object", "propertyNames": {"pattern": KEY.pattern},
                "additionalProperties": self.value.json_schema(), "minProperties": self.min_items}


CLOCK = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d|24:00")


@dataclass
class Clock(Type):
    """A time of day as 'HH:MM' (24-hour clock; 24:00 closes at midnight)."""

    def check(self, value, path, ctx):
        if isinstance(value, int) and not isinstance(value, bool):
            raw = ctx.loaded_for(path).where(path).raw or str(value)
            return [ctx.problem(path, "a time of day in quotes, like '09:00'", f"unquoted {raw}, which YAML reads as a number",
                                f"put quotes around it: '{raw}'.")]
        if not isinstance(value, str) or not CLOCK.fullmatch(value):
            return [wrong_type(value, path, ctx, "a time of day as 'HH:MM' (00:00–24:00)", "for example '09:00' or '16:30', in quotes.")]
        return []

    def json_schema(self):
        return {"type": "string", "pattern": "^(?:" + CLOCK.pattern + ")$"}


@dataclass
class OneOf(Type):
    """One of a few fixed words that the code gives meaning to (not a vocabulary: no labels needed)."""
    values: tuple

    def check(self, value, path, ctx):
        if value not in self.values:
            return [wrong_type(value, path, ctx, "one of " + ", ".join(self.values))]
        return []

    def json_schema(self):
        return {"type": "string", "enum": list(self.values)}
