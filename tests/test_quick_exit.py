"""The quick exit as a person in a hurry meets it, in Debian's Chromium, on every built page of both languages.

One browser context for the walk over all pages; the neutral page (https://www.smhi.se/) is a stub served
by a route, so nothing leaves the machine. The 5-second pause is played with Playwright's clock, not slept.
What is checked, and why:
- The button is in the sticky header on every page, in view at the top and at the bottom of the page at
  375 px and 1280 px, covers none of the header's own controls, and no text shows through it (the old
  button floated over the content, and its hint had no background). It stays usable with the language
  menu or search open, and sticky sidebars and section headings are not hidden under it.
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
from pathlib import Path

import pytest

from conftest import CHROMIUM_ARGS, chromium_path
from exitguide.labels import LABELS
from exitguide.render_reference import QUICK_EXIT_URL

NEUTRAL_STUB = "<!doctype html><html lang='sv'><title>SMHI</title><p>Väder</p></html>"
BLANK_PROBE = """addEventListener('beforeunload', () => console.log('quick-exit-probe body ' + getComputedStyle(document.body).visibility));"""
CAPITALISED = "Polisen Malmö Göteborg"
BUTTON = re.compile(r'<a class="quick-exit__button" href="([^"]*)" rel="noreferrer">([^<]*)</a>')


def page_paths(site: Path) -> list[str]:
    """The address of every built HTML page: /, /en/…, the programme pages, /404.html."""
    paths = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        paths.append("/" + (relative.removesuffix("index.html") if relative.endswith("index.html") else relative))
    return paths


def language(path: str) -> str:
    return "en" if path.startswith("/en/") else "sv"


@pytest.fixture(scope="module")
def paths(site):
    found = page_paths(site)
    assert "/" in found and "/en/" in found and "/404.html" in found and "/en/program/" in found
    assert sum(p.startswith("/en/") for p in found) == len(found) // 2  # the 404 page is shared
    return found


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


def press_like_a_person(page, text: str) -> None:
    """Type as on a keyboard: a capital letter is Shift held down with the letter (Shift down, P, Shift up)."""
    for char in text:
        if char.isascii() and char.isupper():
            page.keyboard.press(f"Shift+{char}")
        elif char == " ":
            page.keyboard.press("Space")
        elif char.isascii():
            page.keyboard.press(char)
        else:
            page.keyboard.type(char)  # å, ä, ö: Playwright knows no key for them, so it sends the text alone


def status(page) -> str:
    return page.locator("[data-quick-exit] [role=status]").text_content()


# Geometry, measured in the page: the band must sit in the sticky header, in view; nothing may cover the button
# (the header's own menus may open over the rest of the band), and no text may show through the band (walking down the paint order at sample points until an
# opaque background). It must not cover the header's own controls, and sticky sidebars must start below it.
LAYOUT_PROBLEMS = """
() => {
  const problems = [];
  const band = document.querySelector('[data-quick-exit]');
  if (!band) return ['no quick-exit band on the page'];
  const button = band.querySelector('.quick-exit__button');
  const header = band.closest('header');
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const opaque = el => {
    const m = getComputedStyle(el).backgroundColor.match(/rgba?\\(([^)]*)\\)/);
    const parts = m ? m[1].split(/[\\s,/]+/).filter(Boolean) : [];
    return parts.length === 3 || (parts.length === 4 && parseFloat(parts[3]) === 1);
  };
  const textAt = (el, x, y) => [...el.childNodes].some(node => {
    if (node.nodeType !== Node.TEXT_NODE || !node.data.trim()) return false;
    const range = document.createRange();
    range.selectNodeContents(node);
    return [...range.getClientRects()].some(r => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom);
  });
  const r = button.getBoundingClientRect();
  if (!(r.width >= 24 && r.height >= 24 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth))
    problems.push(`the button is not wholly in view: ${JSON.stringify(r)}`);
  if (!header) problems.push('the band is not in the page header');
  else if (Math.abs(header.getBoundingClientRect().top) > 0.5) problems.push('the header has scrolled away');
  const b = band.getBoundingClientRect();
  for (let i = 0; i <= 12; i++) for (let j = 0; j <= 2; j++) {
    const x = b.left + 1 + (b.width - 2) * i / 12, y = b.top + 1 + (b.height - 2) * j / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    const stack = document.elementsFromPoint(x, y);
    if (!stack.length) continue;
    if (!band.contains(stack[0])) {
      const onButton = x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
      if (onButton || !(header && header.contains(stack[0]))) problems.push(`${name(stack[0])} covers the quick exit at (${x | 0}, ${y | 0})`);
      continue;  // a menu of the header's own may open over the band, but not over the button
    }
    for (const el of stack) {
      if (!band.contains(el) && textAt(el, x, y)) { problems.push(`text of ${name(el)} shows through the quick exit at (${x | 0}, ${y | 0})`); break; }
      if (opaque(el)) break;
    }
  }
  if (header) for (const control of header.querySelectorAll('a, button, label, input, [data-md-component=header-title]')) {
    if (band.contains(control) || !control.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const c = control.getBoundingClientRect();
    const x = c.left + c.width / 2, y = c.top + c.height / 2;
    if (c.width < 1 || c.height < 1 || x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    const top = document.elementFromPoint(x, y);
    if (top && band.contains(top)) problems.push(`the quick exit covers the header's ${name(control)}`);
  }
  for (const sidebar of document.querySelectorAll('[data-md-component=sidebar]')) {
    const s = sidebar.getBoundingClientRect();
    if (getComputedStyle(sidebar).position === 'sticky' && s.height > 0 && s.top < b.bottom - 0.5)
      problems.push(`the sticky ${name(sidebar)} starts under the quick exit (top ${s.top}, band bottom ${b.bottom})`);
  }
  return problems;
}
"""
SETTLED = """async () => {  // end every running transition now (menus fading in), then let a frame pass
  for (const animation of document.getAnimations()) animation.finish();
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""
TO_BOTTOM = """async () => {
  window.scrollTo(0, document.documentElement.scrollHeight);
  for (let i = 0; i < 3; i++) await new Promise(done => requestAnimationFrame(done));  // the theme places its sidebars per frame
  return document.documentElement.scrollHeight / innerHeight;
}"""


def test_every_page_has_the_button_as_a_plain_link_in_its_header(site, paths):
    """Without JavaScript, what the page holds is all there is: a plain link to the neutral page."""
    for path in paths:
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


def layout_problems(page, where: str) -> tuple[list[str], float]:
    """The layout check at the top of the page, at the bottom, with the header's language menu open, and with
    search open (the results must stay above the band, the button above the search's dimming overlay).
    Returns the problems and the page's height in screens."""
    problems = [f"{where}, top: {p}" for p in page.evaluate(LAYOUT_PROBLEMS)]
    screens = page.evaluate(TO_BOTTOM)
    problems += [f"{where}, bottom: {p}" for p in page.evaluate(LAYOUT_PROBLEMS)]
    page.focus(".md-header .md-select__link")  # the language menu opens over the band, not under it
    page.evaluate(SETTLED)
    if page.evaluate("() => getComputedStyle(document.querySelector('.md-header .md-select__link')).opacity") != "1" or \
            not page.evaluate("() => document.querySelector('.md-header .md-select__link').checkVisibility({opacityProperty: true})"):
        problems.append(f"{where}: the language menu did not open when its first link had focus")
    problems += [f"{where}, language menu open: {p}" for p in page.evaluate(LAYOUT_PROBLEMS)]
    page.focus("input.md-search__input")  # search open: full screen at 375 px, a box under the field at 1280 px
    page.wait_for_function("() => document.getElementById('__search').checked")  # the theme's toggle for its search dialog
    page.evaluate(SETTLED)
    problems += [f"{where}, search open: {p}" for p in page.evaluate(LAYOUT_PROBLEMS)]
    covered = page.evaluate("""() => { const r = document.querySelector('.md-search-result__meta').getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return document.querySelector('[data-quick-exit]').contains(top) ? r.top : null; }""")
    if covered is not None:
        problems.append(f"{where}, search open: the quick exit covers the first line of the search results (at {covered}px)")
    page.keyboard.press("Escape")
    page.evaluate(SETTLED)  # the search closes and the theme gives the page its scroll position back
    return problems, screens


def test_on_every_page_the_button_stays_in_view_and_only_shift_alone_three_times_leaves(context, server, paths, referers):
    """On every page: the layout at 1280 px and at 375 px (the same page load, turned like a tablet), then the
    walk of a parent in a hurry at 375 px: read a section, type in search, leave; and what Back shows after."""
    page = context.new_page()
    probes = []
    page.on("console", lambda message: message.text.startswith("quick-exit-probe") and probes.append(message.text))
    problems, longest, sections_followed = [], 0.0, 0
    for path in paths:
        words = LABELS[language(path)]
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(server + path, wait_until="domcontentloaded")
        problems += layout_problems(page, f"{path} @ 1280px")[0]
        page.set_viewport_size({"width": 375, "height": 700})
        page.evaluate("window.scrollTo(0, 0)")
        found, screens = layout_problems(page, f"{path} @ 375px")
        problems += found
        longest = max(longest, screens)
        before = page.evaluate("history.length")
        # A section link (the heading's own link, by keyboard): the same history entry, the heading in view below the header.
        heading_links = page.locator(".md-content h2 > a.headerlink")
        if heading_links.count():
            sections_followed += 1
            link = heading_links.last
            target = link.get_attribute("href")
            link.focus()
            page.keyboard.press("Enter")
            place = page.evaluate("id => [location.hash, history.length, document.getElementById(id).getBoundingClientRect().top,"
                                  " document.querySelector('header').getBoundingClientRect().bottom, innerHeight]", target[1:])
            if place[0] != target or place[1] != before:
                problems.append(f"{path}: the section link {target} left {place[1] - before} extra history entries (hash {place[0]})")
            if not place[3] - 1 <= place[2] < place[4]:
                problems.append(f"{path}: after the section link the heading is at {place[2]}px, the header ends at {place[3]}px")
        # Capitalised words in the search box, then Shift+Tab: no count, no exit.
        page.focus("input.md-search__input")
        press_like_a_person(page, CAPITALISED)
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Escape")
        if not page.url.startswith(server) or status(page):
            problems.append(f"{path}: typing \"{CAPITALISED}\" and Shift+Tab counted ({status(page)!r}) or left ({page.url})")
            page.goto(server + path)
        # Shift alone counts down; another key starts again.
        page.keyboard.press("Shift")
        two_left = status(page)
        page.keyboard.press("Shift")
        one_left = status(page)
        page.keyboard.press("ArrowDown")
        restarted = status(page)
        expected = [words["quick_exit_two_left"], words["quick_exit_one_left"], words["quick_exit_reset"]]
        if [two_left, one_left, restarted] != expected:
            problems.append(f"{path}: the status said {[two_left, one_left, restarted]}, expected {expected}")
        # Three presses of Shift alone: the page blanks, then the neutral page replaces it.
        probes.clear()
        for _ in range(3):
            page.keyboard.press("Shift")
        page.wait_for_url(QUICK_EXIT_URL + "**")
        if referers[-1:] != [None]:
            problems.append(f"{path}: the neutral page was told where the visitor came from: Referer {referers[-1:]}")
        if probes != ["quick-exit-probe body hidden"]:
            problems.append(f"{path}: the page was not blank when the neutral page started loading: {probes}")
        page.go_back()
        if page.url != "about:blank":
            problems.append(f"{path}: Back after leaving shows {page.url}, expected the page before it (about:blank)")
    page.close()
    assert longest > 5, "no long page was checked at its bottom"
    assert sections_followed > len(paths) // 2, f"only {sections_followed} pages had a heading link to follow; has the theme's markup changed?"
    assert not problems, "\n".join(problems)


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
