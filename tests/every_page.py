"""One walk over every built page of both languages, in Debian's Chromium, collecting what the browser tests
promise about each page. test_browser.py and test_quick_exit.py assert on what it found, one promise per test.

Runs inside the `walked` fixture (tests/conftest.py), once per test session. The pages are cut into parts of
PART_SIZE pages of one language; each test worker (pytest-xdist) that needs the walk takes the parts no other
worker has taken yet, walks them and leaves what it found in a JSON file; then it waits for the parts others
are walking and reads theirs. So two workers share the walk, and one worker alone walks it all. Assumes a
built site served by tools/devkit.py and the session's Chromium; imports nothing from the site's code but
the interface strings.

Why one walk: loading a page, running axe and opening the search cost Chromium far more than the checks do,
so each page is loaded once and turned like a tablet between the two widths (the theme and the guide's
scripts follow the width through media queries, not through the width the page was loaded at):
1. Load at 375 px. The head: a Content-Security-Policy meta tag with default-src 'self', the page's language,
   the language switch leading to the same page in the other language, no alternate-language links.
2. axe-core (WCAG 2.x A/AA) at 375 px, then at 1280 px.
3. The quick-exit band at 1280 px, then at 375 px: in view at the top and at the bottom of the page, covering
   none of the header's own controls, no text showing through it, sticky sidebars below it; the same with
   the language menu open and with search open (results below the band). The menus are the header's, one
   template on every page, so they are opened on the first page of each part, at both widths (a quarter of the
   pages, both languages, spread over every kind of page).
4. The walk of a parent in a hurry at 375 px: follow a section link (no history entry, the heading in view
   below the header); type capitalised words in the search box, Shift+Tab, Escape (no count, no exit);
   Shift twice and another key (the status counts down and restarts, in the page language); Shift three
   times: the page blanks before the neutral page starts loading, the neutral page gets no Referer, and
   Back does not show the page left.
All along: no request to another host (the neutral page only while leaving, where it is a stub), no failed
response, no console error, no Content-Security-Policy violation; and no cookie at the end of each part.

The search index: the walk types in the search box to prove that capital letters there never count. With
the full index each key runs a search over every page, which costs Chromium about a second per page and
proves nothing about the quick exit, so the walk serves the language's index with its pages left out (same
format, same configuration): search opens, shows its no-results help, and the layout is checked with it.
Search itself is tested in test_search.py and test_browser.py.
"""
from __future__ import annotations

import dataclasses
import fcntl
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse
from exitguide.labels import LABELS
from exitguide.render_reference import QUICK_EXIT_URL
from helpers import ROOT

LANGUAGES = ("sv", "en")
PHONE = {"width": 375, "height": 700}
DESKTOP = {"width": 1280, "height": 900}
PART_SIZE = 4  # pages per part of the walk: a few seconds of Chromium, so no worker waits long for another

AXE = ROOT / "tools" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE.read_text(encoding="utf-8") if AXE.exists() else ""
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = ("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
           ".then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')))")

CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""
NEUTRAL_STUB = "<!doctype html><html lang='sv'><title>SMHI</title><p>Väder</p></html>"
BLANK_PROBE = """addEventListener('beforeunload', () => console.log('quick-exit-probe body ' + getComputedStyle(document.body).visibility));"""
CAPITALISED = "Polisen Malmö Göteborg"

# The head of the page as the language tests read it: the policy, the language, where the switch leads.
HEAD = """() => {
  const policy = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  const lang = document.documentElement.lang;
  const other = lang === 'en' ? 'sv' : 'en';
  const link = document.querySelector(`.md-select__link[hreflang="${other}"]`);
  return {policy: policy && policy.content, lang, switchTo: link && new URL(link.href).pathname,
          alternates: document.querySelectorAll('head link[rel="alternate"][hreflang]').length};
}"""

# Geometry, measured in the page: the band must sit in the sticky header, in view; nothing may cover the button
# (the header's own menus may open over the rest of the band), and no text may show through the band (walking
# down the paint order at sample points until an opaque background). It must not cover the header's own
# controls, and sticky sidebars must start below it.
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


def page_paths(site: Path) -> list[str]:
    """The address of every built HTML page: /, /en/…, the programme pages, /404.html."""
    paths = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        paths.append("/" + (relative.removesuffix("index.html") if relative.endswith("index.html") else relative))
    return paths


def language(path: str) -> str:
    """The language of a page by its address; the 404 page (one for both) counts as Swedish."""
    return "en" if path.startswith("/en/") else "sv"


def empty_search_index(site: Path, lang: str) -> str:
    """The language's search index without its pages (see the module's docstring)."""
    index = json.loads((site / ("en/" if lang == "en" else "") / "search" / "search_index.json").read_text(encoding="utf-8"))
    index["docs"] = []
    return json.dumps(index)


@dataclass
class Findings:
    """What the walk over one language's pages found; every list holds messages naming the page."""
    language: str
    paths: list[str]
    axe: list[str] = field(default_factory=list)
    policy: list[str] = field(default_factory=list)          # CSP meta tag missing or weak, CSP violations
    requests: list[str] = field(default_factory=list)        # other hosts asked, failed responses
    console: list[str] = field(default_factory=list)         # console errors
    cookies: list = field(default_factory=list)
    language_switch: list[str] = field(default_factory=list)
    layout: list[str] = field(default_factory=list)          # the quick-exit band at both widths
    quick_exit: list[str] = field(default_factory=list)      # the walk: section link, typing, counting, leaving
    longest_page: float = 0.0                                # in screens at 375 px
    sections_followed: int = 0
    menus_opened: int = 0                                    # checks with the header's menus open (both widths)

    @classmethod
    def joined(cls, lang: str, parts: list[Findings]) -> Findings:
        """One language's findings from the parts of the walk, in page order."""
        whole = cls(lang, [])
        for part in parts:
            for name in ("paths", "axe", "policy", "requests", "console", "cookies", "language_switch", "layout", "quick_exit"):
                getattr(whole, name).extend(getattr(part, name))
            whole.longest_page = max(whole.longest_page, part.longest_page)
            whole.sections_followed += part.sections_followed
            whole.menus_opened += part.menus_opened
        return whole


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


def layout_problems(page, where: str, menus: bool = True) -> tuple[list[str], float]:
    """The layout check at the top of the page, at the bottom, and (with `menus`) with the header's language menu
    open and with search open (the results must stay above the band, the button above the search's dimming
    overlay). Returns the problems and the page's height in screens."""
    problems = [f"{where}, top: {p}" for p in page.evaluate(LAYOUT_PROBLEMS)]
    screens = page.evaluate(TO_BOTTOM)
    problems += [f"{where}, bottom: {p}" for p in page.evaluate(LAYOUT_PROBLEMS)]
    if not menus:
        return problems, screens
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


class Walker:
    """One tab in one browser context for all the parts a worker walks: after its first page, a part's pages
    load with the theme's files already in the context's cache, as a visitor's next page does. Each part gets
    its own Findings; the cookies are read at the end of each part."""

    def __init__(self, browser, server: str, site: Path):
        self.server = server
        self.found = Findings("", [])
        self.current, self.leaving, self.referers, self.probes = "", False, [], []
        self.context = browser.new_context(viewport=PHONE)
        self.context.add_init_script(CSP_LISTENER)
        self.context.add_init_script(BLANK_PROBE)
        indexes = {lang: empty_search_index(site, lang) for lang in LANGUAGES}
        self.context.route("**/search/search_index.json", lambda route: route.fulfill(
            body=indexes[language(urlparse(route.request.url).path)], content_type="application/json"))
        # A pattern, not a Python function: Chromium then sends only these requests through the test, not every one.
        self.context.route(re.compile("^(?!" + re.escape(server + "/") + ")"), self.elsewhere)
        self.context.on("response", lambda r: r.status >= 400 and self.found.requests.append(
            f"{self.current}: failed response: {r.status} {r.url}"))
        self.page = self.context.new_page()
        self.page.on("console", self.console)

    def elsewhere(self, route):  # only requests for another host come here (see the pattern above)
        url = route.request.url
        if self.leaving and url.startswith(QUICK_EXIT_URL):
            self.referers.append(route.request.headers.get("referer"))
            return route.fulfill(status=200, body=NEUTRAL_STUB, content_type="text/html; charset=utf-8")
        self.found.requests.append(f"{self.current}: request to another host: {url}")
        return route.abort()

    def console(self, message):
        if message.type == "error":
            self.found.console.append(f"{self.current}: {message.text}")
        elif message.text.startswith("quick-exit-probe"):
            self.probes.append(message.text)

    def close(self) -> None:
        self.context.close()

    def walk(self, paths: list[str]) -> Findings:
        """Visit each of `paths` (pages of one language) once, as the module's docstring says; return what was found."""
        found = self.found = Findings(language(paths[0]), paths)
        words, page, server = LABELS[found.language], self.page, self.server
        self.referers = []
        for path in paths:
            self.current = path
            page.set_viewport_size(PHONE)
            page.goto(server + path, wait_until="load")
            check_head(page, path, found)
            page.evaluate(AXE_SOURCE)  # through the DevTools protocol, so the page's CSP does not block the tool
            found.axe += [f"{path} @ 375px axe: {v}" for v in page.evaluate(AXE_RUN, AXE_TAGS)]
            page.set_viewport_size(DESKTOP)
            page.evaluate(SETTLED)
            found.axe += [f"{path} @ 1280px axe: {v}" for v in page.evaluate(AXE_RUN, AXE_TAGS)]
            found.layout += layout_problems(page, f"{path} @ 1280px", menus=path == paths[0])[0]
            found.menus_opened += path == paths[0]
            page.set_viewport_size(PHONE)
            page.evaluate("window.scrollTo(0, 0)")
            problems, screens = layout_problems(page, f"{path} @ 375px", menus=path == paths[0])
            found.menus_opened += path == paths[0]
            found.layout += problems
            found.longest_page = max(found.longest_page, screens)
            found.quick_exit += follow_a_section_link(page, path, found)
            found.quick_exit += type_and_count(page, server, path, words)
            found.policy += [f"{path}: CSP violation {v}" for v in page.evaluate("window.__cspViolations")]
            # Three presses of Shift alone: the page blanks, then the neutral page replaces it.
            self.probes.clear()
            self.leaving = True
            for _ in range(3):
                page.keyboard.press("Shift")
            page.wait_for_url(QUICK_EXIT_URL + "**")
            self.leaving = False
            if self.referers[-1:] != [None]:
                found.quick_exit.append(f"{path}: the neutral page was told where the visitor came from: Referer {self.referers[-1:]}")
            if self.probes != ["quick-exit-probe body hidden"]:
                found.quick_exit.append(f"{path}: the page was not blank when the neutral page started loading: {self.probes}")
            page.go_back()
            if page.url != "about:blank":
                found.quick_exit.append(f"{path}: Back after leaving shows {page.url}, expected the page before it (about:blank)")
        found.cookies = self.context.cookies()
        if len(self.referers) != len(paths):
            found.requests.append(f"the neutral page was asked for {len(self.referers)} times in {len(paths)} exits")
        return found


def check_head(page, path: str, found: Findings) -> None:
    head = page.evaluate(HEAD)
    if not head["policy"] or "default-src 'self'" not in head["policy"]:
        found.policy.append(f"{path}: no CSP meta tag with default-src 'self' (found {head['policy']!r})")
    if path == "/404.html":
        return  # one page for both languages; its switch goes to the home pages (test_build)
    lang = language(path)
    expected = path.removeprefix("/en") if lang == "en" else "/en" + path
    if head["lang"] != lang or head["switchTo"] != expected or head["alternates"]:
        found.language_switch.append(f"{path}: lang {head['lang']!r} (expected {lang!r}), the switch leads to "
                                     f"{head['switchTo']} (expected {expected}), {head['alternates']} alternate links (expected 0)")


def follow_a_section_link(page, path: str, found: Findings) -> list[str]:
    """A section link (the heading's own link, by keyboard): the same history entry, the heading in view below the header."""
    problems = []
    before = page.evaluate("history.length")
    heading_links = page.locator(".md-content h2 > a.headerlink")
    if heading_links.count():
        found.sections_followed += 1
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
    return problems


def type_and_count(page, server: str, path: str, words: dict) -> list[str]:
    """Capitalised words in the search box, then Shift+Tab: no count, no exit. Then Shift alone counts down,
    in the page language, and another key starts the count again."""
    problems = []
    page.focus("input.md-search__input")
    press_like_a_person(page, CAPITALISED)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Escape")
    if not page.url.startswith(server) or status(page):
        problems.append(f"{path}: typing \"{CAPITALISED}\" and Shift+Tab counted ({status(page)!r}) or left ({page.url})")
        page.goto(server + path)
    page.keyboard.press("Shift")
    two_left = status(page)
    page.keyboard.press("Shift")
    one_left = status(page)
    page.keyboard.press("ArrowDown")
    restarted = status(page)
    expected = [words["quick_exit_two_left"], words["quick_exit_one_left"], words["quick_exit_reset"]]
    if [two_left, one_left, restarted] != expected:
        problems.append(f"{path}: the status said {[two_left, one_left, restarted]}, expected {expected}")
    return problems


def parts(site: Path) -> list[list[str]]:
    """The pages cut into parts of at most PART_SIZE pages, each of one language."""
    cut = []
    for lang in LANGUAGES:
        paths = [p for p in page_paths(site) if language(p) == lang]
        cut += [paths[i:i + PART_SIZE] for i in range(0, len(paths), PART_SIZE)]
    return cut


def shared_walk(browser, server: str, site: Path, folder: Path) -> dict[str, Findings]:
    """The walk over every page, shared with the other test workers through `folder` (see the module's
    docstring); returns each language's findings."""
    folder.mkdir(parents=True, exist_ok=True)
    cut = parts(site)
    walker: list[Walker] = []  # made when this worker takes its first part

    def walk_part(number: int) -> None:
        walker or walker.append(Walker(browser, server, site))
        findings = walker[0].walk(cut[number])
        unfinished = folder / f"part-{number}.json.tmp"
        unfinished.write_text(json.dumps(dataclasses.asdict(findings)), encoding="utf-8")
        unfinished.replace(folder / f"part-{number}.json")  # others see the whole file or none

    for wait in (False, True):  # first take what is free, then wait for the parts others are walking
        for number in range(len(cut)):
            with open(folder / f"part-{number}.lock", "w") as lock:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))  # released when the file closes
                except BlockingIOError:
                    continue  # another worker is walking these pages
                if not (folder / f"part-{number}.json").exists():
                    walk_part(number)  # free, or left unfinished by a worker that failed
    if walker:
        walker[0].close()
    found = [Findings(**json.loads((folder / f"part-{n}.json").read_text(encoding="utf-8"))) for n in range(len(cut))]
    return {lang: Findings.joined(lang, [f for f in found if f.language == lang]) for lang in LANGUAGES}
