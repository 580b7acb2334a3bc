"""The comparison and the evidence-and-gap map as a reader sees them in Chromium: the matrix fits a 375 px
phone without the page scrolling sideways (the matrix scrolls in its own labelled region, its first column
staying in view), filtering by county shows exactly the programmes that serve the county or the whole
country and says how many were hidden for want of information, a shared side-by-side link opens at the
view with every question, and the gap map lists every programme with its gaps in words."""
from __future__ import annotations

import pytest
import yaml

from helpers import ROOT

DATA = ROOT / "data"
PROGRAMS = yaml.safe_load((DATA / "programs.yaml").read_text(encoding="utf-8"))["programs"]
PLACES = yaml.safe_load((DATA / "places.yaml").read_text(encoding="utf-8"))
QUESTION_PAGES = 8  # exitguide/render_compare.QUESTION_PAGES


def phone(browser, **options):
    context = browser.new_context(viewport={"width": 375, "height": 800}, **options)
    return context, context.new_page()


def visible_ids(page):
    return page.eval_on_selector_all("#compare-overview tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.program)")


def serves_county(program: dict, county: str) -> bool | None:
    """True / False, or None when the programme's data says nothing about where it takes people from."""
    serves = program.get("serves")
    if not serves:
        return None
    if serves.get("national"):
        return True
    named = {PLACES["municipalities"][m]["county"] for m in serves.get("municipalities") or []}
    return county in named | set(serves.get("counties") or [])


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("javascript", [True, False])
def test_matrix_fits_a_phone_and_scrolls_in_its_own_region(browser, server, prefix, javascript):
    context, page = phone(browser, java_script_enabled=javascript)
    page.goto(server + prefix + "/jamforelse/", wait_until="networkidle")
    region = page.locator("#compare-overview").locator("xpath=ancestor::div[@role='region'][1]")
    if javascript:
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    else:  # without JavaScript the theme's hidden language menu sticks out of every page; the matrix must not
        box = region.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("aria-labelledby") == "compare-overview-caption"
    assert page.locator("#compare-overview-caption").inner_text().strip()
    assert page.evaluate("e => e.scrollWidth > e.clientWidth", region.element_handle())  # the matrix does scroll, inside
    first = page.locator("#compare-overview tbody th").first
    before = first.bounding_box()["x"]
    region.evaluate("e => { e.scrollLeft = 400; }")
    assert region.evaluate("e => e.scrollLeft") > 0
    assert abs(first.bounding_box()["x"] - before) < 1  # the programme column stays in view
    context.close()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_filtering_by_county_shows_the_county_and_the_whole_country(browser, server, prefix):
    county = "orebro"
    context, page = phone(browser)
    page.goto(server + prefix + "/jamforelse/")
    page.select_option("#filter-county", county)
    expected = sorted(p["id"] for p in PROGRAMS if serves_county(p, county))
    unknown = sum(1 for p in PROGRAMS if serves_county(p, county) is None)
    assert sorted(visible_ids(page)) == expected
    assert any((p.get("serves") or {}).get("national") for p in PROGRAMS if p["id"] in expected)  # national ones count
    assert 0 < len(expected) < len(PROGRAMS) and unknown
    status = page.locator(".compare-status").inner_text()
    words = {"": ("visas", "saknar uppgift"), "/en": ("shown", "no information")}[prefix]
    assert f"{len(expected)} " in status and words[0] in status and f"{unknown} " in status and words[1] in status
    hint = page.locator("#filter-county").get_attribute("aria-describedby")
    assert page.locator(f"#{hint}").inner_text().strip()  # the page says a national programme matches every county
    page.click("form.compare-controls button[type=reset]")
    page.wait_for_function("() => document.querySelectorAll('#compare-overview tbody tr[hidden]').length === 0")
    context.close()


def test_county_and_criterion_filters_combine(browser, server):
    context, page = phone(browser)
    page.goto(server + "/jamforelse/")
    page.select_option("#filter-county", "stockholm")
    page.select_option("#filter-criteria", "confirmed_threat")
    expected = sorted(p["id"] for p in PROGRAMS if serves_county(p, "stockholm") and any(
        c["criterion"] == "confirmed_threat" and c["applies"] for c in p.get("eligibility_criteria") or []))
    assert sorted(visible_ids(page)) == expected
    context.close()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_shared_side_by_side_link_opens_at_the_view(browser, server, prefix):
    chosen = [PROGRAMS[0]["id"], PROGRAMS[1]["id"]]
    context, page = phone(browser)
    page.goto(server + prefix + "/jamforelse/?compare=" + ",".join(chosen), wait_until="networkidle")
    page.wait_for_function(f"() => document.querySelectorAll('#side-by-side table').length === {1 + QUESTION_PAGES}")
    view = page.locator("#side-by-side")
    header_bottom = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    top = view.bounding_box()["y"]
    assert page.evaluate("window.scrollY") > 0
    assert header_bottom - 1 <= top < 800, (header_bottom, top)  # in view, not under the sticky header
    assert page.evaluate("document.activeElement.id") == "side-by-side"
    heads = page.eval_on_selector_all("#side-by-side table", "tables => tables.map(t => Array.from(t.tHead.querySelectorAll"
                                                               "('th[data-program]')).map(th => th.dataset.program))")
    assert all(h == chosen for h in heads)
    assert page.locator(".side-by-side-loading").inner_text() == ""  # every question page came
    sources = page.eval_on_selector_all("#side-by-side .cite a", "links => links.map(a => new URL(a.href).pathname)")
    assert sources and all(p == prefix + "/kallor/" for p in sources)  # citations copied from the question pages still lead home
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_gap_map_lists_every_programme_and_shows_gaps_in_words(browser, server, prefix):
    context, page = phone(browser)
    page.goto(server + prefix + "/kunskapskarta/")
    rows = page.eval_on_selector_all("#gap-programmes tbody tr", "rows => rows.map(r => r.dataset.program)")
    assert sorted(rows) == sorted(p["id"] for p in PROGRAMS)
    empty = {"": "ingen studie", "/en": "no study"}[prefix]
    cells = page.eval_on_selector_all("#gap-programmes td.gap-empty", "cells => cells.map(c => c.textContent.trim())")
    assert empty in cells and "" not in cells
    unstudied = [p["id"] for p in PROGRAMS if not p.get("evidence")]
    for program in unstudied[:3]:
        row = page.locator(f'#gap-programmes tr[data-program="{program}"] td')
        assert row.count() >= 9 and row.nth(0).inner_text().strip() == empty
    syntheses = page.eval_on_selector_all("#gap-syntheses tbody tr", "rows => rows.map(r => r.dataset.synthesis)")
    assert "sbu-369" in syntheses and page.locator("#gap-syntheses [data-program]").count() == 0  # never mixed
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


def test_ticking_programmes_far_down_the_matrix_leads_to_the_view(browser, server):
    context, page = phone(browser)
    page.goto(server + "/jamforelse/", wait_until="networkidle")
    bar = page.locator(".compare-bar")
    assert not bar.is_visible()
    for program in (PROGRAMS[-1]["id"], PROGRAMS[-2]["id"]):
        page.check(f'#compare-overview input.pick[value="{program}"]')
    assert bar.is_visible() and page.locator(".compare-bar__status").inner_text() == "2 program valda."
    assert bar.bounding_box()["y"] + bar.bounding_box()["height"] <= 800 + 1  # at the foot of the window
    assert page.locator("#side-by-side").bounding_box()["y"] < 0  # the view is far above the reader
    bar.get_by_role("link").click()
    page.wait_for_timeout(200)
    assert 0 < page.locator("#side-by-side").bounding_box()["y"] < 800
    bar.get_by_role("button").click()
    assert not bar.is_visible() and not page.locator("#side-by-side").is_visible() and "compare=" not in page.url
    context.close()
