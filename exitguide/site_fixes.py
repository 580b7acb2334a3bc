"""Post-processing of the built HTML and output folder, kept out of the hooks so it can be tested alone.

- fix_page: per page, after the theme rendered it: the quick-exit band in the slot that
  overrides/main.html leaves at the foot of the header (its words come from labels.py), a Content-Security-Policy meta
  tag, a no-referrer policy, a name for the search dialog (axe: aria-dialog-name), focusable
  abbreviations, no relative hreflang links in <head> (Material fetches
  <alternate>/sitemap.xml for each and gets 404s; the sitemap keeps hreflang),
  English pages pointed at the English search index, and the search index loaded
  only when search opens (lazy_search.js, inlined before the theme's bundle).
- fix_not_found: the theme's 404 page, which every language build writes to the same /404.html:
  Swedish with an English part, and language links to both home pages.
- trim_assets: once, after both languages are built (search_index.py splits and enriches the index).
Conventions: `lang` is 'sv' (default, at /) or 'en' (at /en/).
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from .labels import label
from .render_reference import quick_exit_band, search_help

CSP = ("default-src 'self'; script-src 'self'{hashes}; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)
# An abbreviation becomes focusable (so its explanation shows on keyboard focus), except inside a link,
# which is focusable already and must not contain another focusable element.
ABBR_OR_LINK = re.compile(r"<a\b[^>]*>.*?</a>|<abbr (?![^>]*tabindex)", re.S)
ALTERNATE_LINK = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
BUNDLE_SCRIPT = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')
# No page tells another site that the visitor came from the guide: not a source link, and not the neutral
# page the quick exit loads with location.replace (a script navigation, which rel="noreferrer" does not cover).
REFERRER_POLICY = '<meta name="referrer" content="no-referrer">'
QUICK_EXIT_SLOT = "<!--quick-exit-band-->"  # written by overrides/main.html on every page, 404 included
LAZY_SEARCH = "<script>" + (Path(__file__).parent / "lazy_search.js").read_text(encoding="utf-8").strip() + "</script>"
KEEP_LUNR = {"lunr.sv.min.js", "lunr.stemmer.support.min.js"}  # each index has one language, so no lunr.multi


def fix_page(html: str, lang: str, home: str = "") -> str:
    """`home`: the language's home page as seen from this page (relative, '../' or '', or absolute on the 404 page)."""
    head, sep, body = html.partition("</head>")
    head = ALTERNATE_LINK.sub("", head)
    if lang != "sv":
        # Material's config says where the search index lives; point English pages at /en/search/.
        head = re.sub(r'("base":\s*")([^"]*)(")', lambda m: m.group(1) + _en_base(m.group(2)) + m.group(3), head, count=1)
        body = re.sub(r'("base":\s*")([^"]*)(")', lambda m: m.group(1) + _en_base(m.group(2)) + m.group(3), body, count=1)
    body = body.replace(QUICK_EXIT_SLOT, quick_exit_band(lang, home), 1)
    body = body.replace("</body>", search_help(lang, home) + "</body>", 1)
    body = body.replace('class="md-search" data-md-component="search" role="dialog"',
                        f'class="md-search" data-md-component="search" role="dialog" aria-label="{label(lang, "search")}"', 1)
    body = ABBR_OR_LINK.sub(lambda m: '<abbr tabindex="0" ' if m.group(0).startswith("<abbr") else m.group(0), body)
    body = BUNDLE_SCRIPT.sub(lambda m: LAZY_SEARCH + m.group(0), body, count=1)
    body = body.replace(' tabindex=""', "")  # the theme's navigation labels carry an empty (invalid) tabindex
    # Last, so the hashes cover the inline scripts exactly as they are served.
    head = head.replace("<head>", f'<head>\n    <meta http-equiv="Content-Security-Policy" content="{csp_for(head + sep + body)}">'
                        f'\n    {REFERRER_POLICY}', 1)
    return head + sep + body


NOT_FOUND_HEADING = re.compile(r"<h1>404 - [^<]*</h1>")
LANGUAGE_LINK = re.compile(r'<a href="[^"]*" hreflang="(sv|en)" class="md-select__link">')


def fix_not_found(html: str, root: str = "/") -> str:
    """One 404 page for both languages (a host serves /404.html for any missing address). The theme's
    language links on it point at whatever page was rendered last, so they go to the two home pages."""
    homes = {"sv": root, "en": root + "en/"}
    html = re.sub(r'<html lang="[^"]*"', '<html lang="sv"', html, count=1)
    html = LANGUAGE_LINK.sub(lambda m: f'<a href="{homes[m.group(1)]}" hreflang="{m.group(1)}" class="md-select__link">', html)
    message = (f'<h1>{label("sv", "not_found_title")}</h1>\n<p>{label("sv", "not_found_text", home=homes["sv"])}</p>\n'
               f'<div lang="en">\n<h2>{label("en", "not_found_title")}</h2>\n<p>{label("en", "not_found_text", home=homes["en"])}</p>\n</div>')
    html = NOT_FOUND_HEADING.sub(lambda _: message, html, count=1)
    return fix_page(html, "sv", home=homes["sv"])


def csp_for(html: str) -> str:
    """The policy with a hash for each inline script the theme emits, so no inline code needs 'unsafe-inline'."""
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
                     for body in INLINE_SCRIPT.findall(html)})
    return CSP.format(hashes="".join(" " + h for h in hashes))


def _en_base(base: str) -> str:
    base = base.rstrip("/")
    if base.endswith("/en") or base == "en":
        return base + "/"
    return (base + "/en/") if base not in ("", ".") else "en/" if base == "" else "./en/"


def trim_assets(site_dir: Path) -> None:
    """Remove what no page loads: source maps, lunr language files other than Swedish, and the
    palette stylesheet when the theme is configured without a palette (the start page names it if used)."""
    start_page = site_dir / "index.html"
    start = start_page.read_text(encoding="utf-8") if start_page.exists() else ""
    for palette in (site_dir / "assets" / "stylesheets").glob("palette.*.css"):
        if palette.name not in start:
            palette.unlink()
    for map_file in (site_dir / "assets").rglob("*.map"):
        map_file.unlink()
    lunr = site_dir / "assets" / "javascripts" / "lunr"
    if lunr.is_dir():
        for path in sorted(lunr.rglob("*"), reverse=True):
            if path.is_file() and path.name not in KEEP_LUNR:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
