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
  on the open-data page come from it, so the documentation cannot drift from the file. Shares are computed by
  guide.share, as on the pages.
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

from .guide import Guide, share
from .htmlkit import esc, markdown_text, relative
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
    """One CSV column: its name, what it holds in both languages (the open-data page shows this), and how a
    row's value is read. The file's header and the page's documentation both come from the same list."""
    name: str
    doc: dict
    value: Callable


def labelled(name: str, vocabulary: str, doc: dict, keys: Callable) -> list[Column]:
    """A key column (or a '; '-list of keys) with its Swedish and English labels in the two columns beside it."""
    def labels(lang):
        return lambda guide, *row: csv_list(guide.vocab_label(vocabulary, k, lang) for k in keys(*row))
    return [Column(name, doc, lambda guide, *row: csv_list(keys(*row))),
            Column(f"{name}_sv", {"sv": f"Som {name}, med svenska benämningar.", "en": f"As {name}, in Swedish words."}, labels("sv")),
            Column(f"{name}_en", {"sv": f"Som {name}, med engelska benämningar.", "en": f"As {name}, in English words."}, labels("en"))]


def _items(field: str, key: str, flag: str, wanted: bool) -> Callable:
    return lambda p: [i[key] for i in p.get(field) or [] if i[flag] is wanted]


def _outcome_counts(p: dict) -> list[str]:
    return [f'{o["id"]}/{c["id"]}={c["count"]}' for o in p.get("outcomes") or [] for c in o["counts"]]


def _doc(sv: str, en: str) -> dict:
    return {"sv": sv, "en": en}


# programs.csv: one row per programme. Getters take (guide, programme).
PROGRAM_COLUMNS: list[Column] = [
    Column("id", _doc("Programmets id. Samma som i adressen program/ID/ och i programs.json.",
                      "The programme's id, as in its address program/ID/ and in programs.json."), lambda g, p: p["id"]),
    *labelled("kind", "program_kinds", _doc("Typ av program (nyckel).", "Kind of programme (key)."), lambda p: [p["kind"]]),
    Column("name_sv", _doc("Namn på svenska.", "Name in Swedish."), lambda g, p: p["name"]["sv"]),
    Column("name_en", _doc("Namn på engelska.", "Name in English."), lambda g, p: p["name"]["en"]),
    Column("where_sv", _doc("Var programmet finns, på svenska.", "Where the programme is, in Swedish."), lambda g, p: p["where"]["place"]["sv"]),
    Column("where_en", _doc("Var programmet finns, på engelska.", "Where the programme is, in English."), lambda g, p: p["where"]["place"]["en"]),
    *labelled("organisers", "agencies", _doc("Vem som driver det (nycklar, åtskilda med semikolon).",
                                             "Who runs it (keys, separated by semicolons)."), lambda p: p["organisers"]["agencies"]),
    *labelled("partners", "agencies", _doc("Samarbetspartner (nycklar).", "Partner agencies (keys)."),
              lambda p: (p.get("partners") or {}).get("agencies", [])),
    Column("since", _doc("Året det startade, om källorna anger det.", "The year it started, when the sources say."),
           lambda g, p: (p.get("since") or {}).get("year", "")),
    *labelled("status", "statuses", _doc("Läget (nyckel).", "Its state (key)."), lambda p: [p["status"]["status"]]),
    Column("status_as_of", _doc("Datum då källorna anger läget.", "The date the sources give for the state."),
           lambda g, p: iso(p["status"]["as_of"])),
    *labelled("eligibility_criteria_yes", "criteria", _doc("Villkor som källorna säger gäller (nycklar). Ett villkor som inte står här eller i nästa kolumn anges inte i källorna.",
                                                         "Criteria the sources say apply (keys). A criterion in neither this nor the next column is not stated in the sources."),
              _items("eligibility_criteria", "criterion", "applies", True)),
    *labelled("eligibility_criteria_no", "criteria", _doc("Villkor som källorna säger inte gäller (nycklar).", "Criteria the sources say do not apply (keys)."),
              _items("eligibility_criteria", "criterion", "applies", False)),
    *labelled("requirements_yes", "requirements", _doc("Krav som källorna säger gäller (nycklar).", "Requirements the sources say apply (keys)."),
              _items("requirements", "requirement", "applies", True)),
    *labelled("requirements_no", "requirements", _doc("Krav som källorna säger inte gäller (nycklar).", "Requirements the sources say do not apply (keys)."),
              _items("requirements", "requirement", "applies", False)),
    *labelled("support_yes", "support_types", _doc("Stöd som källorna säger erbjuds (nycklar).", "Support the sources say is offered (keys)."),
              _items("support", "support", "offered", True)),
    *labelled("support_no", "support_types", _doc("Stöd som källorna säger inte erbjuds (nycklar).", "Support the sources say is not offered (keys)."),
              _items("support", "support", "offered", False)),
    Column("evidence_level", _doc("Kunskapsnivå på guidens skala (nyckel): den högsta bland programmets studier.",
                                  "Evidence level on the guide's scale (key): the highest among the programme's studies."),
           lambda g, p: g.evidence_level(p)),
    Column("evidence_level_sv", _doc("Kunskapsnivån på svenska.", "The evidence level in Swedish."),
           lambda g, p: g.vocab_label("evidence_levels", g.evidence_level(p), "sv")),
    Column("evidence_level_en", _doc("Kunskapsnivån på engelska.", "The evidence level in English."),
           lambda g, p: g.vocab_label("evidence_levels", g.evidence_level(p), "en")),
    Column("studies", _doc("Antal studier av programmet i guiden.", "Number of studies of the programme in the guide."),
           lambda g, p: len(p.get("evidence") or [])),
    Column("outcome_counts", _doc("Alla antal i kort form, uppföljning/antal=tal. Med nämnare och definitioner: outcomes.csv.",
                                  "Every count in short form, follow-up/count=number. With denominators and definitions: outcomes.csv."),
           lambda g, p: csv_list(_outcome_counts(p))),
    Column("contact_phones", _doc("Telefonnummer som organisationen publicerar.", "Phone numbers the organisation publishes."),
           lambda g, p: csv_list(c["phone"] for c in p.get("contacts") or [] if c.get("phone"))),
    Column("contact_emails", _doc("E-postadresser som organisationen publicerar.", "E-mail addresses the organisation publishes."),
           lambda g, p: csv_list(c["email"] for c in p.get("contacts") or [] if c.get("email"))),
    Column("sources", _doc("Id för alla källor programmet hänvisar till (se programs.json eller sidan Källor).",
                           "Ids of every source the programme cites (see programs.json or the Sources page)."),
           lambda g, p: csv_list(g.cited_sources(p))),
    Column("last_reviewed", _doc("Dagen då någon senast kontrollerade alla uppgifter mot källorna.",
                                 "The day someone last checked every fact against its sources."), lambda g, p: iso(p["last_reviewed"])),
]


@dataclass(frozen=True)
class CountRow:
    """One count of one follow-up, with what it needs beside it: the whole it is part of, if any."""
    program: dict
    outcome: dict
    count: dict
    whole: dict | None


def count_rows(guide: Guide) -> list[CountRow]:
    rows = []
    for program in guide.programs:
        for outcome in program.get("outcomes") or []:
            by_id = {c["id"]: c for c in outcome["counts"]}
            rows += [CountRow(program, outcome, c, by_id.get(c.get("of"))) for c in outcome["counts"]]
    return rows


def _count_share(guide: Guide, row: CountRow):
    return share(row.count["count"], row.whole["count"]) if row.whole else None


# outcomes.csv: one row per count. Getters take (guide, CountRow). Shares come from guide.share, as on the pages.
OUTCOME_COLUMNS: list[Column] = [
    Column("program_id", _doc("Programmets id (som id i programs.csv).", "The programme's id (as id in programs.csv)."), lambda g, r: r.program["id"]),
    Column("program_name_sv", _doc("Programmets namn på svenska.", "The programme's name in Swedish."), lambda g, r: r.program["name"]["sv"]),
    Column("program_name_en", _doc("Programmets namn på engelska.", "The programme's name in English."), lambda g, r: r.program["name"]["en"]),
    Column("outcome_id", _doc("Uppföljningens id inom programmet.", "The follow-up's id within the programme."), lambda g, r: r.outcome["id"]),
    Column("outcome_title_sv", _doc("Vad uppföljningen var, på svenska.", "What the follow-up was, in Swedish."), lambda g, r: r.outcome["title"]["sv"]),
    Column("outcome_title_en", _doc("Vad uppföljningen var, på engelska.", "What the follow-up was, in English."), lambda g, r: r.outcome["title"]["en"]),
    Column("period_from", _doc("Periodens början (ISO-datum, så exakt som källan anger).", "Start of the period (ISO date, as precise as the source)."),
           lambda g, r: iso(r.outcome["period"]["from"])),
    Column("period_to", _doc("Periodens slut (ISO-datum, så exakt som källan anger).", "End of the period (ISO date, as precise as the source)."),
           lambda g, r: iso(r.outcome["period"]["to"])),
    Column("definition_sv", _doc("Hur antalen är definierade, och vem som räknade när, på svenska.",
                                 "How the counts are defined, and who counted them when, in Swedish."), lambda g, r: r.outcome["definition"]["sv"]),
    Column("definition_en", _doc("Hur antalen är definierade, och vem som räknade när, på engelska.",
                                 "How the counts are defined, and who counted them when, in English."), lambda g, r: r.outcome["definition"]["en"]),
    Column("count_id", _doc("Antalets id inom uppföljningen.", "The count's id within the follow-up."), lambda g, r: r.count["id"]),
    Column("count_label_sv", _doc("Vad som räknades, på svenska.", "What was counted, in Swedish."), lambda g, r: r.count["label"]["sv"]),
    Column("count_label_en", _doc("Vad som räknades, på engelska.", "What was counted, in English."), lambda g, r: r.count["label"]["en"]),
    Column("count", _doc("Antal personer (alltid ett antal, aldrig en andel).", "Number of people (always a count, never a percentage)."),
           lambda g, r: r.count["count"]),
    Column("of_count_id", _doc("Id för det antal som detta är en del av (nämnaren). Tomt för ett helt antal.",
                               "Id of the count this one is part of (the denominator). Empty for a whole."),
           lambda g, r: r.whole["id"] if r.whole else ""),
    Column("of_label_sv", _doc("Vad nämnaren räknade, på svenska.", "What the denominator counted, in Swedish."),
           lambda g, r: r.whole["label"]["sv"] if r.whole else ""),
    Column("of_label_en", _doc("Vad nämnaren räknade, på engelska.", "What the denominator counted, in English."),
           lambda g, r: r.whole["label"]["en"] if r.whole else ""),
    Column("denominator", _doc("Nämnarens antal.", "The denominator's number."), lambda g, r: r.whole["count"] if r.whole else ""),
    Column("share_percent", _doc("Andel av nämnaren i procent, avrundad till heltal (samma uträkning som på sidorna).",
                                 "Share of the denominator in per cent, rounded to a whole number (the same computation as on the pages)."),
           lambda g, r: _count_share(g, r) if r.whole else ""),
    Column("sources", _doc("Id för uppföljningens källor.", "Ids of the follow-up's sources."), lambda g, r: csv_list(r.outcome["sources"])),
    Column("source_labels", _doc("Källornas korta namn, som i hänvisningarna på sidorna.", "The sources' short names, as in the citations on the pages."),
           lambda g, r: csv_list(g.sources[s]["short"] for s in r.outcome["sources"])),
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


FILE_DESCRIPTIONS = {
    "programs.json": {"sv": "Alla program, källor och ordlistor, på svenska och engelska, med beräknade andelar.",
                      "en": "Every programme, source and vocabulary, in Swedish and English, with computed shares."},
    "programs.csv": {"sv": "En rad per program, med svenska och engelska benämningar bredvid nycklarna.",
                     "en": "One row per programme, with Swedish and English labels beside the keys."},
    "outcomes.csv": {"sv": "En rad per antal i programmens uppföljningar, med nämnare, andel, period, definition och källor.",
                     "en": "One row per count in the programmes' follow-ups, with denominator, share, period, definition and sources."},
}


def column_table_id(file_name: str) -> str:
    return "columns-" + file_name.replace(".", "-")


def columns_block(file_name: str, lang: str) -> str:
    """The columns of one CSV file, from the same list that writes the file's header."""
    rows = "".join(f'<tr><th scope="row"><code>{esc(column.name)}</code></th><td>{esc(column.doc[lang])}</td></tr>'
                   for column in CSV_FILES[file_name])
    head = "".join(f'<th scope="col">{esc(label(lang, k))}</th>' for k in ("column", "meaning"))
    caption = label(lang, "columns_of", file=file_name)
    return (f'<div class="table-wrap" role="region" aria-labelledby="{column_table_id(file_name)}-caption" tabindex="0">'
            f'<table class="open-data-columns" id="{column_table_id(file_name)}">'
            f'<caption id="{column_table_id(file_name)}-caption">{esc(caption)}</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>')


def open_data_block(guide: Guide, lang: str, page_url: str) -> str:
    # The files exist once, at the site's root (site/data/), not in each language tree: the link is computed
    # from where the page really is, /en/… for English (the default language, Swedish, is at the root).
    page_in_site = ("" if lang == DEFAULT_LANGUAGE else f"{lang}/") + page_url
    rows = []
    for name in open_data_names():
        href = relative(f"{DATA_DIR}/{name}", page_in_site)
        kind = "JSON Schema" if name.endswith(".schema.json") else name.rsplit(".", 1)[1].upper()
        what = FILE_DESCRIPTIONS.get(name, {"sv": f"Schema för data/{name.removesuffix('.schema.json')}.yaml.",
                                            "en": f"Schema for data/{name.removesuffix('.schema.json')}.yaml."})[lang]
        rows.append(f'<tr><td><a href="{esc(href)}">{esc(name)}</a></td><td>{esc(kind)}</td><td>{esc(what)}</td></tr>')
    head = "".join(f'<th scope="col">{esc(label(lang, k))}</th>' for k in ("file", "format", "contains"))
    out = [f'<table class="open-data"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
           f'<p class="licence">{esc(LICENCE[lang])}</p>']
    for file_name in CSV_FILES:
        out.append(f"\n## {markdown_text(label(lang, 'columns_heading', file=file_name))}\n")
        out.append(columns_block(file_name, lang))
    return "\n".join(out)
