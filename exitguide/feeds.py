"""Atom feeds (RFC 4287) of the change records in data/changes.yaml: /feed.xml in Swedish, /en/feed.xml in English.

Made by the core and written by the MkDocs hook after the build (hooks/guide.py: on_post_build), next to the
open data. Every page's <head> links its language's feed (overrides/main.html). What makes a feed reader
trust it: permanent ids. The feed's id is the What's new page's address and each entry's id is the address of
its record on that page (…/nytt/#change-<id>), both built from site_url in mkdocs.yml and the record's id, never
from the build's time; `updated` is the record's own date. So two builds of one commit write identical bytes.
Absolute addresses are needed (an Atom id must be an absolute IRI, and readers resolve relative links poorly),
so a site without site_url gets a clear error instead of a feed. Assumes validated data (model.CHANGE).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from .guide import Guide
from .htmlkit import SOURCES_PAGE, esc, program_url
from .labels import LANGUAGES, label, language_folder
from .render_changes import CHANGES_PAGE, FEED_FILE, change_anchor, newest_first, program_names
from .types import iso

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class FeedError(ValueError):
    """Why no feed can be made (the message names the setting to fix)."""


def feed_path(lang: str) -> str:
    """Where a language's feed lives, from the site root: feed.xml, en/feed.xml (overrides/main.html links it)."""
    return language_folder(lang) + FEED_FILE


def language_root(site_url: str, lang: str) -> str:
    return site_url.rstrip("/") + "/" + language_folder(lang)


def timestamp(day) -> str:
    """An RFC 3339 date-time for a record's day: midnight UTC (the day is all the record knows)."""
    return f"{iso(day)}T00:00:00Z"


def _element(parent, tag: str, content: str | None = None, **attributes) -> ET.Element:
    child = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if content is not None:
        child.text = content
    return child


def entry_content(guide: Guide, change: dict, lang: str, root: str, names: dict[str, dict]) -> str:
    """The entry's body as HTML (escaped once here, and once more by the XML writer, as type="html" requires)."""
    parts = [f'<p>{esc(change["description"][lang])}</p>',
             f'<p><strong>{esc(label(lang, "change_why"))}</strong> {esc(change["why"][lang])}</p>']
    if change.get("programs"):
        links = ", ".join(f'<a href="{esc(root + program_url(p))}">{esc(names[p][lang])}</a>' for p in change["programs"])
        parts.append(f'<p><strong>{esc(label(lang, "change_programs"))}</strong> {links}</p>')
    if change.get("sources"):
        links = ", ".join(f'<a href="{esc(root + SOURCES_PAGE + "#src-" + s)}">{esc(guide.sources[s]["short"])}</a>'
                          for s in change["sources"])
        parts.append(f'<p><strong>{esc(label(lang, "change_sources"))}</strong> {links}</p>')
    return "".join(parts)


def atom_feed(guide: Guide, lang: str, site_url: str) -> str:
    """One language's feed as the text of an XML document."""
    if not site_url or not urlsplit(site_url).scheme.startswith("http") or not urlsplit(site_url).netloc:
        raise FeedError(f"mkdocs.yml: expected site_url to be the site's absolute address (https://…/), got {site_url!r}. "
                        "Tip: set site_url; the Atom feeds' permanent ids are built from it.")
    root = language_root(site_url, lang)
    page = root + CHANGES_PAGE
    changes = newest_first(guide.changes)
    names = program_names(guide)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: lang})
    _element(feed, "id", page)
    _element(feed, "title", label(lang, "feed_title"))
    _element(feed, "subtitle", label(lang, "feed_subtitle"))
    _element(feed, "updated", max(timestamp(c["date"]) for c in changes))
    author = _element(feed, "author")
    _element(author, "name", label(lang, "feed_author"))
    _element(author, "uri", root)
    _element(feed, "link", rel="self", type="application/atom+xml", href=root + FEED_FILE)
    _element(feed, "link", rel="alternate", type="text/html", href=page)
    for other in LANGUAGES:
        if other != lang:
            _element(feed, "link", rel="alternate", type="application/atom+xml", hreflang=other,
                     href=language_root(site_url, other) + FEED_FILE)
    _element(feed, "rights", label(lang, "feed_rights"))
    for change in changes:
        entry = _element(feed, "entry")
        address = f"{page}#{change_anchor(change['id'])}"
        _element(entry, "id", address)
        _element(entry, "title", change["title"][lang])
        _element(entry, "updated", timestamp(change["date"]))
        _element(entry, "published", timestamp(change["date"]))
        _element(entry, "link", rel="alternate", type="text/html", href=address)
        _element(entry, "category", term=change["kind"], label=guide.vocab_label("change_kinds", change["kind"], lang))
        _element(entry, "summary", change["description"][lang])
        _element(entry, "content", entry_content(guide, change, lang, root, names), type="html")
    ET.indent(feed, space=" ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def feed_files(guide: Guide, site_url: str) -> dict[str, str]:
    """Path from the site root -> the feed's text, for every language."""
    return {feed_path(lang): atom_feed(guide, lang, site_url) for lang in LANGUAGES}


def write_feeds(guide: Guide, site_dir: Path, site_url: str) -> list[Path]:
    """Write both feeds into a built site (the hook calls this once, after both languages are built)."""
    written = []
    for relative_path, xml in feed_files(guide, site_url).items():
        path = Path(site_dir) / relative_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(xml, encoding="utf-8", newline="\n")
        written.append(path)
    return written
