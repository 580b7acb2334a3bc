"""Open data: programs.json (the validated data, both languages), programs.csv (one flat row per
programme, UTF-8) and the JSON Schema files, written into a folder.

Used by `python -m exitguide export DIR` and by the hook after the build (into
site/data/). Output is deterministic (sorted keys, fixed order) so two builds
of one commit are byte-identical.
- The CSV is safe to open in a spreadsheet, as OWASP's CSV-injection guidance advises: every cell is
  quoted, and a cell (or an item of a '; '-separated list cell) that starts with a character a
  spreadsheet reads as the start of a formula (=, +, -, @, tab, carriage return, …) gets a leading
  apostrophe.
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
from pathlib import Path

from .guide import Guide, share
from .htmlkit import esc, relative, text
from .labels import label
from . import model
from .schema import schema_files, schema_name
from .types import iso

DATA_DIR = "data"
DEFAULT_LANGUAGE = "sv"  # served at the site root; other languages under /<lang>/ (mkdocs.yml, i18n plugin)
LICENCE = {"sv": "Datan får användas fritt enligt CC BY 4.0. Ange Avhopparguiden som källa och ange originalkällorna.",
           "en": "The data may be reused freely under CC BY 4.0. Credit Avhopparguiden and the original sources."}


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
            by_id = {c["id"]: c["count"] for c in outcome["counts"]}
            for count in outcome["counts"]:
                if count.get("of") in by_id:
                    count["share_percent"] = share(count["count"], by_id[count["of"]])
        programs.append(entry)
    document = {
        "generated_by": "python -m exitguide export (generated — do not edit)",
        "licence": LICENCE["en"],
        "programs": programs,
        "sources": [_plain(s) for s in guide.sources.values()],
        "vocabularies": _plain(guide.vocabularies),
    }
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


CSV_COLUMNS = ["id", "kind", "name_sv", "name_en", "where_sv", "where_en", "organisers", "partners", "since", "status",
               "status_as_of", "eligibility_criteria_yes", "eligibility_criteria_no", "requirements_yes", "requirements_no",
               "support_yes", "support_no", "evidence_level", "studies", "outcome_counts", "contact_phones",
               "contact_emails", "sources", "last_reviewed"]


# First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): = + - @, tab and
# carriage return, plus line feed and NUL, and the full-width forms some spreadsheets also accept.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")
LIST_SEPARATOR = "; "


def csv_cell(value) -> str:
    """A cell as text a spreadsheet shows and never evaluates: an apostrophe before a formula-like start."""
    text = "" if value is None else str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text  # a number is a number (a negative count cannot pass validation, and is no formula)
    return "'" + text if text.lstrip(" ").startswith(FORMULA_START) else text


def csv_list(values) -> str:
    """Items joined by '; ', each neutralised too: a spreadsheet set to split on semicolons sees each item as a cell."""
    return LIST_SEPARATOR.join(csv_cell(v) for v in values)


def programs_csv(guide: Guide) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)  # every cell quoted, as OWASP advises
    writer.writerow(CSV_COLUMNS)
    for p in guide.programs:
        def listed(field, key, flag, wanted):
            return csv_list(i[key] for i in p.get(field) or [] if i[flag] is wanted)
        counts = []
        for outcome in p.get("outcomes") or []:
            counts += [f'{outcome["id"]}/{c["id"]}={c["count"]}' for c in outcome["counts"]]
        writer.writerow(csv_cell(cell) for cell in [
            p["id"], p["kind"], p["name"]["sv"], p["name"]["en"], p["where"]["place"]["sv"], p["where"]["place"]["en"],
            csv_list(p["organisers"]["agencies"]), csv_list((p.get("partners") or {}).get("agencies", [])),
            (p.get("since") or {}).get("year", ""), p["status"]["status"], iso(p["status"]["as_of"]),
            listed("eligibility_criteria", "criterion", "applies", True), listed("eligibility_criteria", "criterion", "applies", False),
            listed("requirements", "requirement", "applies", True), listed("requirements", "requirement", "applies", False),
            listed("support", "support", "offered", True), listed("support", "support", "offered", False),
            guide.evidence_level(p), len(p.get("evidence") or []), csv_list(counts),
            csv_list(c["phone"] for c in p.get("contacts") or [] if c.get("phone")),
            csv_list(c["email"] for c in p.get("contacts") or [] if c.get("email")),
            csv_list(guide.cited_sources(p)), iso(p["last_reviewed"]),
        ])
    return buffer.getvalue()


def open_data_names() -> list[str]:
    """The names of the files open_data_files writes, in order, without rendering them (the open-data page lists them)."""
    return ["programs.json", "programs.csv"] + [schema_name(name) for name in model.FILES]


def open_data_files(guide: Guide) -> dict[str, str]:
    files = {"programs.json": programs_json(guide), "programs.csv": programs_csv(guide)}
    files.update(schema_files())
    return files


def write_open_data(guide: Guide, folder: Path) -> list[Path]:
    """Write the files into `folder` as they are (the hook: the folder is part of a site being built elsewhere)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in open_data_files(guide).items():
        path = folder / name
        path.write_text(content, encoding="utf-8", newline="\n")
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
            (staging / name).write_text(content, encoding="utf-8", newline="\n")
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


def open_data_block(guide: Guide, lang: str, page_url: str) -> str:
    describe = {
        "programs.json": {"sv": "Alla program, källor och ordlistor, på svenska och engelska, med beräknade andelar.",
                          "en": "Every programme, source and vocabulary, in Swedish and English, with computed shares."},
        "programs.csv": {"sv": "En rad per program, platt, UTF-8. Passar i kalkylprogram.",
                         "en": "One flat row per programme, UTF-8. Opens in spreadsheets."},
    }
    # The files exist once, at the site's root (site/data/), not in each language tree: the link is computed
    # from where the page really is, /en/… for English (the default language, Swedish, is at the root).
    page_in_site = ("" if lang == DEFAULT_LANGUAGE else f"{lang}/") + page_url
    rows = []
    for name in open_data_names():
        href = relative(f"{DATA_DIR}/{name}", page_in_site)
        kind = "JSON Schema" if name.endswith(".schema.json") else name.rsplit(".", 1)[1].upper()
        what = describe.get(name, {"sv": f"Schema för data/{name.removesuffix('.schema.json')}.yaml.",
                                   "en": f"Schema for data/{name.removesuffix('.schema.json')}.yaml."})[lang]
        rows.append(f'<tr><td><a href="{esc(href)}">{esc(name)}</a></td><td>{esc(kind)}</td><td>{esc(what)}</td></tr>')
    head = "".join(f'<th scope="col">{esc(label(lang, k))}</th>' for k in ("file", "format", "contains"))
    return (f'<table class="open-data"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f'<p class="licence">{esc(LICENCE[lang])}</p>')
