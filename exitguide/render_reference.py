"""Blocks for the guide's reference pages: sources, glossary, timeline, routes, evidence scale,
programme list, the quick-exit band (every page) and its explanation, open-data files. Each returns HTML built from escaped data.
"""
from __future__ import annotations

from . import render_due
from .guide import Guide
from .htmlkit import cite, date_text, esc, external_link, level_id, phone_link, program_url, relative, text
from .labels import label
from .types import iso

SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "Å": "{", "Ä": "|", "Ö": "}"})
QUICK_EXIT_URL = "https://www.smhi.se/"


def swedish_key(value: str) -> str:
    """Sort key putting å, ä, ö after z, as Swedish readers expect."""
    return value.casefold().translate(SWEDISH_ORDER)


def sources_block(guide: Guide, lang: str, page_url: str) -> str:
    items = []
    for source_id, source in sorted(guide.sources.items(), key=lambda kv: swedish_key(kv[1]["short"])):
        date = date_text(source["date"]) if source.get("date") else esc(label(lang, "undated"))
        note = f' <span class="note">{text(source["date_note"], lang)}</span>' if source.get("date_note") else ""
        caveat = f'<br><span class="caveat">{esc(label(lang, "caveat"))}: {text(source["caveat"], lang)}</span>' if source.get("caveat") else ""
        url = f'<br>{external_link(source["url"])}' if source.get("url") else ""
        accessed = f' {esc(label(lang, "accessed"))}: {date_text(source["accessed"])}.' if source.get("accessed") else ""
        items.append(
            f'<li id="src-{esc(source_id)}"><strong>{esc(source["short"])}</strong>. {text(source["publisher"], lang)}: '
            f'<cite>{esc(source["title"])}</cite>. {esc(label(lang, "published"))}: {date}.{note} '
            f'{esc(label(lang, "kind_source"))}: {esc(guide.vocab_label("source_kinds", source["kind"], lang))}. '
            f'<span class="mark mark-{esc(source["mark"])}">{esc(guide.vocab_label("marks", source["mark"], lang))}</span>.'
            f'{accessed}{caveat}{url}</li>')
    return '<ul class="sources-register">' + "".join(items) + "</ul>"


def glossary_block(guide: Guide, lang: str, page_url: str) -> str:
    rows = []
    for term in sorted(guide.terms, key=lambda t: swedish_key(t["sv"])):
        status = esc(guide.vocab_label("term_statuses", term["en_status"], lang))
        sources = cite(guide, term.get("sources") or [])
        rows.append(f'<tr id="term-{esc(term["id"])}"><th scope="row" lang="sv">{esc(term["sv"])}</th>'
                    f'<td lang="en">{esc(term["en"])}</td><td>{status}</td><td>{text(term["explanation"], lang)} {sources}</td></tr>')
    head = "".join(f'<th scope="col">{esc(label(lang, k))}</th>' for k in ("term", "english", "term_status", "explanation"))
    return (f'<div class="table-wrap" role="region" aria-label="{esc(label(lang, "term"))}" tabindex="0">'
            f'<table class="glossary"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def timeline_block(guide: Guide, lang: str, page_url: str) -> str:
    items = []
    for event in sorted(guide.events, key=lambda e: iso(e["date"])):
        due = " " + render_due.due_html(guide, event["due"], lang) if event.get("due") else ""
        items.append(f'<li id="event-{esc(event["id"])}"><time datetime="{date_text(event["date"])}">{date_text(event["date"])}</time> '
                     f'<strong>{text(event["title"], lang)}</strong>. {text(event["text"], lang)}{due} '
                     f'{cite(guide, event["sources"])}</li>')
    return '<ol class="timeline">' + "".join(items) + "</ol>"


def routes_block(guide: Guide, lang: str, page_url: str, audience: str) -> str:
    items = []
    for route in guide.routes:
        if audience not in route["audiences"]:
            continue
        parts = [f'<h3>{text(route["title"], lang)}</h3>', f'<p>{text(route["text"], lang)} {cite(guide, route["sources"])}</p>']
        if route.get("phone"):
            parts.append(f'<p class="route-phone">{esc(label(lang, "phone"))}: {phone_link(route["phone"])}</p>')
        if route.get("web"):
            parts.append(f'<p>{esc(label(lang, "web"))}: {external_link(route["web"])}</p>')
        items.append(f'<div class="route" id="route-{esc(audience)}-{esc(route["id"])}">{"".join(parts)}</div>')
    return '<div class="routes">' + "".join(items) + "</div>"


def evidence_scale_block(guide: Guide, lang: str, page_url: str) -> str:
    out = []
    for key, level in guide.evidence_scale():
        programs = [p for p in guide.programs if guide.evidence_level(p) == key]
        listed = "".join(
            f'<li><a href="{esc(relative(program_url(p["id"]), page_url))}">{text(p["name"], lang)}</a>'
            + "".join(f'<br>{text(s["title"], lang)} {cite(guide, s["sources"])}'
                      for s in p.get("evidence") or [] if s["level"] == key)
            + "</li>" for p in programs) or f'<li>{esc(label(lang, "none"))}</li>'
        description = text(level["description"], lang) if level.get("description") else ""
        relation = (f'<p><strong>{esc(label(lang, "relation"))}:</strong> {text(level["relation"], lang)}</p>'
                    if level.get("relation") else "")
        anchor = esc(level_id(key))
        out.append(f'<section class="evidence-level" id="{anchor}" aria-labelledby="{anchor}-h">'
                   f'<h3 id="{anchor}-h">{esc(label(lang, "level"))} {level["rank"]}: {esc(level[lang])}</h3>'
                   f'<p>{description}</p>{relation}<p><strong>{esc(label(lang, "programmes_at_level"))}:</strong></p><ul>{listed}</ul></section>')
    return "".join(out)


def program_list_block(guide: Guide, lang: str, page_url: str) -> str:
    items = []
    for program in sorted(guide.programs, key=lambda p: swedish_key(p["name"][lang])):
        href = relative(program_url(program["id"]), page_url)
        kind = esc(guide.vocab_label("program_kinds", program["kind"], lang))
        items.append(f'<li><a href="{esc(href)}">{text(program["name"], lang)}</a> ({kind}, {text(program["where"]["place"], lang)}). '
                     f'{text(program["summary"], lang)}</li>')
    return '<ul class="program-list">' + "".join(items) + "</ul>"


QUICK_EXIT_SECTION = "surfa-sakert/#quick-exit"  # the section of "Surfa säkert" that says what the button does
QUICK_EXIT_ANNOUNCEMENTS = {"data-two-left": "quick_exit_two_left", "data-one-left": "quick_exit_one_left",
                            "data-reset": "quick_exit_reset"}


ROUTE_FINDER_PAGE = "vem-kan-hjalpa/"


def quick_exit_band(lang: str, home: str = "") -> str:
    """The quick-exit band at the foot of every page's sticky header (overrides/main.html leaves a slot, site_fixes fills it).

    Without JavaScript it is a plain link to the neutral page. quick-exit.js adds Shift ×3, blanking and
    location.replace; it reads the screen-reader announcements from the data-attributes, so every word
    stays in labels.py and in the page language. The status region is in the page from the start, so
    screen readers announce its changes. The band also links to the route finder ("Vem kan hjälpa?"),
    so it is one tap away on every page; `home` is the language's home page seen from the page."""
    announcements = "".join(f' {attribute}="{esc(label(lang, key))}"' for attribute, key in QUICK_EXIT_ANNOUNCEMENTS.items())
    return (f'<div class="quick-exit" data-quick-exit{announcements}><div class="quick-exit__inner">'
            f'<a class="quick-exit__button" href="{QUICK_EXIT_URL}" rel="noreferrer">{esc(label(lang, "quick_exit"))}</a>'
            '<span class="quick-exit__status" role="status" aria-live="polite" aria-atomic="true"></span>'
            f'<a class="quick-exit__help" href="{esc(home + ROUTE_FINDER_PAGE)}">{esc(label(lang, "route_finder_link"))}</a></div></div>')


COVERAGE_PAGE = "var-finns-stod/"


def search_help(lang: str, home: str = "") -> str:
    """What search-help.js shows when a search finds nothing: where support is known, and who can help anyway."""
    coverage = f'<a href="{esc(home + COVERAGE_PAGE)}">{esc(label(lang, "search_help_coverage"))}</a>'
    finder = f'<a href="{esc(home + ROUTE_FINDER_PAGE)}">{esc(label(lang, "route_finder_link"))}</a>'
    text = esc(label(lang, "search_help", coverage="\x00", finder="\x01")).replace("\x00", coverage).replace("\x01", finder)
    return f'<template id="search-help"><p class="search-help">{text}</p></template>'


def quick_exit_block(guide: Guide, lang: str, page_url: str) -> str:
    """The <!-- guide:quick-exit --> marker: a short explanation of the band's button, in the text (not sticky)."""
    button = f'<strong>{esc(label(lang, "quick_exit"))}</strong>'
    hint = esc(label(lang, "quick_exit_hint", button="\x00")).replace("\x00", button)
    more = relative(QUICK_EXIT_SECTION, page_url)
    return (f'<p class="quick-exit-hint">{hint} <a href="{esc(more)}">{esc(label(lang, "quick_exit_more"))}</a>.</p>')
