"""One programme's page: fact box, review date, narrative, process, outcomes, evidence, contacts, sources.

Called by the hook for every programme in data/programs.yaml and each language;
the page needs no Markdown file of its own. Output is Markdown headings (for the
table of contents and anchors) around HTML blocks built from escaped data; the one
data value in a heading, the programme's name, is escaped for Markdown (markdown_text).
"""
from __future__ import annotations

from . import render_due
from .chart import outcome_chart
from .guide import Guide, share
from .htmlkit import (EVIDENCE_PAGE, SOURCES_PAGE, cite, date_text, esc, markdown_text, number, percent,
                      relative, text)
from .labels import label
from .types import iso


def _list(values: list[str]) -> str:
    return ", ".join(values)


def _vocab_items(guide, program, field, key, flag, vocabulary, lang, page_url) -> str:
    items = program.get(field) or []
    if not items:
        return f'<span class="not-stated">{esc(label(lang, "not_stated_long"))}</span>'
    lines = []
    for item in items:
        word = guide.vocab_label(vocabulary, item[key], lang)
        state = "" if item[flag] else f'{esc(label(lang, "no"))}: '
        note = f" – {text(item['note'], lang)}" if item.get("note") else ""
        lines.append(f"<li>{state}{esc(word)}{note} {cite(guide, item['sources'], lang, page_url)}</li>")
    return "<ul>" + "".join(lines) + "</ul>"


def _fact(guide, fact, value_html, lang, page_url) -> str:
    note = f" <span class=\"note\">{text(fact['note'], lang)}</span>" if fact.get("note") else ""
    return f"{value_html}{note} {cite(guide, fact['sources'], lang, page_url)}"


def fact_box(guide: Guide, program: dict, lang: str, page_url: str) -> str:
    rows = []

    def row(key, value):
        rows.append(f'<tr><th scope="row">{esc(label(lang, key))}</th><td>{value}</td></tr>')

    row("kind", esc(guide.vocab_label("program_kinds", program["kind"], lang)))
    row("where", _fact(guide, program["where"], text(program["where"]["place"], lang), lang, page_url))
    if program.get("since"):
        row("since", _fact(guide, program["since"], esc(program["since"]["year"]), lang, page_url))
    status = program["status"]
    row("status", _fact(guide, status, f'{esc(guide.vocab_label("statuses", status["status"], lang))} ({date_text(status["as_of"])})', lang, page_url))
    agencies = lambda fact: esc(_list([guide.vocab_label("agencies", a, lang) for a in fact["agencies"]]))
    row("organisers", _fact(guide, program["organisers"], agencies(program["organisers"]), lang, page_url))
    if program.get("partners"):
        row("partners", _fact(guide, program["partners"], agencies(program["partners"]), lang, page_url))
    if program.get("target_group"):
        row("target_group", _fact(guide, program["target_group"], text(program["target_group"]["text"], lang), lang, page_url))
    row("criteria", _vocab_items(guide, program, "eligibility_criteria", "criterion", "applies", "criteria", lang, page_url))
    row("requirements", _vocab_items(guide, program, "requirements", "requirement", "applies", "requirements", lang, page_url))
    row("support", _vocab_items(guide, program, "support", "support", "offered", "support_types", lang, page_url))
    if program.get("case_start"):
        row("case_start", _fact(guide, program["case_start"], text(program["case_start"]["text"], lang), lang, page_url))
    level = guide.evidence_level(program)
    row("evidence_level", f'<a href="{esc(relative(EVIDENCE_PAGE + "#level-" + level.replace("_", "-"), page_url))}">'
                          f'{esc(guide.vocab_label("evidence_levels", level, lang))}</a>')
    contacts = program.get("contacts") or []
    if contacts:
        row("contact", contact_list(guide, contacts, lang, page_url, compact=True))
    row("last_reviewed", f'<time datetime="{date_text(program["last_reviewed"])}">{date_text(program["last_reviewed"])}</time>')
    return '<table class="factbox"><tbody>' + "".join(rows) + "</tbody></table>"


def contact_list(guide, contacts, lang, page_url, compact=False) -> str:
    items = []
    for contact in contacts:
        parts = [f"<strong>{text(contact['label'], lang)}</strong>"]
        if contact.get("phone"):
            digits = "".join(ch for ch in contact["phone"] if ch.isdigit())
            parts.append(f'{esc(label(lang, "phone"))}: <a href="tel:{esc(digits)}">{esc(contact["phone"])}</a>')
        if contact.get("hours"):
            parts.append(f'{esc(label(lang, "hours"))}: {text(contact["hours"], lang)}')
        if contact.get("email"):
            parts.append(f'{esc(label(lang, "email"))}: <a href="mailto:{esc(contact["email"])}">{esc(contact["email"])}</a>')
        if contact.get("web"):
            parts.append(f'{esc(label(lang, "web"))}: <a href="{esc(contact["web"])}" class="external" rel="noreferrer">{esc(contact["web"])}</a>')
        if contact.get("caveat"):
            parts.append(f'<span class="caveat">{text(contact["caveat"], lang)}</span>')
        parts.append(cite(guide, contact["sources"], lang, page_url))
        items.append("<li>" + "<br>".join(parts) + "</li>")
    return f'<ul class="contacts">{"".join(items)}</ul>'


def outcome_table(guide, program, outcome, lang, page_url) -> str:
    by_id = {c["id"]: c for c in outcome["counts"]}
    rows = []
    for count in outcome["counts"]:
        whole = by_id.get(count.get("of"))
        share_text = percent(share(count["count"], whole["count"]), lang) if whole else ""
        of_text = text(whole["label"], lang) if whole else ""
        rows.append(f'<tr><td>{text(count["label"], lang)}</td><td class="num">{number(count["count"], lang)}</td>'
                    f'<td class="num">{share_text}</td><td>{of_text}</td></tr>')
    head = (f'<tr><th scope="col">{esc(label(lang, "outcomes"))}</th><th scope="col">{esc(label(lang, "count"))}</th>'
            f'<th scope="col">{esc(label(lang, "share"))}</th><th scope="col">{esc(label(lang, "of"))}</th></tr>')
    period = f'{date_text(outcome["period"]["from"])}–{date_text(outcome["period"]["to"])}'
    caption = f'{text(outcome["title"], lang)} ({period})'
    return (f'<table class="outcomes"><caption>{caption}</caption><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'
            f'<p class="definition"><strong>{esc(label(lang, "definition"))}:</strong> {text(outcome["definition"], lang)} '
            f'{cite(guide, outcome["sources"], lang, page_url)}</p>')


def source_list(guide, source_ids, lang, page_url) -> str:
    items = []
    for source_id in source_ids:
        source = guide.sources[source_id]
        mark = esc(guide.vocab_label("marks", source["mark"], lang))
        date = date_text(source["date"]) if source.get("date") else esc(label(lang, "undated"))
        url = (f' <a href="{esc(source["url"])}" class="external" rel="noreferrer">{esc(source["url"])}</a>'
               if source.get("url") else "")
        caveat = f' <span class="caveat">{esc(label(lang, "caveat"))}: {text(source["caveat"], lang)}</span>' if source.get("caveat") else ""
        anchor = relative(f"{SOURCES_PAGE}#src-{source_id}", page_url)
        items.append(f'<li><a href="{esc(anchor)}">{esc(source["short"])}</a>: {text(source["publisher"], lang)}, '
                     f'<cite>{esc(source["title"])}</cite> ({date}). <span class="mark mark-{esc(source["mark"])}">{mark}</span>.{caveat}{url}</li>')
    return '<ol class="source-list">' + "".join(items) + "</ol>"


def program_page(guide: Guide, program: dict, lang: str, page_url: str) -> str:
    """The whole Markdown of a programme's page in one language."""
    out = [f"# {markdown_text(program['name'][lang])}", "", f'<p class="summary">{text(program["summary"], lang)}</p>', ""]
    if guide.is_stale(program):
        out += [f'<div class="stale-notice" role="note"><p>{esc(label(lang, "stale", date=iso(program["last_reviewed"])))}</p></div>', ""]
    out += [fact_box(guide, program, lang, page_url), ""]
    if program.get("description"):
        out += [f"## {label(lang, 'about')}", ""]
        for paragraph in program["description"]:
            out += [f"<p>{esc(paragraph[lang])} {cite(guide, paragraph['sources'], lang, page_url)}</p>", ""]
    if program.get("process") or program.get("follow_up"):
        out += [f"## {label(lang, 'process')}", ""]
        if program.get("process"):
            steps = "".join(f"<li>{text(step['step'], lang)} {cite(guide, step['sources'], lang, page_url)}</li>"
                            for step in program["process"])
            out += [f'<ol class="process">{steps}</ol>', ""]
        if program.get("follow_up"):
            out += [f"### {label(lang, 'follow_up')}", "",
                    f"<p>{_fact(guide, program['follow_up'], text(program['follow_up']['text'], lang), lang, page_url)}</p>", ""]
    if program.get("outcomes"):
        out += [f"## {label(lang, 'outcomes')}", ""]
        for index, outcome in enumerate(program["outcomes"]):
            out += [f'<figure class="outcome">{outcome_chart(outcome, lang, f"chart-{index}")}</figure>', "",
                    outcome_table(guide, program, outcome, lang, page_url), ""]
    out += [f"## {label(lang, 'evidence')}", ""]
    level = guide.evidence_level(program)
    level_link = relative(EVIDENCE_PAGE + "#level-" + level.replace("_", "-"), page_url)
    out += [f'<p><strong>{esc(label(lang, "evidence_level"))}:</strong> <a href="{esc(level_link)}">'
            f'{esc(guide.vocab_label("evidence_levels", level, lang))}</a></p>', ""]
    studies = program.get("evidence") or []
    if studies:
        items = "".join(
            f'<li><strong>{text(s["title"], lang)}</strong> ({esc(guide.vocab_label("evidence_levels", s["level"], lang))}'
            f'{", " + date_text(s["year"]) if s.get("year") else ""}). {text(s["by"], lang)}. {text(s["found"], lang)} '
            f'{cite(guide, s["sources"], lang, page_url)}</li>' for s in studies)
        out += [f'<ul class="studies">{items}</ul>', ""]
    if program.get("history"):
        out += [f"## {label(lang, 'history')}", ""]
        items = "".join(f'<li><time datetime="{date_text(h["date"])}">{date_text(h["date"])}</time>: {text(h["text"], lang)}'
                        f'{" " + render_due.due_html(guide, h["due"], lang, page_url) if h.get("due") else ""} '
                        f'{cite(guide, h["sources"], lang, page_url)}</li>' for h in program["history"])
        out += [f'<ul class="history">{items}</ul>', ""]
    if program.get("contacts"):
        out += [f"## {label(lang, 'contact')}", "", contact_list(guide, program["contacts"], lang, page_url), ""]
    out += [f"## {label(lang, 'sources')}", "", source_list(guide, guide.cited_sources(program), lang, page_url), "",
            f'<p class="reviewed">{esc(label(lang, "last_reviewed"))}: <time datetime="{date_text(program["last_reviewed"])}">'
            f'{date_text(program["last_reviewed"])}</time></p>', ""]
    return "\n".join(out)
