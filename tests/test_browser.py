"""What a visitor's browser sees, in Debian's Chromium: every page in both languages at 1280 px and
375 px has no axe-core WCAG A/AA violation, asks no other host for anything, sets no cookie, logs no
error and breaks no Content-Security-Policy rule. Plus the comparison page and print. The quick exit has
its own file, test_quick_exit.py; the comparison at 375 px, its county filter, shared links and the
evidence-and-gap map have test_comparison_browser.py."""
from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
import yaml

from helpers import ROOT

AXE = ROOT / "tools" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE.read_text(encoding="utf-8") if AXE.exists() else ""
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PROGRAMS = yaml.safe_load((ROOT / "data" / "programs.yaml").read_text(encoding="utf-8"))["programs"]
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def all_pages(site):
    found = ["/" + p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("index.html")
             if not p.relative_to(site).as_posix().startswith(("data/", "en/data/")) or p.parent.name == "data"]
    return sorted(found + ["/404.html"])


@pytest.fixture(scope="module")
def pages(site):
    found = all_pages(site)
    assert "/" in found and "/en/" in found and len(found) > 40
    return found


def watched_context(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(CSP_LISTENER)
    log = {"foreign": [], "failed": [], "console": []}
    host = urlparse(server).netloc

    def route(route_):
        if urlparse(route_.request.url).netloc != host:
            log["foreign"].append(route_.request.url)
            return route_.abort()
        return route_.continue_()
    context.route("**/*", route)
    context.on("response", lambda r: r.status >= 400 and log["failed"].append(f"{r.status} {r.url}"))
    return context, log


@pytest.mark.parametrize("width", [1280, 375])
def test_every_page_is_accessible_private_and_clean(browser, server, pages, width):
    context, log = watched_context(browser, server, width)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and log["console"].append(m.text))
    problems = []
    for path in pages:
        page.goto(server + path, wait_until="networkidle")
        page.evaluate(AXE_SOURCE)  # evaluated through the DevTools protocol, so the page's CSP does not block the tool
        violations = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
                                   ".then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')))",
                                   AXE_TAGS)
        csp = page.evaluate("window.__cspViolations")
        meta = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        if violations:
            problems.append(f"{path} @ {width}px axe: {violations}")
        if csp:
            problems.append(f"{path}: CSP violations {csp}")
        if not meta or "default-src 'self'" not in meta:
            problems.append(f"{path}: no CSP meta tag")
    problems += [f"request to another host: {u}" for u in log["foreign"]]
    problems += [f"failed response: {u}" for u in log["failed"]]
    problems += [f"console error: {m}" for m in log["console"]]
    assert context.cookies() == [], "the site must set no cookies"
    context.close()
    assert not problems, "\n".join(problems)


def test_language_switch_lands_on_the_same_page(browser, server, pages):
    context = browser.new_context()
    page = context.new_page()
    for path in pages:
        if path == "/404.html":
            continue  # one page for both languages; its switch goes to the home pages (test_build)
        page.goto(server + path)
        lang = "en" if path.startswith("/en/") else "sv"
        assert page.locator("html").get_attribute("lang") == lang
        other = "sv" if lang == "en" else "en"
        href = page.locator(f'.md-select__link[hreflang="{other}"]').get_attribute("href")
        target = urlparse(page.url).path if href is None else urlparse(page.evaluate("h => new URL(h, location.href).href", href)).path
        expected = path.removeprefix("/en") if lang == "en" else "/en" + path
        assert target == expected, (path, target)
        assert page.locator('head link[rel="alternate"][hreflang]').count() == 0
    context.close()


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
    asked = []
    page.on("request", lambda r: "search_index.json" in r.url and asked.append(urlparse(r.url).path))
    page.goto(server + "/program/", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert asked == [], "the index must not load before the visitor opens search"
    page.locator('label[for="__search"]').first.click()
    assert search(page, "konsultationsteamet")
    assert asked == ["/search/search_index.json"]
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


@pytest.mark.parametrize("program", [p["id"] for p in PROGRAMS])
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_programme_page_prints_on_at_most_two_a4_pages(browser, server, program, prefix):
    page = browser.new_page()
    page.goto(server + f"{prefix}/program/{program}/")
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-header").is_visible()
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    page.close()
    assert 1 <= pages <= 2, f"{prefix}/program/{program}/ prints on {pages} A4 pages"
