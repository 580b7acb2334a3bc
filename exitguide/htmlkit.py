"""Small HTML helpers shared by the renderers: escaping, relative links, citation placeholders, numbers, phone links.

Every value that comes from the data passes through `esc` (text and
attributes alike) before it reaches a page; renderers never build markup from
unescaped data. `esc` also writes line breaks as character references, so no
data can start a line of its own in the Markdown a block sits in. The few values
that must stand in Markdown itself (a programme's name in its page heading, which
feeds the page title and table of contents) go through `markdown_text`.
Links are computed relative to the page so the site works under any path prefix
and in both language trees; a file that exists once for the whole site is found through the language's
folder (labels.language_folder), and numbers and percentages are written as labels.py says for the language.
"""
from __future__ import annotations

import html
import posixpath
import string

from .labels import label, language_folder
from .types import iso


_LINE_BREAKS = str.maketrans({"\n": "&#10;", "\r": "&#13;"})


def esc(value) -> str:
    return html.escape(str(value), quote=True).translate(_LINE_BREAKS)


# Punctuation that means nothing to Markdown or its extensions once [ ] < { & and the rest are escaped.
_PLAIN_PUNCTUATION = " .,-()'?/;"
_MARKDOWN_SAFE = str.maketrans({**{char: f"&#{ord(char)};" for char in string.punctuation if char not in _PLAIN_PUNCTUATION},
                                "\n": " ", "\r": " ", "\t": " "})


def markdown_text(value) -> str:
    """Text to place where Markdown is parsed: every ASCII punctuation character that could start Markdown
    syntax (attribute lists, links, images, emphasis, HTML, entities, abbreviation definitions, closing #s …)
    becomes a numeric character reference, so Markdown finds no syntax in the text and the browser shows
    exactly the text. Letters, digits, spaces and harmless marks stay, so abbreviations still match and
    ordinary names read as they are in the page's source."""
    return str(value).translate(_MARKDOWN_SAFE)


def relative(target: str, page_url: str) -> str:
    """URL of `target` (a language-relative URL like 'kallor/#src-x') seen from `page_url` ('program/x/')."""
    path, _, fragment = target.partition("#")
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    rel = posixpath.relpath(path or ".", base or ".")
    if path.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel + (f"#{fragment}" if fragment else "")


def from_site_root(target: str, page_url: str, lang: str) -> str:
    """URL of a file that exists once for the whole site (a script, the open data) seen from a page of
    `lang`: pages of a language other than the default live one folder deeper, under /en/."""
    return relative(target, language_folder(lang) + page_url)


def page_in_language(url: str, lang: str) -> str:
    """A page's URL within its language's tree, as renderers take it: 'en/program/x/' -> 'program/x/'."""
    return url.removeprefix(language_folder(lang))


SOURCES_PAGE = "kallor/"
EVIDENCE_PAGE = "evidens/"


def program_url(program_id: str) -> str:
    return f"program/{program_id}/"


def level_id(level: str) -> str:
    """The anchor of an evidence level on the evidence page (render_reference writes it; programme pages link it)."""
    return "level-" + level.replace("_", "-")


def level_url(level: str) -> str:
    return f"{EVIDENCE_PAGE}#{level_id(level)}"


# A citation as renderers write it: the source ids between two private-use characters that no data or page can
# contain (types.INVISIBLE). exitguide/citations.py turns each into numbered marks once the page is whole.
CITE_OPEN, CITE_CLOSE = "\ue002", "\ue003"


def cite(guide, source_ids: list[str]) -> str:
    """A citation of `source_ids`, numbered and linked to the page's list of sources by citations.number_page
    (which knows the page's language and address; the placeholder holds only the ids)."""
    known = [source_id for source_id in source_ids if source_id in guide.sources]  # validation guarantees ids resolve
    return f"{CITE_OPEN}{','.join(known)}{CITE_CLOSE}" if known else ""


def number(value: int, lang: str) -> str:
    return f"{value:,}".replace(",", label(lang, "thousands_separator"))


def percent(value: int | None, lang: str) -> str:
    if value is None:
        return "–"
    return label(lang, "percent", value=value)


def external_link(url: str) -> str:
    """A link to another site, showing its address (the site never loads anything from there itself)."""
    return f'<a href="{esc(url)}" class="external" rel="noreferrer">{esc(url)}</a>'


def table_region(table_id: str, css_class: str, caption: str, headers: list[str], rows: list[str]) -> str:
    """A table with column headings in a region that scrolls sideways on a narrow screen and is named by the
    table's caption (keyboard users can reach and scroll it). `caption` is text; `headers` and `rows` are HTML."""
    head = "".join(f'<th scope="col">{header}</th>' for header in headers)
    return (f'<div class="table-wrap" role="region" aria-labelledby="{table_id}-caption" tabindex="0">'
            f'<table class="{css_class}" id="{table_id}"><caption id="{table_id}-caption">{esc(caption)}</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def email_link(address: str) -> str:
    return f'<a href="mailto:{esc(address)}">{esc(address)}</a>'


def phone_link(phone: str) -> str:
    """A published phone number as a tap-to-call link (tel: with its digits only)."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return f'<a href="tel:{esc(digits)}" class="phone">{esc(phone)}</a>'


def date_text(value) -> str:
    return esc(iso(value))


def period_text(period: dict) -> str:
    """A follow-up's period as escaped text: '2019-01-01–2021-12-31', as precise as its dates."""
    return f'{date_text(period["from"])}–{date_text(period["to"])}'


def text(value: dict, lang: str) -> str:
    """The escaped text of a bilingual field."""
    return esc(value[lang])


def yes_no_cell(guide, state, sources, lang) -> str:
    """A comparison cell: yes / no / not stated, with its sources. `state` is True, False or None."""
    if state is None:
        return f'<td data-sort="0" data-state="none" class="cell-none">{esc(label(lang, "not_stated"))}</td>'
    word = label(lang, "yes" if state else "no")
    cls = "cell-yes" if state else "cell-no"
    marker = "✓ " if state else "✗ "
    return (f'<td data-sort="{2 if state else 1}" data-state="{"yes" if state else "no"}" class="{cls}">'
            f'<span aria-hidden="true">{marker}</span>{esc(word)} {cite(guide, sources)}</td>')
