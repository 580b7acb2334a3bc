"""The "Nytt i guiden" / "What's new" page: the change records of data/changes.yaml, newest first, and when
each programme was last reviewed. Rendered by `<!-- guide:changes -->` and `<!-- guide:reviews -->` (markers.py).

The same records make the Atom feeds (feeds.py), whose entries link to the anchors written here
(`change-<id>`), so an anchor is as permanent as the record's id. Dates are the records' own (never the
build's), so two builds of one commit give the same page. Every value is escaped (htmlkit.esc); day
headings are written as Markdown so they reach the table of contents (htmlkit.markdown_text).
Assumes validated data (model.CHANGE): full ISO dates, known kinds, programme and source ids that resolve.
"""
from __future__ import annotations

from itertools import groupby

from .guide import Guide
from .htmlkit import cite, esc, markdown_text, program_url, relative, table_region, text
from .labels import label
from .render_due import date_words
from .render_reference import swedish_key
from .types import iso

CHANGES_PAGE = "nytt/"      # docs/sv/nytt.md and docs/en/nytt.md
FEED_FILE = "feed.xml"      # one per language tree: /feed.xml and /en/feed.xml (overrides/main.html links it)
REVIEWS_ID = "granskning"   # the reviews table's anchor, the same in both languages


def change_anchor(change_id: str) -> str:
    return f"change-{change_id}"


def newest_first(changes: list[dict]) -> list[dict]:
    """Newest date first; records of one day keep the order of the file (the later one first), so the order
    never depends on anything but the data."""
    indexed = list(enumerate(changes))
    return [change for _, change in sorted(indexed, key=lambda pair: (iso(pair[1]["date"]), pair[0]), reverse=True)]


def program_names(guide: Guide) -> dict[str, dict]:
    return {p["id"]: p["name"] for p in guide.programs}


def change_html(guide: Guide, change: dict, lang: str, page_url: str, names: dict[str, dict]) -> str:
    kind = esc(guide.vocab_label("change_kinds", change["kind"], lang))
    day = iso(change["date"])
    parts = [f'<h3 id="{esc(change_anchor(change["id"]))}">{text(change["title"], lang)}</h3>',
             f'<p class="change-meta"><span class="change-kind">{kind}</span>, '
             f'<time datetime="{esc(day)}">{esc(date_words(day, lang))}</time></p>',
             f'<p>{text(change["description"], lang)}</p>',
             f'<p><strong>{esc(label(lang, "change_why"))}</strong> {text(change["why"], lang)}</p>']
    if change.get("programs"):
        links = ", ".join(f'<a href="{esc(relative(program_url(p), page_url))}">{text(names[p], lang)}</a>'
                          for p in change["programs"])
        parts.append(f'<p class="change-programs"><strong>{esc(label(lang, "change_programs"))}</strong> {links}</p>')
    if change.get("sources"):
        parts.append(f'<p class="change-sources"><strong>{esc(label(lang, "change_sources"))}</strong> '
                     f'{cite(guide, change["sources"])}</p>')
    return f'<article class="change change-{esc(change["kind"].replace("_", "-"))}">{"".join(parts)}</article>'


def changes_block(guide: Guide, lang: str, page_url: str) -> str:
    """The feed link, then one section per day (a Markdown heading, so it is in the table of contents)."""
    feed = relative(FEED_FILE, page_url)
    out = [f'<p class="feed-link"><a href="{esc(feed)}" type="application/atom+xml">{esc(label(lang, "changes_feed"))}</a>. '
           f'{esc(label(lang, "changes_feed_hint"))}</p>']
    names = program_names(guide)
    for day, changes in groupby(newest_first(guide.changes), key=lambda c: iso(c["date"])):
        out.append(f"\n## {markdown_text(date_words(day, lang))}\n")
        out.append('<div class="changes">' + "".join(change_html(guide, c, lang, page_url, names) for c in changes) + "</div>")
    return "\n".join(out)


def reviews_block(guide: Guide, lang: str, page_url: str) -> str:
    """Every programme with the day its facts were last checked, the longest ago first."""
    rows = []
    for program in sorted(guide.programs, key=lambda p: (iso(p["last_reviewed"]), swedish_key(p["name"][lang]))):
        day = iso(program["last_reviewed"])
        stale = f' <span class="stale">{esc(label(lang, "reviews_stale"))}</span>' if guide.is_stale(program) else ""
        rows.append(f'<tr><th scope="row"><a href="{esc(relative(program_url(program["id"]), page_url))}">{text(program["name"], lang)}</a></th>'
                    f'<td><time datetime="{esc(day)}">{esc(day)}</time>{stale}</td></tr>')
    headers = [esc(label(lang, key)) for key in ("programme", "last_reviewed")]
    return table_region(REVIEWS_ID, "reviews", label(lang, "reviews_caption"), headers, rows)
