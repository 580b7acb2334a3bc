"""The evidence-and-gap map ("Kunskapskarta" / "Evidence-and-gap map"): programmes × outcome domains × kind of study.

Rendered by `<!-- guide:gap-map -->`. Two tables that are never mixed: first every Swedish programme in
data/programs.yaml, one row each, with a cell per outcome domain (data/vocabularies.yaml: outcome_domains)
listing the studies that measured it by their kind (the guide's evidence levels); then the international
overviews in data/syntheses.yaml, with what each says per domain. A cell with no study says so in words
("ingen studie" / "no study"), so a gap is never a blank. Studies whose sources do not say what they measured
go in their own column ("not stated"), never into a guessed domain. Each row shows when its facts were last
checked (a programme's or overview's last_reviewed applies to every cell of its row). The sentence above the
tables (how many programmes have no study, which domains no study has measured) is computed here.
"""
from __future__ import annotations

from .guide import Guide
from .htmlkit import cite, date_text, esc, program_url, relative, table_region, text
from .labels import label


def _domains(guide: Guide) -> list[str]:
    return list(guide.vocabularies["outcome_domains"])


def _year(study: dict) -> str:
    return f", {esc(str(study['year'])[:4])}" if study.get("year") else ""


def _study_item(guide: Guide, study: dict, lang: str) -> str:
    level = esc(guide.vocab_label("evidence_levels", study["level"], lang))
    return f'<li><span class="gap-level">{level}</span>{_year(study)} {cite(guide, study["sources"])}</li>'


def _studies_cell(guide: Guide, studies: list[dict], lang: str, empty_key: str) -> str:
    if not studies:
        return f'<td class="gap-empty">{esc(label(lang, empty_key))}</td>'
    top = max(guide.level_rank(s["level"]) for s in studies)
    items = "".join(_study_item(guide, s, lang) for s in studies)
    return f'<td class="gap-cell gap-rank-{top}" data-sort="{top}"><ul>{items}</ul></td>'


def _programme_row(guide: Guide, program: dict, lang: str, page_url: str) -> str:
    studies = program.get("evidence") or []
    cells = [_studies_cell(guide, [s for s in studies if domain in (s.get("domains") or [])], lang, "gap_no_study")
             for domain in _domains(guide)]
    unstated = [s for s in studies if not s.get("domains")]
    cells.append(_studies_cell(guide, unstated, lang, "gap_no_study") if studies
                 else f'<td class="gap-empty">{esc(label(lang, "gap_no_studies"))}</td>')
    cells.append(f'<td class="gap-checked">{date_text(program["last_reviewed"])}</td>')
    href = relative(program_url(program["id"]), page_url)
    return (f'<tr data-program="{esc(program["id"])}"><th scope="row"><a href="{esc(href)}">{text(program["name"], lang)}</a></th>'
            + "".join(cells) + "</tr>")


def _table(table_id: str, caption: str, first: str, guide: Guide, lang: str, rows: list[str], extra: list[str]) -> str:
    headers = [first] + [guide.vocab_label("outcome_domains", d, lang) for d in _domains(guide)] + extra + [label(lang, "gap_checked")]
    return table_region(table_id, "gap-map", caption, [esc(h) for h in headers], rows)


def programmes_table(guide: Guide, lang: str, page_url: str) -> str:
    rows = [_programme_row(guide, program, lang, page_url) for program in guide.programs]
    return _table("gap-programmes", label(lang, "gap_caption"), label(lang, "programme"), guide, lang, rows,
                  [label(lang, "gap_domains_not_stated")])


def _synthesis_row(guide: Guide, synthesis: dict, lang: str) -> str:
    kind = esc(label(lang, f"synthesis_{synthesis['kind']}"))
    head = (f'<th scope="row"><span class="gap-title">{text(synthesis["title"], lang)}</span><br>'
            f'<span class="gap-level">{kind}</span>, {text(synthesis["by"], lang)}, {date_text(synthesis["year"])}. '
            f'{text(synthesis["scope"], lang)} {cite(guide, synthesis["sources"])}</th>')
    findings = {f["domain"]: f for f in synthesis.get("findings") or []}
    if findings:
        cells = "".join(
            f'<td class="gap-cell">{text(findings[d]["found"], lang)} {cite(guide, findings[d]["sources"])}</td>'
            if d in findings else f'<td class="gap-empty">{esc(label(lang, "gap_not_in_conclusions"))}</td>'
            for d in _domains(guide))
    else:
        cells = f'<td class="gap-empty" colspan="{len(_domains(guide))}">{esc(label(lang, "gap_domains_not_stated"))}</td>'
    return f'<tr data-synthesis="{esc(synthesis["id"])}">{head}{cells}<td class="gap-checked">{date_text(synthesis["last_reviewed"])}</td></tr>'


def syntheses_table(guide: Guide, lang: str) -> str:
    rows = [_synthesis_row(guide, s, lang) for s in guide.syntheses or []]
    return _table("gap-syntheses", label(lang, "gap_synth_caption"), label(lang, "gap_overview"), guide, lang, rows, [])


def summary(guide: Guide, lang: str) -> str:
    """How many programmes have no study at all, and which outcome domains no programme's study has measured."""
    none = sum(1 for p in guide.programs if not p.get("evidence"))
    measured = {d for p in guide.programs for s in p.get("evidence") or [] for d in s.get("domains") or []}
    missing = [guide.vocab_label("outcome_domains", d, lang).lower() for d in _domains(guide)
               if d not in measured and d != "implementation"]
    if not missing:
        return label(lang, "gap_summary_all_measured", none=none, total=len(guide.programs))
    listed = missing[0] if len(missing) == 1 else f'{", ".join(missing[:-1])} {label(lang, "gap_and")} {missing[-1]}'
    return label(lang, "gap_summary", none=none, total=len(guide.programs), missing=listed)


def gap_map_block(guide: Guide, lang: str, page_url: str) -> str:
    """The summary sentence and the Swedish table; then, under a Markdown heading of its own, the overviews."""
    return "\n".join([
        f'<p class="gap-summary"><strong>{esc(summary(guide, lang))}</strong></p>' + programmes_table(guide, lang, page_url), "",
        f"## {label(lang, 'gap_synth_caption')} {{#oversikter}}", "",
        f'<p>{esc(label(lang, "gap_synth_note"))}</p>' + syntheses_table(guide, lang), "",
    ])
