"""Open data: programs.json (the validated data, both languages), programs.csv (one flat row per
programme, UTF-8) and the JSON Schema files, written into a folder.

Used by `python -m exitguide export DIR` and by the hook after the build (into
site/data/). Output is deterministic (sorted keys, fixed order) so two builds
of one commit are byte-identical.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
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


def programs_csv(guide: Guide) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in guide.programs:
        def listed(field, key, flag, wanted):
            return "; ".join(i[key] for i in p.get(field) or [] if i[flag] is wanted)
        counts = []
        for outcome in p.get("outcomes") or []:
            counts += [f'{outcome["id"]}/{c["id"]}={c["count"]}' for c in outcome["counts"]]
        writer.writerow([
            p["id"], p["kind"], p["name"]["sv"], p["name"]["en"], p["where"]["place"]["sv"], p["where"]["place"]["en"],
            "; ".join(p["organisers"]["agencies"]), "; ".join((p.get("partners") or {}).get("agencies", [])),
            (p.get("since") or {}).get("year", ""), p["status"]["status"], iso(p["status"]["as_of"]),
            listed("eligibility_criteria", "criterion", "applies", True), listed("eligibility_criteria", "criterion", "applies", False),
            listed("requirements", "requirement", "applies", True), listed("requirements", "requirement", "applies", False),
            listed("support", "support", "offered", True), listed("support", "support", "offered", False),
            guide.evidence_level(p), len(p.get("evidence") or []), "; ".join(counts),
            "; ".join(c["phone"] for c in p.get("contacts") or [] if c.get("phone")),
            "; ".join(c["email"] for c in p.get("contacts") or [] if c.get("email")),
            "; ".join(guide.cited_sources(p)), iso(p["last_reviewed"]),
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
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in open_data_files(guide).items():
        path = folder / name
        path.write_text(content, encoding="utf-8", newline="\n")
        written.append(path)
    return written


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
