"""Post-processing of the built HTML and output folder, kept out of the hooks so it can be tested alone.

What it does, and when (hooks/theme.py and hooks/guide.py call it):
- fix_page: per page (and for the 404 page), after the theme rendered it. Each change is an Edit below that
  knows what the theme's markup must contain and how often; when the theme's markup no longer has it, the
  edit raises ThemeMarkupChanged naming itself, and the build stops (nothing fails silently after a Material
  update). The edits: the quick-exit band into the slot overrides/main.html leaves at the foot of the header
  (its words come from labels.py), the Content-Security-Policy into the slot at the top of <head>, a name for
  the search dialog (axe: aria-dialog-name), no relative hreflang links in <head> (Material fetches
  <alternate>/sitemap.xml for each and gets 404s; the sitemap keeps hreflang), no empty tabindex on the
  navigation labels, and English pages pointed at the English search index. It also checks that
  lazy_search.js (put before the theme's bundle by the `scripts` block in overrides/main.html) is there.
- What a template block can do is done there, not here: overrides/main.html writes the referrer policy, the
  slots and the lazy-search script; overrides/404.html the 404 page's content (not_found_message).
- focusable_abbreviations: per page, on the page content (Python-Markdown's output, not the theme's).
- allow_live_reload: under `mkdocs serve` only, after fix_page.
- trim_assets: once, after both languages are built (search_index.py splits and enriches the index).
Assumes: Material 9.8.x's markup as each Edit describes it (`expected`); other markup is an error, never a
silent skip. Conventions: `lang` is one of labels.LANGUAGES: the default language at /, each other one under
/<lang>/ (labels.language_folder).
"""
from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .labels import DEFAULT_LANGUAGE, LANGUAGES, label, language_folder
from .render_reference import quick_exit_band, search_help

CSP = ("default-src 'self'; script-src 'self'{hashes}; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)
# An abbreviation becomes focusable (so its explanation shows on keyboard focus), except inside a link,
# which is focusable already and must not contain another focusable element.
ABBR_OR_LINK = re.compile(r"<a\b[^>]*>.*?</a>|<abbr (?![^>]*tabindex)", re.S)
# Put before the theme's bundle by overrides/main.html (a template global set by hooks/theme.py). Its leading
# comment is for maintainers and stays in the file: inlined, it would travel with every page.
LAZY_SEARCH = "<script>" + re.sub(r"\A\s*/\*.*?\*/\s*", "", (Path(__file__).parent / "lazy_search.js").read_text(encoding="utf-8"),
                                  count=1, flags=re.S).strip() + "</script>"
KEEP_LUNR = {"lunr.sv.min.js", "lunr.stemmer.support.min.js"}  # each index has one language, so no lunr.multi


class ThemeMarkupChanged(Exception):
    """An edit of the theme's output found what it edits a number of times other than expected."""


@dataclass(frozen=True)
class Edit:
    """One change to the theme's output. `expected` says, for the maintainer, what the markup must contain and
    which template writes it; `count` is how often per page (0: at least once)."""
    name: str
    pattern: re.Pattern
    expected: str
    count: int = 1
    tip: str = "Material's markup changed; see exitguide/site_fixes.py {name}: adjust the pattern to the new markup, " \
               "or drop the edit if the theme now does this itself."

    def apply(self, text: str, replacement: str | Callable[[re.Match], str]) -> str:
        result, found = self.pattern.subn(replacement if callable(replacement) else (lambda _: replacement), text)
        if found == 0 or (self.count and found != self.count):
            wanted = f"exactly {self.count}" if self.count else "at least 1"
            raise ThemeMarkupChanged(f"theme edit {self.name}: expected {wanted} × {self.expected}; found {found}. "
                                     f"Tip: {self.tip.format(name=self.name)}")
        return result


CSP_SLOT = "<!--content-security-policy-->"
QUICK_EXIT_SLOT = "<!--quick-exit-band-->"
CSP_META = Edit("CSP_META", re.compile(re.escape(CSP_SLOT)),
                f"the slot {CSP_SLOT} that overrides/main.html writes at the top of the theme's site_meta block (base.html)")
QUICK_EXIT_BAND = Edit("QUICK_EXIT_BAND", re.compile(re.escape(QUICK_EXIT_SLOT)),
                       f"the slot {QUICK_EXIT_SLOT} that overrides/main.html puts before the `</header>` of the theme's "
                       "header block (partials/header.html)")
HREFLANG_LINKS = Edit("HREFLANG_LINKS", re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">'),
                      '<link rel="alternate" href="…" hreflang="…"> in <head> (base.html, site_meta block: one per '
                      "language in extra.alternate, which mkdocs-static-i18n sets)", count=0)
SEARCH_DIALOG_NAME = Edit("SEARCH_DIALOG_NAME", re.compile(r'class="md-search" data-md-component="search" role="dialog"'),
                          'class="md-search" data-md-component="search" role="dialog" (partials/search.html)')
EMPTY_TABINDEX = Edit("EMPTY_TABINDEX", re.compile(' tabindex=""'),
                      'tabindex="" on the navigation section labels (partials/nav-item.html), an invalid value', count=0)
SEARCH_BASE = Edit("SEARCH_BASE", re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base":\s*")([^"]*)(")'),
                   '"base": "…" in <script id="__config" type="application/json"> (base.html, config block), '
                   "where the search worker looks for search/search_index.json")
LAZY_SEARCH_FIRST = Edit("LAZY_SEARCH_FIRST",
                         re.compile(re.escape(LAZY_SEARCH) + r'\s*<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js">'),
                         "lazy_search.js right before <script src=\"…/assets/javascripts/bundle.….min.js\">: overrides/main.html "
                         "puts it first in the theme's scripts block (base.html), which loads the bundle")
SEARCH_HELP = Edit("SEARCH_HELP", re.compile("</body>"), "the page's </body>, before which the search help's template goes (base.html)")
THEME_EDITS = (CSP_META, QUICK_EXIT_BAND, HREFLANG_LINKS, SEARCH_DIALOG_NAME, EMPTY_TABINDEX, SEARCH_BASE, LAZY_SEARCH_FIRST,
               SEARCH_HELP)


def fix_page(html: str, lang: str, home: str = "") -> str:
    """`home`: the language's home page seen from this page (relative, or absolute on the 404 page), for the band's
    and the search help's links."""
    head, sep, body = html.partition("</head>")
    head = HREFLANG_LINKS.apply(head, "")
    if lang != DEFAULT_LANGUAGE:  # Material's config says where the search index lives; point English pages at /en/search/.
        body = SEARCH_BASE.apply(body, lambda m: m.group(1) + _language_base(m.group(2), lang) + m.group(3))
    body = QUICK_EXIT_BAND.apply(body, quick_exit_band(lang, home))
    body = SEARCH_HELP.apply(body, search_help(lang, home) + "</body>")
    body = SEARCH_DIALOG_NAME.apply(body, lambda m: f'{m.group(0)} aria-label="{label(lang, "search")}"')
    body = EMPTY_TABINDEX.apply(body, "")
    body = LAZY_SEARCH_FIRST.apply(body, lambda m: m.group(0))  # a check only: the block override did the work
    page = head + sep + body
    # Last, so the hashes cover the inline scripts exactly as they are served.
    return CSP_META.apply(page, f'<meta http-equiv="Content-Security-Policy" content="{csp_for(page)}">')


def focusable_abbreviations(html: str) -> str:
    return ABBR_OR_LINK.sub(lambda m: '<abbr tabindex="0" ' if m.group(0).startswith("<abbr") else m.group(0), html)


def not_found_message(root: str = "/") -> str:
    """The content of the one 404 page (overrides/404.html): a host serves /404.html for any missing address, in
    any language, so it is Swedish with an English part, and its links are absolute."""
    homes = home_pages(root)
    first = DEFAULT_LANGUAGE
    return (f'<h1>{label(first, "not_found_title")}</h1>\n<p>{label(first, "not_found_text", home=homes[first])}</p>\n'
            + "\n".join(f'<div lang="{lang}">\n<h2>{label(lang, "not_found_title")}</h2>\n'
                        f'<p>{label(lang, "not_found_text", home=homes[lang])}</p>\n</div>' for lang in LANGUAGES if lang != first))


def home_pages(root: str = "/") -> dict[str, str]:
    """Each language's home page under the site's `root` path: /, /en/."""
    return {lang: root + language_folder(lang) for lang in LANGUAGES}


def not_found_alternates(alternates: list[dict], root: str = "/") -> list[dict]:
    """The language menu of the 404 page: each language's entry (Material's extra.alternate) leads to its home page."""
    homes = home_pages(root)
    return [{**alternate, "link": homes[alternate["lang"]]} for alternate in alternates]


# mkdocs serve injects its live-reload script inline before </body>, with the build's epoch and a per-request
# id in its text (mkdocs/livereload/__init__.py, _inject_js_into_html), so no hash can name it in advance.
# Under serve only, the page's policy allows inline scripts instead of listing hashes (a policy with hashes
# ignores 'unsafe-inline'); every other directive stays as built. A build never gets this.
SERVE_SCRIPT_SRC = "script-src 'self' 'unsafe-inline';"
LIVE_RELOAD_CSP = Edit("LIVE_RELOAD_CSP", re.compile(r"(<meta http-equiv=\"Content-Security-Policy\" content=\"[^\"]*?)script-src [^;\"]*;"),
                       "a script-src in the page's Content-Security-Policy meta tag",
                       tip="fix_page writes that tag (CSP_META in exitguide/site_fixes.py); keep a script-src in CSP.")


def allow_live_reload(html: str) -> str:
    return LIVE_RELOAD_CSP.apply(html, lambda m: m.group(1) + SERVE_SCRIPT_SRC)


def csp_for(html: str) -> str:
    """The policy with a hash for each inline script the theme emits, so no inline code needs 'unsafe-inline'."""
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
                     for body in INLINE_SCRIPT.findall(html)})
    return CSP.format(hashes="".join(" " + h for h in hashes))


def _language_base(base: str, lang: str) -> str:
    """Material's "base" (the site root seen from the page) made the language's folder: '..' -> '../en/'."""
    folder = language_folder(lang).rstrip("/")
    base = base.rstrip("/")
    if base.endswith("/" + folder) or base == folder:
        return base + "/"
    return (base + f"/{folder}/") if base not in ("", ".") else f"{folder}/" if base == "" else f"./{folder}/"


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
