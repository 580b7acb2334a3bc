"""One programme's page: at a glance, how a case starts, contacts, the fact box, narrative, process, outcomes,
evidence, history and the page's numbered sources.

Called by the hook for every programme in data/programs.yaml and each language;
the page needs no Markdown file of its own. Output is Markdown headings (for the
table of contents and anchors) around HTML blocks built from escaped data; the one
data value in a heading, the programme's name, is escaped for Markdown (markdown_text).
Order, for a reader on a phone: under the title, one block "at a glance" (kind, where and whom it takes,
status, the evidence level on the guide's scale, last review), then how a case starts and whom to contact,
so the first phone number or e-mail address is within two screens at 375 px (tests/test_glance.py); the
detail follows. Citations are placeholders (htmlkit.cite) that citations.number_page numbers once the page
is whole; the list of sources goes where citations.REFERENCES stands.
"""
from __future__ import annotations

from . import coverage
from . import opening as hours
from . import render_due
from .chart import outcome_chart
from .citations import REFERENCES
from .guide import Guide, outcome_counts, statements
from .htmlkit import (cite, date_text, email_link, esc, external_link, level_url, markdown_text, number, percent,
                      period_text, phone_link, relative, text)
from .labels import label
from .model import VOCABULARY_LISTS
from .routefinder import age_band_text
from .types import iso


def _vocab_items(guide, program, field, lang) -> str:
    said = statements(program, field)
    if not said:
        return f'<span class="not-stated">{esc(label(lang, "not_stated_long"))}</span>'
    lines = []
    for statement in said:
        word = guide.vocab_label(VOCABULARY_LISTS[field].vocabulary, statement.value, lang)
        state = "" if statement.yes else f'{esc(label(lang, "no"))}: '
        item = statement.item
        note = f" – {text(item['note'], lang)}" if item.get("note") else ""
        lines.append(f"<li>{state}{esc(word)}{note} {cite(guide, item['sources'])}</li>")
    return "<ul>" + "".join(lines) + "</ul>"


def _fact(guide, fact, value_html, lang) -> str:
    note = f" <span class=\"note\">{text(fact['note'], lang)}</span>" if fact.get("note") else ""
    return f"{value_html}{note} {cite(guide, fact['sources'])}"


def fact_box(guide: Guide, program: dict, lang: str) -> str:
    """The detail the glance block leaves out: since when, who runs it and with whom, criteria, requirements, support."""
    rows = []

    def row(key, value):
        rows.append(f'<tr><th scope="row">{esc(label(lang, key))}</th><td>{value}</td></tr>')

    if program.get("since"):
        row("since", _fact(guide, program["since"], esc(program["since"]["year"]), lang))
    agencies = lambda fact: esc(guide.agency_names(fact, lang))
    row("organisers", _fact(guide, program["organisers"], agencies(program["organisers"]), lang))
    if program.get("partners"):
        row("partners", _fact(guide, program["partners"], agencies(program["partners"]), lang))
    row("criteria", _vocab_items(guide, program, "eligibility_criteria", lang))
    row("requirements", _vocab_items(guide, program, "requirements", lang))
    row("support", _vocab_items(guide, program, "support", lang))
    return '<table class="factbox"><tbody>' + "".join(rows) + "</tbody></table>"


def _served_area(guide: Guide, serves: dict, lang: str) -> str:
    if serves.get("national"):
        return label(lang, "glance_serves_national")
    return label(lang, "glance_serves", area=", ".join(coverage.area_names(guide, serves, lang)))


def evidence_meter(guide: Guide, level: str, lang: str, page_url: str) -> str:
    """The evidence level as a row of steps on the guide's scale, with the level's name and its place in words
    (the steps are drawn filled or hollow, and the words carry the same, so nothing rests on colour)."""
    ranks = [entry["rank"] for _, entry in guide.evidence_scale()]
    rank, top = guide.level_rank(level), ranks[-1]
    steps = "".join(f'<span class="evidence-step{" evidence-step--on" if r <= rank else ""}"></span>' for r in ranks if r > ranks[0])
    link = relative(level_url(level), page_url)
    return (f'<span class="evidence-meter" aria-hidden="true">{steps}</span> '
            f'<a href="{esc(link)}">{esc(guide.vocab_label("evidence_levels", level, lang))}</a> '
            f'<span class="evidence-rank">({esc(label(lang, "evidence_rank", rank=rank, top=top))})</span>')


def glance(guide: Guide, program: dict, lang: str, page_url: str) -> str:
    """The block under the title: kind, where and whom it takes, status with its date, evidence level, last review."""
    rows = []

    def row(key, value):
        rows.append(f'<div class="glance-row"><dt>{esc(label(lang, key))}</dt><dd>{value}</dd></div>')

    row("kind", esc(guide.vocab_label("program_kinds", program["kind"], lang)))
    where = _fact(guide, program["where"], text(program["where"]["place"], lang), lang)
    if program.get("serves"):
        where += f'<br>{_fact(guide, program["serves"], esc(_served_area(guide, program["serves"], lang)), lang)}'
    row("where", where)
    whom = []
    if program.get("ages"):
        for band in program["ages"]:
            ages = age_band_text(band.get("from"), band.get("to"), lang)
            whom.append(_fact(guide, band, esc(label(lang, "glance_ages", ages=ages)), lang))
    else:
        whom.append(esc(label(lang, "glance_ages_not_stated")))
    if program.get("target_group"):
        whom.append(_fact(guide, program["target_group"], text(program["target_group"]["text"], lang), lang))
    row("for_whom", "<br>".join(whom))
    status = program["status"]
    row("status", _fact(guide, status, esc(label(lang, "status_as_of", status=guide.vocab_label("statuses", status["status"], lang),
                                                    date=iso(status["as_of"]))), lang))
    row("evidence_level", evidence_meter(guide, guide.evidence_level(program), lang, page_url))
    row("last_reviewed", f'<time datetime="{date_text(program["last_reviewed"])}">{date_text(program["last_reviewed"])}</time>')
    return f'<dl class="glance">{"".join(rows)}</dl>'


def contact_list(guide, contacts, lang) -> str:
    """The contact card: whom it reaches, the phone as a tap-to-call link with its hours, e-mail, web, caveats."""
    items = []
    for contact in contacts:
        parts = [f'<strong class="contact-label">{text(contact["label"], lang)}</strong> {cite(guide, contact["sources"])}']
        if contact.get("phone"):
            parts.append(f'{esc(label(lang, "phone"))}: {phone_link(contact["phone"])}')
            opening = contact.get("opening")
            if hours.compact(opening) is None:  # "Öppettider: ej angivet i källorna", not "Öppettider: Öppettider anges inte …"
                said = label(lang, "not_stated_long") + (f'. {opening["note"][lang]}' if opening and opening.get("note") else "")
            else:
                said = hours.describe(opening, lang)
            when = esc(said) + (f' {cite(guide, opening["sources"])}' if opening else "")
            parts.append(f'{esc(label(lang, "hours"))}: {when}')
        if contact.get("email"):
            parts.append(f'{esc(label(lang, "email"))}: {email_link(contact["email"])}')
        if contact.get("web"):
            parts.append(f'{esc(label(lang, "web"))}: {external_link(contact["web"])}')
        if contact.get("caveat"):
            parts.append(f'<span class="caveat">{text(contact["caveat"], lang)}</span>')
        items.append('<li class="contact">' + "<br>".join(parts) + "</li>")
    return f'<ul class="contacts">{"".join(items)}</ul>'


def outcome_table(guide, outcome, lang) -> str:
    rows = []
    for part in outcome_counts(outcome):
        share_text = percent(part.percent, lang) if part.whole else ""
        of_text = text(part.whole["label"], lang) if part.whole else ""
        rows.append(f'<tr><td>{text(part.count["label"], lang)}</td><td class="num">{number(part.count["count"], lang)}</td>'
                    f'<td class="num">{share_text}</td><td>{of_text}</td></tr>')
    head = (f'<tr><th scope="col">{esc(label(lang, "outcomes"))}</th><th scope="col">{esc(label(lang, "count"))}</th>'
            f'<th scope="col">{esc(label(lang, "share"))}</th><th scope="col">{esc(label(lang, "of"))}</th></tr>')
    period = period_text(outcome["period"])
    caption = f'{text(outcome["title"], lang)} ({period})'
    return (f'<table class="outcomes"><caption>{caption}</caption><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'
            f'<p class="definition"><strong>{esc(label(lang, "definition"))}:</strong> {text(outcome["definition"], lang)} '
            f'{cite(guide, outcome["sources"])}</p>')


def program_page(guide: Guide, program: dict, lang: str, page_url: str) -> str:
    """The whole Markdown of a programme's page in one language."""
    out = [f"# {markdown_text(program['name'][lang])}", "", f'<p class="summary">{text(program["summary"], lang)}</p>', ""]
    if guide.is_stale(program):
        out += [f'<div class="stale-notice" role="note"><p>{esc(label(lang, "stale", date=iso(program["last_reviewed"])))}</p></div>', ""]
    out += [glance(guide, program, lang, page_url), ""]
    if program.get("case_start"):
        out += [f"## {label(lang, 'case_start')}", "",
                f"<p>{_fact(guide, program['case_start'], text(program['case_start']['text'], lang), lang)}</p>", ""]
    if program.get("contacts"):
        out += [f"## {label(lang, 'contact')}", "", contact_list(guide, program["contacts"], lang), ""]
    out += [f"## {label(lang, 'details')}", "", fact_box(guide, program, lang), ""]
    if program.get("description"):
        out += [f"## {label(lang, 'about')}", ""]
        for paragraph in program["description"]:
            out += [f"<p>{esc(paragraph[lang])} {cite(guide, paragraph['sources'])}</p>", ""]
    if program.get("process") or program.get("follow_up"):
        out += [f"## {label(lang, 'process')}", ""]
        if program.get("process"):
            steps = "".join(f"<li>{text(step['step'], lang)} {cite(guide, step['sources'])}</li>"
                            for step in program["process"])
            out += [f'<ol class="process">{steps}</ol>', ""]
        if program.get("follow_up"):
            out += [f"### {label(lang, 'follow_up')}", "",
                    f"<p>{_fact(guide, program['follow_up'], text(program['follow_up']['text'], lang), lang)}</p>", ""]
    if program.get("outcomes"):
        out += [f"## {label(lang, 'outcomes')}", ""]
        for index, outcome in enumerate(program["outcomes"]):
            out += [f'<figure class="outcome">{outcome_chart(outcome, lang, f"chart-{index}")}</figure>', "",
                    outcome_table(guide, outcome, lang), ""]
    out += [f"## {label(lang, 'evidence')}", ""]
    level = guide.evidence_level(program)
    level_link = relative(level_url(level), page_url)
    out += [f'<p><strong>{esc(label(lang, "evidence_level"))}:</strong> <a href="{esc(level_link)}">'
            f'{esc(guide.vocab_label("evidence_levels", level, lang))}</a></p>', ""]
    studies = program.get("evidence") or []
    if studies:
        items = "".join(
            f'<li><strong>{text(s["title"], lang)}</strong> ({esc(guide.vocab_label("evidence_levels", s["level"], lang))}'
            f'{", " + date_text(s["year"]) if s.get("year") else ""}). {text(s["by"], lang)}. {text(s["found"], lang)} '
            f'{cite(guide, s["sources"])}</li>' for s in studies)
        out += [f'<ul class="studies">{items}</ul>', ""]
    if program.get("history"):
        out += [f"## {label(lang, 'history')}", ""]
        items = "".join(f'<li><time datetime="{date_text(h["date"])}">{date_text(h["date"])}</time>: {text(h["text"], lang)}'
                        f'{" " + render_due.due_html(guide, h["due"], lang) if h.get("due") else ""} '
                        f'{cite(guide, h["sources"])}</li>' for h in program["history"])
        out += [f'<ul class="history">{items}</ul>', ""]
    out += [f"## {label(lang, 'sources')}", "", REFERENCES, ""]
    return "\n".join(out)
