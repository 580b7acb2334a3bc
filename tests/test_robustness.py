"""Robustness: random mutations never crash the validator; two builds of one commit are byte-identical."""
from __future__ import annotations

import hashlib
import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import build, copy_project
from helpers import ROOT, minimal_data
from exitguide.validate import validate

SEED = (ROOT / "tests" / "fixtures" / "minimal" / "programs.yaml").read_text(encoding="utf-8")
ALPHABET = string.printable + "åäöÅÄÖ\u00a0\ufeff\x00"


@st.composite
def mutated(draw):
    """The minimal programmes file with a few random deletions, insertions and replacements."""
    text = SEED
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["delete", "insert", "replace-line"]))
        if action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 20)):]
        elif action == "insert":
            text = text[:position] + draw(st.text(ALPHABET, min_size=1, max_size=12)) + text[position:]
        else:
            lines = text.splitlines(keepends=True)
            index = position % max(1, len(lines))
            lines[index:index + 1] = [draw(st.text(ALPHABET, max_size=40)) + "\n"]
            text = "".join(lines)
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=mutated())
def test_mutations_never_crash_and_always_locate_problems(tmp_path, text):
    data = minimal_data(Path(tempfile.mkdtemp(dir=tmp_path)))
    (data / "programs.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    result = validate(data, display_root=data.parent)  # must not raise
    for problem in result.problems:
        assert problem.file.startswith("data/") and problem.line >= 1 and problem.column >= 1
        assert problem.path and problem.expected


def test_two_builds_are_byte_identical(tmp_path):
    project = copy_project(tmp_path / "project")
    digests = []
    for run in ("one", "two"):
        site = tmp_path / run
        assert build(project, site).returncode == 0
        digests.append({p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                        for p in sorted(site.rglob("*")) if p.is_file()})
    assert digests[0] == digests[1]
