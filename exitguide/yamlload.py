"""Load a YAML data file into plain Python values plus a map of where each value stands.

Runs first, before any rule. PyYAML alone hides several traps a maintainer falls
into, so this loader reports them as Problems instead of guessing:
- bytes that are not UTF-8, a byte-order mark, and tab characters;
- syntax errors (with PyYAML's own line and column);
- duplicate keys at any depth (PyYAML silently keeps the last one).
YAML 1.1 quirks (`no` read as false, unquoted dates) are not errors here: the
loader keeps the raw text of every scalar, and the type rules use it to explain
what happened ("unquoted no is read as false").
Convention: paths are tuples of keys (str) and list indexes (int); lines and
columns are 1-based, as editors count them.
"""
from __future__ import annotations

import gc
from dataclasses import dataclass, field

import yaml

from .problems import Problem, show

try:  # libyaml is much faster on large files; fall back to pure Python.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class Location:
    line: int
    column: int
    raw: str | None = None      # the scalar as written, for plain (unquoted) scalars
    quoted: bool = False


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


def display_path(root, path: tuple) -> str:
    """A readable field path that names list items by their id: programs[malmo].contacts[0].email."""
    out = ""
    node = root
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            label = item.get("id") if isinstance(item, dict) else None
            out += f"[{label}]" if isinstance(label, str) and label else f"[{part}]"
            node = item
        else:
            out += ("." if out else "") + str(part)
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
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        loaded.problems.append(Problem(file, line, column, "(file)", "UTF-8 text",
                                       f"the byte 0x{data[exc.start]:02x}, which is not UTF-8",
                                       "save the file as UTF-8; the character was probably typed in another encoding (Latin-1 or Windows-1252)."))
        return None


def _check_tabs(file: str, text: str, loaded: Loaded) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        column = line.find("\t")
        if column >= 0:
            loaded.problems.append(Problem(file, number, column + 1, "(file)", "spaces",
                                           "a tab character",
                                           "YAML indentation must use spaces; replace the tab with spaces."))


class _Builder:
    """Turns a composed node tree into Python values, recording locations and duplicate keys."""

    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.constructor = yaml.constructor.SafeConstructor()
        self.duplicates: list[tuple[tuple, Location]] = []

    def build(self, node, path: tuple):
        mark = node.start_mark
        if isinstance(node, yaml.ScalarNode):
            plain = node.style in (None, "")  # libyaml reports plain scalars with an empty style
            self.loaded.locations[path] = Location(mark.line + 1, mark.column + 1, node.value if plain else None, not plain)
            if node.tag == "tag:yaml.org,2002:str":
                return node.value  # the common case, without the constructor's overhead
            try:
                return self.constructor.construct_object(node, deep=True)
            except (yaml.constructor.ConstructorError, ValueError):
                # e.g. an impossible date like 2026-02-30: keep the text, the date rule reports it.
                return node.value
        self.loaded.locations[path] = Location(mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        result: dict = {}
        for key_node, value_node in node.value:
            key = self.build(key_node, path + ("<key>",))
            if not isinstance(key, (str, int, bool)) or key is None:
                key = str(key)
            key = str(key) if not isinstance(key, str) else key
            key_mark = key_node.start_mark
            key_loc = Location(key_mark.line + 1, key_mark.column + 1, key_node.value)
            if key in result:
                self.duplicates.append((path + (key,), key_loc))
                continue
            self.loaded.key_locations[path + (key,)] = key_loc
            result[key] = self.build(value_node, path + (key,))
        self.loaded.locations.pop(path + ("<key>",), None)
        return result


def load_text(file: str, text: str) -> Loaded:
    loaded = Loaded(file)
    _check_tabs(file, text, loaded)
    if loaded.problems:
        return loaded  # PyYAML's own tab error is less helpful than ours.
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(filter(None, [exc.context, exc.problem]))
        loaded.problems.append(Problem(file, line, column, "(file)", "valid YAML", f"a syntax error ({what})",
                                       "check the indentation and quoting on this line and the one above; "
                                       "text containing ': ' or starting with a quote must be quoted as a whole."))
        return loaded
    except yaml.YAMLError as exc:  # e.g. control characters PyYAML refuses
        loaded.problems.append(Problem(file, 1, 1, "(file)", "valid YAML", show(str(exc)),
                                       "remove control characters and check the file's encoding."))
        return loaded
    if node is None:
        loaded.locations[()] = Location(1, 1)
        loaded.value = None
        return loaded
    builder = _Builder(loaded)
    collecting = gc.isenabled()
    gc.disable()  # building allocates many small objects and no cycles; the collector only slows it (about 3x)
    try:
        loaded.value = builder.build(node, ())
    finally:
        if collecting:
            gc.enable()
    for path, where in builder.duplicates:  # reported after building, so paths can name items by id
        first = loaded.key_locations[path]
        loaded.problems.append(Problem(
            file, where.line, where.column, display_path(loaded.value, path),
            "each key once per mapping", f'"{path[-1]}" a second time (first on line {first.line})',
            "PyYAML would silently keep only the last one; merge the two entries or rename one."))
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
