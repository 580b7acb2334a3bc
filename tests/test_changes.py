"""What changed: the "Nytt i guiden" / "What's new" page and the two Atom feeds made from data/changes.yaml.

The feeds are read as a feed reader reads them: parsed as XML and checked for what RFC 4287 requires (feed
id/title/updated/author, entry id/title/updated, the alternate link of an entry, absolute ids, RFC 3339
dates), against the data. Every page's <head> names its language's feed with a same-site link. The change
records' own rules (no record without a date or a description, …) are rows in cases_validation.py.
"""
from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from helpers import ROOT, minimal_data
from exitguide import feeds, markers
from exitguide.guide import Guide
from exitguide.validate import validate

A = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})")
SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
CHANGES = yaml.safe_load((ROOT / "data" / "changes.yaml").read_text(encoding="utf-8"))["changes"]
PROGRAMS = yaml.safe_load((ROOT / "data" / "programs.yaml").read_text(encoding="utf-8"))["programs"]
FEEDS = {"sv": "feed.xml", "en": "en/feed.xml"}


def one(parent: ET.Element, tag: str) -> ET.Element:
    found = parent.findall(A + tag)
    assert len(found) == 1, f"expected exactly one atom:{tag} in {parent.tag}, found {len(found)}"
    return found[0]


def absolute(iri: str) -> bool:
    parts = urlsplit(iri)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def newest_first(changes):
    return [c for _, c in sorted(enumerate(changes), key=lambda pair: (str(pair[1]["date"]), pair[0]), reverse=True)]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_feed_is_atom_with_every_change_in_the_data(site, lang):
    root = ET.fromstring((site / FEEDS[lang]).read_bytes())
    assert root.tag == A + "feed" and root.get(XML_LANG) == lang
    page = SITE_URL + ("" if lang == "sv" else "en/") + "nytt/"
    assert one(root, "id").text == page
    assert one(root, "title").text.strip()
    assert one(one(root, "author"), "name").text.strip()  # a feed-level author covers every entry
    links = {(link.get("rel"), link.get("type"), link.get("hreflang")): link.get("href") for link in root.findall(A + "link")}
    assert links[("self", "application/atom+xml", None)] == SITE_URL + FEEDS[lang]
    assert links[("alternate", "text/html", None)] == page
    entries = root.findall(A + "entry")
    expected = newest_first(CHANGES)
    assert [one(e, "title").text for e in entries] == [c["title"][lang] for c in expected]
    ids = [one(e, "id").text for e in entries]
    assert ids == [f"{page}#change-{c['id']}" for c in expected] and len(set(ids)) == len(ids)
    assert all(absolute(i) for i in ids + [one(root, "id").text])
    updated = [one(e, "updated").text for e in entries]
    assert all(RFC3339.fullmatch(u) for u in updated + [one(root, "updated").text])
    assert updated == [f"{c['date']}T00:00:00Z" for c in expected]  # the record's date, never the build's time
    assert one(root, "updated").text == max(updated)
    for entry, change in zip(entries, expected):
        alternate = [link for link in entry.findall(A + "link") if link.get("rel", "alternate") == "alternate"]
        assert [link.get("href") for link in alternate] == [one(entry, "id").text]
        assert one(entry, "category").get("term") == change["kind"]
        assert html.escape(change["description"][lang]) in one(entry, "content").text and one(entry, "content").get("type") == "html"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_feed_entries_link_to_their_record_on_the_page(site, lang):
    root = ET.fromstring((site / FEEDS[lang]).read_bytes())
    for entry in root.findall(A + "entry"):
        address = one(entry, "id").text
        path, _, anchor = address.removeprefix(SITE_URL).partition("#")
        html = (site / path / "index.html").read_text(encoding="utf-8")
        assert f'id="{anchor}"' in html, address


def test_feeds_do_not_depend_on_the_day_they_are_built(tmp_path):
    result = validate(ROOT / "data")
    assert result.ok
    built = {day: feeds.feed_files(Guide.from_result(result, now=day), SITE_URL)
             for day in (dt.date(2026, 11, 30), dt.date(2031, 6, 1))}
    assert built[dt.date(2026, 11, 30)] == built[dt.date(2031, 6, 1)]


def test_a_site_without_site_url_gets_a_message_not_a_feed(tmp_path):
    guide = Guide.from_result(validate(minimal_data(tmp_path)))
    with pytest.raises(feeds.FeedError) as error:
        feeds.atom_feed(guide, "sv", "")
    assert str(error.value) == ("mkdocs.yml: expected site_url to be the site's absolute address (https://…/), got ''. "
                                "Tip: set site_url; the Atom feeds' permanent ids are built from it.")


class HeadLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.in_head, self.feeds = True, []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "body":
            self.in_head = False
        rel = (attributes.get("rel") or "").lower().split()  # a token list, as feed readers read it
        if self.in_head and tag == "link" and "alternate" in rel and attributes.get("type") == "application/atom+xml":
            self.feeds.append(attributes.get("href"))


def test_every_page_names_its_language_feed_in_its_head(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    for file in pages:
        relative = file.relative_to(site).as_posix()
        address = "/" + relative.removesuffix("index.html")
        parser = HeadLinks()
        parser.feed(file.read_text(encoding="utf-8"))
        lang = "en" if relative.startswith("en/") else "sv"
        assert len(parser.feeds) == 1, (relative, parser.feeds)
        assert 'rel="alternate"' not in file.read_text(encoding="utf-8").split("</head>", 1)[0]  # the theme would fetch a sitemap beside it
        href = parser.feeds[0]
        assert not urlsplit(href).scheme and not urlsplit(href).netloc, (relative, href)  # same site, no other host
        assert urljoin(address, href) == "/" + FEEDS[lang], (relative, href)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_page_lists_every_change_newest_first_and_every_review(site, lang):
    page = (site / ("" if lang == "sv" else "en/") / "nytt" / "index.html").read_text(encoding="utf-8")
    anchors = re.findall(r'<h3 id="change-([a-z0-9-]+)">', page)
    assert anchors == [c["id"] for c in newest_first(CHANGES)]
    for change in CHANGES:
        assert html.escape(change["title"][lang]) in page
    table = page.split('<table class="reviews"', 1)[1].split("</table>", 1)[0]
    assert len(re.findall(r"<tr><th scope=\"row\">", table)) == len(PROGRAMS)
    assert re.search(r'<a href="\.\./feed\.xml" type="application/atom\+xml">', page)


def test_the_repository_is_shown_where_contributions_are_asked_for(site):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    address = re.search(r"^  repository: (\S+)$", config, re.M).group(1)
    for lang in ("", "en/"):
        page = (site / lang / "bidra" / "index.html").read_text(encoding="utf-8")
        assert f'<a href="{address}" class="external" rel="noreferrer">{address}</a>' in page
    assert not re.search(r"^repo_url:", config, re.M)  # Material's repository widget would ask api.github.com


def test_a_repository_marker_without_an_address_stops_the_page(tmp_path):
    guide = Guide.from_result(validate(minimal_data(tmp_path)))
    with pytest.raises(markers.MarkerError) as error:
        markers.expand("# Bidra\n\nHär: <!-- guide:repository -->.\n", guide, "sv", "bidra/", "docs/sv/bidra.md", settings={})
    assert str(error.value) == ("docs/sv/bidra.md:3:6: error: marker guide:repository: expected the repository's https:// address "
                                "in mkdocs.yml (extra: repository:), got no address. Tip: add 'repository: https://…' under 'extra:' in mkdocs.yml.")


def test_the_change_record_example_in_contributing_passes_the_check(tmp_path):
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    example = text.split("## Record what changed", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    example = example.replace("example-programme", PROGRAMS[0]["id"]).replace("[source-id]", "[sbu-369]")
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    changes = data / "changes.yaml"
    changes.write_text(changes.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + example, encoding="utf-8")
    result = validate(data)
    assert [p.format_text() for p in result.errors] == []
    assert result.data["changes.yaml"]["changes"][-1]["id"] == "example-corrected"
