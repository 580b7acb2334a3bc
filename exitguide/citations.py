"""Numbered citations: a short mark per citation ([1], [2, osäker]) and, at the end of the page, its sources.

Runs once per page, after Markdown, when markers.fill_slots has put the rendered HTML back (the hook's
on_page_content). Renderers stay pure and page-blind: htmlkit.cite writes a placeholder holding only the
source ids, between two private-use characters that no data or page can contain (types.INVISIBLE), so a
placeholder can only come from a renderer. `number_page` then
- numbers the sources in document order, each where it is first cited, so the same source has the same
  number everywhere on the page;
- replaces each placeholder with one mark per source: a link to the source's entry in the page's list
  (it works without JavaScript), whose accessible name "Källa 3: Brå 2016:6" is written once, hidden in the
  entry (aria-labelledby); an uncertain source says so at the mark ("[3, osäker]"). The first mark of each
  source carries an id, so the entry's way back has a target without JavaScript (citations.js returns to
  the mark that was actually followed, and adds the entry's text as each mark's description);
- writes the list where the page's reference block stands (REFERENCES: render_program writes it under
  the programme's "Källor" heading; markers.expand_with_slots appends it, under a heading of its own,
  to any other page with a citation).
Each entry names the source in full (publisher, title, date, its mark and caveat, its address) and links
to its entry in the full register on the sources page (kallor/#src-…).
Ids on the page: ref-N (entry), ref-N-name (the marks' name), ref-N-about (its text), cite-N (first mark), and
page-sources (the list's heading, where markers.py adds one). Assumes those ids are otherwise unused on a page.
"""
from __future__ import annotations

import re

from .htmlkit import CITE_CLOSE, CITE_OPEN, SOURCES_PAGE, date_text, esc, external_link, relative, text
from .labels import label

LIST_MARK = "\ue004"  # where the page's list goes; private use, like htmlkit's citation placeholder
REFERENCES = f'<div class="references">{LIST_MARK}</div>'
PAGE_SOURCES_ID = "page-sources"  # the heading over the list on pages other than programme pages (markers.py)
PLACEHOLDER = re.compile(f"{CITE_OPEN}([a-z0-9,-]*){CITE_CLOSE}")


def has_citations(html: str) -> bool:
    return CITE_OPEN in html


def _shown(guide, number: int, source_id: str, lang: str) -> str:
    """What the mark shows between its brackets: the number, and the caveat when the source is uncertain."""
    uncertain = guide.sources[source_id]["mark"] == "uncertain"
    return f"{number}, {label(lang, 'uncertain_cite')}" if uncertain else str(number)


def _mark(guide, number: int, source_id: str, lang: str, first: bool) -> str:
    """One mark, as light as it can be: the comparison page holds thousands. Its accessible name ("Källa 3: Brå
    2016:6") is written once, in the source's entry, and referred to (aria-labelledby)."""
    anchor = f' id="cite-{number}"' if first else ""
    return f'<a href="#ref-{number}"{anchor} aria-labelledby="ref-{number}-name">[{esc(_shown(guide, number, source_id, lang))}]</a>'


def entry(guide, number: int, source_id: str, lang: str, page_url: str) -> str:
    """One source in the page's list: the marks' name (hidden), its details, a link to the full register and a way
    back to the text."""
    source = guide.sources[source_id]
    name = label(lang, "cite_name", number=_shown(guide, number, source_id, lang), short=source["short"])
    mark = esc(guide.vocab_label("marks", source["mark"], lang))
    date = date_text(source["date"]) if source.get("date") else esc(label(lang, "undated"))
    caveat = (f' <span class="caveat">{esc(label(lang, "caveat"))}: {text(source["caveat"], lang)}</span>'
              if source.get("caveat") else "")
    url = f' {external_link(source["url"])}' if source.get("url") else ""
    register = relative(f"{SOURCES_PAGE}#src-{source_id}", page_url)
    return (f'<li id="ref-{number}"><span id="ref-{number}-name" hidden>{esc(name)}</span>'
            f'<span id="ref-{number}-about"><a href="{esc(register)}">{esc(source["short"])}</a>: '
            f'{text(source["publisher"], lang)}, <cite>{esc(source["title"])}</cite> ({date}). '
            f'<span class="mark mark-{esc(source["mark"])}">{mark}</span>.{caveat}{url}</span> '
            f'<a class="ref-back" href="#cite-{number}" aria-label="{esc(label(lang, "cite_back_name", number=number))}">'
            f'↑\u00a0{esc(label(lang, "cite_back"))}</a></li>')


def number_page(html: str, guide, lang: str, page_url: str) -> str:
    """The page with every citation placeholder numbered and its list of sources written (see the module's comment)."""
    numbers: dict[str, int] = {}

    def marks(match: re.Match) -> str:  # a citation's sources, side by side: [1][3, osäker]
        out = []
        for source_id in match.group(1).split(","):
            if source_id not in guide.sources:  # validation guarantees ids resolve; keep rendering robust anyway
                continue
            first = source_id not in numbers
            if first:
                numbers[source_id] = len(numbers) + 1
            out.append(_mark(guide, numbers[source_id], source_id, lang, first))
        return f'<span class="cite">{"".join(out)}</span>' if out else ""

    html = PLACEHOLDER.sub(marks, html)
    entries = "".join(entry(guide, n, source_id, lang, page_url) for source_id, n in numbers.items())
    listed = (f'<ol class="reference-list" data-show-in-list="{esc(label(lang, "cite_list"))}">{entries}</ol>'
              if entries else "")
    return html.replace(LIST_MARK, listed)
