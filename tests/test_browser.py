"""What a visitor's browser sees, in Debian's Chromium: every page in both languages at 1280 px and
375 px has no axe-core WCAG A/AA violation, asks no other host for anything, sets no cookie, logs no
error and breaks no Content-Security-Policy rule, and its language switch leads to the same page in the
other language. One walk visits the pages once per test session (tests/every_page.py, shared by the test
workers and with the quick exit's tests); each test here asserts one of those promises, per language, on
what the walk found. Plus search per language, the
comparison page and print. The quick exit has its own file, test_quick_exit.py; the comparison at 375 px,
its county filter, shared links and the evidence-and-gap map have test_comparison_browser.py."""
from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
import yaml

from every_page import language, page_paths
from helpers import ROOT

PROGRAMS = yaml.safe_load((ROOT / "data" / "programs.yaml").read_text(encoding="utf-8"))["programs"]


def test_the_walk_covers_every_built_page_of_its_language(every_page, site):
    built = page_paths(site)
    assert "/" in built and "/en/" in built and "/404.html" in built and "/en/program/" in built and len(built) > 80
    assert sum(p.startswith("/en/") for p in built) == len(built) // 2  # the 404 page is shared (walked with Swedish)
    assert every_page.paths == [p for p in built if language(p) == every_page.language]


def test_every_page_has_no_axe_violation_at_375_and_1280_px(every_page):
    assert not every_page.axe, "\n".join(every_page.axe)


def test_no_page_asks_another_host_for_anything_or_gets_a_failed_response(every_page):
    assert not every_page.requests, "\n".join(every_page.requests)


def test_no_page_sets_a_cookie(every_page):
    assert every_page.cookies == [], f"the site must set no cookies: {every_page.cookies}"


def test_no_page_logs_an_error(every_page):
    assert not every_page.console, "console errors:\n" + "\n".join(every_page.console)


def test_every_page_has_a_content_security_policy_and_breaks_none_of_it(every_page):
    assert not every_page.policy, "\n".join(every_page.policy)


def test_language_switch_lands_on_the_same_page(every_page):
    assert not every_page.language_switch, "\n".join(every_page.language_switch)


def search(page, query):
    field = page.locator("input.md-search__input")
    field.click(force=True)
    field.type(query, delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return [a.get_attribute("href") for a in page.locator(".md-search-result__item a.md-search-result__link").all()]


def test_search_stays_in_the_page_language_and_stems_swedish(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "/arbetet/")
    page.wait_for_timeout(500)
    swedish = search(page, "avhopparen")
    assert swedish and not any("/en/" in (h or "") for h in swedish)
    page.goto(server + "/en/arbetet/")
    page.wait_for_timeout(500)
    english = search(page, "relocation")
    assert english and all("/en/" in page.evaluate("h => new URL(h, location.href).href", h) for h in english)
    context.close()


def test_search_index_loads_only_when_search_opens(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    asked, workers = [], []
    page.on("request", lambda r: "search_index.json" in r.url and asked.append(urlparse(r.url).path))
    page.on("request", lambda r: "/workers/search." in r.url and workers.append(urlparse(r.url).path))
    page.goto(server + "/program/", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert asked == [], "the index must not load before the visitor opens search"
    assert workers == [], "the search worker must not load before the visitor opens search"
    page.locator('label[for="__search"]').first.click()
    assert search(page, "konsultationsteamet")
    assert asked == ["/search/search_index.json"]
    assert len(workers) == 1, workers
    page.goto(server + "/en/arbetet/?h=relocation", wait_until="networkidle")  # arriving from a search result
    page.wait_for_selector("mark", timeout=10_000)
    assert asked[-1] == "/en/search/search_index.json"
    context.close()


def overview_ids(page):
    return page.eval_on_selector_all("#compare-overview tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.program)")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_comparison_lists_every_programme(browser, server, prefix):
    page = browser.new_page()
    page.goto(server + prefix + "/jamforelse/")
    assert sorted(overview_ids(page)) == sorted(p["id"] for p in PROGRAMS)
    page.close()


def test_sorting_a_column_reorders_its_rows(browser, server):
    page = browser.new_page()
    page.goto(server + "/jamforelse/")
    level = page.locator("#compare-overview thead th").last.locator("button.sort-button")  # the evidence level
    level.click()
    ascending = page.eval_on_selector_all("#compare-overview tbody tr", "rows => rows.map(r => Number(r.lastElementChild.dataset.sort))")
    assert ascending == sorted(ascending) and len(set(ascending)) > 1
    level.click()
    descending = page.eval_on_selector_all("#compare-overview tbody tr", "rows => rows.map(r => Number(r.lastElementChild.dataset.sort))")
    assert descending == list(reversed(ascending))
    page.close()


def test_filtering_by_a_criterion_hides_programmes_without_it(browser, server):
    page = browser.new_page()
    page.goto(server + "/en/jamforelse/")
    page.select_option('select[data-filter="criteria"]', "confirmed_threat")
    expected = sorted(p["id"] for p in PROGRAMS if any(c["criterion"] == "confirmed_threat" and c["applies"]
                                                        for c in p.get("eligibility_criteria") or []))
    assert sorted(overview_ids(page)) == expected and len(expected) < len(PROGRAMS)
    page.close()


def test_side_by_side_shows_exactly_the_chosen_programmes_and_keeps_them_in_the_url(browser, server):
    page = browser.new_page()
    page.goto(server + "/jamforelse/")
    chosen = [PROGRAMS[0]["id"], PROGRAMS[2]["id"], PROGRAMS[4]["id"]]
    for program_id in chosen:
        page.check(f'#compare-overview input.pick[value="{program_id}"]')
    shown = page.eval_on_selector_all("#side-by-side table", "tables => Array.from(tables[0].tHead.querySelectorAll('th[data-program]')).map(t => t.dataset.program)")
    assert shown == chosen
    assert "compare=" + "%2C".join(chosen) in page.url or "compare=" + ",".join(chosen) in page.url
    page.goto(server + "/jamforelse/?compare=" + ",".join(chosen[:2]))
    shown = page.eval_on_selector_all("#side-by-side table", "tables => Array.from(tables[0].tHead.querySelectorAll('th[data-program]')).map(t => t.dataset.program)")
    assert shown == chosen[:2]
    page.close()


def test_without_javascript_tables_are_complete_and_controls_hidden(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/jamforelse/")
    assert sorted(overview_ids(page)) == sorted(p["id"] for p in PROGRAMS)
    assert not page.locator(".compare-controls").is_visible()
    context.close()


@pytest.fixture(scope="module")
def printer(browser):
    """One tab with print media emulated, reused by every programme's printout."""
    context = browser.new_context()
    page = context.new_page()
    page.emulate_media(media="print")
    yield page
    context.close()


@pytest.mark.parametrize("program", [p["id"] for p in PROGRAMS])
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_programme_page_prints_on_at_most_two_a4_pages(printer, server, program, prefix):
    page = printer
    page.goto(server + f"{prefix}/program/{program}/")
    assert page.evaluate("matchMedia('print').matches")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-header").is_visible()
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, f"{prefix}/program/{program}/ prints on {pages} A4 pages"
