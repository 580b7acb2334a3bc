"""Each validation rule, driven by the bad-input corpus in cases_validation.py.

Every case breaks the minimal data set (or a page) in one way and asserts the exact and complete
list of messages a maintainer sees: file, line, column, field path, expected, found and tip.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
import tracemalloc

import pytest

from cases_validation import CASES, DOCS_CASES, DOCS_PAGE
from helpers import ROOT, TODAY_EPOCH, edit, messages, minimal_data
from exitguide import site_check
from exitguide.validate import validate


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)


def test_minimal_data_is_valid(tmp_path):
    assert messages(minimal_data(tmp_path)) == []


def test_real_data_has_no_errors():
    result = validate(ROOT / "data")
    assert [p.format_text() for p in result.errors] == []


def apply(case, path) -> None:
    text = path.read_text(encoding="utf-8")
    if callable(case.new):
        changed = case.new(text)
    elif case.old is None:
        changed = case.new
    else:
        assert case.old in text, f"fixture text not found: {case.old!r}"
        changed = text.replace(case.old, case.new, 1)
    if isinstance(changed, bytes):
        path.write_bytes(changed)
    else:
        path.write_text(changed, encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_reported_exactly(tmp_path, case):
    data = minimal_data(tmp_path)
    apply(case, data / case.file)
    assert messages(data) == list(case.expected)


@pytest.mark.parametrize("case", DOCS_CASES, ids=[c.name for c in DOCS_CASES])
def test_bad_page_is_reported_exactly(tmp_path, case):
    data = minimal_data(tmp_path)
    result, guide = site_check.checked_data(data, tmp_path)
    assert guide is not None
    for lang, text in DOCS_PAGE.items():
        (tmp_path / "docs" / lang).mkdir(parents=True)
        page = tmp_path / "docs" / lang / "sida.md"
        page.write_text(text, encoding="utf-8")
        if case.file in (lang, "both"):
            if case.old is None:
                page.unlink()  # the page is missing in this language
            else:
                apply(case, page)
    assert [p.format_text() for p in site_check.docs_problems(tmp_path / "docs", guide)] == list(case.expected)


def test_the_corpus_has_a_case_per_root_cause_and_no_duplicates():
    names = [c.name for c in CASES + DOCS_CASES]
    assert len(names) == len(set(names))
    assert len(CASES) >= 41 + 60


GOOD_INPUT = [  # values that look unusual but are right, so the rules must let them through
    ("prose-over-several-lines", "programs.yaml", "    contacts:\n",
     "    follow_up:\n      text:\n        sv: >\n          Uppföljning sker\n          varje månad.\n        en: Monthly.\n"
     "      sources: [src-a]\n    contacts:\n"),
    ("ordinary-ten-digit-number", "programs.yaml", "summary: {sv: Ett program., en: A programme.}",
     "summary: {sv: Ärende 8001011234., en: A programme.}"),  # fails the Luhn check: not a personnummer
    ("service-number-0771", "routes.yaml", 'phone: "114 14"', 'phone: "0771-14 14 00"'),
    ("landline-in-text", "programs.yaml", "summary: {sv: Ett program., en: A programme.}",
     "summary: {sv: Ring 040-34 39 99., en: A programme.}"),
    ("opening-hours-in-text", "programs.yaml", "summary: {sv: Ett program., en: A programme.}",
     "summary: {sv: Öppet 07.00–16.30 och 08.00–12.00., en: A programme.}"),
    ("due-passed-with-outcome", "timeline.yaml", "    sources: [src-a]",
     '    due:\n      date: "2025-03-01"\n      before: {sv: \"Ska komma {date}.\", en: \"Is due {date}.\"}\n      after: {sv: \"Skulle komma {date}.\", en: \"Was due {date}.\"}\n'
     '      outcome: {text: {sv: Det blev av., en: It happened.}, sources: [src-a]}\n    sources: [src-a]'),
    ("due-date-ahead", "timeline.yaml", "    sources: [src-a]",
     '    due:\n      date: "2030-06-30"\n      before: {sv: \"Ska komma {date}.\", en: \"Is due {date}.\"}\n      after: {sv: \"Skulle komma {date}.\", en: \"Was due {date}.\"}\n    sources: [src-a]'),
    ("markdown-shaped-name", "programs.yaml", "name: {sv: Alfa, en: Alpha}",
     "name: {sv: 'Alfa {: onclick=x }', en: '![x](https://evil.example/x.png) *Alpha*'}"),
    ("year-this-year", "programs.yaml", "    status:\n", "    since:\n      year: 2026\n      sources: [src-a]\n    status:\n"),
    ("guide-in-an-ordinary-comment", "programs.yaml", "programs:\n", "# guidelines: keep ids short\nprograms:\n"),
]


@pytest.mark.parametrize("name,file,old,new", GOOD_INPUT, ids=[g[0] for g in GOOD_INPUT])
def test_unusual_but_right_input_passes(tmp_path, name, file, old, new):
    data = minimal_data(tmp_path)
    edit(data / file, old, new)
    assert messages(data) == []


def test_every_problem_is_reported_not_only_the_first(tmp_path):
    data = minimal_data(tmp_path)
    edit(data / "programs.yaml", "count: 73", "count: 95")
    edit(data / "programs.yaml", "email: team@malmo.se", "email: nope")
    edit(data / "sources.yaml", 'url: "https://example.org/a"', 'url: "ftp://x"')
    found = messages(data)
    assert len([m for m in found if ": error: " in m]) == 3


def test_stale_programme_is_a_warning_not_an_error(tmp_path):
    data = minimal_data(tmp_path)
    edit(data / "programs.yaml", 'last_reviewed: "2026-01-01"', 'last_reviewed: "2024-01-01"')
    result = validate(data, display_root=data.parent)
    assert result.ok
    assert [p.format_text() for p in result.warnings] == [
        "data/programs.yaml:39:20: warning: programs[alpha].last_reviewed: expected a review within 365 days, got 2024-01-01 "
        "(1064 days ago). Tip: check the facts against their sources, then update last_reviewed."]


def test_validation_work_grows_in_proportion_to_the_programmes(tmp_path):
    """A guard against pathological (quadratic) growth, by counting, not timing: the Python calls validate()
    makes for 1,000 programmes are at most 12 times those for 100 (10 times is linear). Timings and memory
    at 290 and 10,000 programmes are figures of the benchmark (bench/check_speed.py)."""
    def calls_to_validate(count: int) -> int:
        data = minimal_data(tmp_path / str(count))
        text = (data / "programs.yaml").read_text(encoding="utf-8")
        entry = text.split("programs:\n", 1)[1]
        (data / "programs.yaml").write_text("programs:\n" + "".join(entry.replace("id: alpha", f"id: p{i}", 1)
                                                                    for i in range(count)), encoding="utf-8")
        calls = 0

        def count_calls(frame, event, arg):
            nonlocal calls
            calls += event == "call"
        sys.setprofile(count_calls)
        try:
            result = validate(data, display_root=data.parent)
        finally:
            sys.setprofile(None)
        assert result.ok, result.problems[:3]
        return calls

    small, large = calls_to_validate(100), calls_to_validate(1000)
    assert large <= 12 * small, f"100 programmes: {small:,} calls; 1,000: {large:,} ({large / small:.1f} times)"


def test_too_many_programmes_is_refused(tmp_path, monkeypatch):
    from exitguide import model
    monkeypatch.setattr(model.PROGRAMS_FILE.fields["programs"].type, "max_items", 2)  # the real cap is 10,000
    data = minimal_data(tmp_path)
    text = (data / "programs.yaml").read_text(encoding="utf-8")
    entry = text.split("programs:\n", 1)[1]
    (data / "programs.yaml").write_text("programs:\n" + entry * 3, encoding="utf-8")
    assert "data/programs.yaml:2:3: error: programs: expected at most 2 items, got 3." in messages(data)


def run_cli(*args, data=None):
    env = {**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH}
    command = [sys.executable, "-m", "exitguide"] + (["--data", str(data)] if data else []) + list(args)
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)


def test_cli_check_passes_on_real_data():
    result = run_cli("check")
    assert result.returncode == 0, result.stdout


def test_cli_check_points_at_the_broken_line(tmp_path):
    data = minimal_data(tmp_path)
    edit(data / "programs.yaml", "count: 73", "count: 95")
    result = run_cli("check", data=data)
    assert result.returncode == 1
    assert "data/programs.yaml:31:20: error: programs[alpha].outcomes[follow-up].counts[completed].count" in result.stdout


def test_cli_check_github_annotations(tmp_path):
    data = minimal_data(tmp_path)
    edit(data / "programs.yaml", "email: team@malmo.se", "email: nope")
    result = run_cli("check", "--format", "github", data=data)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "::error file=data/programs.yaml,line=36,col=16,title=programs[alpha].contacts[0].email::programs[alpha].contacts[0].email: "
        "expected an e-mail address, got \"nope\". Tip: write only the address, like namn@kommun.se, without 'mailto:' or spaces.")


def test_cli_check_also_checks_the_pages_as_the_build_does(tmp_path):
    data = minimal_data(tmp_path)
    for lang in ("sv", "en"):
        (tmp_path / "docs" / lang).mkdir(parents=True)
    (tmp_path / "docs" / "sv" / "sida.md").write_text("# Sida\n\n<!-- guide:compair -->\n", encoding="utf-8")
    result = run_cli("check", data=data)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'docs/sv/sida.md:3:1: error: marker guide:compair: expected one of cite, routes, phone, due, compare, programs, sources, glossary, '
        'timeline, evidence-scale, quick-exit, open-data, example-program, route-finder, coverage, changes, reviews, repository, gap-map, got "compair". Tip: check the marker\'s spelling.',
        "docs/sv/sida.md:1:1: error: (page): expected the same page in docs/en/sida.md, got no such page. Tip: write the English "
        "version with the same file name; the two languages are published together."]


def test_cli_check_github_annotations_cover_the_pages(tmp_path):
    data = minimal_data(tmp_path)
    for lang in ("sv", "en"):
        (tmp_path / "docs" / lang).mkdir(parents=True)
        (tmp_path / "docs" / lang / "sida.md").write_text("# Sida\n\n<!-- guide: compare -->\n", encoding="utf-8")
    result = run_cli("check", "--format", "github", data=data)
    assert result.stdout.splitlines()[0].startswith(
        "::error file=docs/sv/sida.md,line=3,col=1,title=marker::marker: expected a marker written exactly as")


def test_data_cannot_forge_workflow_commands_or_terminal_sequences(tmp_path):
    """An id with line breaks, '::' and an ANSI escape is printed as one inert line in both formats."""
    data = minimal_data(tmp_path)
    edit(data / "programs.yaml", "  - id: alpha", '  - id: "x\\n::error file=evil,line=1::forged %0A\\e[2J\\r"')
    github = run_cli("check", "--format", "github", data=data).stdout.splitlines()
    text = run_cli("check", data=data).stdout.splitlines()
    assert github[0] == (
        "::error file=data/programs.yaml,line=2,col=9,title=programs[0].id::programs[0].id: expected an id of lowercase letters a–z, "
        "digits and single hyphens, got \"x\\n::error file=evil,line=1::forged %250A\\x1b[2J\\r\". Tip: for example "
        "'malmo-konsultationsteamet'; write å, ä, ö as a, a, o.")
    assert len(github) == 2 and len(text) == 1  # one annotation, then the same problem as plain text
    assert not any(line.startswith("::") for line in github[1:] + text)
    assert "\x1b" not in "".join(github + text) and "\r" not in "".join(github + text)


def test_workflow_command_properties_are_escaped():
    from exitguide.problems import Problem
    problem = Problem("docs/a,b:c.md", 1, 2, "x,y:z", "e", "f%\r\n")
    assert problem.format_github() == "::error file=docs/a%2Cb%3Ac.md,line=1,col=2,title=x%2Cy%3Az::x,y:z: expected e, got f%25\\r\\n."


def test_cli_help_shows_each_verbs_docstring():
    result = run_cli("--help")
    for verb in ("check", "fmt", "export", "stale", "schema"):
        assert verb in result.stdout
    assert "Validate every file in data/" in result.stdout


def test_no_module_of_the_core_imports_itself_back():
    """The core's modules form a hierarchy: no module reaches itself through the modules it imports
    (a pair importing each other is the smallest such loop)."""
    import ast
    imports = {}
    for path in (ROOT / "exitguide").glob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                found |= {node.module.split(".")[0]} if node.module else {alias.name for alias in node.names}
        imports[path.stem] = found

    def reachable(start):
        seen, todo = set(), [start]
        while todo:
            for name in imports.get(todo.pop(), ()):
                if name not in seen:
                    seen.add(name)
                    todo.append(name)
        return seen
    assert [name for name in sorted(imports) if name in reachable(name)] == []


def test_page_problems_are_the_same_objects_as_data_problems(tmp_path):
    """So every printer (plain text, GitHub annotations) covers the pages too."""
    from exitguide.problems import Problem
    data = minimal_data(tmp_path)
    guide = site_check.checked_data(data, tmp_path)[1]
    (tmp_path / "docs" / "sv").mkdir(parents=True)
    (tmp_path / "docs" / "sv" / "p.md").write_text("<!-- guide:Compare -->\n", encoding="utf-8")
    problems = site_check.docs_problems(tmp_path / "docs", guide)
    assert problems and all(type(p) is Problem for p in problems)
