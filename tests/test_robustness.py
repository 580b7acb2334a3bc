"""Robustness: random input never crashes the loader, the checks or the marker scanner, and every message
has a location; marker scanning is linear; two builds of one commit are byte-identical."""
from __future__ import annotations

import hashlib
import re
import shutil
import string
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import build, copy_project
from helpers import ROOT, TODAY_EPOCH, minimal_data
from exitguide import markers, site_check
from exitguide.validate import validate
from exitguide.yamlload import load_text

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


# YAML constructs a maintainer (or an attacker) can write, as fragments to string together.
YAML_PIECES = ["&a ", "*a", "&b [*a, *a]", "!!python/object/apply:os.system [x]", "!!str ", "!!binary ", "!x ", "!<tag:x> ",
               "%TAG ! tag:x:\n", "%YAML 1.1\n", "<<: ", "<<: *a", "? ", "- ", "-\n  ", "[", "]", "{", "}", ", ", ": ", "\n",
               "  ", "    ", "---\n", "...\n", "#", '"', "'", "|\n", ">-\n", '"\\u202e"', '"\\x00"', '"\\e[31m"', '"\\U000E0041"',
               "073", "0x1F", "1:13", "9_4", "+5", "1e999", ".nan", "~", "no", "2024-02-30", "2024-01-29 10:00:00",
               "19121212-1212", "070-123 45 67", "programs:", "id: index", "name:", "sources: [src-a]", "count: "]
any_character = st.characters(codec=None, exclude_categories=())  # every code point, control and format characters included
fragments = st.one_of(st.sampled_from(YAML_PIECES), st.text(any_character, max_size=6), st.sampled_from("\t\r\x00\x1b\u2028\ufeff"))
yaml_like = st.lists(fragments, max_size=80).map("".join)
nested = st.tuples(st.integers(1, 4000), st.sampled_from(["[", "{a: ", "- "])).map(
    lambda t: "x: " + t[1] * t[0] + "1" + {"[": "]", "{a: ": "}", "- ": ""}[t[1]] * t[0] if t[1] != "- "
    else "x:\n" + "".join("  " * i + "- \n" for i in range(min(t[0], 300))))


def assert_located(problems, file_prefix: str) -> None:
    for problem in problems:
        assert problem.file.startswith(file_prefix) and problem.line >= 1 and problem.column >= 1, problem
        assert problem.path and problem.expected and problem.found
        text, github = problem.format_text(), problem.format_github()
        assert text.startswith(f"{problem.file}:{problem.line}:{problem.column}: ")
        for line in (text, github):  # one line each, nothing a terminal or a workflow runner would act on
            assert "\n" not in line and "\r" not in line and not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", line)


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(yaml_like, nested))
def test_loader_never_raises_and_locates_every_problem(text):
    loaded = load_text("data/x.yaml", text)  # must not raise (no RecursionError, no MemoryError, no traceback)
    assert_located(loaded.problems, "data/x.yaml")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=st.one_of(yaml_like, nested, mutated()), file=st.sampled_from(["programs.yaml", "sources.yaml", "vocabularies.yaml"]))
def test_checks_never_raise_on_any_file(tmp_path, monkeypatch, text, file):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    data = minimal_data(Path(tempfile.mkdtemp(dir=tmp_path)))
    (data / file).write_text(text, encoding="utf-8", errors="surrogatepass")
    assert_located(validate(data, display_root=data.parent).problems, "data/")


MARKDOWN_PIECES = ["<!--", "-->", " guide:", "guide", ":", "Guide:", "GUIDE :", "compare", "cite", "src-a", ",", " ", "\n", "#",
                   "<!-- guide:routes person -->", "<!-- guide:cite src-a -->", "<!- ", "-- >", "\ue000", "\ue0011\ue001"]
markdown_like = st.lists(st.one_of(st.sampled_from(MARKDOWN_PIECES), st.text(any_character, max_size=4)), max_size=60).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sv=markdown_like, en=markdown_like)
def test_page_checks_never_raise(tmp_path, monkeypatch, sv, en):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    guide = site_check.checked_data(minimal_data(root), root)[1]
    for lang, text in (("sv", sv), ("en", en)):
        (root / "docs" / lang).mkdir(parents=True)
        (root / "docs" / lang / "p.md").write_text(text, encoding="utf-8", errors="surrogatepass")
    assert_located(site_check.docs_problems(root / "docs", guide), "docs/")


ADVERSARIAL_PAGES = {  # what made the old marker pattern backtrack: unclosed markers, long runs, many openers
    "unclosed marker, then spaces": lambda n: "<!-- guide:compare" + " " * n,
    "openers only": lambda n: "<!--" * n,
    "unclosed citation": lambda n: "<!-- guide:cite " + "a," * n,
    "many exact markers": lambda n: "<!-- guide:cite src-a --> " * n,
    "many stray markers": lambda n: "guide:compare <!-- x --> " * n,
    "one long line of guide:": lambda n: "guide: " * n,
    "many lines": lambda n: "Text <!-- guide:cite src-a -->\n" * n,
}


def test_marker_scanning_is_linear():
    """Counted work, not wall-clock time: ten times the input costs at most about ten times the steps."""
    for name, page in ADVERSARIAL_PAGES.items():
        small, large = (markers.scan(page(n), "p.md").steps for n in (2_000, 20_000))
        assert large <= 10.5 * small + 10, (name, small, large)


def test_an_unclosed_marker_in_a_large_page_is_reported_promptly():
    """200,000 characters after an unclosed marker: the old pattern took cubic time here; a bound, not a speed target."""
    import subprocess
    code = ("import sys; sys.path.insert(0, '.'); from exitguide import markers; "
            "found = markers.scan('<!-- guide:compare' + ' ' * 200_000 + '\\n' + '<!--' * 100_000, 'p.md'); "
            "print(len(found.malformed))")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "1", run.stderr


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path, site):
    """A build over an earlier one (the session's build of the same files, from another folder) must produce
    the same bytes, remove what the earlier one left behind (a stale file), and leave no temporary folder
    next to the site."""
    project = copy_project(tmp_path / "project")
    out = tmp_path / "out" / "site"
    shutil.copytree(site, out)
    (out / "stale.html").write_text("from an earlier build", encoding="utf-8")
    assert build(project, out).returncode == 0
    assert digests(out) == digests(site)
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]
