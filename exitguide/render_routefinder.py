"""The route finder page ("Vem kan hjälpa?" / "Who can help?"): form, answer area, the decision table as
embedded data, and every route and programme as a card.

Rendered by the `<!-- guide:route-finder -->` marker. Without JavaScript the page shows every card,
grouped by who is asking (the form stays hidden: it cannot work without the script, and a submitted
form would put the answers in the address). With JavaScript, route-finder.js hides the grouped list,
shows the form, applies the decision table from routefinder.py to the answers, and copies the cards
(found by `data-card`) into `#route-results`. The answers never leave the page.
"""
from __future__ import annotations

import json

from . import opening as hours
from .guide import Guide
from .htmlkit import cite, date_text, email_link, esc, external_link, from_site_root, phone_link, program_url, relative, text
from .labels import LABELS, LANGUAGES, MONTHS, label
from .routefinder import AUDIENCES, candidates, decision_table, main_contact

SCRIPT = "assets/javascripts/route-finder.js"


def _hours_line(opening: dict | None, lang: str, guide: Guide) -> str:
    sources = cite(guide, opening["sources"]) if opening else ""
    return f'<p class="rf-hours"><strong>{esc(label(lang, "hours"))}:</strong> {esc(hours.describe(opening, lang))} {sources}</p>'


def route_card(guide: Guide, route: dict, lang: str) -> str:
    parts = [f'<h3>{text(route["title"], lang)}</h3>',
             f'<p class="rf-text">{text(route["text"], lang)} {cite(guide, route["sources"])}</p>']
    if route.get("phone"):
        parts.append(f'<p class="route-phone">{esc(label(lang, "phone"))}: {phone_link(route["phone"])}</p>')
        parts.append(_hours_line(route.get("opening"), lang, guide))
    if route.get("web"):
        parts.append(f'<p>{esc(label(lang, "web"))}: {external_link(route["web"])}</p>')
    parts.append(f'<p class="reviewed">{esc(label(lang, "last_reviewed"))}: {date_text(route["last_reviewed"])}</p>')
    return f'<div class="route rf-card" data-card="{esc(route["id"])}">{"".join(parts)}</div>'


def program_card(guide: Guide, program: dict, lang: str, page_url: str) -> str:
    href = relative(program_url(program["id"]), page_url)
    parts = [f'<h3><a href="{esc(href)}">{text(program["name"], lang)}</a></h3>',
             f'<p class="rf-text">{text(program["summary"], lang)}</p>']
    contact = main_contact(program)
    if contact:
        if contact.get("phone"):
            parts.append(f'<p class="route-phone">{text(contact["label"], lang)}: {phone_link(contact["phone"])} '
                         f'{cite(guide, contact["sources"])}</p>')
            parts.append(_hours_line(contact.get("opening"), lang, guide))
        else:
            parts.append(f'<p>{text(contact["label"], lang)}: {email_link(contact["email"])} '
                         f'{cite(guide, contact["sources"])}</p>')
        if contact.get("caveat"):
            parts.append(f'<p class="caveat">{text(contact["caveat"], lang)}</p>')
    parts.append(f'<p class="reviewed">{esc(label(lang, "last_reviewed"))}: {date_text(program["last_reviewed"])}</p>')
    return f'<div class="route rf-card" data-card="{esc(program["id"])}">{"".join(parts)}</div>'


def _form(guide: Guide, lang: str) -> str:
    # The list offers the official Swedish names (SCB's) in both languages; the script also knows each
    # municipality's English name and aliases (decision table, "names"), so either can be typed.
    municipalities = sorted(guide.vocabularies["municipalities"].values(), key=lambda m: m["sv"])
    options = "".join(f'<option value="{esc(m["sv"])}"></option>' for m in municipalities)
    who = "".join(
        f'<label class="rf-choice"><input type="radio" name="who" value="{key}"{" checked" if key == "person" else ""}> '
        f'{esc(label(lang, "rf_who_" + key))}</label>' for key in AUDIENCES)
    return (
        f'<form id="route-finder" class="rf-form" hidden autocomplete="off" novalidate>'
        f'<fieldset><legend>{esc(label(lang, "rf_who"))}</legend>{who}</fieldset>'
        f'<p><label for="rf-age">{esc(label(lang, "rf_age"))}</label> '
        f'<input id="rf-age" name="age" type="number" min="0" max="120" inputmode="numeric"></p>'
        f'<p><label for="rf-place">{esc(label(lang, "rf_place"))}</label> '
        f'<input id="rf-place" name="place" type="text" list="rf-places" autocomplete="off" spellcheck="false" '
        f'aria-describedby="rf-place-hint"><datalist id="rf-places">{options}</datalist>'
        f'<span id="rf-place-hint" class="rf-hint">{esc(label(lang, "rf_place_hint"))}</span></p>'
        f'<p><label class="rf-choice"><input type="checkbox" name="danger" value="yes"> {esc(label(lang, "rf_danger"))}</label></p>'
        f'<p><label for="rf-when">{esc(label(lang, "rf_when"))}</label> '
        f'<input id="rf-when" name="when" type="datetime-local" aria-describedby="rf-when-hint">'
        f'<span id="rf-when-hint" class="rf-hint">{esc(label(lang, "rf_when_hint"))}</span></p>'
        f'<p><button type="submit" class="md-button md-button--primary">{esc(label(lang, "rf_submit"))}</button></p>'
        f'</form>')


def route_finder_block(guide: Guide, lang: str, page_url: str) -> str:
    routes = {route["id"]: route for route in guide.routes}
    groups = []
    for audience in AUDIENCES:
        cards = "".join(route_card(guide, route, lang) for route in guide.routes if audience in route["audiences"])
        groups.append(f'<section class="rf-group" aria-labelledby="rf-group-{audience}">'
                      f'<h2 id="rf-group-{audience}">{esc(guide.vocab_label("audiences", audience, lang))}</h2>{cards}</section>')
    programs = {p["id"]: p for p in guide.programs}
    program_cards = "".join(program_card(guide, programs[row["id"]], lang, page_url)
                            for row in candidates(guide, lang) if row["type"] == "programme")
    groups.append(f'<section class="rf-group" aria-labelledby="rf-group-programmes">'
                  f'<h2 id="rf-group-programmes">{esc(label(lang, "rf_programmes"))}</h2>{program_cards}</section>')
    table = decision_table(guide, lang)
    # Each county once with its municipalities (the script turns it back into municipality -> county).
    by_county: dict[str, list[str]] = {}
    for key, county in table["counties"].items():
        by_county.setdefault(county, []).append(key)
    table["counties"] = by_county
    # Every name a reader may type, each once (most places have one name in both languages); the first is the
    # page language's, shown in the answer.
    table["names"] = {key: list(dict.fromkeys([m[lang], *(m[other] for other in LANGUAGES), *(m.get("aliases") or [])]))
                      for key, m in guide.vocabularies["municipalities"].items()}
    table["texts"].update({key: LABELS[lang][key] for key in LABELS[lang] if key.startswith(("day_", "hours_"))})
    table["months"] = list(MONTHS[lang])
    data = json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")
    assert not set(routes) & set(programs), "route and programme ids share one namespace on this page"
    return (f'<div class="rf" data-route-finder>{_form(guide, lang)}'
            f'<section id="route-answer" class="rf-answer" hidden aria-labelledby="route-answer-heading" tabindex="-1">'
            f'<h2 id="route-answer-heading">{esc(label(lang, "rf_answer"))}</h2>'
            f'<p class="rf-summary" role="status"></p><ol id="route-results"></ol></section>'
            f'<div class="rf-static">{"".join(groups)}</div>'
            f'<script type="application/json" id="route-finder-data">{data}</script>'
            f'<script src="{esc(from_site_root(SCRIPT, page_url, lang))}" defer></script></div>')
