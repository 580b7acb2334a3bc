"""Rendering per language, from the minimal data set: labels, computed shares, citations, escaping."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from helpers import ROOT, minimal_data
from exitguide import markers, render_compare, render_gapmap, render_program
from exitguide.docs_check import parity_problems
from exitguide.guide import Guide, share
from exitguide.htmlkit import relative
from exitguide.labels import DEFAULT_LANGUAGE, LABELS, LANGUAGES, MONTHS
from exitguide.validate import validate


@pytest.fixture
def guide(tmp_path):
    result = validate(minimal_data(tmp_path))
    assert result.ok
    return Guide.from_result(result, now=dt.date(2026, 11, 23))


def test_shares_are_rounded_half_up():
    assert share(48, 73) == 66 and share(30, 73) == 41 and share(73, 94) == 78
    assert share(1, 0) is None


def test_labels_exist_in_both_languages():
    assert LABELS["sv"].keys() == LABELS["en"].keys()


def test_the_languages_are_the_ones_mkdocs_builds():
    """labels.LANGUAGES and DEFAULT_LANGUAGE are what the core, the hooks and the tools use; mkdocs.yml's i18n
    plugin must build the same languages, the default one at the root."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    locales = re.findall(r"^ *- locale: (\w+)\n((?: {10}\w+: .*\n)*)", config, re.M)
    assert tuple(locale for locale, _ in locales) == LANGUAGES
    assert [locale for locale, settings in locales if "default: true" in settings] == [DEFAULT_LANGUAGE]
    assert tuple(LABELS) == tuple(MONTHS) == LANGUAGES


def test_programme_page_speaks_the_page_language(guide):
    program = guide.programs[0]
    sv = render_program.program_page(guide, program, "sv", "program/alpha/")
    en = render_program.program_page(guide, program, "en", "program/alpha/")
    assert "# Alfa" in sv and "Villkor för att få stöd" in sv and "Motiverad att förändra sitt liv" in sv
    assert "# Alpha" in en and "Eligibility criteria" in en and "Motivated to change" in en
    assert "78\u00a0%" in sv and "78%" in en


def programme_html(guide, lang="sv"):
    """A programme page as the hook makes it: Markdown slots filled, citations numbered."""
    markdown = render_program.program_page(guide, guide.programs[0], lang, "program/alpha/")
    return markers.fill_slots(*markers.expand_with_slots(markdown, guide, lang, "program/alpha/", "x", generated=True))


def test_citations_are_numbered_marks_that_lead_to_the_pages_list(guide):
    html = programme_html(guide)
    # Source A is cited first (where), Source B later (the contact); each number is a link to its entry.
    assert '<a href="#ref-1" id="cite-1" aria-labelledby="ref-1-name">[1]</a>' in html
    assert '<a href="#ref-1" aria-labelledby="ref-1-name">[1]</a>' in html  # later marks: same number, no second id
    assert '<a href="#ref-2" id="cite-2" aria-labelledby="ref-2-name">[2, osäker]</a>' in html  # the caveat at the mark
    assert '<span id="ref-2-name" hidden>Källa 2, osäker: Source B</span>' in html
    entries = re.findall(r'<li id="ref-(\d+)">.*?</li>', html.split('<ol class="reference-list"', 1)[1])
    assert entries == ["1", "2"]
    # An entry links to the full register, relative to the page, and back to the first mark.
    assert '<a href="../../kallor/#src-src-a">Source A</a>: Utgivare, <cite>A title</cite> (2020-01-01)' in html
    assert '<span class="caveat">Osäkert: Osäkert datum.</span>' in html and 'href="#cite-2"' in html
    assert "\ue002" not in html and "\ue004" not in html


def test_a_page_without_its_own_list_gets_one_at_the_end_and_in_the_table_of_contents(guide):
    markdown, slots = markers.expand_with_slots("# T\n\nA fact. <!-- guide:cite src-b,src-a -->\n\nMore. <!-- guide:cite src-a -->\n",
                                                guide, "en", "arbetet/", "docs/en/arbetet.md")
    lines = [line for line in markdown.splitlines() if line.strip()]
    assert lines[-2:] == ["## Sources for this page { #page-sources }", "<!--guide-slot-2-->"]  # last, a heading of its own
    html = markers.fill_slots(markdown, slots)
    assert re.findall(r'\[[^\]]*\]</a>', html.split("<ol", 1)[0]) == ["[1, uncertain]</a>", "[2]</a>", "[2]</a>"]
    assert '<li id="ref-1"><span id="ref-1-name" hidden>Source 1, uncertain: Source B</span>' in html
    assert '<a href="../kallor/#src-src-a">Source A</a>' in html
    plain = markers.expand_with_slots("# T\n\nNo citation here.\n", guide, "en", "x/", "docs/en/x.md")[0]
    assert "Sources for this page" not in plain


def test_a_placeholder_never_reaches_a_page_without_numbering(guide):
    with pytest.raises(ValueError, match="citation placeholders"):
        markers.fill_slots("<p>\ue002src-a\ue003</p>", [])


def test_programme_page_puts_the_glance_and_contact_before_the_detail(guide):
    html = programme_html(guide, "en")
    glance = html.index('<dl class="glance">')
    assert glance < html.index("## Contact") < html.index('<table class="factbox">') < html.index("## Sources")
    block = html[glance:html.index("</dl>", glance)]
    for words in ("Kind", "Where", "For whom", "Age: not stated in the sources.", "Status", "Running, as of 2020.",
                  "Evidence level", "(level 0 of 5 on the guide&#x27;s scale)", "Last reviewed"):
        assert words in block, words
    assert '<a href="tel:040343999" class="phone">040-34 39 99</a>' in html
    assert "Hours: Not stated in the sources" in html


def test_relative_urls():
    assert relative("kallor/#x", "program/alpha/") == "../../kallor/#x"
    assert relative("kallor/", "") == "kallor/"
    assert relative("program/a/", "jamforelse/") == "../program/a/"


def test_not_stated_differs_from_no(guide):
    guide.programs[0]["eligibility_criteria"].append({"criterion": "age_18_plus", "applies": False, "sources": ["src-a"]})
    html = render_compare.criteria_table(guide, "en", "jamforelse/villkor/")
    assert 'data-state="no"' in html and 'data-state="yes"' in html and 'data-state="none"' in html
    assert html.count('data-state="none"') == len(guide.vocabularies["criteria"]) - 2
    requirements = render_compare.requirements_table(guide, "en", "jamforelse/krav/")
    assert requirements.count('data-state="none"') == len(guide.vocabularies["requirements"])


def matrix_cells(html: str) -> list[str]:
    """The words of the matrix row's cells after the programme's name, symbols dropped."""
    row = html.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    return [re.sub(r"<[^>]+>", "", cell).replace("✓ ", "").replace("✗ ", "").replace("– ", "")
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]


def test_matrix_says_yes_no_and_not_stated_in_words(guide):
    program = guide.programs[0]
    program["eligibility_criteria"].append({"criterion": "confirmed_threat", "applies": False, "sources": ["src-a"]})
    program["support"] = [{"support": "relocation", "offered": True, "sources": ["src-a"]},
                          {"support": "housing", "offered": False, "sources": ["src-a"]}]
    html = render_compare.matrix(guide, "en", "jamforelse/")
    # where, ages, status, confirmed threat, relocation, housing (one 'no', sheltered housing not stated),
    # register follow-up, outcomes reported, evidence level
    assert matrix_cells(html) == ["Malmö", "Not stated", "Running (2020)", "No", "Yes", "Not stated", "Not stated",
                                  "Yes, 1", "No evaluation"]
    assert '<td class="cell-no"><span aria-hidden="true">✗ </span>No</td>' in html
    assert 'data-criteria="motivation" data-criteria-no="confirmed_threat"' in html
    program["support"].append({"support": "protected_housing", "offered": False, "sources": ["src-a"]})
    assert matrix_cells(render_compare.matrix(guide, "en", "jamforelse/"))[5] == "No"  # no only when every kind is no


def test_matrix_headings_lead_to_the_question_pages(guide):
    html = render_compare.matrix(guide, "sv", "jamforelse/")
    assert '<a href="villkor/">Kräver bekräftad hotbild</a>' in html and '<a href="kunskap/">Kunskapsnivå</a>' in html
    page = render_compare.question_page(guide, render_compare.QUESTION_PAGES[1], "sv")
    assert page.startswith("---\nsearch:\n  exclude: true\n---\n\n# Villkor för att få stöd\n") and '<a href="../">Tillbaka till jämförelsen</a>' in page
    numbered = markers.fill_slots(*markers.expand_with_slots(page, guide, "sv", "jamforelse/villkor/", "x", generated=True))
    assert '<a href="../../kallor/#src-src-a">Source A</a>' in numbered  # every cell of a question page cites its source


def test_comparison_script_gets_its_words_from_labels(guide):
    html = render_compare.comparison(guide, "en", "jamforelse/")
    data = json.loads(html.split('<script type="application/json" id="compare-data">', 1)[1].split("</script>", 1)[0])
    assert data["texts"]["sort_by"] == LABELS["en"]["cmp_js_sort_by"] and data["lang"] == "en"
    assert [page["url"] for page in data["pages"]] == [f"{q.slug}/" for q in render_compare.QUESTION_PAGES]
    script = (ROOT / "overrides" / "assets" / "javascripts" / "compare.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", script, flags=re.S)
    literals = re.findall(r'"((?:[^"\\\n]|\\.)*)"', code)
    class_lists = {text for text in literals if all(re.fullmatch(r"[a-z]+(?:-{1,2}[a-z]+)+", word) for word in text.split())}
    sentences = {text for text in literals if re.search(r"[A-Za-zÅÄÖåäö]{2,} [A-Za-zÅÄÖåäö]{2,}", text)} - class_lists
    assert sentences == {"use strict"}, sentences  # no interface words of its own: they come from labels.py


def test_gap_map_lists_every_programme_and_names_its_gaps(guide):
    study = {"title": {"sv": "S", "en": "S"}, "level": "descriptive_follow_up", "by": {"sv": "B", "en": "B"}, "year": "2017",
             "found": {"sv": "F.", "en": "F."}, "domains": ["reoffending"], "sources": ["src-a"]}
    guide.programs[0]["evidence"] = [study, dict(study, domains=None, level="process_study")]
    html = render_gapmap.gap_map_block(guide, "en", "kunskapskarta/")
    row = html.split('data-program="alpha">', 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r"<td([^>]*)>(.*?)</td>", row)
    assert 'gap-rank-1' in cells[0][0] and "Descriptive follow-up, 2017" in re.sub(r"<[^>]+>", "", cells[0][1])   # reoffending
    assert cells[1] == (' class="gap-empty"', "no study")                                  # implementation
    assert "Qualitative or process study" in cells[2][1]                                  # domains not stated
    assert cells[3][1] == "2026-01-01"                                                   # when the row was checked
    synthesis = html.split('id="gap-syntheses"', 1)[1]
    assert 'data-synthesis="review-a"' in synthesis and "data-program" not in synthesis  # never mixed
    assert "Fewer reoffended." in synthesis and "not in its conclusions" in synthesis
    assert html.startswith('<p class="gap-summary"><strong>0 of 1 programmes have no study at all')


def test_unknown_marker_names_page_and_line(guide):
    with pytest.raises(markers.MarkerError) as error:
        markers.expand("# T\n\ntext\n<!-- guide:compair -->\n", guide, "sv", "", "docs/sv/x.md")
    assert str(error.value).startswith('docs/sv/x.md:4:1: error: marker guide:compair: expected one of cite, routes, phone, due, compare, '
                                       'programs, sources, glossary, timeline, evidence-scale, quick-exit, open-data, example-program, '
                                       'route-finder, coverage, changes, reviews, repository, gap-map, '
                                       'got "compair". Tip: check the marker\'s spelling.')


def test_unknown_source_in_a_citation(guide):
    with pytest.raises(markers.MarkerError) as error:
        markers.expand("Fact. <!-- guide:cite src-a,nope -->\n", guide, "en", "", "docs/en/x.md")
    assert str(error.value) == ('docs/en/x.md:1:7: error: marker guide:cite: expected source ids from data/sources.yaml, got "nope". '
                                "Tip: check the id's spelling or add the source to data/sources.yaml.")


def test_markers_expand_idempotently(guide):
    once = markers.expand("<!-- guide:programs -->\n", guide, "sv", "program/", "docs/sv/program/index.md")
    assert markers.expand(once, guide, "sv", "program/", "docs/sv/program/index.md") == once


def test_block_html_bypasses_markdown_and_its_headings_stay(guide):
    source = "# T\n\n<!-- guide:compare -->\n\nMore text.\n"
    markdown, slots = markers.expand_with_slots(source, guide, "sv", "jamforelse/", "docs/sv/jamforelse.md")
    headings = [line for line in markers.expand(source, guide, "sv", "jamforelse/", "docs/sv/jamforelse.md").splitlines()
                if line.startswith("## ")]
    assert headings and all(heading in markdown.splitlines() for heading in headings)  # they reach the TOC
    assert "<table" not in markdown and slots and all("<" in slot for slot in slots)
    filled = markers.fill_slots(markdown, slots)
    assert "<!--guide-slot-" not in filled and filled.count("<table") == sum(slot.count("<table") for slot in slots)
    assert "</table>\n<p" in markers.fill_slots(*markers.expand_with_slots(
        "<!-- guide:open-data -->\n", guide, "en", "data/", "docs/en/data.md"))  # words stay apart in the search index


def test_every_page_exists_in_both_languages():
    assert parity_problems(ROOT / "docs") == []
