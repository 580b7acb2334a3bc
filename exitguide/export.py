"""Open data: programs.json (the validated data, both languages), programs.csv (one flat row per
programme), outcomes.csv (one row per count, with its denominator, share, period, definition and sources)
and the JSON Schema files, written into a folder.

Used by `python -m exitguide export DIR` and by the hook after the build (into
site/data/). Output is deterministic (sorted keys, fixed order) so two builds
of one commit are byte-identical.
- The CSV is safe to open in a spreadsheet, as OWASP's CSV-injection guidance advises: every cell is
  quoted, and a cell (or an item of a '; '-separated list cell) that starts with a character a
  spreadsheet reads as the start of a formula (=, +, -, @, tab, carriage return, …) gets a leading
  apostrophe. CSV files start with a UTF-8 byte-order mark, so Excel shows å, ä and ö.
- Each CSV's columns are one list (PROGRAM_COLUMNS, OUTCOME_COLUMNS): the file's header and the column table
  on the open-data page come from it, so the documentation cannot drift from the file; what each column holds
  is written in labels.py. Shares, evidence levels and the vocabulary lists' yes and no are read from guide.py,
  as the pages read them.
- `export` never leaves a half-written folder: it writes into a temporary folder next to the target
  and moves it into place only when every file is complete; on any failure the target is as it was.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .guide import CountShare, Guide, outcome_counts, statements
from .htmlkit import esc, from_site_root, markdown_text, table_region
from .labels import LANGUAGES, label, language_name
from . import model
from .model import VOCABULARY_LISTS
from .schema import schema_files, schema_name
from .types import iso

DATA_DIR = "data"


def _plain(value):
    """Dates become ISO strings so the JSON is stable and readable."""
    if isinstance(value, (dt.date, dt.datetime)):
        return iso(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def programs_json(guide: Guide) -> str:
    programs = []
    for program in guide.programs:
        entry = _plain(program)
        entry["evidence_level"] = guide.evidence_level(program)
        for outcome in entry.get("outcomes") or []:
            for part in outcome_counts(outcome):
                if part.whole:
                    part.count["share_percent"] = part.percent
        programs.append(entry)
    document = {
        "generated_by": "python -m exitguide export (generated — do not edit)",
        "licence": label("en", "licence"),  # one file for readers of every language: in English, like its keys
        "programs": programs,
        "sources": [_plain(s) for s in guide.sources.values()],
        "vocabularies": _plain(guide.vocabularies),
    }
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


# First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): = + - @, tab and
# carriage return, plus line feed and NUL, and the full-width forms some spreadsheets also accept.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")
LIST_SEPARATOR = "; "
# Excel opens a CSV file as UTF-8 only when it starts with a byte-order mark; without one, å, ä and ö show as
# mojibake. So the CSV files are written with it (the JSON files, read by programs, are not).
CSV_ENCODING = "utf-8-sig"


def csv_cell(value) -> str:
    """A cell as text a spreadsheet shows and never evaluates: an apostrophe before a formula-like start."""
    text = "" if value is None else str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text  # a number is a number (a negative count cannot pass validation, and is no formula)
    return "'" + text if text.lstrip(" ").startswith(FORMULA_START) else text


def csv_list(values) -> str:
    """Items joined by '; ', each neutralised too: a spreadsheet set to split on semicolons sees each item as a cell."""
    return LIST_SEPARATOR.join(csv_cell(v) for v in values)


@dataclass(frozen=True)
class Column:
    """One CSV column: its name, what it holds (a labels.py key, in every language on the open-data page), and how
    a row's value is read. The file's header and the page's documentation both come from the same list."""
    name: str
    doc_key: str
    value: Callable
    language: str = ""  # a column in one language (name_sv): the language its documentation names
    labels: str = ""    # a label column (kind_sv): the key column it gives the labels of

    def doc(self, lang: str) -> str:
        values = {"language": language_name(self.language, lang)} if self.language else {}
        return label(lang, self.doc_key, **values, **({"column": self.labels} if self.labels else {}))


def in_each_language(name: str, doc_key: str, value: Callable[[str], Callable]) -> list[Column]:
    """One column per language, name_sv, name_en, …: `value(lang)` reads a row's text in that language."""
    return [Column(f"{name}_{lang}", doc_key, value(lang), language=lang) for lang in LANGUAGES]


def labelled(name: str, vocabulary: str, doc_key: str, keys: Callable) -> list[Column]:
    """A key column (or a '; '-list of keys) with its labels in each language in the columns beside it."""
    def labels(lang):
        return lambda guide, *row: csv_list(guide.vocab_label(vocabulary, k, lang) for k in keys(*row))
    return [Column(name, doc_key, lambda guide, *row: csv_list(keys(*row))),
            *(Column(f"{name}_{lang}", "csv_labels", labels(lang), language=lang, labels=name) for lang in LANGUAGES)]


def stated_columns(field: str) -> list[Column]:
    """A vocabulary list (model.VOCABULARY_LISTS) as two labelled columns: the values the sources say yes to, and no."""
    def values(wanted: bool) -> Callable:
        return lambda p: [s.value for s in statements(p, field) if s.yes is wanted]
    vocabulary = VOCABULARY_LISTS[field].vocabulary
    return [column for answer, wanted in (("yes", True), ("no", False))
            for column in labelled(f"{field}_{answer}", vocabulary, f"csv_programs_{field}_{answer}", values(wanted))]


def _outcome_counts(p: dict) -> list[str]:
    return [f'{o["id"]}/{c["id"]}={c["count"]}' for o in p.get("outcomes") or [] for c in o["counts"]]


# programs.csv: one row per programme. Getters take (guide, programme).
PROGRAM_COLUMNS: list[Column] = [
    Column("id", "csv_programs_id", lambda g, p: p["id"]),
    *labelled("kind", "program_kinds", "csv_programs_kind", lambda p: [p["kind"]]),
    *in_each_language("name", "csv_programs_name", lambda lang: lambda g, p: p["name"][lang]),
    *in_each_language("where", "csv_programs_where", lambda lang: lambda g, p: p["where"]["place"][lang]),
    *labelled("organisers", "agencies", "csv_programs_organisers", lambda p: p["organisers"]["agencies"]),
    *labelled("partners", "agencies", "csv_programs_partners", lambda p: (p.get("partners") or {}).get("agencies", [])),
    Column("since", "csv_programs_since", lambda g, p: (p.get("since") or {}).get("year", "")),
    *labelled("status", "statuses", "csv_programs_status", lambda p: [p["status"]["status"]]),
    Column("status_as_of", "csv_programs_status_as_of", lambda g, p: iso(p["status"]["as_of"])),
    *(column for field in VOCABULARY_LISTS for column in stated_columns(field)),
    Column("evidence_level", "csv_programs_evidence_level", lambda g, p: g.evidence_level(p)),
    *in_each_language("evidence_level", "csv_programs_evidence_level_in",
                      lambda lang: lambda g, p: g.vocab_label("evidence_levels", g.evidence_level(p), lang)),
    Column("studies", "csv_programs_studies", lambda g, p: len(p.get("evidence") or [])),
    Column("outcome_counts", "csv_programs_outcome_counts", lambda g, p: csv_list(_outcome_counts(p))),
    Column("contact_phones", "csv_programs_contact_phones",
           lambda g, p: csv_list(c["phone"] for c in p.get("contacts") or [] if c.get("phone"))),
    Column("contact_emails", "csv_programs_contact_emails",
           lambda g, p: csv_list(c["email"] for c in p.get("contacts") or [] if c.get("email"))),
    Column("sources", "csv_programs_sources", lambda g, p: csv_list(g.cited_sources(p))),
    Column("last_reviewed", "csv_programs_last_reviewed", lambda g, p: iso(p["last_reviewed"])),
]


@dataclass(frozen=True)
class CountRow:
    """One count of one follow-up, with its whole and share (guide.outcome_counts, as on the pages)."""
    program: dict
    outcome: dict
    part: CountShare


def count_rows(guide: Guide) -> list[CountRow]:
    return [CountRow(program, outcome, part) for program in guide.programs
            for outcome in program.get("outcomes") or [] for part in outcome_counts(outcome)]


# outcomes.csv: one row per count. Getters take (guide, CountRow). Shares come from guide.outcome_counts, as on the pages.
OUTCOME_COLUMNS: list[Column] = [
    Column("program_id", "csv_outcomes_program_id", lambda g, r: r.program["id"]),
    *in_each_language("program_name", "csv_outcomes_program_name", lambda lang: lambda g, r: r.program["name"][lang]),
    Column("outcome_id", "csv_outcomes_outcome_id", lambda g, r: r.outcome["id"]),
    *in_each_language("outcome_title", "csv_outcomes_outcome_title", lambda lang: lambda g, r: r.outcome["title"][lang]),
    Column("period_from", "csv_outcomes_period_from", lambda g, r: iso(r.outcome["period"]["from"])),
    Column("period_to", "csv_outcomes_period_to", lambda g, r: iso(r.outcome["period"]["to"])),
    *in_each_language("definition", "csv_outcomes_definition", lambda lang: lambda g, r: r.outcome["definition"][lang]),
    Column("count_id", "csv_outcomes_count_id", lambda g, r: r.part.count["id"]),
    *in_each_language("count_label", "csv_outcomes_count_label", lambda lang: lambda g, r: r.part.count["label"][lang]),
    Column("count", "csv_outcomes_count", lambda g, r: r.part.count["count"]),
    Column("of_count_id", "csv_outcomes_of_count_id", lambda g, r: r.part.whole["id"] if r.part.whole else ""),
    *in_each_language("of_label", "csv_outcomes_of_label",
                      lambda lang: lambda g, r: r.part.whole["label"][lang] if r.part.whole else ""),
    Column("denominator", "csv_outcomes_denominator", lambda g, r: r.part.whole["count"] if r.part.whole else ""),
    Column("share_percent", "csv_outcomes_share_percent", lambda g, r: r.part.percent if r.part.whole else ""),
    Column("sources", "csv_outcomes_sources", lambda g, r: csv_list(r.outcome["sources"])),
    Column("source_labels", "csv_outcomes_source_labels", lambda g, r: csv_list(g.sources[s]["short"] for s in r.outcome["sources"])),
]

CSV_FILES = {"programs.csv": PROGRAM_COLUMNS, "outcomes.csv": OUTCOME_COLUMNS}


def csv_text(guide: Guide, columns: list[Column], rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)  # every cell quoted, as OWASP advises
    writer.writerow(column.name for column in columns)
    for row in rows:
        writer.writerow(csv_cell(column.value(guide, row)) for column in columns)
    return buffer.getvalue()


def programs_csv(guide: Guide) -> str:
    """One row per programme (the text; files get a byte-order mark when written, see CSV_ENCODING)."""
    return csv_text(guide, PROGRAM_COLUMNS, guide.programs)


def outcomes_csv(guide: Guide) -> str:
    """One row per count: the count, its denominator, share, period, definition and sources."""
    return csv_text(guide, OUTCOME_COLUMNS, count_rows(guide))


def file_bytes(name: str, content: str) -> bytes:
    """A file's bytes as published: CSV with a byte-order mark (Excel), everything else plain UTF-8."""
    return content.encode(CSV_ENCODING if name.endswith(".csv") else "utf-8")


def open_data_names() -> list[str]:
    """The names of the files open_data_files writes, in order, without rendering them (the open-data page lists them)."""
    return ["programs.json", *CSV_FILES] + [schema_name(name) for name in model.FILES]


def open_data_files(guide: Guide) -> dict[str, str]:
    files = {"programs.json": programs_json(guide), "programs.csv": programs_csv(guide), "outcomes.csv": outcomes_csv(guide)}
    files.update(schema_files())
    return files


def write_open_data(guide: Guide, folder: Path) -> list[Path]:
    """Write the files into `folder` as they are (the hook: the folder is part of a site being built elsewhere)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in open_data_files(guide).items():
        path = folder / name
        path.write_bytes(file_bytes(name, content))
        written.append(path)
    return written


class ExportError(Exception):
    """Why `export` wrote nothing (the target is left exactly as it was)."""


def export_open_data(guide: Guide, folder: Path) -> list[Path]:
    """Write the files into a temporary folder beside `folder`, then put it in place of `folder` in one rename.
    `folder` must be missing, empty, or hold only files an earlier export wrote: the swap replaces the folder
    as a whole, so anything else in it would be lost."""
    folder = Path(folder)
    known = set(open_data_names())
    if folder.exists() or folder.is_symlink():
        if not folder.is_dir() or folder.is_symlink():
            raise ExportError(f"export: {folder} is a file, not a folder. Tip: name a folder, for example build/open-data; "
                              "it is created if missing.")
        others = sorted(p.name for p in folder.iterdir() if p.name not in known or not p.is_file())
        if others:
            raise ExportError(f"export: {folder} holds other files ({', '.join(others[:5])}{', …' if len(others) > 5 else ''}), "
                              "which an export would remove. Tip: name an empty folder, or one only `export` writes to.")
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.export-"))
    except OSError as error:
        raise ExportError(f"export: cannot create a folder next to {folder} ({error.strerror or error}). "
                          "Tip: check that the path and its parent folders can be written.") from error
    old = None
    try:
        for name, content in open_data_files(guide).items():
            (staging / name).write_bytes(file_bytes(name, content))
        staging.chmod(0o755)  # mkdtemp makes the folder private; the export is meant to be published
        if folder.exists():
            old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
            os.replace(folder, old)
        os.replace(staging, folder)
    except BaseException as error:
        if old is not None and not folder.exists():
            os.replace(old, folder)  # put the previous export back
            old = None
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, OSError):
            raise ExportError(f"export: writing {folder} failed ({error.strerror or error}); the folder is as it was.") from error
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return [folder / name for name in open_data_names()]


def file_description(name: str, lang: str) -> str:
    """What an open-data file holds (labels.py: file_programs_json, …; a schema says which data file it describes)."""
    if name.endswith(".schema.json"):
        return label(lang, "file_schema", name=name.removesuffix(".schema.json"))
    return label(lang, "file_" + name.replace(".", "_"))


def column_table_id(file_name: str) -> str:
    return "columns-" + file_name.replace(".", "-")


def columns_block(file_name: str, lang: str) -> str:
    """The columns of one CSV file, from the same list that writes the file's header."""
    rows = [f'<tr><th scope="row"><code>{esc(column.name)}</code></th><td>{esc(column.doc(lang))}</td></tr>'
            for column in CSV_FILES[file_name]]
    headers = [esc(label(lang, k)) for k in ("column", "meaning")]
    return table_region(column_table_id(file_name), "open-data-columns", label(lang, "columns_of", file=file_name), headers, rows)


def open_data_block(guide: Guide, lang: str, page_url: str) -> str:
    # The files exist once, at the site's root (site/data/), not in each language tree (htmlkit.from_site_root).
    rows = []
    for name in open_data_names():
        href = from_site_root(f"{DATA_DIR}/{name}", page_url, lang)
        kind = "JSON Schema" if name.endswith(".schema.json") else name.rsplit(".", 1)[1].upper()
        what = file_description(name, lang)
        rows.append(f'<tr><td><a href="{esc(href)}">{esc(name)}</a></td><td>{esc(kind)}</td><td>{esc(what)}</td></tr>')
    head = "".join(f'<th scope="col">{esc(label(lang, k))}</th>' for k in ("file", "format", "contains"))
    out = [f'<table class="open-data"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
           f'<p class="licence">{esc(label(lang, "licence"))}</p>']
    for file_name in CSV_FILES:
        out.append(f"\n## {markdown_text(label(lang, 'columns_heading', file=file_name))}\n")
        out.append(columns_block(file_name, lang))
    return "\n".join(out)
