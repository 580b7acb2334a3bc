"""A full strict build, checked the way a reader would see it: both language trees, the
programme pages with their facts, no leftover markers, and a build that refuses bad data.
Nothing half-written: a failed build or a failed export leaves the previous output byte-identical."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import BUILD_ENV, build, copy_project
from helpers import ROOT
from exitguide.docs_check import page_names
from exitguide.export import ExportError, export_open_data, open_data_names
from exitguide.guide import Guide
from exitguide.validate import validate

PROGRAMS = yaml.safe_load((ROOT / "data" / "programs.yaml").read_text(encoding="utf-8"))["programs"]


def text_of(html: str) -> str:
    """Visible text, whitespace collapsed (tags removed, entities decoded)."""
    class Collector(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts, self.skip = [], 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("script", "style")

        def handle_endtag(self, tag):
            self.skip -= tag in ("script", "style")

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)
    collector = Collector()
    collector.feed(html)
    return re.sub(r"[ \t\r\n]+", " ", " ".join(collector.parts)).strip()  # keep no-break spaces (66\u00a0%)


def page(site: Path, lang: str, path: str) -> str:
    prefix = "" if lang == "sv" else "en/"
    return (site / prefix / path / "index.html").read_text(encoding="utf-8")


def test_both_language_trees_with_html_lang(site):
    for name in page_names(ROOT / "docs", "sv"):
        path = name.removesuffix(".md").removesuffix("index").rstrip("/")
        for lang in ("sv", "en"):
            html = page(site, lang, path)
            assert f'<html lang="{lang}"' in html, (lang, path)


def test_every_programme_has_a_page_in_both_languages(site):
    for program in PROGRAMS:
        for lang in ("sv", "en"):
            html = page(site, lang, f"program/{program['id']}")
            assert f"<h1" in html and program["name"][lang].split(" (")[0] in text_of(html)


def test_goteborg_outcomes_are_counts_with_computed_shares(site):
    sv = text_of(page(site, "sv", "program/goteborg-avhopparverksamhet"))
    en = text_of(page(site, "en", "program/goteborg-avhopparverksamhet"))
    for figure in ("94", "73", "48", "30"):
        assert figure in sv and figure in en
    assert "66\u00a0%" in sv and "41\u00a0%" in sv
    assert "66%" in en and "41%" in en
    raw = (ROOT / "data" / "programs.yaml").read_text(encoding="utf-8")
    assert "66" not in re.findall(r"count: (\d+)", raw) and "%" not in raw  # percentages are never typed


def test_malmo_criteria_requirements_and_contact_render_from_data(site):
    malmo = next(p for p in PROGRAMS if p["id"] == "malmo-konsultationsteamet")
    vocabularies = yaml.safe_load((ROOT / "data" / "vocabularies.yaml").read_text(encoding="utf-8"))
    for lang in ("sv", "en"):
        text = text_of(page(site, lang, "program/malmo-konsultationsteamet"))
        for item in malmo["eligibility_criteria"]:
            assert vocabularies["criteria"][item["criterion"]][lang] in text
        for item in malmo["requirements"]:
            assert vocabularies["requirements"][item["requirement"]][lang] in text
        for contact in malmo["contacts"]:
            for key in ("email", "phone"):
                if contact.get(key):
                    assert contact[key] in text


def test_no_marker_is_left_in_the_output(site):
    for html_file in site.rglob("*.html"):
        assert "guide:" not in html_file.read_text(encoding="utf-8"), html_file


def test_open_data_is_published(site):
    document = json.loads((site / "data" / "programs.json").read_text(encoding="utf-8"))
    assert [p["id"] for p in document["programs"]] == [p["id"] for p in PROGRAMS]
    csv_text = (site / "data" / "programs.csv").read_text(encoding="utf-8")
    assert len(csv_text.strip().splitlines()) == len(PROGRAMS) + 1
    assert (site / "data" / "programs.schema.json").exists()


def test_search_index_per_language(site):
    sv = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert sv["config"]["lang"] == ["sv"] and en["config"]["lang"] == ["en"]
    assert sv["docs"] and en["docs"]
    assert not any(d["location"].startswith("en/") for d in sv["docs"])


def test_not_found_page_is_swedish_with_an_english_part(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in html and "<h1>Sidan finns inte</h1>" in html
    assert '<div lang="en">\n<h2>Page not found</h2>' in html and '<a href="/en/">English home page</a>' in html
    links = re.findall(r'<a href="([^"]*)" hreflang="(sv|en)" class="md-select__link">', html)
    assert links == [("/", "sv"), ("/en/", "en")]
    assert 'http-equiv="Content-Security-Policy"' in html and 'tabindex=""' not in html
    assert not (site / "en" / "404.html").exists()


def test_no_unused_assets_are_shipped(site):
    assert not list(site.rglob("*.map"))
    lunr = {p.name for p in (site / "assets" / "javascripts" / "lunr").rglob("*.js")}
    assert lunr <= {"lunr.sv.min.js", "lunr.stemmer.support.min.js"}
    start = (site / "index.html").read_text(encoding="utf-8")
    stylesheets = {p.name for p in (site / "assets" / "stylesheets").glob("*.css")}
    assert stylesheets and all(name in start for name in stylesheets), stylesheets


def _break_and_build(tmp_path, old, new):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "programs.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    site = tmp_path / "site"
    return build(project, site), site


def test_bad_data_stops_the_build_naming_file_line_and_field(tmp_path):
    result, site = _break_and_build(tmp_path, "email: Konsultationsteamet@malmo.se", "email: Konsultationsteamet-malmo.se")
    assert result.returncode != 0
    assert re.search(r"data/programs\.yaml:\d+:\d+: error: programs\[malmo-konsultationsteamet\]\.contacts\[0\]\.email: "
                     r"expected an e-mail address", result.stdout + result.stderr)
    assert not site.exists() or not any(site.iterdir())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    """Temporary folders a build or an export left next to its target."""
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}."))


def test_failed_builds_leave_the_previous_site_byte_identical(tmp_path, site):
    """Two ways a build fails: bad data (stopped before any page is written) and a strict-mode warning
    (MkDocs stops only after every page is written). Either way the previous site stays exactly as it was."""
    project = copy_project(tmp_path / "project")
    previous = tmp_path / "out" / "site"
    shutil.copytree(site, previous)  # what an earlier build wrote
    before = snapshot(previous)
    programs = project / "data" / "programs.yaml"
    good = programs.read_text(encoding="utf-8")
    programs.write_text(good.replace("count: 73", "count: 95", 1), encoding="utf-8")
    assert build(project, previous).returncode != 0
    assert snapshot(previous) == before and leftovers(previous) == []
    programs.write_text(good, encoding="utf-8")
    for lang in ("sv", "en"):  # a link to a page that does not exist: a warning, which strict mode makes fatal
        page = project / "docs" / lang / "bidra.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n[x](no-such-page.md)\n", encoding="utf-8")
    # Without -q: MkDocs' quiet mode drops warnings before strict mode can count them.
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(previous)],
                         capture_output=True, text=True, env=BUILD_ENV, cwd=project)
    assert run.returncode != 0 and "in strict mode!" in run.stdout + run.stderr, run.stdout[-2000:] + run.stderr[-2000:]
    assert snapshot(previous) == before and leftovers(previous) == []


def test_export_into_a_file_is_a_clean_error(tmp_path):
    target = tmp_path / "open-data"
    target.write_text("not a folder", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "exitguide", "export", str(target)], capture_output=True, text=True, cwd=ROOT,
                         env={**BUILD_ENV})
    assert run.returncode == 1 and "Traceback" not in run.stderr and run.stdout == ""
    assert run.stderr == (f"✗ export: {target} is a file, not a folder. Tip: name a folder, for example build/open-data; "
                          "it is created if missing.\n")
    assert target.read_text(encoding="utf-8") == "not a folder" and leftovers(target) == []


def test_export_refuses_a_folder_with_other_files(tmp_path):
    target = tmp_path / "docs-folder"
    target.mkdir()
    (target / "README.md").write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportError, match=r"holds other files \(README.md\), which an export would remove"):
        export_open_data(real_guide(), target)
    assert snapshot(target) == {"README.md": b"keep me"} and leftovers(target) == []


def test_failed_export_leaves_the_previous_export_byte_identical(tmp_path, monkeypatch):
    target = tmp_path / "open-data"
    guide = real_guide()
    written = export_open_data(guide, target)
    assert sorted(p.name for p in written) == sorted(open_data_names()) == sorted(snapshot(target))
    (target / "programs.csv").write_text("an earlier export", encoding="utf-8")  # so a rewrite would show
    before = snapshot(target)
    calls = []
    real_write = Path.write_bytes  # export writes each file's bytes (CSV with its byte-order mark)

    def failing_write(self, *args, **kwargs):
        calls.append(self.name)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_write(self, *args, **kwargs)
    monkeypatch.setattr(Path, "write_bytes", failing_write)
    with pytest.raises(ExportError, match="No space left on device"):
        export_open_data(guide, target)
    monkeypatch.undo()
    assert len(calls) == 2 and snapshot(target) == before and leftovers(target) == []
    export_open_data(guide, target)  # a later export that succeeds replaces the whole folder
    assert snapshot(target)["programs.csv"] != b"an earlier export" and leftovers(target) == []


def real_guide() -> Guide:
    result = validate(ROOT / "data")
    assert result.ok
    return Guide.from_result(result)


def test_unknown_marker_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page_file = project / "docs" / "en" / "index.md"
    page_file.write_text(page_file.read_text(encoding="utf-8") + "\n<!-- guide:cite no-such-source -->\n", encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/en/index.md:" in result.stdout + result.stderr
    assert "no-such-source" in result.stdout + result.stderr


def test_changed_theme_markup_stops_the_build_naming_the_edit(tmp_path, site):
    """A Material release that changes the markup an edit of its output relies on: here the search dialog
    loses its role="dialog" (a partial in the copy's overrides/ stands in for the new theme's). The build stops
    with the page, the edit's name, what the markup was expected to contain and where to look; the previous
    site stays as it was. tests/test_site_fixes.py changes the markup of every edit the same way."""
    project = copy_project(tmp_path / "project")
    partial = project / "overrides" / "partials" / "search.html"
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_text('<div class="md-search" data-md-component="search"></div>\n', encoding="utf-8")
    previous = tmp_path / "out" / "site"
    shutil.copytree(site, previous)
    before = snapshot(previous)
    result = build(project, previous)
    assert result.returncode != 0
    assert ('404.html: theme edit SEARCH_DIALOG_NAME: expected exactly 1 × class="md-search" data-md-component="search" '
            'role="dialog" (partials/search.html); found 0. Tip: Material\'s markup changed; see exitguide/site_fixes.py '
            "SEARCH_DIALOG_NAME: adjust the pattern to the new markup, or drop the edit if the theme now does this itself."
            ) in result.stdout + result.stderr, result.stdout[-2000:] + result.stderr[-2000:]
    assert snapshot(previous) == before and leftovers(previous) == []
