"""The docs folder a build reads: the maintainer's docs/ plus the generated Markdown pages: one per programme and
language (program/<id>/) and one per comparison question and language (jamforelse/<slug>/).

When: hooks/guide.py writes an overlay at the start of each build (after the data check) and points MkDocs'
docs_dir at it; it removes the overlay when the build ends. So the programme pages are ordinary Markdown
files to MkDocs and mkdocs-static-i18n, which give them their language, their alternates (language switch,
sitemap) and their search entries themselves; nothing copies the plugin's private per-file setup.
DESIGN.md ("Programme pages") says why this and not File.generated, with measurements.
Assumes: docs/ has the folder layout docs/<lang>/…; the overlay is a fresh temporary folder outside the project
(so `mkdocs serve`, which watches docs/, never sees it, and two builds never share one); every file in it is a
symbolic link to the file in docs/, so a page read from the overlay is the page in docs/. A programme page may
not shadow a page that exists in docs/: that is an OverlayError naming both.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .guide import Guide
from .htmlkit import program_url
from .labels import LANGUAGES
from .render_compare import QUESTION_PAGES, question_page, question_url
from .render_program import program_page


class OverlayError(Exception):
    pass


def generated_pages(guide: Guide) -> dict[str, str]:
    """The generated pages, by path under the docs folder (sv/program/<id>.md, sv/jamforelse/<slug>.md): their
    whole Markdown."""
    pages = {f"{lang}/{program_url(program['id']).rstrip('/')}.md": program_page(guide, program, lang, program_url(program["id"]))
             for lang in LANGUAGES for program in guide.programs}
    pages.update({f"{lang}/{question_url(question.slug).rstrip('/')}.md": question_page(guide, question, lang)
                  for lang in LANGUAGES for question in QUESTION_PAGES})
    return pages


def write_overlay(docs: Path, pages: dict[str, str]) -> Path:
    """A new temporary folder holding a link to every file of `docs` and the generated `pages`."""
    overlay = Path(tempfile.mkdtemp(prefix="exitguide-docs-"))
    try:
        for folder, _, names in os.walk(docs, followlinks=True):
            target = overlay / Path(folder).relative_to(docs)
            target.mkdir(exist_ok=True)
            for name in names:
                (target / name).symlink_to(Path(folder, name).resolve())
        for name, text in pages.items():
            path = overlay / name
            if path.exists():
                raise OverlayError(f"{docs.name}/{name}: a page with this name is generated from the data "
                                   f"(a programme id or a comparison question, {Path(name).stem!r}). Tip: rename or remove "
                                   f"{docs.name}/{name}; a generated page is written from the data alone.")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    except BaseException:
        remove_overlay(overlay)
        raise
    return overlay


def remove_overlay(overlay: Path | None) -> None:
    if overlay is not None:
        shutil.rmtree(overlay, ignore_errors=True)
