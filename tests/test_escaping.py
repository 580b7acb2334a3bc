"""Hostile data reaches no reader's browser as code: renderers fed markup-like strings (bypassing the
validator, which would refuse them) produce pages on which Chromium runs no injected script; a real
build with Markdown-shaped values that pass validation runs nothing and loads nothing from another host,
even with the Content-Security-Policy switched off; the CSV export cannot start a spreadsheet formula."""
from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from conftest import build, copy_project, devkit
from helpers import minimal_data
from exitguide import citations, render_changes, render_compare, render_gapmap, render_program, render_reference
from exitguide.fmt import format_text
from exitguide.guide import Guide
from exitguide.validate import validate

PAYLOADS = ['"><img src=x onerror="window.__pwned=1">', "<script>window.__pwned=1</script>",
            "javascript:window.__pwned=1", "</title><svg onload=window.__pwned=1>"]


def hostile_guide(tmp_path) -> Guide:
    guide = Guide.from_result(validate(minimal_data(tmp_path)), now=dt.date(2026, 11, 23))
    program = guide.programs[0]
    program["name"]["en"] = PAYLOADS[0]
    program["summary"]["en"] = PAYLOADS[1]
    program["where"]["place"]["en"] = PAYLOADS[3]
    program["outcomes"][0]["counts"][0]["label"]["en"] = PAYLOADS[3]   # goes into the SVG chart
    program["contacts"][0]["label"]["en"] = PAYLOADS[3]
    program["id"] = PAYLOADS[0]                                              # goes into data-* attributes
    guide.sources["src-a"]["short"] = PAYLOADS[1]
    guide.sources["src-a"]["url"] = PAYLOADS[2]
    guide.terms[0]["explanation"]["en"] = PAYLOADS[0]
    guide.changes[0].update(title={"sv": "t", "en": PAYLOADS[3]}, description={"sv": "d", "en": PAYLOADS[1]},
                            why={"sv": "w", "en": PAYLOADS[0]}, programs=[program["id"]], sources=["src-a"])
    guide.syntheses[0]["title"]["en"] = PAYLOADS[3]                     # the evidence-and-gap map
    guide.syntheses[0]["findings"][0]["found"]["en"] = PAYLOADS[1]
    program["evidence"] = [{"title": {"sv": "S", "en": PAYLOADS[1]}, "level": "process_study", "by": {"sv": "B", "en": "B"},
                            "year": PAYLOADS[0], "found": {"sv": "F", "en": PAYLOADS[3]}, "domains": ["reoffending"], "sources": ["src-a"]}]
    return guide


def test_no_injected_script_runs_in_chromium(tmp_path, browser):
    guide = hostile_guide(tmp_path)
    program_parts = "".join([render_program.glance(guide, guide.programs[0], "en", "program/x/"),
                             render_program.contact_list(guide, guide.programs[0]["contacts"], "en"),
                             render_program.fact_box(guide, guide.programs[0], "en"), citations.REFERENCES])
    body = "".join([
        citations.number_page(program_parts, guide, "en", "program/x/"),  # the page's numbered list of sources
        render_compare.comparison(guide, "en", "jamforelse/"),
        *(render_compare.question_page(guide, q, "en") for q in render_compare.QUESTION_PAGES),
        render_gapmap.gap_map_block(guide, "en", "kunskapskarta/"),
        render_reference.sources_block(guide, "en", "kallor/"),
        render_reference.glossary_block(guide, "en", "ordlista/"),
        render_reference.program_list_block(guide, "en", "program/"),
        render_changes.changes_block(guide, "en", "nytt/"),
        render_changes.reviews_block(guide, "en", "nytt/"),
    ])
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.set_content(f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None and not dialogs
    text = page.inner_text("body")
    assert PAYLOADS[1] in text and PAYLOADS[0] in text  # shown as text, not run
    # the only scripts are the comparison's own: its words as JSON data, and compare.js by address
    ours = "script[type='application/json']#compare-data, script[src$='assets/javascripts/compare.js']"
    assert page.locator("script").count() == page.locator(ours).count() and page.locator("img").count() == 0
    page.close()


# --- A real build with hostile values that pass validation ---------------------------------------------------
# Markdown-shaped text: attribute lists, images and links to another host, an entity-encoded javascript: link,
# emphasis, a heading, abbreviation syntax, template-looking text. Validation lets all of these through (they
# are ordinary characters); the site must show them as text, run nothing and load nothing from another host.
HOSTILE_NAME = {
    "sv": 'Alfa {: onclick="window.__pwned=1" autofocus onfocus="window.__pwned=1" }',
    "en": "![x](https://evil.example/name.png) [click](jav&#97;script&#58;window.__pwned=1) *Alpha* # heading",
}
HOSTILE_ABBR = "X.Y & Z/W-Q's"
HOSTILE_TEXT = ('Text ![i](https://evil.example/text.png) {: onmouseover="window.__pwned=1" } *[SIG]: injected '
                "[l](https://evil.example/) &lt;img src=x onerror=window.__pwned=1&gt; ${7*7} ` `` " + HOSTILE_ABBR)


def hostile_project(destination: Path) -> Path:
    project = copy_project(destination)
    data = project / "data"

    def rewrite(name, change):
        value = yaml.safe_load((data / name).read_text(encoding="utf-8"))
        change(value)
        path = data / name
        path.write_text(format_text(name, path.read_text(encoding="utf-8"), value), encoding="utf-8")  # as `fmt` writes it

    def programs(value):
        program = value["programs"][0]
        program["name"] = dict(HOSTILE_NAME)
        program["summary"] = {"sv": HOSTILE_TEXT, "en": HOSTILE_TEXT}
        program["where"]["place"] = {"sv": "![p](https://evil.example/p.png)", "en": "{: onclick=window.__pwned=1 }"}
        for outcome in program.get("outcomes") or []:
            outcome["counts"][0]["label"] = {"sv": HOSTILE_TEXT[:190], "en": "![c](https://evil.example/c.png)"}

    def sources(value):
        for source in value["sources"]:  # every citation label on every page
            source["short"] = f"![s](https://evil.example/s.png) {{: onclick=x }} {source['short']}"[:80].strip()
        value["sources"][0]["title"] = "[t](https://evil.example/) *title* {: onclick=window.__pwned=1 }"

    def glossary(value):
        for term in value["terms"]:
            if term.get("abbr"):  # the explanation becomes the title of an abbreviation on every page
                term["explanation"] = {"sv": HOSTILE_TEXT + ' " onmouseover="window.__pwned=1', "en": "]: ![a](https://evil.example/a.png)"}
        value["terms"][-1]["abbr"] = HOSTILE_ABBR  # the most punctuation an abbreviation may have (a definition on every page)

    def changes(value):  # the What's new page and the Atom feeds
        value["changes"][0]["title"] = dict(HOSTILE_NAME)
        value["changes"][0]["description"] = {"sv": HOSTILE_TEXT, "en": HOSTILE_TEXT}

    rewrite("programs.yaml", programs)
    rewrite("sources.yaml", sources)
    rewrite("glossary.yaml", glossary)
    rewrite("changes.yaml", changes)
    return project


@contextlib.contextmanager
def serving(site: Path):
    with devkit.serve_site(site) as served:
        yield served.url


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    project = hostile_project(root / "project")
    result = validate(project / "data")
    assert result.ok, [p.format_text() for p in result.errors]  # the values pass validation: the renderers must cope
    site = root / "site"
    run = build(project, site)
    assert run.returncode == 0, run.stdout + run.stderr
    return project, site


# A reader pointing at and clicking what hostile text could hide in (all but links, which would leave the page):
# the same events Playwright's dispatch_event sends, sent from the page in one call rather than one call each.
POINT_AND_CLICK = """selector => {
  for (const element of [...document.querySelectorAll(selector)].slice(0, 200)) {
    element.dispatchEvent(new MouseEvent('mouseover', {bubbles: true, cancelable: true, composed: true}));
    if (element.tagName !== 'A') element.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, composed: true}));
  }
}"""


def test_hostile_values_run_nothing_and_load_nothing_in_chromium(hostile_site, browser):
    project, site = hostile_site
    program_id = yaml.safe_load((project / "data" / "programs.yaml").read_text(encoding="utf-8"))["programs"][0]["id"]
    paths = [f"/program/{program_id}/", f"/en/program/{program_id}/", "/program/", "/en/program/", "/jamforelse/",
             "/en/jamforelse/", "/kallor/", "/ordlista/", "/", "/en/", "/arbetet/", "/evidens/", "/nytt/", "/en/nytt/"]
    with serving(site) as server:
        context = browser.new_context(bypass_csp=True)  # the CSP must not be what stops it
        foreign, dialogs = [], []

        def route(route_):
            if urlparse(route_.request.url).hostname != "127.0.0.1":
                foreign.append(route_.request.url)
                return route_.abort()
            return route_.continue_()
        context.route("**/*", route)
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in paths:
            page.goto(server + path, wait_until="load")
            page.mouse.move(5, 5)
            page.keyboard.press("Tab")
            page.evaluate(POINT_AND_CLICK, "h1, .cite a, abbr, td, li")
            assert page.evaluate("window.__pwned") is None, path
            inline_handlers = page.evaluate(
                "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))"
                ".filter(n => n.startsWith('on'))")
            assert inline_handlers == [], (path, inline_handlers)
            assert page.locator('[src*="evil.example"], [href*="evil.example"], [href^="javascript"]').count() == 0, path
        page.goto(f"{server}/program/{program_id}/")
        assert page.inner_text("h1").removesuffix("¶").strip() == HOSTILE_NAME["sv"]  # shown as written, character for character
        field = page.locator("input.md-search__input")  # the search index holds the same text; results show it as text
        field.click(force=True)
        field.type("onerror", delay=20)
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        assert page.evaluate("window.__pwned") is None
        page.keyboard.press("Escape")
        assert page.title().startswith(HOSTILE_NAME["sv"])
        page.goto(f"{server}/en/program/{program_id}/")
        assert page.inner_text("h1").removesuffix("¶").strip() == HOSTILE_NAME["en"]
        assert HOSTILE_TEXT in page.inner_text("p.summary")
        context.close()
    assert foreign == [] and dialogs == []


FORMULAS = ["=HYPERLINK(\"https://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", " =1+1", "＝1+1"]


def test_csv_cells_never_start_a_formula(tmp_path):
    """OWASP's CSV-injection advice: a cell a spreadsheet would evaluate starts with an apostrophe instead."""
    import csv
    import io
    from exitguide.export import FORMULA_START, programs_csv
    guide = Guide.from_result(validate(minimal_data(tmp_path)), now=dt.date(2026, 11, 23))
    program = guide.programs[0]
    for index, formula in enumerate(FORMULAS[:4]):
        program["name"]["sv" if index % 2 else "en"] = formula
    program["where"]["place"] = {"sv": FORMULAS[4], "en": FORMULAS[5]}
    program["status"]["status"] = FORMULAS[6]
    program["kind"] = FORMULAS[7]
    program["organisers"]["agencies"] = ["polisen", "=cmd|' /C calc'!A0"]  # an item after '; ' too
    rows = list(csv.reader(io.StringIO(programs_csv(guide), newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    items = [item for cell in cells for item in cell.split("; ")]
    assert not [item for item in items if item.lstrip(" ").startswith(FORMULA_START)]
    assert "'" + FORMULAS[2] in cells and "'" + FORMULAS[6] in cells and "polisen; '=cmd|' /C calc'!A0" in cells
    assert rows[1][0] == "alpha" and rows[1][rows[0].index("last_reviewed")] == "2026-01-01"  # ordinary cells as they were


def test_hostile_change_records_are_text_in_the_feeds(hostile_site):
    """The feeds are XML read by other programs: a hostile title is the entry's exact text, and a description
    reaches the HTML content escaped (a feed reader shows it as text, never as markup)."""
    import xml.etree.ElementTree as ET
    project, site = hostile_site
    for lang, path in (("sv", "feed.xml"), ("en", "en/feed.xml")):
        root = ET.fromstring((site / path).read_bytes())  # well-formed
        titles = [e.findtext("{http://www.w3.org/2005/Atom}title") for e in root.iter("{http://www.w3.org/2005/Atom}entry")]
        assert HOSTILE_NAME[lang] in titles
        contents = "".join(e.text for e in root.iter("{http://www.w3.org/2005/Atom}content"))
        assert "evil.example/text.png" in contents and "<img" not in contents and "&lt;img" not in contents
