"""The programme pages as Markdown in a temporary docs overlay (exitguide/docs_overlay.py): the overlay is docs/
plus one page per programme and language, it never writes into docs/, a page in docs/ with a programme's name
stops the build, and a build leaves no overlay behind."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import BUILD_ENV, copy_project, devkit
from helpers import ROOT
from exitguide import docs_overlay
from exitguide.docs_overlay import OverlayError, generated_pages, remove_overlay, write_overlay
from exitguide.render_compare import QUESTION_PAGES
from exitguide.guide import Guide
from exitguide.validate import validate


@pytest.fixture(scope="module")
def guide() -> Guide:
    result = validate(ROOT / "data")
    assert result.ok
    return Guide.from_result(result)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_one_page_per_programme_and_per_comparison_question_and_language(guide):
    pages = generated_pages(guide)
    assert sorted(pages) == sorted([f"{lang}/program/{p['id']}.md" for lang in ("sv", "en") for p in guide.programs]
                                   + [f"{lang}/jamforelse/{q.slug}.md" for lang in ("sv", "en") for q in QUESTION_PAGES])
    malmo = next(p for p in guide.programs if p["id"] == "malmo-konsultationsteamet")
    assert pages["en/program/malmo-konsultationsteamet.md"].startswith("# " + malmo["name"]["en"].split(" (")[0])


def test_the_overlay_is_docs_plus_the_pages_and_docs_is_untouched(tmp_path, guide, monkeypatch):
    monkeypatch.setattr(docs_overlay.tempfile, "tempdir", str(tmp_path))
    docs = copy_project(tmp_path / "project") / "docs"
    before = files(docs)
    pages = generated_pages(guide)
    overlay = write_overlay(docs, pages)
    assert overlay.parent == tmp_path and overlay.name.startswith("exitguide-docs-")
    assert files(overlay) == {**before, **{name: text.encode("utf-8") for name, text in pages.items()}}
    assert all((overlay / name).is_symlink() and (overlay / name).resolve() == (docs / name).resolve() for name in before)
    assert files(docs) == before
    remove_overlay(overlay)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]


def test_a_page_in_docs_with_a_programmes_name_is_an_error(tmp_path, guide, monkeypatch):
    monkeypatch.setattr(docs_overlay.tempfile, "tempdir", str(tmp_path))
    docs = copy_project(tmp_path / "project") / "docs"
    (docs / "en" / "program" / "fryshuset-exit.md").write_text("# Exit\n", encoding="utf-8")
    with pytest.raises(OverlayError) as raised:
        write_overlay(docs, generated_pages(guide))
    assert str(raised.value) == ("docs/en/program/fryshuset-exit.md: a page with this name is generated from the data "
                                 "(a programme id or a comparison question, 'fryshuset-exit'). Tip: rename or remove "
                                 "docs/en/program/fryshuset-exit.md; a generated page is written from the data alone.")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]  # the half-written overlay is gone


def test_a_build_writes_nothing_into_docs_and_leaves_no_overlay(tmp_path):
    project = copy_project(tmp_path / "project")
    before = files(project / "docs")
    (scratch := tmp_path / "tmp").mkdir()
    result = devkit.strict_build(project, tmp_path / "site", env={**BUILD_ENV, "TMPDIR": str(scratch)})
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert files(project / "docs") == before and os.listdir(scratch) == []
    assert (tmp_path / "site" / "en" / "program" / "fryshuset-exit" / "index.html").exists()
