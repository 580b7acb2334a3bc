"""Expand the guide's markers in a page's Markdown, for one language.

Markers are HTML comments so they stay invisible in GitHub previews:
  <!-- guide:cite bra-2016-6,sis-avhoppare -->   inline citation
  <!-- guide:compare -->  <!-- guide:programs -->  <!-- guide:sources -->  <!-- guide:glossary -->
  <!-- guide:timeline -->  <!-- guide:evidence-scale -->  <!-- guide:routes person|relative|professional -->  <!-- guide:phone ROUTE-ID -->
  <!-- guide:quick-exit -->  <!-- guide:open-data -->  <!-- guide:example-program -->
  <!-- guide:due dir-2025-53 -->  a due statement inline, in the tense the build's date calls for (render_due.py)
Runs in the hook's on_page_markdown (once per page and language). It is pure:
the same input gives the same output, so the per-language rebuilds of
mkdocs-static-i18n cannot double-expand anything. An unknown marker or an
unknown source id is an error naming the page, so a typo never ships silently.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import render_compare, render_coverage, render_due, render_reference, render_routefinder
from .export import open_data_block
from .guide import Guide
from .htmlkit import cite

MARKER = re.compile(r"<!--\s*guide:([a-z-]+)(?:\s+([^>]*?))?\s*-->")


class MarkerError(ValueError):
    pass


CONTRIBUTING = Path(__file__).resolve().parent.parent / "CONTRIBUTING.md"


def example_program() -> str:
    """The commented example entry in CONTRIBUTING.md (one copy, shown on the site too)."""
    text = CONTRIBUTING.read_text(encoding="utf-8")
    block = text.split("<!-- example-program", 1)[1].split("```yaml\n", 1)[1]
    return block.split("```", 1)[0]


def abbreviations(guide: Guide, lang: str) -> str:
    """Markdown abbreviation definitions (*[SIG]: …) for every glossary term with an 'abbr'."""
    lines = []
    for term in guide.terms:
        if term.get("abbr"):
            explanation = " ".join(term["explanation"][lang].split())
            lines.append(f"*[{term['abbr']}]: {explanation}")
    return "\n".join(lines)


BLOCK_MARKERS = ("compare", "programs", "sources", "glossary", "timeline", "evidence-scale", "quick-exit",
                 "open-data", "example-program", "route-finder", "coverage")


def check(markdown: str, guide: Guide, page_name: str) -> list[str]:
    """Problems with a page's markers (unknown names, unknown source ids, unknown audiences), without rendering."""
    problems = []
    for match in MARKER.finditer(markdown):
        name, argument = match.group(1), (match.group(2) or "").strip()
        line = markdown.count("\n", 0, match.start()) + 1
        if name == "cite":
            ids = [i.strip() for i in argument.split(",") if i.strip()]
            unknown = [i for i in ids if i not in guide.sources]
            if not ids or unknown:
                problems.append(f"{page_name}:{line}: error: marker guide:cite: expected source ids from data/sources.yaml, "
                                f"got {', '.join(unknown) or 'none'}. Tip: check the id's spelling or add the source to data/sources.yaml.")
        elif name == "routes":
            if argument not in guide.vocabularies["audiences"]:
                problems.append(f"{page_name}:{line}: error: marker guide:routes: expected one of "
                                f"{', '.join(guide.vocabularies['audiences'])}, got \"{argument}\". Tip: write <!-- guide:routes person -->.")
        elif name == "phone":
            if not any(r["id"] == argument and r.get("phone") for r in guide.routes):
                problems.append(f"{page_name}:{line}: error: marker guide:phone: expected the id of a route with a phone number "
                                f"in data/routes.yaml, got \"{argument}\". Tip: write <!-- guide:phone nodlage-112 -->.")
        elif name == "due":
            problem = render_due.marker_problem(guide, argument)
            if problem:
                problems.append(f"{page_name}:{line}: error: marker guide:due: expected {problem}")
        elif name not in BLOCK_MARKERS:
            problems.append(f"{page_name}:{line}: error: marker guide:{name}: expected one of cite, routes, phone, due, "
                            f"{', '.join(BLOCK_MARKERS)}, got \"{name}\". Tip: check the marker's spelling.")
    return problems


SLOT = "<!--guide-slot-{}-->"
SLOT_PATTERN = re.compile(r"<!--guide-slot-(\d+)-->")
MARKDOWN_HEADING = re.compile(r"^(#{1,6} .*)$", re.M)
# A newline between adjacent block elements, as Markdown writes raw HTML: the search index splits words on
# whitespace, so "…insatserna</td></table><p>Definition" must not become one word.
BLOCK_BOUNDARY = re.compile(r"(</(?:p|table|ul|ol|dl|section|div|figure|details|h[1-6])>)(?=<(?:p|table|ul|ol|dl|section|div|figure|details|h[1-6])\b)")


def expand(markdown: str, guide: Guide, lang: str, page_url: str, page_name: str) -> str:
    """The page's Markdown with every marker replaced by what it renders."""
    with_slots, slots = expand_with_slots(markdown, guide, lang, page_url, page_name)
    return fill_slots(with_slots, slots)


def expand_with_slots(markdown: str, guide: Guide, lang: str, page_url: str, page_name: str,
                      generated: bool = False) -> tuple[str, list[str]]:
    """Like expand, but the generated HTML of block markers comes back separately, with a slot (an HTML comment)
    where it belongs. Markdown then skips re-parsing tens of kilobytes of finished HTML (a third of a build's
    Markdown time); fill_slots puts it back afterwards. Headings a block writes stay in the Markdown, so they
    still reach the table of contents. `generated`: the whole page is renderer output (a programme page:
    Markdown headings and finished HTML only), so all of its HTML goes into slots."""
    slots: list[str] = []

    def slotted(text: str) -> str:
        out = []
        for part in MARKDOWN_HEADING.split(text):
            if part.lstrip().startswith("<") and not MARKDOWN_HEADING.fullmatch(part):
                slots.append(BLOCK_BOUNDARY.sub("\\1\n", part.strip()))
                out.append("\n\n" + SLOT.format(len(slots) - 1) + "\n\n")
            else:
                out.append(part)
        return "".join(out)
    if generated:
        return slotted(markdown), slots
    return _expand(markdown, guide, lang, page_url, page_name, slotted), slots


def fill_slots(html: str, slots: list[str]) -> str:
    return SLOT_PATTERN.sub(lambda match: slots[int(match.group(1))], html)


def _expand(markdown: str, guide: Guide, lang: str, page_url: str, page_name: str, slotted) -> str:
    problems = check(markdown, guide, page_name)
    if problems:
        raise MarkerError("\n".join(problems))

    def replace(match: re.Match) -> str:
        name, argument = match.group(1), (match.group(2) or "").strip()
        if name == "cite":
            return cite(guide, [i.strip() for i in argument.split(",") if i.strip()], lang, page_url)
        if name == "routes":
            return slotted(render_reference.routes_block(guide, lang, page_url, argument))
        if name == "phone":
            return render_reference.phone_link(next(r for r in guide.routes if r["id"] == argument))
        if name == "due":
            return render_due.due_marker(guide, argument, lang, page_url)
        if name == "example-program":
            return "```yaml\n" + example_program() + "```"
        if name == "open-data":
            return slotted(open_data_block(guide, lang, page_url))
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
        }
        return slotted(blocks[name](guide, lang, page_url))

    return MARKER.sub(replace, markdown)
