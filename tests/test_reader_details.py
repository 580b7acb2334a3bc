"""Small things readers hit, in Debian's Chromium: switching language keeps the query and the anchor (with
JavaScript; without it the plain link still leads to the other language), and chart labels are at least as
large as the body text at 375 and 1280 px."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
import yaml

from helpers import ROOT

PROGRAMS = yaml.safe_load((ROOT / "data" / "programs.yaml").read_text(encoding="utf-8"))["programs"]
WITH_OUTCOMES = [p["id"] for p in PROGRAMS if p.get("outcomes")]


def open_language_menu_and_choose(page, lang: str) -> None:
    """As a reader does: open the header's language menu (hover at 1280 px, tap on a phone), then the language."""
    page.locator(".md-header .md-select").first.hover()
    page.locator(f'.md-header .md-select__link[hreflang="{lang}"]').first.click()
    page.wait_for_load_state("load")


@pytest.mark.parametrize("width", [1280, 375])
def test_switching_language_keeps_the_query_and_the_anchor(browser, server, width):
    chosen = ",".join(p["id"] for p in PROGRAMS[:2])
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/jamforelse/?compare={chosen}#outcomes")
    open_language_menu_and_choose(page, "en")
    address = urlparse(page.url)  # the comparison writes the commas as %2C; the query means the same
    assert (address.path, parse_qs(address.query), address.fragment) == ("/en/jamforelse/", {"compare": [chosen]}, "outcomes")
    shown = page.eval_on_selector_all("#side-by-side table", "ts => Array.from(ts[0].tHead.querySelectorAll('th[data-program]')).map(t => t.dataset.program)")
    assert shown == chosen.split(",")  # the English page shows the same side-by-side choice
    open_language_menu_and_choose(page, "sv")  # and back again
    address = urlparse(page.url)
    assert (address.path, parse_qs(address.query), address.fragment) == ("/jamforelse/", {"compare": [chosen]}, "outcomes")
    context.close()


def test_the_switch_carries_the_query_the_page_wrote_after_loading(browser, server):
    """The comparison writes the reader's choice into the address as they tick boxes; that choice goes along."""
    page = browser.new_page()
    page.goto(f"{server}/jamforelse/")
    open_language_menu_and_choose(page, "en")  # a first switch, with no query yet
    assert urlparse(page.url).path == "/en/jamforelse/" and urlparse(page.url).query == ""
    for program in PROGRAMS[:2]:
        page.check(f'#compare-overview input.pick[value="{program["id"]}"]')
    query = urlparse(page.url).query
    assert query.startswith("compare=")
    open_language_menu_and_choose(page, "sv")
    assert urlparse(page.url).path == "/jamforelse/" and urlparse(page.url).query == query
    page.close()


def test_without_javascript_the_language_link_is_a_plain_link(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/program/{PROGRAMS[0]['id']}/?x=1#top")
    open_language_menu_and_choose(page, "en")
    assert urlparse(page.url).path == f"/en/program/{PROGRAMS[0]['id']}/"  # the other language, without the extras
    context.close()


# The rendered size of each chart label (text in the page, or SVG text scaled by its viewBox) next to the
# computed size of the body text of the same page. The body text is a paragraph of the page's content.
LABEL_SIZES = """(selector) => {
  const paragraph = document.querySelector('.md-content .md-typeset > p:not([class])') || document.querySelector('.md-content .md-typeset');
  const body = parseFloat(getComputedStyle(paragraph).fontSize);
  const labels = [];
  for (const chart of document.querySelectorAll(selector)) {
    const texts = chart.querySelectorAll('text, .bar-chart__label, .bar-chart__value, .bar-chart__title, figcaption');
    for (const el of texts) {
      let size = parseFloat(getComputedStyle(el).fontSize);
      if (el.ownerSVGElement) { size *= el.getScreenCTM().a; }  // a viewBox scales SVG text with the chart
      labels.push([el.textContent.trim().slice(0, 40), Math.round(size * 100) / 100]);
    }
  }
  return {body, labels};
}"""


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path,selector", [("/var-finns-stod/", ".coverage-chart"), ("/en/var-finns-stod/", ".coverage-chart")]
                         + [(f"/program/{p}/", ".outcome-chart") for p in WITH_OUTCOMES[:2]]
                         + [(f"/en/program/{p}/", ".outcome-chart") for p in WITH_OUTCOMES[:1]])
def test_chart_labels_are_at_least_as_large_as_body_text(browser, server, width, path, selector):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server + path)
    measured = page.evaluate(LABEL_SIZES, selector)
    assert measured["body"] >= 12 and len(measured["labels"]) >= 3, measured
    small = [(text, size) for text, size in measured["labels"] if size < measured["body"]]
    assert not small, f"{path} at {width}px: body text {measured['body']}px, smaller chart labels: {small}"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} at {width}px scrolls sideways by {overflow}px"
    context.close()
