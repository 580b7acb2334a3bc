"""Figure: the edit loop. `mkdocs serve` of a copy of the project on a free port (tools/devkit.py); a marker word
at the end of the first programme's summary (sv and en) in data/programs.yaml is changed three times, and the sv
and en programme pages are polled every 50 ms until they show the new word, timed from the moment the file is
written (target ≤ 2 s). The serve log's "Documentation built in …" gives the rebuild's share."""
from __future__ import annotations

import re
import statistics
import time

import yaml

from . import runs
from .report import figure, heading, say, secs

TITLE = "edit loop"
TARGET = 2.0
EDITS = 3
SUMMARY = re.compile(r"(\n(\s*)summary:\s*\n\2\s+sv:[^\n]*?)(\s*\n\2\s+en:[^\n]*?)(\n)")


def run(workspace) -> None:
    heading("Edit loop: `mkdocs serve`, change a programme's summary in data/programs.yaml, wait until it is served")
    project = runs.devkit.copy_project(workspace.folder / "serve", workspace.snapshot)
    data_file = project / "data" / "programs.yaml"
    text = data_file.read_text(encoding="utf-8")
    programme = yaml.safe_load(text)["programs"][0]["id"]
    match = SUMMARY.search(text)
    if not match:
        raise runs.BenchError("no `summary:` with `sv:` and `en:` lines in data/programs.yaml")
    text = text[:match.start()] + match.group(1) + " benchedit0sv" + match.group(3) + " benchedit0en" + match.group(4) + text[match.end():]
    data_file.write_text(text, encoding="utf-8")
    pages = {"sv": f"program/{programme}/", "en": f"en/program/{programme}/"}
    timings = []
    with runs.devkit.serve_project(project, workspace.folder / "serve.log") as session:
        try:
            startup = runs.devkit.wait_for_page(session, pages["en"], "benchedit0en")
            say(f"  first build served after {startup:.1f} s; pages /{pages['sv']} and /{pages['en']}")
            time.sleep(1.5)  # the first build's last steps (search index, open data) finish
            for number in range(1, EDITS + 1):
                text = text.replace(f"benchedit{number - 1}", f"benchedit{number}")
                written = time.perf_counter()
                data_file.write_text(text, encoding="utf-8")
                seen = {}
                for lang, page in pages.items():  # both come from the same rebuild; polled every 50 ms
                    runs.devkit.wait_for_page(session, page, f"benchedit{number}{lang}", timeout=60)
                    seen[lang] = time.perf_counter() - written
                timings.append(seen)
                say(f"  edit {number}: sv page updated after {seen['sv']:.2f} s, en page after {seen['en']:.2f} s")
                time.sleep(2.0)  # let the rebuild's last steps finish before the next edit
        except (RuntimeError, TimeoutError) as exc:
            raise runs.BenchError(str(exc)) from exc
        log = session.log_text()
    say()
    for lang in ("sv", "en"):
        median = statistics.median(t[lang] for t in timings)
        figure(TITLE, f"save → {lang} programme page shows it (median of {EDITS})", secs(median), f"≤ {TARGET:.0f} s",
               median <= TARGET)
    figure(TITLE, "serve start-up until the first page is served", secs(startup))
    built = [float(x) for x in re.findall(r"Documentation built in ([\d.]+) seconds", log)]
    if len(built) > EDITS:
        figure(TITLE, "of which the rebuild itself (serve's log, median)", secs(statistics.median(built[-EDITS:])))
        say("    mkdocs serve rebuilds the whole site, both languages, on every save; the rest is file-watch latency.")
