"""Dates that pass change the text by themselves: the tense and the 'not found' note follow from the build's date.

The note must come from labels.py and the comparison with the date, never from typed text; these tests render
the same data on both sides of a due date, swap the label to prove where the words come from, and search the
data and the Markdown for typed copies of the note.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest

from helpers import ROOT, minimal_data
from exitguide import citations, labels, markers, render_due
from exitguide.guide import Guide
from exitguide.validate import validate

DIR_2025_53 = dt.date(2026, 11, 6)


@pytest.fixture(scope="module")
def guide():
    result = validate(ROOT / "data", display_root=ROOT)
    assert not result.errors, [p.format_text() for p in result.errors]
    return Guide.from_result(result, now=dt.date(2026, 11, 30))


def event_due(guide, event_id):
    return next(e for e in guide.events if e["id"] == event_id)["due"]


def note(lang, words):
    return labels.label(lang, "due_note", date=words)


@pytest.mark.parametrize("lang, words, future, past", [
    ("sv", "6 november 2026", "Utredningen ska redovisa sitt uppdrag senast 6 november 2026.",
     "Utredningen skulle redovisa sitt uppdrag senast 6 november 2026."),
    ("en", "6 November 2026", "The inquiry is to report by 6 November 2026.",
     "The inquiry was to report by 6 November 2026."),
])
def test_the_same_data_reads_in_the_future_before_the_date_and_in_the_past_with_the_note_after(guide, lang, words, future, past):
    due = event_due(guide, "dir-2025-53")
    before = render_due.due_html(guide, due, lang, today=DIR_2025_53 - dt.timedelta(days=1))
    on_the_day = render_due.due_html(guide, due, lang, today=DIR_2025_53)
    after = render_due.due_html(guide, due, lang, today=DIR_2025_53 + dt.timedelta(days=1))
    for html in (before, on_the_day):
        assert future in html and past not in html
        assert note(lang, words) not in html and "due-note" not in html
    assert past in after and future not in after
    assert f'<span class="due-note" role="note">{note(lang, words)}</span>' in after


def test_the_note_is_the_label_and_nothing_typed(guide, monkeypatch):
    """Change the label and the page changes with it: the words are not in the data."""
    due = event_due(guide, "dir-2025-53")
    monkeypatch.setitem(labels.LABELS["sv"], "due_note", "SENTINEL {date} SENTINEL")
    html = render_due.due_html(guide, due, "sv", today=dt.date(2026, 11, 30))
    assert "SENTINEL 6 november 2026 SENTINEL" in html
    assert "Guiden har inte hittat" not in html


def test_a_recorded_outcome_replaces_the_note_and_cites_its_sources(guide):
    due = event_due(guide, "ju2021-03331")
    html = render_due.due_html(guide, due, "sv", today=dt.date(2026, 11, 30))
    assert "Slutredovisningen skulle lämnas senast 1 februari 2024." in html
    numbered = citations.number_page(html + citations.REFERENCES, guide, "sv", "nationellt/")  # as on the page
    assert "29 januari 2024" in html and 'href="../kallor/#src-sis-avhoppare"' in numbered
    assert "due-note" not in html


def test_a_year_or_month_passes_only_when_it_has_ended(guide):
    year = {"date": "2026", "before": {"sv": "Ska komma {date}.", "en": "Due in {date}."},
            "after": {"sv": "Skulle komma {date}.", "en": "Was due in {date}."}}
    month = dict(year, date="2026-11")
    assert not render_due.has_passed(year, dt.date(2026, 12, 31))
    assert render_due.has_passed(year, dt.date(2027, 1, 1))
    assert not render_due.has_passed(month, dt.date(2026, 11, 30))
    assert render_due.has_passed(month, dt.date(2026, 12, 1))
    assert render_due.statement(month, "sv", dt.date(2026, 12, 1)) == "Skulle komma november 2026."
    assert render_due.statement(year, "en", dt.date(2026, 6, 1)) == "Due in 2026."


def test_a_due_marker_with_an_unknown_id_stops_the_check_with_a_tip(tmp_path):
    result = validate(minimal_data(tmp_path))
    small = Guide.from_result(result, now=dt.date(2026, 11, 23))
    _, problems = markers.check("Text.\n\n<!-- guide:due no-such-event -->\n", small, "docs/sv/x.md")
    assert [p.format_text() for p in problems] == [
        'docs/sv/x.md:3:1: error: marker guide:due: expected the id of a timeline event with a due date in data/timeline.yaml, '
        'or of a due record with that id, got "no-such-event". Tip: write <!-- guide:due dir-2025-53 -->.']


def test_a_passed_due_date_is_a_warning_for_maintainers_until_an_outcome_is_recorded(tmp_path):
    data = minimal_data(tmp_path)
    timeline = data / "timeline.yaml"
    timeline.write_text(timeline.read_text(encoding="utf-8").rstrip("\n") + (
        "\n    due:\n      date: '2020-01-01'\n"
        "      before: {sv: \"Ska komma {date}.\", en: \"Due on {date}.\"}\n"
        "      after: {sv: \"Skulle komma {date}.\", en: \"Was due on {date}.\"}\n"), encoding="utf-8")
    result = validate(data, display_root=data.parent)
    assert result.ok
    assert [p.path for p in result.warnings if "due" in p.path] == ["events[start].due.date"]


def fixed_parts(template: str) -> list[str]:
    return [part.strip(" .;") for part in template.split("{date}") if len(part.strip(" .;")) > 12]


def test_no_typed_not_found_note_in_data_or_pages():
    """The note may only come from labels.py: no copy of it, and none of the old hand-typed variants,
    in data/ or docs/."""
    phrases = [p for lang in ("sv", "en") for p in fixed_parts(labels.LABELS[lang]["due_note"])]
    phrases += ["har inte hittat utfallet", "has not found the outcome", "visar ännu inte", "do not yet show",
                "Frågan utreds", "under inquiry"]
    assert phrases
    hits = []
    for folder in ("data", "docs"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".yaml", ".md"):
                text = path.read_text(encoding="utf-8")
                hits += [f"{path.relative_to(ROOT)}: {p!r}" for p in phrases if p.casefold() in text.casefold()]
    assert not hits


@pytest.mark.parametrize("page, lang, words", [
    ("nationellt/index.html", "sv", "6 november 2026"),
    ("en/nationellt/index.html", "en", "6 November 2026"),
    ("program/nationellt-uppdrag-ju2021-03331/index.html", "sv", "6 november 2026"),
    ("en/program/nationellt-uppdrag-ju2021-03331/index.html", "en", "6 November 2026"),
])
def test_dir_2025_53_shows_as_due_and_passed_with_the_note_on_the_built_pages(site, page, lang, words):
    """The test build runs with SOURCE_DATE_EPOCH = 2026-11-30 (tests/helpers.py), after the inquiry's due date."""
    html = (site / page).read_text(encoding="utf-8")
    passed = re.findall(r'<span class="due due-passed" data-due="2026-11-06">([^<]+)</span> '
                        r'<span class="due-note" role="note">([^<]+)</span>', html)
    assert passed, f"no passed due statement for Dir. 2025:53 on {page}"
    statement, shown_note = passed[0]
    assert words in statement and ("skulle" in statement if lang == "sv" else "was to" in statement)
    assert shown_note == note(lang, words)
    assert 'class="due due-ahead" data-due="2026-11-06"' not in html
