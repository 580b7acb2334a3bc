"""Programme pages read at a glance, and numbered citations, as a reader meets them in Debian's Chromium at 375 px.

- Contact within two screens: on every programme page whose contacts have a phone number or an e-mail
  address, the first tel: or mailto: link starts within 1,600 px of the top at 375 px, in both languages;
  on a page whose contact is only a web address, the contact card does.
- Numbered citations, on every built page (from the HTML): the marks number the sources in first-cited
  order, every mark leads to an entry of the page's list, the list is numbered in that order, each
  mark's accessible name is written once in its entry, and no placeholder reaches a page.
- In the browser: hovering a mark shows its source's details, and they stay while the pointer moves onto
  them; a click goes to the list entry; focusing it (keyboard) shows them, Escape hides them, Enter goes to the list entry without a
  history entry (the quick exit relies on that) and the entry's way back returns to the mark followed;
  a first tap shows them and a second follows; screen readers get the name "Källa N: …" and the details.
- Without JavaScript the number is a plain link to its entry, and the entry's way back is a link to the
  source's first mark. In print the numbers and the list are there, the box and the way back are not.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import TimeoutError as BrowserTimeout

from helpers import ROOT
from exitguide.labels import LABELS

PROGRAMS = yaml.safe_load((ROOT / "data" / "programs.yaml").read_text(encoding="utf-8"))["programs"]
TWO_SCREENS = 1600
PHONE = 375
CONTACT_LINK = 'main a[href^="tel:"], main a[href^="mailto:"]'
MARK = '.cite a[href^="#ref-"]'


def contact_kinds(program: dict) -> set[str]:
    return {kind for contact in program.get("contacts") or [] for kind in ("phone", "email", "web") if contact.get(kind)}


def top_of(locator) -> float:
    return locator.evaluate("e => e.getBoundingClientRect().top + window.scrollY")


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport={"width": PHONE, "height": 800})
    yield context
    context.close()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_first_contact_is_within_two_screens_at_375_px(phone, server, prefix):
    page = phone.new_page()
    checked, problems = 0, []
    for program in PROGRAMS:
        kinds = contact_kinds(program)
        if not kinds:
            continue
        path = f"{prefix}/program/{program['id']}/"
        page.goto(server + path)
        target = page.locator(CONTACT_LINK if kinds & {"phone", "email"} else "main ul.contacts").first
        assert target.count(), f"{path}: no contact on the page"
        top = top_of(target)
        checked += 1
        if top > TWO_SCREENS:
            problems.append(f"{path}: the first contact starts {top:.0f} px from the top, expected at most {TWO_SCREENS}")
    page.close()
    assert checked >= 6 and not problems, "\n".join(problems)


# --- Numbered citations in the built HTML --------------------------------------------------------------------

class Citations(HTMLParser):
    """The marks (number, text, id, aria-labelledby) in document order, and the list's entries with their names."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.marks: list[dict] = []
        self.entries: list[str] = []     # li ids in the order of the list
        self.names: dict[str, str] = {}  # id of a hidden name -> its text
        self.ids: set[str] = set()
        self.depth_cite = 0
        self.in_list = False
        self.open_name: str | None = None
        self.open_mark: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "span" and "cite" in (a.get("class") or "").split():
            self.depth_cite += 1
        if tag == "ol" and "reference-list" in (a.get("class") or "").split():
            self.in_list = True
        if self.in_list and tag == "li":
            self.entries.append(a.get("id"))
        if self.in_list and tag == "span" and (a.get("id") or "").endswith("-name"):
            self.open_name, self.names[a["id"]] = a["id"], ""
        if tag == "a" and self.depth_cite and (a.get("href") or "").startswith("#ref-"):
            self.open_mark = {"href": a["href"], "id": a.get("id"), "labelledby": a.get("aria-labelledby"), "text": ""}
            self.marks.append(self.open_mark)

    def handle_endtag(self, tag):
        if tag == "a":
            self.open_mark = None
        if tag == "span" and self.open_name:
            self.open_name = None
        elif tag == "span" and self.depth_cite and self.open_mark is None:
            self.depth_cite -= 1
        if tag == "ol":
            self.in_list = False

    def handle_data(self, data):
        if self.open_mark is not None:
            self.open_mark["text"] += data
        if self.open_name:
            self.names[self.open_name] += data


def built_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_numbers_its_citations_in_first_cited_order_and_lists_them(site):
    problems, pages_with_marks = [], 0
    for file in built_pages(site):
        html = file.read_text(encoding="utf-8")
        where = file.relative_to(site).as_posix()
        if re.search("[\ue000-\ue004]", html):
            problems.append(f"{where}: a placeholder reached the page")
        parsed = Citations()
        parsed.feed(html)
        if not parsed.marks:
            assert not parsed.entries, f"{where}: a list of sources without a citation"
            continue
        pages_with_marks += 1
        numbers = [int(m["href"].removeprefix("#ref-")) for m in parsed.marks]
        firsts = list(dict.fromkeys(numbers))
        if firsts != list(range(1, len(firsts) + 1)):
            problems.append(f"{where}: sources numbered {firsts[:12]}…, expected 1, 2, 3 … in first-cited order")
        if parsed.entries != [f"ref-{n}" for n in range(1, len(firsts) + 1)]:
            problems.append(f"{where}: the list holds {parsed.entries[:12]}…, expected ref-1 … ref-{len(firsts)} in order")
        for mark in parsed.marks:
            number = mark["href"].removeprefix("#ref-")
            if not re.fullmatch(rf"\[{number}(, (osäker|uncertain))?\]", mark["text"]):
                problems.append(f"{where}: a mark reads {mark['text']!r}, expected [{number}] or [{number}, osäker]")
            name = parsed.names.get(mark["labelledby"] or "", "")
            if not re.fullmatch(rf"(Källa|Source) {re.escape(mark['text'][1:-1])}: .+", name):
                problems.append(f"{where}: mark {mark['text']} is named {name!r}, expected 'Källa {number}: …'")
        first_ids = [m["id"] for m in parsed.marks if m["id"]]
        if first_ids != [f"cite-{n}" for n in firsts]:
            problems.append(f"{where}: ids on the marks {first_ids[:8]}…, expected one cite-N on each source's first mark")
    assert pages_with_marks >= 2 * len(PROGRAMS) + 10
    assert not problems, "\n".join(problems[:30])


def test_an_uncertain_source_keeps_its_caveat_at_the_mark_and_in_the_list(site):
    sources = yaml.safe_load((ROOT / "data" / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    uncertain = {s["id"] for s in sources if s["mark"] == "uncertain"}
    program = next(p for p in PROGRAMS if uncertain & set(re.findall(r"[a-z0-9-]+", str(p))))
    for prefix, word, label in (("", "osäker", LABELS["sv"]["caveat"]), ("en/", "uncertain", LABELS["en"]["caveat"])):
        html = (site / f"{prefix}program/{program['id']}/index.html").read_text(encoding="utf-8")
        marks = re.findall(rf'<a href="#ref-(\d+)"[^>]*>\[\d+, {word}\]</a>', html)
        assert marks, f"{prefix}program/{program['id']}: no mark says {word}"
        entry = re.search(rf'<li id="ref-{marks[0]}">.*?</li>', html).group(0)
        assert 'class="mark mark-uncertain"' in entry
        if "caveat" in entry:
            assert f"{label}:" in entry


# --- In the browser -------------------------------------------------------------------------------------------

PAGES = ["/program/malmo-konsultationsteamet/", "/en/program/goteborg-avhopparverksamhet/", "/arbetet/", "/en/jamforelse/villkor/"]


def box(page):
    return page.locator(".ref-box")


def entry_text(page, mark) -> str:
    number = mark.get_attribute("href").removeprefix("#ref-")
    return page.locator(f"#ref-{number}-about").inner_text()


@pytest.mark.parametrize("path", PAGES)
def test_hovering_a_mark_shows_its_source_and_the_details_stay_while_pointed_at(phone, server, path):
    page = phone.new_page()
    page.goto(server + path)
    mark = page.locator(f"main {MARK}").nth(2)
    mark.scroll_into_view_if_needed()
    mark.hover()
    assert box(page).is_visible()
    assert entry_text(page, mark).split(":")[0] in box(page).inner_text()
    inside = box(page).bounding_box()
    page.mouse.move(inside["x"] + 10, inside["y"] + inside["height"] - 5, steps=4)  # onto the box: it stays
    page.wait_for_timeout(500)
    assert box(page).is_visible()
    page.keyboard.press("Escape")
    assert not box(page).is_visible()
    before = page.evaluate("history.length")
    mark.click()  # a click goes to the list, as the link says, without a history entry
    page.wait_for_function("href => location.hash === href", arg=mark.get_attribute("href"))
    assert page.evaluate("history.length") == before
    page.close()


@pytest.mark.parametrize("path", PAGES)
def test_the_keyboard_opens_a_mark_follows_it_and_comes_back_without_a_history_entry(phone, server, path):
    page = phone.new_page()
    page.goto(server + path)
    marks = page.locator(f"main {MARK}")
    mark = marks.nth(marks.count() // 2)
    mark.focus()
    assert box(page).is_visible() and entry_text(page, mark).split(":")[0] in box(page).inner_text()
    lang = "en" if path.startswith("/en/") else "sv"
    name = f"{LABELS[lang]['cite_name'].split(' ')[0]} {mark.inner_text()[1:-1]}: "
    assert page.get_by_role("link", name=re.compile("^" + re.escape(name))).count() >= 1  # the screen reader's name
    assert mark.get_attribute("aria-describedby") == mark.get_attribute("href")[1:] + "-about"
    page.keyboard.press("Escape")
    assert not box(page).is_visible()
    before = page.evaluate("history.length")
    page.keyboard.press("Enter")
    number = mark.get_attribute("href").removeprefix("#ref-")
    page.wait_for_function(f"location.hash === '#ref-{number}'")
    assert page.evaluate("history.length") == before, "following a mark added a history entry"
    entry = page.locator(f"#ref-{number}")
    assert entry.evaluate("e => e.matches(':target')")
    entry.locator("a.ref-back").focus()
    page.keyboard.press("Enter")
    try:
        page.wait_for_function("e => e === document.activeElement", arg=mark.element_handle(), timeout=2_000)
    except BrowserTimeout:
        pytest.fail("the way back did not return to the mark followed")
    assert mark.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    assert page.evaluate("history.length") == before
    page.close()


def test_a_tap_opens_the_details_and_a_second_tap_follows(browser, server):
    context = browser.new_context(viewport={"width": PHONE, "height": 800}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(server + "/program/goteborg-avhopparverksamhet/")
    mark = page.locator(f"main {MARK}").nth(1)
    mark.scroll_into_view_if_needed()
    mark.tap()
    assert box(page).is_visible() and page.evaluate("location.hash") == ""
    under, at = box(page).bounding_box(), mark.bounding_box()
    assert 0 <= under["y"] - (at["y"] + at["height"]) <= 12 and under["x"] >= 0 and under["x"] + under["width"] <= PHONE
    assert box(page).locator('a[href^="#ref-"]').count() == 1  # the box offers the way to the list
    mark.tap()
    page.wait_for_function("location.hash.startsWith('#ref-')")
    assert not box(page).is_visible()
    context.close()


def test_without_javascript_the_number_leads_to_its_entry_and_back(browser, server):
    context = browser.new_context(viewport={"width": PHONE, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/en/program/malmo-konsultationsteamet/")
    mark = page.locator(f"main {MARK}").nth(3)
    number = mark.get_attribute("href").removeprefix("#ref-")
    mark.click()
    assert page.evaluate("location.hash") == f"#ref-{number}"
    entry = page.locator(f"#ref-{number}")
    assert entry.is_visible() and entry.evaluate("e => e.matches(':target')")
    entry.locator("a.ref-back").click()
    assert page.evaluate("location.hash") == f"#cite-{number}"
    assert page.locator(f"#cite-{number}").is_visible()
    context.close()


def test_print_shows_the_numbers_and_the_list_but_not_the_box(phone, server):
    page = phone.new_page()
    page.goto(server + "/program/malmo-konsultationsteamet/")
    page.locator(f"main {MARK}").first.hover()
    page.emulate_media(media="print")
    assert page.locator(f"main {MARK}").first.is_visible()
    assert page.locator("ol.reference-list").is_visible()
    assert not box(page).is_visible() and not page.locator("a.ref-back").first.is_visible()
    page.close()


def test_citations_stay_out_of_the_search_index(site):
    for prefix in ("", "en/"):
        index = (site / prefix / "search" / "search_index.json").read_text(encoding="utf-8")
        assert "#page-sources" not in index, "a page's list of sources was indexed"
        assert not re.search(r"\[\d+(, (osäker|uncertain))?\]", index), "a numbered mark reached the search index"
