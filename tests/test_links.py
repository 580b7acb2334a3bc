"""Every internal link and anchor of the built site resolves, on every HTML page of both languages.

Runs over the session's strict build (the `site` fixture). A link is internal when it is relative, starts
with "/", or names the site's own host (site_url in mkdocs.yml, e.g. the canonical link). It resolves when
the file exists in the built folder (a folder address means its index.html) and, if it has a #fragment,
when the target page has an element with that id (same-page fragments too). Links that scripts write at
run time (search results, the comparison's side by side) are checked by the browser tests, not here.
"""
from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from helpers import ROOT

SITE_URL = urlsplit(re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1))
LINK_ATTRIBUTES = {"href", "src"}
NOT_ADDRESSES = ("mailto:", "tel:", "data:", "javascript:", "blob:")


class PageLinks(HTMLParser):
    """The ids a page defines and the (line, tag, attribute, value) of every href/src it holds."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name == "name" and tag == "a" and value:
                self.ids.add(value)  # HTML's fragment rule also finds <a name="…">
            elif name in LINK_ATTRIBUTES and value is not None:
                self.links.append((self.getpos()[0], tag, name, value))

    handle_startendtag = handle_starttag


def page_url(site: Path, file: Path) -> str:
    """The address path a file is served at: /en/arbetet/ for en/arbetet/index.html, /404.html for 404.html."""
    relative = file.relative_to(site).as_posix()
    return "/" + (relative.removesuffix("index.html") if relative.endswith("index.html") else relative)


def served_file(site: Path, path: str) -> Path | None:
    """The file a static host serves for an address path, or None (a 404)."""
    candidate = site / unquote(path).lstrip("/")
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def internal_path(value: str, base: str) -> tuple[str, str] | None:
    """(absolute path, fragment) of an internal link seen from the page at `base`; None for other hosts."""
    if value.startswith(NOT_ADDRESSES):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        if parts.netloc != SITE_URL.netloc:
            return None
        path = "/" + parts.path.removeprefix(SITE_URL.path.rstrip("/")).lstrip("/")
    elif parts.path.startswith("/"):
        path = parts.path
    elif parts.path:
        directory = base if base.endswith("/") else posixpath.dirname(base) + "/"
        path = posixpath.normpath(posixpath.join(directory, parts.path)) + ("/" if parts.path.endswith("/") else "")
    else:
        path = base  # "#x" or "?q": this very page
    return path.replace("//", "/"), unquote(parts.fragment)


@pytest.fixture(scope="module")
def parsed(site):
    pages = {}
    for file in sorted(site.rglob("*.html")):
        parser = PageLinks()
        parser.feed(file.read_text(encoding="utf-8"))
        pages[file] = parser
    return pages


def test_the_check_sees_every_page_of_both_languages(site, parsed):
    urls = {page_url(site, f) for f in parsed}
    assert {"/", "/en/", "/404.html", "/data/", "/en/data/", "/program/", "/en/program/"} <= urls
    assert sum(u.startswith("/en/") for u in urls) == sum(not u.startswith("/en/") and u != "/404.html" for u in urls)


def test_every_internal_link_and_anchor_resolves(site, parsed):
    problems = []
    checked = 0
    for file, page in parsed.items():
        base = page_url(site, file)
        for line, tag, attribute, value in page.links:
            target = internal_path(value, base)
            if target is None:
                continue
            checked += 1
            path, fragment = target
            where = f"{file.relative_to(site)}:{line}: <{tag} {attribute}=\"{value}\">"
            if base == "/404.html" and not value.startswith(("/", "#")) and not urlsplit(value).scheme:
                problems.append(f"{where}: expected an absolute link on the 404 page (a host serves it at any depth), "
                                "found a relative one. Tip: set site_url in mkdocs.yml.")
            found = served_file(site, path)
            if found is None:
                problems.append(f"{where}: expected a file in the built site for {path}, found none (404). "
                                "Tip: links in renderers are relative to the page's language tree; files in site/data/ exist once.")
            elif fragment and found.suffix == ".html" and fragment not in parsed[found].ids:
                problems.append(f"{where}: expected an element with id=\"{fragment}\" on {page_url(site, found)}, found none. "
                                "Tip: check the heading's slug or the id the renderer writes.")
    assert checked > 1000, f"only {checked} internal links found; is the parser still reading the pages?"
    assert not problems, f"{len(problems)} broken internal link(s):\n" + "\n".join(problems)


@pytest.mark.parametrize("value,base,expected", [
    ("../kallor/#src-x", "/program/a/", ("/program/kallor/", "src-x")),
    ("../../kallor/#src-x", "/en/program/a/", ("/en/kallor/", "src-x")),
    ("#top", "/en/arbetet/", ("/en/arbetet/", "top")),
    ("https://avhopparguiden.example.org/en/data/", "/", ("/en/data/", "")),
    ("https://www.smhi.se/", "/", None),
    ("tel:112", "/", None),
])
def test_internal_path_resolves_like_a_browser(value, base, expected):
    assert internal_path(value, base) == expected


def test_a_broken_download_link_is_reported(tmp_path):
    """The check itself fails on the bug it was written for: /en/data/ linking to /en/data/programs.csv."""
    (tmp_path / "en" / "data").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "programs.csv").write_text("id\n", encoding="utf-8")
    assert served_file(tmp_path, internal_path("programs.csv", "/en/data/")[0]) is None
    assert served_file(tmp_path, internal_path("../../data/programs.csv", "/en/data/")[0]) is not None
