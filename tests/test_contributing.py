"""The example programme in CONTRIBUTING.md, pasted as it is at the end of data/programs.yaml (after a blank
line, as CONTRIBUTING says), passes `fmt --check` and `check`; with its own id and names it builds and
appears everywhere, with no Markdown edit."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from conftest import BUILD_ENV, ROOT, build, copy_project
from exitguide.markers import example_program


def pasted(programs_yaml: str, entry: str) -> str:
    return programs_yaml.rstrip("\n") + "\n\n" + entry


def exitguide_cli(data, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "exitguide", "--data", str(data), *args], capture_output=True,
                          text=True, cwd=ROOT, env=BUILD_ENV)


def test_the_example_pasted_as_it_is_passes_fmt_check_and_check(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    programs = data / "programs.yaml"
    programs.write_text(pasted(programs.read_text(encoding="utf-8"), example_program()), encoding="utf-8")
    layout = exitguide_cli(data, "fmt", "--check")
    assert layout.returncode == 0, layout.stdout + layout.stderr
    assert "all data files in canonical layout" in layout.stderr
    checked = exitguide_cli(data, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "exempelstad-avhopparverksamhet" not in checked.stdout  # no warning about the pasted entry either


def test_example_entry_appears_everywhere_without_markdown(tmp_path):
    project = copy_project(tmp_path / "project")
    entry = example_program().replace("exempelstad-avhopparverksamhet", "nytt-testprogram")
    entry = entry.replace("Avhopparverksamheten i Exempelstad", "Nytt testprogram").replace("Exempelstad exit programme", "New test programme")
    programs = project / "data" / "programs.yaml"
    programs.write_text(pasted(programs.read_text(encoding="utf-8"), entry), encoding="utf-8")
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Nytt testprogram" in (site / "program" / "nytt-testprogram" / "index.html").read_text(encoding="utf-8")
    assert "New test programme" in (site / "en" / "program" / "nytt-testprogram" / "index.html").read_text(encoding="utf-8")
    for lang_prefix, name in (("", "Nytt testprogram"), ("en/", "New test programme")):
        compare = site / lang_prefix / "jamforelse"
        assert (compare / "index.html").read_text(encoding="utf-8").count('data-program="nytt-testprogram"') == 1  # the matrix
        questions = [page for page in compare.glob("*/index.html")]
        assert len(questions) == 8 and all('data-program="nytt-testprogram"' in page.read_text(encoding="utf-8") for page in questions)
        assert 'data-program="nytt-testprogram"' in (site / lang_prefix / "kunskapskarta" / "index.html").read_text(encoding="utf-8")
        assert name in (site / lang_prefix / "program" / "index.html").read_text(encoding="utf-8")
    document = json.loads((site / "data" / "programs.json").read_text(encoding="utf-8"))
    assert "nytt-testprogram" in [p["id"] for p in document["programs"]]
    assert "nytt-testprogram" in (site / "data" / "programs.csv").read_text(encoding="utf-8")
