"""Search that meets Swedish readers where they type, in Chromium with the theme's own search:
- recall on 30 queries a social worker would type (towns with and without diacritics, the guide's terms in
  their inflections and compounds, counties, routes), each with the pages that must be among the first
  results the theme shows (ten, before any scrolling);
- a search for a town with a programme lands on that programme's page (towns picked from the data);
- a search that finds nothing points to the coverage page and the route finder.
The expected pages are the ones a reader needs; the queries are typed as people type them."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from helpers import ROOT
from exitguide import coverage
from exitguide.site_check import checked_data

GUIDE = checked_data(ROOT / "data", ROOT)[1]
RESULTS = ".md-search-result__item > a.md-search-result__link"

# (query, pages that must be among the results) on the Swedish site; paths relative to the site root.
QUERIES_SV = [
    ("Göteborg", ["program/goteborg-avhopparverksamhet/"]),
    ("goteborg", ["program/goteborg-avhopparverksamhet/"]),
    ("gothenburg", ["program/goteborg-avhopparverksamhet/"]),
    ("Malmö", ["program/malmo-konsultationsteamet/"]),
    ("malmo", ["program/malmo-konsultationsteamet/"]),
    ("orebro", ["program/orebro-lamna-kriminalitet/"]),
    ("Linköping", ["program/linkoping-avhopparverksamhet/"]),
    ("linkoping", ["program/linkoping-avhopparverksamhet/"]),
    ("norrkoping", ["program/norrkoping-sig-avhopparverksamhet/"]),
    ("osteraker", ["program/osteraker-avhopparstod/"]),
    ("jarfalla", ["program/jarfalla-upplands-bro-avhopparstod/"]),
    ("sodertalje", ["program/sodertalje-avhopparverksamhet/"]),
    ("kiruna", ["var-finns-stod/"]),
    ("gavle", ["var-finns-stod/"]),
    ("vasterbotten", ["var-finns-stod/"]),
    ("avhoppare", ["vart-vanda-sig/", "arbetet/"]),
    ("avhopparverksamheter", ["program/goteborg-avhopparverksamhet/", "program/botkyrka-avhopparverksamhet/"]),
    ("avhopparverksamhet", ["program/goteborg-avhopparverksamhet/", "program/botkyrka-avhopparverksamhet/"]),
    ("avhopparsamordnare", ["vart-vanda-sig/"]),
    ("hotbild", ["arbetet/"]),
    ("sekretess", ["informationsdelning/"]),
    ("orosanmalan", ["vart-vanda-sig/"]),
    ("socialjour", ["vem-kan-hjalpa/"]),
    ("sociala insatsgrupper", ["program/sociala-insatsgrupper/"]),
    ("anhoriga", ["vart-vanda-sig/"]),
    ("lamna sidan", ["surfa-sakert/"]),
    ("utvardering", ["evidens/"]),
    ("jamfora program", ["jamforelse/"]),
    ("kallor", ["kallor/"]),
    ("hemlig adress", ["arbetet/"]),
]
RECALL_TARGET = 0.9


def open_search(page, server, path):
    """Open the theme's search on a page and wait until its index is ready (the first query would find nothing)."""
    page.goto(server + path)
    toggle = page.locator('label[for="__search"]').first
    if toggle.is_visible():
        toggle.click()  # narrow screens: the search icon opens the search
    else:
        page.locator("input.md-search__input").click()
    field = page.locator("input.md-search__input")
    field.fill("avhoppare")
    field.press("End")
    page.wait_for_selector(RESULTS, timeout=15_000)


# Set before a query: a flag that turns true when the theme next writes its results (the count line and the
# list are written together, once per distinct query).
AWAIT_ANSWER = """() => { window.__searchAnswered = false;
  new MutationObserver((_, observer) => { observer.disconnect(); window.__searchAnswered = true; })
    .observe(document.querySelector('.md-search-result__meta'), {childList: true, characterData: true, subtree: true}); }"""


def search(page, query: str) -> list[str]:
    """The pages (paths without fragments) of the first results the theme shows for `query`, in order: the
    first screen of results, which is what a reader sees without scrolling through the list."""
    field = page.locator("input.md-search__input")
    if field.input_value() != query:  # the theme answers a query once; the same one again changes nothing
        page.evaluate(AWAIT_ANSWER)
        field.fill(query)
        field.press("End")  # the theme reads the field on keyup
        page.wait_for_function("() => window.__searchAnswered", timeout=10_000)
    hrefs = page.eval_on_selector_all(RESULTS, "links => links.map(a => a.href)")
    return [urlparse(h).path.lstrip("/") for h in hrefs]


def test_recall_on_thirty_queries_a_social_worker_would_type(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    open_search(page, server, "/")
    page.wait_for_selector("input.md-search__input")
    found, missing = 0, []
    for query, wanted in QUERIES_SV:
        shown = search(page, query)
        for path in wanted:
            if path in shown:
                found += 1
            else:
                missing.append(f"{query!r}: {path} not among {shown[:8]}")
    page.close()
    total = sum(len(w) for _, w in QUERIES_SV)
    recall = found / total
    print(f"\nsearch recall on {len(QUERIES_SV)} queries: {found}/{total} = {recall:.2f}")
    assert len(QUERIES_SV) == 30
    print("\n".join(missing))
    assert recall >= RECALL_TARGET, "\n".join(missing)


def towns_with_a_programme():
    """(Swedish town name, programme id) for every municipality served by exactly one single-town programme."""
    out = []
    for key, municipality in sorted(GUIDE.vocabularies["municipalities"].items()):
        programs = coverage.programs_for(GUIDE, key)
        single = [p for p in programs if (p.get("serves") or {}).get("municipalities") == [key]]
        if len(single) == 1:
            out.append((municipality["sv"], single[0]["id"]))
    return out


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_searching_for_a_town_lands_on_its_programme(browser, server, prefix):
    towns = towns_with_a_programme()
    assert len(towns) >= 5
    page = browser.new_page(viewport={"width": 375, "height": 800})
    open_search(page, server, prefix + "/")
    failures = []
    for town, program_id in towns:
        shown = search(page, town)
        if not shown or shown[0].removeprefix("en/") != f"program/{program_id}/":
            failures.append(f"{town}: first result {shown[:1]}, expected program/{program_id}/")
    town, program_id = towns[0]
    search(page, town)
    page.locator(RESULTS).first.click()
    page.wait_for_load_state()
    assert urlparse(page.url).path == f"{prefix}/program/{program_id}/"
    page.close()
    assert not failures, failures


@pytest.mark.parametrize("prefix,words", [("", "Var finns stöd?"), ("/en", "Where is support?")])
def test_a_search_that_finds_nothing_points_to_coverage_and_the_route_finder(browser, server, prefix, words):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    open_search(page, server, prefix + "/program/")
    assert search(page, "qwxzy") == []
    help_ = page.locator(".search-help")
    assert help_.is_visible() and words in help_.inner_text()
    links = [urlparse(h).path for h in help_.locator("a").evaluate_all("links => links.map(a => a.href)")]
    assert links == [prefix + "/var-finns-stod/", prefix + "/vem-kan-hjalpa/"]
    assert search(page, "avhoppare") and not help_.is_visible(), "the help goes away when something is found"
    assert errors == []
    page.close()
