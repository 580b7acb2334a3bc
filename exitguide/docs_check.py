"""Checks on the Markdown pages that need no build: sv/en parity, marker validity, marker parity.

Run by `python -m exitguide check` and by the hook's on_config, before any page
is written, so a typo in a marker stops the build with nothing half-written.
They return the same Problem objects as the data checks, so every printer
(plain text, GitHub annotations) covers the pages too.

Marker parity: the two languages of a page match when
- they have the same markers other than citations, with the same arguments, in the same order
  (the same tables, route lists and phone links, where the reader expects them), and
- they cite the same set of source ids (the sentences differ between languages, the facts do not,
  so each fact rests on the same sources; the number and place of citations may differ).
"""
from __future__ import annotations

from pathlib import Path

from .guide import Guide
from .labels import DEFAULT_LANGUAGE, LANGUAGES, language_name
from .markers import Marker, check
from .problems import Problem, show
from .types import INVISIBLE
from .yamlload import MAX_CHARACTER_PROBLEMS, character_name

PARITY_TIP = ("each page has the same markers in the same order in Swedish and English, "
              "so both languages show the same tables, lists and facts.")


def page_names(docs_dir: Path, lang: str) -> set[str]:
    folder = docs_dir / lang
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*.md")} if folder.is_dir() else set()


def read_page(path: Path, shown: str) -> tuple[str | None, Problem | None]:
    """A page's text, or the problem that prevents reading it (not UTF-8)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, Problem(shown, 1, 1, "(page)", "a page the check can read", show(error.strerror or str(error)),
                             "check the file's permissions.")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = data[:exc.start]
        return None, Problem(shown, before.count(b"\n") + 1, exc.start - before.rfind(b"\n"), "(page)", "UTF-8 text",
                             f"the byte 0x{data[exc.start]:02x}, which is not UTF-8", "save the page as UTF-8.")


def invisible_characters(text: str, shown: str) -> list[Problem]:
    """Control, bidi and zero-width characters in a page: they hide a typo in a marker (gu\u200bide:compare is no
    marker, and nothing would say so) or make the text read differently from what is published."""
    problems = []
    for match in INVISIBLE.finditer(text):
        char = match.group(0)
        if char in "\n\t" or (char == "\r" and text.startswith("\n", match.end())):
            continue
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - text.rfind("\n", 0, match.start())
        problems.append(Problem(shown, line, column, "(page)", "visible text characters", f"the invisible character {character_name(char)}",
                                "delete it; it often comes from copying text out of a PDF, a word processor or a web page."))
        if len(problems) == MAX_CHARACTER_PROBLEMS:
            break
    return problems


def parity_problems(docs_dir: Path) -> list[Problem]:
    """Every page exists in both languages under the same name (the language switch pairs by path)."""
    problems = []
    pages = {lang: page_names(docs_dir, lang) for lang in LANGUAGES}
    for lang in LANGUAGES:
        for missing_in in LANGUAGES:
            for name in sorted(pages[lang] - pages[missing_in]):
                problems.append(Problem(f"docs/{lang}/{name}", 1, 1, "(page)", f"the same page in docs/{missing_in}/{name}",
                                        "no such page", f"write the {language_name(missing_in)} version with the same file name; "
                                        "the two languages are published together."))
    return problems


def _shown(marker: Marker) -> str:
    return f"<!-- guide:{marker.name}{' ' + marker.argument if marker.argument else ''} -->"


def marker_parity(sv_name: str, sv_markers: list[Marker], en_name: str, en_markers: list[Marker]) -> list[Problem]:
    """The two languages of one page have the same markers (as the module docstring defines): the default
    language's page (sv_…) and another language's (en_…)."""
    problems = []
    sv_blocks = [m for m in sv_markers if m.name != "cite"]
    en_blocks = [m for m in en_markers if m.name != "cite"]
    for index in range(max(len(sv_blocks), len(en_blocks))):
        sv_marker = sv_blocks[index] if index < len(sv_blocks) else None
        en_marker = en_blocks[index] if index < len(en_blocks) else None
        if sv_marker and en_marker and (sv_marker.name, sv_marker.argument) == (en_marker.name, en_marker.argument):
            continue
        if sv_marker and en_marker:
            problems.append(Problem(en_name, en_marker.line, en_marker.column, "markers",
                                    f"{_shown(sv_marker)} here, as in {sv_name}:{sv_marker.line}", _shown(en_marker), PARITY_TIP))
        else:
            name, marker, other = (sv_name, sv_marker, en_name) if sv_marker else (en_name, en_marker, sv_name)
            problems.append(Problem(name, marker.line, marker.column, "markers", f"only markers that {other} has too",
                                    f"{_shown(marker)}, which {other} lacks", PARITY_TIP))
        break  # after the first difference the rest are shifted; one message says where to look
    cited = {}
    for name, markers in ((sv_name, sv_markers), (en_name, en_markers)):
        cited[name] = {}
        for marker in markers:
            if marker.name == "cite":
                for source_id in marker.ids():
                    cited[name].setdefault(source_id, marker)
    for name, other in ((sv_name, en_name), (en_name, sv_name)):
        for source_id, marker in cited[name].items():
            if source_id not in cited[other]:
                problems.append(Problem(name, marker.line, marker.column, "marker guide:cite", "source ids cited in both languages",
                                        f"{show(source_id)}, which {other} does not cite",
                                        "cite the same sources in both languages: the sentences differ, the facts and their sources do not."))
    return problems


def marker_problems(docs_dir: Path, guide: Guide) -> list[Problem]:
    """Mistyped or unknown markers, unknown source ids, on any page in either language; and markers that differ
    between a page's two languages."""
    problems: list[Problem] = []
    scanned: dict[tuple[str, str], list[Marker]] = {}
    for lang in LANGUAGES:
        for name in sorted(page_names(docs_dir, lang)):
            shown = f"docs/{lang}/{name}"
            text, unreadable = read_page(docs_dir / lang / name, shown)
            if unreadable:
                problems.append(unreadable)
                continue
            problems += invisible_characters(text, shown)
            scanned[(lang, name)], found = check(text, guide, shown)
            problems += found
    for (lang, name), markers in scanned.items():
        for other in LANGUAGES:
            if lang == DEFAULT_LANGUAGE and other != lang and (other, name) in scanned:
                problems += marker_parity(f"docs/{lang}/{name}", markers, f"docs/{other}/{name}", scanned[(other, name)])
    return problems
