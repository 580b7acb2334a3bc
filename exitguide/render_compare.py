"""The comparison page: one table per question, a row per programme, generated from the data.

Cells say yes / no / not stated (a value absent from a programme's list is
'not stated in the sources', never 'no'), and each cell that states a fact
cites its sources. Without JavaScript the tables are complete; with it,
assets/javascripts/compare.js adds sorting, filtering and the side-by-side
view, reading the data-* attributes written here.
"""
from __future__ import annotations

from .guide import Guide, share
from .htmlkit import cite, date_text, esc, number, percent, program_url, relative, text, yes_no_cell
from .labels import label


def _row_attributes(guide: Guide, program: dict) -> str:
    criteria = " ".join(i["criterion"] for i in program.get("eligibility_criteria") or [] if i["applies"])
    support = " ".join(i["support"] for i in program.get("support") or [] if i["offered"])
    requirements = " ".join(i["requirement"] for i in program.get("requirements") or [] if i["applies"])
    return (f'data-program="{esc(program["id"])}" data-kind="{esc(program["kind"])}" data-criteria="{esc(criteria)}" '
            f'data-support="{esc(support)}" data-requirements="{esc(requirements)}"')


def _name_cell(program, lang, page_url) -> str:
    href = relative(program_url(program["id"]), page_url)
    return f'<th scope="row" data-sort="{esc(program["name"][lang].casefold())}"><a href="{esc(href)}">{text(program["name"], lang)}</a></th>'


def _table(table_id: str, caption: str, headers: list[str], rows: list[str], lang: str) -> str:
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    return (f'<div class="table-wrap" role="region" aria-labelledby="{table_id}-caption" tabindex="0">'
            f'<table class="compare-table" id="{table_id}"><caption id="{table_id}-caption">{esc(caption)}</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def _vocab_table(guide, lang, page_url, table_id, title_key, vocabulary, field, key, flag) -> str:
    values = list(guide.vocabularies[vocabulary])
    rows = []
    for program in guide.programs:
        stated = {item[key]: item for item in program.get(field) or []}
        cells = [yes_no_cell(guide, stated[v][flag], stated[v]["sources"], lang, page_url) if v in stated
                 else yes_no_cell(guide, None, [], lang, page_url) for v in values]
        rows.append(f'<tr {_row_attributes(guide, program)}>{_name_cell(program, lang, page_url)}{"".join(cells)}</tr>')
    headers = [label(lang, "programme")] + [guide.vocab_label(vocabulary, v, lang) for v in values]
    return _table(table_id, label(lang, title_key), headers, rows, lang)


def _fact_cell(guide, fact, value_html, lang, page_url, sort="") -> str:
    if not fact:
        return f'<td data-sort="" class="cell-none">{esc(label(lang, "not_stated"))}</td>'
    return f'<td data-sort="{esc(sort)}">{value_html} {cite(guide, fact["sources"], lang, page_url)}</td>'


def overview_table(guide, lang, page_url) -> str:
    rows = []
    for program in guide.programs:
        level = guide.evidence_level(program)
        status = program["status"]
        cells = [
            f'<td>{esc(guide.vocab_label("program_kinds", program["kind"], lang))}</td>',
            _fact_cell(guide, program["where"], text(program["where"]["place"], lang), lang, page_url, program["where"]["place"][lang]),
            _fact_cell(guide, program.get("since"), esc(program["since"]["year"]) if program.get("since") else "", lang, page_url,
                       str(program["since"]["year"]) if program.get("since") else ""),
            _fact_cell(guide, status, f'{esc(guide.vocab_label("statuses", status["status"], lang))} ({date_text(status["as_of"])})', lang, page_url),
            f'<td data-sort="{guide.level_rank(level)}">{esc(guide.vocab_label("evidence_levels", level, lang))}</td>',
        ]
        rows.append(f'<tr {_row_attributes(guide, program)}>{_name_cell(program, lang, page_url)}{"".join(cells)}</tr>')
    headers = [label(lang, k) for k in ("programme", "kind", "where", "since", "status", "evidence_level")]
    return _table("compare-overview", label(lang, "overview"), headers, rows, lang)


def partners_table(guide, lang, page_url) -> str:
    rows = []
    for program in guide.programs:
        cells = []
        for key in ("organisers", "partners"):
            fact = program.get(key)
            names = ", ".join(guide.vocab_label("agencies", a, lang) for a in fact["agencies"]) if fact else ""
            cells.append(_fact_cell(guide, fact, esc(names), lang, page_url, names))
        rows.append(f'<tr {_row_attributes(guide, program)}>{_name_cell(program, lang, page_url)}{"".join(cells)}</tr>')
    return _table("compare-partners", label(lang, "partners"), [label(lang, "programme"), label(lang, "organisers"), label(lang, "partners")], rows, lang)


def process_table(guide, lang, page_url) -> str:
    rows = []
    for program in guide.programs:
        steps = program.get("process") or []
        steps_html = (f'<ol>{"".join("<li>" + text(s["step"], lang) + "</li>" for s in steps)}</ol>'
                      f'{cite(guide, sorted({i for s in steps for i in s["sources"]}), lang, page_url)}') if steps else ""
        cells = [
            _fact_cell(guide, program.get("case_start"), text(program["case_start"]["text"], lang) if program.get("case_start") else "", lang, page_url),
            (f'<td data-sort="{len(steps)}">{steps_html}</td>' if steps
             else f'<td data-sort="0" class="cell-none">{esc(label(lang, "not_stated"))}</td>'),
            _fact_cell(guide, program.get("follow_up"), text(program["follow_up"]["text"], lang) if program.get("follow_up") else "", lang, page_url),
        ]
        rows.append(f'<tr {_row_attributes(guide, program)}>{_name_cell(program, lang, page_url)}{"".join(cells)}</tr>')
    headers = [label(lang, k) for k in ("programme", "case_start", "steps", "follow_up")]
    return _table("compare-process", label(lang, "process_follow_up"), headers, rows, lang)


def outcomes_table(guide, lang, page_url) -> str:
    rows = []
    for program in guide.programs:
        outcomes = program.get("outcomes") or []
        if not outcomes:
            rows.append(f'<tr {_row_attributes(guide, program)}>{_name_cell(program, lang, page_url)}'
                        f'<td colspan="6" class="cell-none" data-sort="">{esc(label(lang, "not_stated_long"))}</td></tr>')
            continue
        for outcome in outcomes:
            by_id = {c["id"]: c for c in outcome["counts"]}
            period = f'{date_text(outcome["period"]["from"])}–{date_text(outcome["period"]["to"])}'
            for count in outcome["counts"]:
                whole = by_id.get(count.get("of"))
                value = share(count["count"], whole["count"]) if whole else None
                share_html = f'{percent(value, lang)} {esc(label(lang, "of"))} {text(whole["label"], lang).lower()}' if whole else "–"
                rows.append(
                    f'<tr {_row_attributes(guide, program)}>{_name_cell(program, lang, page_url)}'
                    f'<td>{text(outcome["title"], lang)}</td><td data-sort="{esc(period)}">{period}</td>'
                    f'<td>{text(count["label"], lang)}</td><td class="num" data-sort="{count["count"]}">{number(count["count"], lang)}</td>'
                    f'<td class="num" data-sort="{value if value is not None else -1}">{share_html}</td>'
                    f'<td>{text(outcome["definition"], lang)} {cite(guide, outcome["sources"], lang, page_url)}</td></tr>')
    headers = [label(lang, "programme"), label(lang, "outcomes"), label(lang, "period"), label(lang, "counted"),
               label(lang, "count"), label(lang, "share"), label(lang, "definition")]
    return _table("compare-outcomes", label(lang, "outcomes"), headers, rows, lang)


def evidence_table(guide, lang, page_url) -> str:
    rows = []
    for program in guide.programs:
        level = guide.evidence_level(program)
        studies = program.get("evidence") or []
        studies_html = "".join(
            f'<li>{text(s["title"], lang)} ({esc(guide.vocab_label("evidence_levels", s["level"], lang))}) '
            f'{cite(guide, s["sources"], lang, page_url)}</li>' for s in studies)
        cells = [f'<td data-sort="{guide.level_rank(level)}">{esc(guide.vocab_label("evidence_levels", level, lang))}</td>',
                 f'<td data-sort="{len(studies)}"><ul>{studies_html}</ul></td>' if studies
                 else f'<td data-sort="0">{esc(label(lang, "none"))}</td>']
        rows.append(f'<tr {_row_attributes(guide, program)}>{_name_cell(program, lang, page_url)}{"".join(cells)}</tr>')
    return _table("compare-evidence", label(lang, "evidence"), [label(lang, "programme"), label(lang, "evidence_level"), label(lang, "studies")], rows, lang)


def _controls(guide, lang) -> str:
    """Filter controls, hidden until compare.js shows them (they do nothing without it)."""
    def select(name, title_key, vocabulary):
        options = "".join(f'<option value="{esc(k)}">{esc(v[lang])}</option>' for k, v in guide.vocabularies[vocabulary].items())
        any_text = {"sv": "Alla", "en": "All"}[lang]
        return (f'<label>{esc(label(lang, title_key))} <select data-filter="{name}">'
                f'<option value="">{any_text}</option>{options}</select></label>')
    side = {"sv": "Välj 2–4 program med rutorna i översikten för att se dem sida vid sida. Valet sparas i adressen så att du kan dela den.",
            "en": "Tick 2–4 programmes in the overview to see them side by side. The choice is kept in the address so you can share it."}[lang]
    return (f'<div class="compare-controls" data-compare hidden><p class="filters">{select("kind", "kind", "program_kinds")} '
            f'{select("criteria", "criteria", "criteria")} {select("support", "support", "support_types")}</p>'
            f'<p class="compare-hint">{esc(side)}</p><p class="compare-status" role="status" aria-live="polite"></p></div>'
            f'<section class="side-by-side" id="side-by-side" hidden aria-labelledby="side-by-side-heading">'
            f'<h2 id="side-by-side-heading">{esc(label(lang, "side_by_side"))}</h2><div class="side-by-side-body"></div></section>')


def comparison(guide: Guide, lang: str, page_url: str) -> str:
    """All comparison tables, with Markdown headings between them for the table of contents."""
    sections = [
        ("overview", overview_table(guide, lang, page_url)),
        ("criteria", _vocab_table(guide, lang, page_url, "compare-criteria", "criteria", "criteria", "eligibility_criteria", "criterion", "applies")),
        ("requirements", _vocab_table(guide, lang, page_url, "compare-requirements", "requirements", "requirements", "requirements", "requirement", "applies")),
        ("support", _vocab_table(guide, lang, page_url, "compare-support", "support", "support_types", "support", "support", "offered")),
        ("partners", partners_table(guide, lang, page_url)),
        ("process_follow_up", process_table(guide, lang, page_url)),
        ("outcomes", outcomes_table(guide, lang, page_url)),
        ("evidence", evidence_table(guide, lang, page_url)),
    ]
    out = [_controls(guide, lang), ""]
    for key, table in sections:
        out += [f"## {label(lang, key)} {{#{key.replace('_', '-')}}}", "", table, ""]
    return "\n".join(out)
