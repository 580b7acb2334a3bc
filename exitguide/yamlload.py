"""Load a YAML data file into plain Python values plus a map of where each value stands.

Runs first, before any rule. PyYAML alone hides several traps a maintainer falls
into, so this loader reports them as Problems instead of guessing:
- bytes that are not UTF-8, a byte-order mark, tab characters, and characters that are
  invisible or dangerous in a text file (control characters such as NUL or ESC, bidi
  overrides, line separators other than LF and CRLF), each at its own line and column;
- syntax errors (with PyYAML's own line and column);
- duplicate keys at any depth (PyYAML silently keeps the last one);
- anchors, aliases, merge keys and explicit tags: the data never needs them, and an alias
  is how a few lines of YAML expand into gigabytes ("billion laughs");
- nesting deeper than MAX_DEPTH.
It is safe by construction: values are built from PyYAML's event stream with an explicit
stack, so no input can drive recursion, and nothing is expanded. Every failure becomes a
Problem with file, line and column; nothing here raises on bad data.
YAML 1.1 quirks (`no` read as false, `073` read as octal 59, unquoted dates) are not errors
here: the loader keeps the raw text of every plain scalar, and the type rules use it to explain
what happened ("unquoted no is read as false"). Mapping keys are always their text as written.
Convention: paths are tuples of keys (str) and list indexes (int); lines and columns are
1-based and count characters, as editors do.
"""
from __future__ import annotations

import gc
import re
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

import yaml

from . import personal
from .problems import Problem, show

try:  # libyaml is much faster on large files; fall back to pure Python.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

# Far deeper than any data file needs (programs.yaml is 9 levels deep), far shallower than trouble.
MAX_DEPTH = 32
# A file with thousands of bad characters gets this many messages, then one line saying how many more.
MAX_CHARACTER_PROBLEMS = 10

# Characters refused anywhere in a file (values, keys and comments alike):
# - what YAML itself does not allow in a stream (C0 and C1 controls except tab/LF/CR, surrogates, U+FFFE/U+FFFF);
# - line breaks other than LF and CRLF (a lone CR, NEL, LS, PS): PyYAML counts them as new lines, editors
#   often do not, and line numbers in messages would disagree with what the maintainer sees;
# - bidirectional overrides and isolates: they make text display in a different order than it is read,
#   so a reviewer can be shown something other than what is published ("Trojan Source", CVE-2021-42574).
FORBIDDEN_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")


class Location(NamedTuple):  # a tuple: one is made per value, and tuples are made fastest
    line: int
    column: int
    raw: str | None = None      # the scalar as written, for plain (unquoted) scalars


@dataclass
class Loaded:
    """A loaded file: its value, where each part stands, and what went wrong."""
    file: str
    value: object = None
    locations: dict[tuple, Location] = field(default_factory=dict)
    key_locations: dict[tuple, Location] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: tuple) -> Location:
        """The closest known location of a path (walking up to a parent if needed)."""
        while path:
            if path in self.locations:
                return self.locations[path]
            path = path[:-1]
        return self.locations.get((), Location(1, 1))

    def where_key(self, path: tuple) -> Location:
        return self.key_locations.get(path) or self.where(path)


SHOWN_KEY = re.compile(r"[A-Za-z0-9_<>-]{1,60}\Z")
SHOWN_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def display_path(root, path: tuple) -> str:
    """A readable field path that names list items by their id: programs[malmo].contacts[0].email.
    Only well-formed ids and keys are shown as they are; anything else (a key with spaces or control
    characters, an id that is itself the problem) is shown quoted and escaped by `show`."""
    out = ""
    node = root
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            label = item.get("id") if isinstance(item, dict) else None
            shown_id = isinstance(label, str) and len(label) <= 64 and SHOWN_ID.match(label) and not personal.findings(label)
            out += f"[{label}]" if shown_id else f"[{part}]"
            node = item
        else:
            key = str(part) if SHOWN_KEY.match(str(part)) and not personal.findings(str(part)) else show(str(part), 40)
            out += ("." if out else "") + key
            node = node.get(part) if isinstance(node, dict) else None
    return out or "(file)"


def _decode(file: str, data: bytes, loaded: Loaded) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        loaded.problems.append(Problem(file, 1, 1, "(file)", "UTF-8 without a byte-order mark",
                                       "a byte-order mark (BOM) at the start",
                                       "save the file as UTF-8 without BOM (in VS Code: 'Save with Encoding' > UTF-8)."))
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(data[line_start: exc.start].decode("utf-8", errors="replace")) + 1
        loaded.problems.append(Problem(file, line, column, "(file)", "UTF-8 text",
                                       f"the byte 0x{data[exc.start]:02x}, which is not UTF-8",
                                       "save the file as UTF-8; the character was probably typed in another encoding (Latin-1 or Windows-1252)."))
        return None


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def character_name(char: str) -> str:
    """U+001B (ESCAPE): how a message names a character that cannot be shown."""
    if char == "\r":
        return "U+000D (CARRIAGE RETURN) not followed by a line feed"
    name = unicodedata.name(char, "") or {"\x00": "NULL", "\x1b": "ESCAPE", "\x7f": "DELETE"}.get(char, "a control character")
    return f"U+{ord(char):04X} ({name})"


_TAB_OR_FORBIDDEN = re.compile("\t|" + FORBIDDEN_CHARACTER.pattern)


def _check_characters(file: str, text: str, loaded: Loaded) -> None:
    """Tabs and forbidden characters, each reported where it stands (PyYAML would say 'position 5' or 1:1).
    Linear in the file's length however many there are: lines are counted from one match to the next,
    and past the listed ones the rest are only counted."""
    line, line_start, position = 1, 0, 0
    listed = 0
    for match in _TAB_OR_FORBIDDEN.finditer(text):
        index = match.start()
        line += text.count("\n", position, index)
        line_start = text.rfind("\n", position, index) + 1 or line_start
        position = index
        column = index - line_start + 1
        if listed == MAX_CHARACTER_PROBLEMS:
            more = _TAB_OR_FORBIDDEN.subn("", text, 0)[1] - listed  # counted in C, not one by one
            loaded.problems.append(Problem(file, line, column, "(file)", "spaces and visible characters only",
                                           f"{more:,} more tab or invisible characters from here on, not listed one by one",
                                           "fix the ones listed, then run the check again."))
            return
        listed += 1
        if match.group(0) == "\t":
            loaded.problems.append(Problem(file, line, column, "(file)", "spaces", "a tab character",
                                           "YAML indentation must use spaces; replace the tab with spaces."))
        else:
            loaded.problems.append(Problem(
                file, line, column, "(file)", "visible text characters",
                f"the invisible character {character_name(match.group(0)[0])}",
                "delete it (it often comes from copying text out of a PDF, a word processor or a terminal); "
                "end lines with a plain line break."))


# What an unquoted scalar means in YAML 1.1, by its first character (PyYAML's own table).
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_CONSTRUCTORS = yaml.constructor.SafeConstructor.yaml_constructors
_INT = "tag:yaml.org,2002:int"
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")


class _Frame:
    """One open mapping or list while the event stream is read."""
    __slots__ = ("value", "path", "key", "keys_seen", "skip")

    def __init__(self, value, path: tuple, skip: bool):
        self.value = value          # the dict or list being filled
        self.path = path
        self.key = None             # in a mapping: the key whose value comes next (None: a key comes next)
        self.keys_seen = None       # in a mapping: key -> Location of its first occurrence
        self.skip = skip            # a duplicate key's value: read, but not kept


class _Builder:
    """Builds values from events with an explicit stack, recording locations, duplicate keys and refusals."""

    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.constructor = yaml.constructor.SafeConstructor()
        self.duplicates: list[tuple[tuple, Location]] = []
        self.refused = 0
        self.first_unlisted: tuple[int, int] | None = None
        self.too_deep = False

    def refuse(self, mark, expected: str, found: str, tip: str) -> None:
        self.refused += 1
        if self.refused <= MAX_CHARACTER_PROBLEMS:
            self.loaded.problems.append(Problem(self.loaded.file, mark.line + 1, mark.column + 1, "(file)", expected, found, tip))
        elif self.first_unlisted is None:
            self.first_unlisted = (mark.line + 1, mark.column + 1)

    def scalar_value(self, event):
        if event.implicit[0] and not event.style:  # plain (unquoted): YAML 1.1 decides what it is
            text = event.value
            for tag, pattern in _RESOLVERS.get(text[:1], ()):
                if pattern.match(text):
                    construct = _CONSTRUCTORS.get(tag)
                    if construct is None:
                        return text  # '=' and '<<' (merge) have no meaning outside a mapping key
                    if tag == _INT and not _DECIMAL.fullmatch(text):
                        return text  # 073 (octal), 0x1F, 1:13, 9_4: the type rules explain; text fields keep what was typed
                    try:
                        return construct(self.constructor, yaml.ScalarNode(tag, text))
                    except (ValueError, TypeError, OverflowError, yaml.YAMLError):
                        return text  # e.g. 2026-02-30, or 5,000 digits: keep the text, the type rules report it
            return text
        return event.value

    def check_node(self, event) -> bool:
        """Refuse anchors and explicit tags on a node. True when the node may be kept."""
        ok = True
        if getattr(event, "anchor", None) is not None:
            self.refuse(event.start_mark, "plain values without anchors", f"an anchor (&{show(event.anchor, 30)[1:-1]})",
                        "write the value out in full; anchors and aliases (& and *) are not used in the guide's data.")
            ok = False
        if getattr(event, "tag", None) is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!", 1)
            self.refuse(event.start_mark, "values without explicit tags", f"the tag {show(tag, 40)}",
                        "remove the tag; to keep a value as text, put it in quotes instead.")
            ok = False
        return ok

    def run(self, parser):
        """Read every event from `parser` (a PyYAML loader, which gives None after the last one)."""
        stack: list[_Frame] = []
        root = None
        documents = 0
        locations = self.loaded.locations
        key_locations = self.loaded.key_locations
        next_event = parser.get_event
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent or kind is yaml.AliasEvent:
                mark = event.start_mark
                frame = stack[-1] if stack else None
                if kind is yaml.AliasEvent:
                    self.refuse(mark, "plain values without aliases", f"an alias (*{show(event.anchor, 30)[1:-1]})",
                                "write the value out in full; anchors and aliases (& and *) are not used in the guide's data.")
                    value, keep = None, False
                else:
                    keep = (event.anchor is None and event.tag is None) or self.check_node(event)
                if frame is not None and frame.keys_seen is not None and frame.key is None:
                    # a mapping key
                    if kind is not yaml.ScalarEvent:
                        if kind is not yaml.AliasEvent:
                            self.refuse(mark, "a key that is a plain name", "a list or mapping used as a key",
                                        "write 'name: value'; a key is a single word.")
                            stack.append(_Frame(None, frame.path, True))
                            stack[-1].keys_seen = {} if kind is yaml.MappingStartEvent else None
                        frame.key = ("<refused>",)
                        continue
                    key = event.value
                    if key == "<<" and event.implicit[0] and not event.style:
                        self.refuse(mark, "plain keys", "a merge key (<<)",
                                    "write the fields out in full; merge keys copy fields from an anchor, which the guide's data does not use.")
                    key_loc = Location(mark.line + 1, mark.column + 1, key)
                    if key in frame.keys_seen:
                        if not frame.skip:
                            self.duplicates.append((frame.path + (key,), key_loc))
                        frame.key = ("<duplicate>",)
                    else:
                        frame.keys_seen[key] = key_loc
                        if not frame.skip:
                            key_locations[frame.path + (key,)] = key_loc
                        frame.key = key
                    continue
                # a value: in a list, under a mapping key, or the document itself
                if frame is None:
                    path, skip = (), False
                elif frame.keys_seen is None:
                    path, skip = frame.path + (len(frame.value),) if not frame.skip else frame.path, frame.skip
                else:
                    path, skip = frame.path + (frame.key,), frame.skip or isinstance(frame.key, tuple)
                if kind is yaml.AliasEvent:
                    pass
                elif kind is yaml.ScalarEvent:
                    plain = event.implicit[0] and not event.style
                    value = event.value if not plain else self.scalar_value(event)
                    if not skip:
                        locations[path] = Location(mark.line + 1, mark.column + 1, event.value if plain else None)
                else:
                    if len(stack) >= MAX_DEPTH:
                        if not self.too_deep:
                            self.too_deep = True
                            self.refuse(mark, f"at most {MAX_DEPTH} levels of nesting", "a list or mapping nested deeper",
                                        "the guide's data is a few levels deep; check the indentation or the brackets.")
                        skip = True
                    value = {} if kind is yaml.MappingStartEvent else []
                    if not skip:
                        locations[path] = Location(mark.line + 1, mark.column + 1)
                    new = _Frame(value, path, skip or not keep)
                    if kind is yaml.MappingStartEvent:
                        new.keys_seen = {}
                    self._place(frame, value, skip, keep)
                    stack.append(new)
                    if frame is None:
                        root = value
                    continue
                if frame is None:
                    root = value if keep else None
                else:
                    self._place(frame, value, skip, keep)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()  # the parent mapping's key was cleared when this value was placed
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents == 2:
                    self.refuse(event.start_mark, "one document per file", "a second document (a line '---')",
                                "remove the '---' line; each data file holds one document.")
        return root

    @staticmethod
    def _place(frame, value, skip: bool, keep: bool) -> None:
        if frame is None:
            return
        if frame.keys_seen is None:
            if not skip:
                frame.value.append(value if keep else None)
        else:
            if not skip:
                frame.value[frame.key] = value if keep else None
            frame.key = None


def load_text(file: str, text: str) -> Loaded:
    loaded = Loaded(file)
    _check_characters(file, text, loaded)
    if loaded.problems:
        return loaded  # PyYAML's own messages for these are less helpful than ours, and some have no location.
    builder = _Builder(loaded)
    collecting = gc.isenabled()
    gc.disable()  # building allocates many small objects and no cycles; the collector only slows it (about 3x)
    parser = _Loader(text)
    try:
        value = builder.run(parser)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(filter(None, [exc.context, exc.problem]))
        loaded.problems.append(Problem(file, line, column, "(file)", "valid YAML", f"a syntax error ({show(what, 200)[1:-1]})",
                                       "check the indentation and quoting on this line and the one above; "
                                       "text containing ': ' or starting with a quote must be quoted as a whole."))
        loaded.value = None
        return loaded
    except yaml.YAMLError as exc:  # a reader error the character check above did not foresee
        position = getattr(exc, "position", 0) or 0
        line, column = _line_and_column(text, min(position, len(text)))
        loaded.problems.append(Problem(file, line, column, "(file)", "valid YAML", show(str(exc).splitlines()[0], 200),
                                       "remove control characters and check the file's encoding."))
        return loaded
    finally:
        parser.dispose()
        if collecting:
            gc.enable()
    if builder.refused:
        if builder.first_unlisted:
            loaded.problems.append(Problem(file, *builder.first_unlisted, "(file)", "plain YAML",
                                           f"{builder.refused - MAX_CHARACTER_PROBLEMS:,} more anchors, aliases or tags from here on, not listed one by one",
                                           "fix the ones listed, then run the check again."))
        return loaded  # nothing of a refused file is checked further: its values are not what it says
    if value is None and () not in loaded.locations:
        loaded.locations[()] = Location(1, 1)
    loaded.value = value
    for path, where in builder.duplicates[:MAX_CHARACTER_PROBLEMS]:  # reported after building, so paths can name items by id
        first = loaded.key_locations[path]
        loaded.problems.append(Problem(
            file, where.line, where.column, display_path(loaded.value, path),
            "each key once per mapping", f'{show(path[-1], 60)} a second time (first on line {first.line})',
            "PyYAML would silently keep only the last one; merge the two entries or rename one."))
    if len(builder.duplicates) > MAX_CHARACTER_PROBLEMS:
        where = builder.duplicates[MAX_CHARACTER_PROBLEMS][1]
        loaded.problems.append(Problem(file, where.line, where.column, "(file)", "each key once per mapping",
                                       f"{len(builder.duplicates) - MAX_CHARACTER_PROBLEMS:,} more repeated keys from here on, not listed one by one",
                                       "fix the ones listed, then run the check again."))
    return loaded


def load_file(path, display_name: str | None = None) -> Loaded:
    name = display_name or str(path)
    with open(path, "rb") as handle:
        data = handle.read()
    loaded = Loaded(name)
    text = _decode(name, data, loaded)
    if text is None:
        return loaded
    result = load_text(name, text)
    result.problems[:0] = loaded.problems
    return result
