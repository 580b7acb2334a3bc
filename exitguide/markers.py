"""Expand the guide's markers in a page's Markdown, for one language.

Markers are HTML comments so they stay invisible in GitHub previews. Each is written exactly
as `<!-- guide:NAME -->` or `<!-- guide:NAME ARGUMENT -->` on one line: one space after `<!--`,
`guide:` and the name in lowercase, one space before `-->`; an argument is ids separated by commas.
  <!-- guide:cite bra-2016-6,sis-avhoppare -->   inline citation: numbered marks, the page's sources listed at its end (citations.py)
  <!-- guide:compare -->  <!-- guide:programs -->  <!-- guide:sources -->  <!-- guide:glossary -->
  <!-- guide:timeline -->  <!-- guide:evidence-scale -->  <!-- guide:routes person|relative|professional -->  <!-- guide:phone ROUTE-ID -->
  <!-- guide:quick-exit -->  <!-- guide:open-data -->  <!-- guide:example-program -->
  <!-- guide:route-finder -->  <!-- guide:coverage -->  <!-- guide:changes -->  <!-- guide:reviews -->  <!-- guide:gap-map -->
  <!-- guide:repository -->  inline link to the project's repository (mkdocs.yml extra.repository, passed in as `settings`)
  <!-- guide:due dir-2025-53 -->  a due statement inline, in the tense the build's date calls for (render_due.py)
Anything that looks like a marker but is not exactly one (`<!-- guide: compare -->`, `guide:Compare`,
an unclosed `<!-- guide:compare`, `guide:compair`) is an error naming the page, line and column: a typo
must never drop a table without a word.
Runs in the hook's on_page_markdown (once per page and language). It is pure:
the same input gives the same output, so the per-language rebuilds of
mkdocs-static-i18n cannot double-expand anything. What a marker renders never passes through
Markdown: block markers leave a slot (an HTML comment on its own line) and inline markers an
inline placeholder, and fill_slots puts the finished HTML back after Markdown has run, then numbers the page's
citations (citations.number_page). Scanning is
linear in the page's length (str.find and anchored matches only; no pattern can backtrack
over an unclosed marker).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import (citations, render_changes, render_compare, render_coverage, render_due, render_gapmap, render_reference,
               render_routefinder)
from .export import open_data_block
from .guide import Guide
from .htmlkit import cite, external_link, phone_link
from .labels import label
from .problems import Problem, show
from .types import URL

BLOCK_MARKERS = ("compare", "programs", "sources", "glossary", "timeline", "evidence-scale", "quick-exit",
                 "open-data", "example-program", "route-finder", "coverage", "changes", "reviews", "repository", "gap-map")
ARGUMENT_MARKERS = ("cite", "routes", "phone", "due")
ALL_MARKERS = ARGUMENT_MARKERS + BLOCK_MARKERS

# The exact form, matched at a known start (the text between "<!--" and "-->"); both parts are
# unambiguous, so a match is linear in the comment's length.
EXACT = re.compile(r" guide:([a-z]+(?:-[a-z]+)*)(?: ([a-z0-9]+(?:[,-][a-z0-9]+)*))? ")
# What makes a comment a (mistyped) marker: it starts with "guide" and a colon, or "guide" and a marker name.
LOOKS_LIKE = re.compile(r"\s*guide\s*[:：]|\s*guide\s+(?:" + "|".join(ALL_MARKERS) + r")\b", re.IGNORECASE)
# A marker name after "guide:" outside any comment, e.g. in "<!- guide:compare -->" or "< !-- guide:compare -->".
STRAY = re.compile(r"guide\s{0,3}[:：]\s{0,3}(?:" + "|".join(sorted(ALL_MARKERS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
MARKER_SHAPE = "<!-- guide:name --> or <!-- guide:name argument -->, on one line, in lowercase, with one space inside each end"


class MarkerError(ValueError):
    pass


@dataclass(frozen=True)
class Marker:
    name: str
    argument: str
    start: int      # offsets in the page's text
    end: int
    line: int       # 1-based
    column: int
    on_heading: bool = False  # the line is a Markdown heading

    def ids(self) -> list[str]:
        return [i for i in self.argument.split(",") if i]


@dataclass(frozen=True)
class Scan:
    markers: list[Marker]
    malformed: list[Problem]
    steps: int       # pieces of text examined; linear in the page's length (tested)


def _suggestion(content: str) -> str:
    """The exact form a mistyped marker probably meant: <!-- guide:compare --> for <!--Guide : Compare-->."""
    content = content[:300].split("-->", 1)[0]
    match = re.match(r"\s*guide\s*[:：]?\s*([A-Za-z-]*)\s*(.*)", content, re.IGNORECASE | re.S)
    if not match:
        return "<!-- guide:name -->"
    name, argument = match.group(1).lower(), re.sub(r"\s*,\s*", ",", match.group(2).strip())
    return f"<!-- guide:{name or 'name'}{' ' + argument if argument else ''} -->"


def scan(markdown: str, page_name: str) -> Scan:
    """Every exact marker, and a problem for everything that looks like a marker but is not one."""
    markers: list[Marker] = []
    malformed: list[Problem] = []
    steps = 0
    offset = 0
    for number, line in enumerate(markdown.split("\n"), start=1):
        steps += 1
        position = 0
        covered: list[tuple[int, int]] = []  # comments already judged, so STRAY does not judge them twice
        while True:
            start = line.find("<!--", position)
            steps += 1
            if start < 0:
                break
            close = line.find("-->", start + 4)
            content = line[start + 4: close] if close >= 0 else line[start + 4:]
            looks = LOOKS_LIKE.match(content)
            exact = EXACT.fullmatch(content) if close >= 0 and content.startswith(" guide:") else None
            if exact:
                markers.append(Marker(exact.group(1), exact.group(2) or "", offset + start, offset + close + 3, number, start + 1,
                                      line.startswith("#")))
            elif looks and close < 0:
                malformed.append(Problem(page_name, number, start + 1, "marker", "a marker closed with --> on the same line",
                                         show(line[start:start + 60]), f"write it as {_suggestion(content)}."))
            elif looks:
                malformed.append(Problem(page_name, number, start + 1, "marker", f"a marker written exactly as {MARKER_SHAPE}",
                                         show(line[start:close + 3]), f"write it as {_suggestion(content)}."))
            if close < 0:
                covered.append((start, len(line)))
                break  # an unclosed comment runs to the end of the line; nothing after it is judged twice
            covered.append((start, close + 3))
            steps += 1
            position = close + 3
        if "uide" in line.lower():  # cheap pre-check: most lines never mention a marker outside a comment
            judged = 0  # both lists run left to right, so one pass over each suffices
            for stray in STRAY.finditer(line):
                steps += 1
                while judged < len(covered) and covered[judged][1] <= stray.start():
                    judged += 1
                    steps += 1
                if judged == len(covered) or not covered[judged][0] <= stray.start():
                    close = line.find("-->", stray.end(), stray.end() + 80)
                    end = close + 3 if close >= 0 else stray.end() + 40
                    malformed.append(Problem(page_name, number, stray.start() + 1, "marker", f"a marker written exactly as {MARKER_SHAPE}",
                                             show(line[max(0, stray.start() - 6): end], 80),
                                             f"write it as {_suggestion(line[stray.start():end])}."))
        offset += len(line) + 1
    return Scan(markers, malformed, steps)


CONTRIBUTING = Path(__file__).resolve().parent.parent / "CONTRIBUTING.md"


def example_program() -> str:
    """The commented example entry in CONTRIBUTING.md (one copy, shown on the site too)."""
    text = CONTRIBUTING.read_text(encoding="utf-8")
    block = text.split("<!-- example-program", 1)[1].split("```yaml\n", 1)[1]
    return block.split("```", 1)[0]


def abbreviations(guide: Guide, lang: str) -> str:
    """Markdown abbreviation definitions (*[SIG]: …) for every glossary term with an 'abbr'. The abbreviation
    is letters, digits and a few inner marks (types.Abbreviation), and the explanation is put on one line,
    so a definition can neither end early nor add a line of Markdown of its own."""
    lines = []
    for term in guide.terms:
        if term.get("abbr"):
            explanation = " ".join(term["explanation"][lang].split())
            lines.append(f"*[{term['abbr']}]: {explanation}")
    return "\n".join(lines)


def check(markdown: str, guide: Guide, page_name: str) -> tuple[list[Marker], list[Problem]]:
    """A page's exact markers, and the problems with its markers (mistyped markers, unknown names, unknown source
    ids, unknown audiences), without rendering: what `python -m exitguide check` reports and the build stops on."""
    found = scan(markdown, page_name)
    return found.markers, found.malformed + check_markers(found.markers, guide, page_name)


def check_markers(markers: list[Marker], guide: Guide, page_name: str) -> list[Problem]:
    """What exact markers say: known names, known source ids and routes, no argument where none belongs."""
    problems = []
    audiences = list(guide.vocabularies["audiences"])
    for marker in markers:
        def problem(expected, found, tip):
            problems.append(Problem(page_name, marker.line, marker.column, f"marker guide:{marker.name}", expected, found, tip))
        if marker.name == "cite":
            unknown = [i for i in marker.ids() if i not in guide.sources]
            if not marker.ids() or unknown:
                problem("source ids from data/sources.yaml", ", ".join(show(i) for i in unknown) or "none",
                        "check the id's spelling or add the source to data/sources.yaml.")
        elif marker.name == "routes":
            if marker.argument not in audiences:
                problem(f"one of {', '.join(audiences)}", show(marker.argument), "write <!-- guide:routes person -->.")
        elif marker.name == "phone":
            if not any(r["id"] == marker.argument and r.get("phone") for r in guide.routes):
                problem("the id of a route with a phone number in data/routes.yaml", show(marker.argument),
                        "write <!-- guide:phone nodlage-112 -->.")
        elif marker.name == "due":
            wrong = render_due.marker_problem(guide, marker.argument)
            if wrong:
                problem(*wrong)
        elif marker.name not in BLOCK_MARKERS:
            problem(f"one of {', '.join(ALL_MARKERS)}", show(marker.name), "check the marker's spelling.")
        elif marker.argument:
            problem(f"no argument after guide:{marker.name}", show(marker.argument), f"write <!-- guide:{marker.name} -->.")
        if marker.name in ALL_MARKERS and marker.on_heading:
            problem("a marker outside headings", "a marker on a heading line",
                    "put the marker in the text under the heading; headings become the page title and table of contents, which are plain text.")
    return problems


SLOT = "<!--guide-slot-{}-->"
INLINE_SLOT = "\ue000{}\ue001"  # private-use characters: data and pages cannot contain them (types.INVISIBLE)
SLOT_PATTERN = re.compile(r"<!--guide-slot-(\d+)-->|\ue000(\d+)\ue001")
MARKDOWN_HEADING = re.compile(r"^(#{1,6} .*)$", re.M)
# A newline between adjacent block elements, as Markdown writes raw HTML: the search index splits words on
# whitespace, so "…insatserna</td></table><p>Definition" must not become one word.
BLOCK_BOUNDARY = re.compile(r"(</(?:p|table|ul|ol|dl|section|div|figure|details|h[1-6])>)(?=<(?:p|table|ul|ol|dl|section|div|figure|details|h[1-6])\b)")


def expand(markdown: str, guide: Guide, lang: str, page_url: str, page_name: str, settings: dict | None = None) -> str:
    """The page's Markdown with every marker replaced by what it renders."""
    with_slots, slots = expand_with_slots(markdown, guide, lang, page_url, page_name, settings=settings)
    return fill_slots(with_slots, slots)


class PageSlots(list):
    """The rendered HTML of a page's markers, in slot order, and the page it belongs to (guide, language, URL), which
    the page-level citation pass (citations.number_page) needs once the slots are filled."""

    def __init__(self, guide: Guide, lang: str, page_url: str):
        super().__init__()
        self.page = (guide, lang, page_url)


def expand_with_slots(markdown: str, guide: Guide, lang: str, page_url: str, page_name: str,
                      generated: bool = False, settings: dict | None = None) -> tuple[str, PageSlots]:
    """Like expand, but the generated HTML comes back separately, with a slot where it belongs. Markdown then
    skips re-parsing tens of kilobytes of finished HTML (a third of a build's Markdown time), and no data is ever
    read as Markdown; fill_slots puts it back afterwards. Headings a block writes stay in the Markdown, so they
    still reach the table of contents (renderers escape the data in them, htmlkit.markdown_text). `generated`:
    the whole page is renderer output (a programme page: Markdown headings and finished HTML only), so all of
    its HTML goes into slots, and it places its own list of sources (citations.REFERENCES). Any other page with a
    citation gets that list at its end, under a heading of its own (so it is in the table of contents).
    `settings`: values from mkdocs.yml's `extra:` that pages may show (repository)."""
    slots = PageSlots(guide, lang, page_url)

    def slotted(text: str) -> str:
        out = []
        for part in MARKDOWN_HEADING.split(text):
            if part.lstrip().startswith("<") and not MARKDOWN_HEADING.fullmatch(part):
                slots.append(BLOCK_BOUNDARY.sub("\\1\n", part.strip()))
                out.append("\n\n" + SLOT.format(len(slots) - 1) + "\n\n")
            else:
                out.append(part)
        return "".join(out)

    def inline(html: str) -> str:
        slots.append(html)
        return INLINE_SLOT.format(len(slots) - 1)

    if generated:
        return slotted(markdown), slots
    expanded = _expand(markdown, guide, lang, page_url, page_name, slotted, inline, settings or {})
    if any(citations.has_citations(slot) for slot in slots):
        expanded = (expanded.rstrip("\n") + f"\n\n## {label(lang, 'page_sources')} {{ #{citations.PAGE_SOURCES_ID} }}\n\n"
                    + slotted(citations.REFERENCES))
    return expanded, slots


def fill_slots(html: str, slots: list[str]) -> str:
    """The page's HTML with its slots filled and, for a page's own slots (PageSlots), its citations numbered and
    listed. Placeholders never reach a reader: without the page to number them for, they are an error."""
    def fill(match: re.Match) -> str:
        index = int(match.group(1) or match.group(2))
        return slots[index] if index < len(slots) else match.group(0)
    filled = SLOT_PATTERN.sub(fill, html)
    page = getattr(slots, "page", None)
    if page is not None:
        return citations.number_page(filled, *page)
    if citations.has_citations(filled):
        raise ValueError("citation placeholders without a page to number them for; pass the PageSlots from expand_with_slots")
    return filled


def repository_link(marker: Marker, settings: dict, page_name: str) -> str:
    """The project's repository as a link. Its address is kept once, in mkdocs.yml (extra: repository:), because it
    is a fact about where the project lives, not about the programmes; a missing or odd address stops the build."""
    address = settings.get("repository")
    if not isinstance(address, str) or not URL.fullmatch(address):
        raise MarkerError(Problem(page_name, marker.line, marker.column, "marker guide:repository",
                                  "the repository's https:// address in mkdocs.yml (extra: repository:)",
                                  "no address" if address is None else show(address),
                                  "add 'repository: https://…' under 'extra:' in mkdocs.yml.").format_text())
    return external_link(address)


def _expand(markdown: str, guide: Guide, lang: str, page_url: str, page_name: str, slotted, inline, settings: dict) -> str:
    found, problems = check(markdown, guide, page_name)
    if problems:
        raise MarkerError("\n".join(p.format_text() for p in problems))

    blocks = {
        "compare": render_compare.comparison,
        "programs": render_reference.program_list_block,
        "sources": render_reference.sources_block,
        "glossary": render_reference.glossary_block,
        "timeline": render_reference.timeline_block,
        "evidence-scale": render_reference.evidence_scale_block,
        "quick-exit": render_reference.quick_exit_block,
        "route-finder": render_routefinder.route_finder_block,
        "coverage": render_coverage.coverage_block,
        "changes": render_changes.changes_block,
        "reviews": render_changes.reviews_block,
        "gap-map": render_gapmap.gap_map_block,
    }

    def render(marker: Marker) -> str:
        if marker.name == "cite":
            return inline(cite(guide, marker.ids()))
        if marker.name == "phone":
            return inline(phone_link(next(r["phone"] for r in guide.routes if r["id"] == marker.argument)))
        if marker.name == "due":
            return inline(render_due.due_marker(guide, marker.argument, lang))
        if marker.name == "repository":
            return inline(repository_link(marker, settings, page_name))
        if marker.name == "routes":
            return slotted(render_reference.routes_block(guide, lang, page_url, marker.argument))
        if marker.name == "example-program":
            return "```yaml\n" + example_program() + "```"
        if marker.name == "open-data":
            return slotted(open_data_block(guide, lang, page_url))
        return slotted(blocks[marker.name](guide, lang, page_url))

    out = []
    position = 0
    for marker in found:
        out.append(markdown[position:marker.start])
        out.append(render(marker))
        position = marker.end
    out.append(markdown[position:])
    return "".join(out)
