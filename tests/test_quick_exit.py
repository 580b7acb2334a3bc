"""The quick exit as a person in a hurry meets it, in Debian's Chromium, on every built page of both languages.

The walk over every page is tests/every_page.py (once per test session, shared with test_browser.py): at 1280 px
and at 375 px on each page (the same page load, turned like a tablet), then the walk of a parent in a hurry at
375 px. The neutral page (https://www.smhi.se/) is a stub served by a route, so nothing leaves the machine.
The 5-second pause is played with Playwright's clock, not slept. What is checked, and why:
- The button is in the sticky header on every page, in view at the top and at the bottom of the page at
  375 px and 1280 px, covers none of the header's own controls, and no text shows through it (the old
  button floated over the content, and its hint had no background). It stays usable with the language
  menu or search open (opened on a quarter of the pages: the header is one template), and sticky sidebars
  and section headings are not hidden under it.
- Typing capitalised words in the search box, Shift+Tab and other keys never count; Shift alone three
  times leaves. The status region counts down, in the page language, and says when the count restarts.
- Leaving blanks the page before the next one starts loading, and replaces the page in the history:
  Back does not show it, also after following one of its section links (which add no history entry).
  The neutral page is not told where the visitor came from (no Referer).
- Without JavaScript the button is a plain link to the neutral page.
- A page shown again from the back/forward cache (on in a visitor's Chromium, off by default in Playwright)
  starts counting from zero.
"""
from __future__ import annotations

import re

import pytest

from conftest import CHROMIUM_ARGS, chromium_path
from every_page import BLANK_PROBE, NEUTRAL_STUB, PART_SIZE, language, page_paths, status
from exitguide.labels import LABELS
from exitguide.render_reference import QUICK_EXIT_URL

BUTTON = re.compile(r'<a class="quick-exit__button" href="([^"]*)" rel="noreferrer">([^<]*)</a>')


def neutral_stub(referers: list):
    """A route handler standing in for the neutral page; it notes the Referer header each request carried."""
    def serve(route):
        referers.append(route.request.headers.get("referer"))
        route.fulfill(status=200, body=NEUTRAL_STUB, content_type="text/html; charset=utf-8")
    return serve


@pytest.fixture(scope="module")
def referers():
    return []


@pytest.fixture(scope="module")
def context(browser, referers):
    context = browser.new_context(viewport={"width": 375, "height": 700})
    context.route(QUICK_EXIT_URL + "**", neutral_stub(referers))
    context.add_init_script(BLANK_PROBE)
    yield context
    context.close()


def test_every_page_has_the_button_as_a_plain_link_in_its_header(site):
    """Without JavaScript, what the page holds is all there is: a plain link to the neutral page."""
    for path in page_paths(site):
        file = site / (path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/"))
        html = file.read_text(encoding="utf-8")
        header = html[html.index("<header"):html.index("</header>")]
        buttons = BUTTON.findall(html)
        assert buttons == [(QUICK_EXIT_URL, LABELS[language(path)]["quick_exit"])], path
        assert BUTTON.search(header) and 'role="status" aria-live="polite"' in header, path


def test_without_javascript_the_button_takes_you_to_the_neutral_page(browser, server):
    context = browser.new_context(java_script_enabled=False)
    context.route(QUICK_EXIT_URL + "**", neutral_stub([]))
    page = context.new_page()
    page.goto(server + "/en/vart-vanda-sig/")
    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(QUICK_EXIT_URL + "**")
    assert page.title() == "SMHI"
    context.close()


def test_on_every_page_the_button_stays_in_view_and_covers_nothing_of_the_header(every_page):
    """At 1280 px and 375 px, at the top and the bottom of the page; the language menu and search open on the
    first page of each part of the walk."""
    assert every_page.longest_page > 5, "no long page was checked at its bottom"
    assert every_page.menus_opened == 2 * -(-len(every_page.paths) // PART_SIZE), "the menus were not opened on a quarter of the pages"
    assert not every_page.layout, "\n".join(every_page.layout)


def test_on_every_page_only_shift_alone_three_times_leaves(every_page):
    """The walk at 375 px: a section link, typing in search, the count and its restart, leaving, Back."""
    assert every_page.sections_followed > len(every_page.paths) // 2, \
        f"only {every_page.sections_followed} pages had a heading link to follow; has the theme's markup changed?"
    assert not every_page.quick_exit, "\n".join(every_page.quick_exit)


def test_a_pause_of_more_than_five_seconds_starts_the_count_again(context, server):
    page = context.new_page()
    page.clock.install()
    page.goto(server + "/en/program/")
    words = LABELS["en"]
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.clock.run_for(5_100)
    assert status(page) == words["quick_exit_reset"]
    page.clock.run_for(5_100)
    assert status(page) == ""  # the message does not linger
    page.keyboard.press("Shift")
    assert status(page) == words["quick_exit_two_left"] and page.url.startswith(server)
    page.clock.run_for(4_900)  # under five seconds between presses: the count goes on
    page.keyboard.press("Shift")
    assert status(page) == words["quick_exit_one_left"]
    page.clock.run_for(4_900)
    page.keyboard.press("Shift")
    page.wait_for_url(QUICK_EXIT_URL + "**")
    page.close()


def test_earlier_pages_of_the_guide_stay_in_the_history_and_the_page_left_does_not(context, server, referers):
    """What "Surfa säkert" and the privacy page promise: the button replaces the page you left; earlier pages stay."""
    page = context.new_page()
    page.goto(server + "/surfa-sakert/")
    page.locator(".md-content a[href='../vart-vanda-sig/']").first.click()
    page.wait_for_url("**/vart-vanda-sig/")
    entries = page.evaluate("history.length")
    page.locator(".md-content a[href='#du-som-ar-anhorig']").first.click()
    assert page.url.endswith("/vart-vanda-sig/#du-som-ar-anhorig") and page.evaluate("history.length") == entries
    page.get_by_role("link", name="Lämna sidan snabbt").click()
    page.wait_for_url(QUICK_EXIT_URL + "**")
    assert referers[-1] is None  # the neutral page is not told where the visitor came from
    page.go_back()
    assert page.url == server + "/surfa-sakert/"
    page.go_forward()
    assert page.url.startswith(QUICK_EXIT_URL)
    page.close()


@pytest.fixture(scope="module")
def browser_with_back_forward_cache(browser):
    """Playwright turns the back/forward cache off by default; a visitor's Chromium has it on."""
    instance = browser.browser_type.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS,
                                           ignore_default_args=["--disable-back-forward-cache"])
    yield instance
    instance.close()


def test_a_page_restored_from_the_back_forward_cache_counts_from_zero(browser_with_back_forward_cache, server):
    context = browser_with_back_forward_cache.new_context(viewport={"width": 375, "height": 700})
    context.add_init_script("addEventListener('pageshow', event => { window.restoredFromCache = event.persisted; });")
    page = context.new_page()
    page.goto(server + "/surfa-sakert/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert status(page) == LABELS["sv"]["quick_exit_one_left"]
    page.locator(".md-content a[href='../vart-vanda-sig/']").first.click()
    page.wait_for_url("**/vart-vanda-sig/")
    page.go_back(wait_until="commit")
    page.wait_for_function("() => window.restoredFromCache === true", timeout=10_000)
    assert status(page) == ""
    page.keyboard.press("Shift")
    assert page.url == server + "/surfa-sakert/" and status(page) == LABELS["sv"]["quick_exit_two_left"]
    assert page.evaluate("document.documentElement.classList.contains('quick-exit--leaving')") is False
    context.close()
