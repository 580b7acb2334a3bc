"""Each validation rule, driven by the bad-input corpus in cases_validation.py.

Every case breaks the minimal data set in one way and asserts the exact message
a maintainer sees: file, line, column, field path, expected, found and tip.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
import tracemalloc

import pytest
import yaml

from cases_validation import CASES
from helpers import ROOT, TODAY_EPOCH, edit, messages, minimal_data
from exitguide.validate import validate


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)


def test_minimal_data_is_valid(tmp_path):
    assert messages(minimal_data(tmp_path)) == []


def test_real_data_has_no_errors():
    result = validate(ROOT / "data")
    assert [p.format_text() for p in result.errors] == []


@pytest.mark.parametrize("name,file,old,new,expected", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_exactly(tmp_path, name, file, old, new, expected):
    data = minimal_data(tmp_path)
    path = data / file
    if new == "__DUPLICATE_PROGRAM__":
        text = path.read_text(encoding="utf-8")
        path.write_text(text + text.split("programs:\n", 1)[1], encoding="utf-8")
    elif old is None:
        path.write_text(new, encoding="utf-8")
    else:
        edit(path, old, new)
    assert expected in messages(data)


def test_non_utf8_bytes(tmp_path):
    data = minimal_data(tmp_path)
    raw = (data / "programs.yaml").read_bytes().replace("Malmö".encode(), "Malm\xf6".encode("latin-1"), 1)
    (data / "programs.yaml").write_bytes(raw)
    assert messages(data)[0] == ("data/programs.yaml:7:23: error: (file): expected UTF-8 text, got the byte 0xf6, which is not UTF-8. "
                                 "Tip: save the file as UTF-8; the character was probably typed in another encoding (Latin-1 or Windows-1252).")


def test_byte_order_mark(tmp_path):
    data = minimal_data(tmp_path)
    (data / "programs.yaml").write_bytes(b"\xef\xbb\xbf" + (data / "programs.yaml").read_bytes())
    assert messages(data) == ["data/programs.yaml:1:1: error: (file): expected UTF-8 without a byte-order mark, got a byte-order mark (BOM) "
                              "at the start. Tip: save the file as UTF-8 without BOM (in VS Code: 'Save with Encoding' > UTF-8)."]


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


def test_ten_thousand_programmes_validate_in_bounded_time(tmp_path):
    data = minimal_data(tmp_path)
    text = (data / "programs.yaml").read_text(encoding="utf-8")
    entry = text.split("programs:\n", 1)[1]
    entries = [entry.replace("id: alpha", f"id: p{i}", 1) for i in range(10_000)]
    (data / "programs.yaml").write_text("programs:\n" + "".join(entries), encoding="utf-8")
    tracemalloc.start()
    started = time.perf_counter()
    result = validate(data, display_root=data.parent)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"\n10,000 programmes: {seconds:.1f} s, peak {peak:.0f} MiB traced")
    assert result.ok
    assert seconds < 120  # a bound against pathological (quadratic) growth, not a speed target; see bench/


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
    assert result.stdout.splitlines()[0].startswith(
        "::error file=data/programs.yaml,line=36,col=16,title=programs[alpha].contacts[0].email::programs[alpha].contacts[0].email: expected an e-mail address")


def test_cli_check_also_checks_the_pages_as_the_build_does(tmp_path):
    data = minimal_data(tmp_path)
    for lang in ("sv", "en"):
        (tmp_path / "docs" / lang).mkdir(parents=True)
    (tmp_path / "docs" / "sv" / "sida.md").write_text("# Sida\n\n<!-- guide:compair -->\n", encoding="utf-8")
    result = run_cli("check", data=data)
    assert result.returncode == 1
    assert 'docs/sv/sida.md:3: error: marker guide:compair: expected one of cite' in result.stdout
    assert "docs/sv/sida.md:1:1: error: (page): expected the same page in docs/en/sida.md, got no such page." in result.stdout


def test_cli_help_shows_each_verbs_docstring():
    result = run_cli("--help")
    for verb in ("check", "fmt", "export", "stale", "schema"):
        assert verb in result.stdout
    assert "Validate every file in data/" in result.stdout
