"""A programme copied from the CONTRIBUTING example, with its own id and names, builds and appears everywhere."""
from __future__ import annotations

import json

from conftest import build, copy_project
from exitguide.markers import example_program


def test_example_entry_appears_everywhere_without_markdown(tmp_path):
    project = copy_project(tmp_path / "project")
    entry = example_program().replace("exempelstad-avhopparverksamhet", "nytt-testprogram")
    entry = entry.replace("Avhopparverksamheten i Exempelstad", "Nytt testprogram").replace("Exempelstad exit programme", "New test programme")
    indented = "".join(("  - " if i == 0 else "    ") + line + "\n" if line.strip() else "\n"
                       for i, line in enumerate(l for l in entry.splitlines() if not l.startswith("#")))
    programs = project / "data" / "programs.yaml"
    programs.write_text(programs.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + indented, encoding="utf-8")
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Nytt testprogram" in (site / "program" / "nytt-testprogram" / "index.html").read_text(encoding="utf-8")
    assert "New test programme" in (site / "en" / "program" / "nytt-testprogram" / "index.html").read_text(encoding="utf-8")
    for lang_prefix, name in (("", "Nytt testprogram"), ("en/", "New test programme")):
        compare = (site / lang_prefix / "jamforelse" / "index.html").read_text(encoding="utf-8")
        assert compare.count('data-program="nytt-testprogram"') >= 8  # a row in every comparison table
        assert name in (site / lang_prefix / "program" / "index.html").read_text(encoding="utf-8")
    document = json.loads((site / "data" / "programs.json").read_text(encoding="utf-8"))
    assert "nytt-testprogram" in [p["id"] for p in document["programs"]]
    assert "nytt-testprogram" in (site / "data" / "programs.csv").read_text(encoding="utf-8")
