"""The route finder page in Chromium: it gives the same answers as exitguide.routefinder.evaluate for a
sample of situations in both languages, keeps the answers inside the page (no address, history, cookie,
storage or request), shows the first route without scrolling at 375 px, prints on one A4 page, passes
axe with the answer shown, and lists every route grouped by who is asking without JavaScript."""
from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from every_page import AXE_SOURCE, AXE_TAGS
from test_route_finder import GUIDE, SITUATIONS, _weekday
from exitguide import routefinder
from exitguide.labels import LANGUAGES, label

SAMPLE = SITUATIONS[::37]
PATH = {"sv": "/vem-kan-hjalpa/", "en": "/en/vem-kan-hjalpa/"}


def fill_in(page, situation):
    page.check(f'#route-finder input[name="who"][value="{situation.who}"]')
    page.fill('#route-finder input[name="age"]', "" if situation.age is None else str(situation.age))
    name = GUIDE.vocabularies["municipalities"][situation.place]["sv"] if situation.place else ""
    page.fill('#route-finder input[name="place"]', name)
    page.set_checked('#route-finder input[name="danger"]', situation.danger)
    page.fill('#route-finder input[name="when"]', situation.when.strftime("%Y-%m-%dT%H:%M"))
    page.click('#route-finder button[type="submit"]')
    page.wait_for_selector("#route-results li")


def shown(page):
    return page.eval_on_selector_all("#route-results > li", "items => items.map(li => [li.dataset.route, li.dataset.eligible, li.dataset.open])")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_page_answers_as_the_python_function_does(browser, server, lang):
    table = routefinder.decision_table(GUIDE, lang)
    page = browser.new_page()
    page.goto(server + PATH[lang])
    mismatches = []
    for situation in SAMPLE:
        fill_in(page, situation)
        expected = routefinder.evaluate(table, situation)
        if shown(page) != [[i["id"], i["eligible"], i["open"]] for i in expected]:
            mismatches.append((situation, shown(page), [[i["id"], i["eligible"], i["open"]] for i in expected]))
        summary = page.locator(".rf-summary").get_attribute("data-summary")
        if situation.place is not None and summary != routefinder.summary(expected, situation):
            mismatches.append((situation, summary, routefinder.summary(expected, situation)))
    page.close()
    assert len(SAMPLE) >= 20 and not mismatches, mismatches[:3]


def test_reasons_and_opening_texts_are_shown(browser, server):
    situation = next(s for s in SITUATIONS if s.place and s.danger and s.age == 17 and s.who == "person")
    page = browser.new_page()
    page.goto(server + PATH["sv"])
    fill_in(page, situation)
    first = page.locator("#route-results > li").first
    assert first.get_attribute("data-route") == next(r["id"] for r in GUIDE.routes if r.get("emergency"))
    assert "Ring 112 först" in first.inner_text()
    texts = page.locator("#route-results .rf-open").all_inner_texts()
    assert texts and all(t.strip() for t in texts)
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_answer_names_the_place_and_the_opening_time_as_the_page_language_writes_them(browser, server, lang):
    """The script has no language of its own: the place comes in the page's language (Göteborg, Gothenburg) and
    a time of day in the notation labels.py gives it (09.00, 09:00)."""
    table = routefinder.decision_table(GUIDE, lang)
    candidates = []
    for key, names in sorted(GUIDE.vocabularies["municipalities"].items()):
        situation = routefinder.Situation("person", 20, key, False, _weekday(22))
        closed = [i for i in routefinder.evaluate(table, situation) if i["open"] == "no" and "T" in (i["opens"] or "")]
        if closed:
            candidates.append((len(set(names[lang] for lang in LANGUAGES)) > 1, situation, closed[0]))
    differs, situation, item = max(candidates, key=lambda c: c[0])
    assert differs, "the data should have a place with a name of its own in each language, and a line that opens at a set time"
    page = browser.new_page()
    page.goto(server + PATH[lang])
    fill_in(page, situation)
    place = GUIDE.vocabularies["municipalities"][situation.place]
    assert place[lang] in page.locator(".rf-summary").inner_text()
    hours, minutes = item["opens"].split("T")[1].split(":")
    opens = page.locator(f'#route-results > li[data-route="{item["id"]}"] .rf-open').inner_text()
    assert label(lang, "hours_clock", hours=hours, minutes=minutes) in opens, opens
    for other in LANGUAGES:
        if other != lang:
            assert place[other] not in page.locator(".rf-summary").inner_text()
            assert label(other, "hours_clock", hours=hours, minutes=minutes) not in opens, opens
    page.close()


def test_nothing_about_the_answers_leaves_the_page(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(server + PATH["sv"], wait_until="networkidle")
    requests, start_url, start_history = [], page.url, page.evaluate("history.length")
    page.on("request", lambda r: requests.append(r.url))
    for situation in SAMPLE[:6]:
        fill_in(page, situation)
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert requests == [], "the answers must not cause any request"
    assert page.url == start_url and urlparse(page.url).query == "" and urlparse(page.url).fragment == ""
    assert page.evaluate("history.length") == start_history
    assert page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    assert context.cookies() == []
    assert page.locator("#route-finder").get_attribute("autocomplete") == "off"
    context.close()


def test_first_route_is_visible_without_scrolling_at_375_and_axe_finds_nothing(browser, server):
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(server + PATH["sv"])
    fill_in(page, SAMPLE[3])
    page.wait_for_timeout(400)
    box = page.locator("#route-results > li").first.bounding_box()
    header = page.locator("header").first.bounding_box()
    assert box["y"] >= header["y"] + header["height"] - 1 and box["y"] + 40 <= 740, box
    covering = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('#route-results > li') !== null",
                             [box["x"] + 20, box["y"] + 10])
    assert covering, "the first route is hidden under something"
    page.evaluate(AXE_SOURCE)
    violations = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map(v => v.id))", AXE_TAGS)
    assert violations == []
    page.close()


def test_the_answer_prints_on_one_a4_page(browser, server):
    page = browser.new_page()
    page.goto(server + PATH["en"])
    fill_in(page, next(s for s in SITUATIONS if s.place and s.who == "professional" and s.danger))
    page.emulate_media(media="print")
    assert not page.locator("#route-finder").is_visible()
    pdf = page.pdf(format="A4")
    page.close()
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_without_javascript_every_route_is_listed_by_who_is_asking(browser, server, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + PATH[lang])
    assert not page.locator("#route-finder").is_visible()
    for audience in routefinder.AUDIENCES:
        listed = page.eval_on_selector_all(f"#rf-group-{audience} ~ [data-card]", "cards => cards.map(c => c.dataset.card)")
        assert listed == [r["id"] for r in GUIDE.routes if audience in r["audiences"]]
    programmes = page.eval_on_selector_all("#rf-group-programmes ~ [data-card]", "cards => cards.map(c => c.dataset.card)")
    assert programmes == [row["id"] for row in routefinder.candidates(GUIDE, lang) if row["type"] == "programme"]
    context.close()
