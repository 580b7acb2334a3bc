"""Figure: the comparison page as the data grows. With 29 and 290 synthetic programmes (bench/synthetic.py:
names, places, sentences, choices and counts differ from row to row, as real entries do, so gzip gets no
free ride from repeated rows), the comparison page is opened in Chromium with an empty cache and everything
it loads is weighed, gzipped: at 29 programmes against the 100 kB of any page, at 290 against 150 kB."""
from __future__ import annotations

from . import pageloads
from .runs import BenchError
from .report import KB, figure, heading, kb, say, table
from .weight import markers_page

TITLE = "comparison page"
TARGETS = {29: 100 * KB, 290: 150 * KB}


def run(workspace) -> None:
    heading("Comparison page with 29 and 290 realistic synthetic programmes: everything it loads, gzipped")
    page = markers_page(workspace.project(), "compare")
    if page is None:
        raise BenchError("no Swedish page holds <!-- guide:compare -->")
    rows = []
    for count, target in TARGETS.items():
        site = workspace.site(count)
        loads, version = pageloads.record(site, [page, "en/" + page], search_in={page, "en/" + page})
        for load in loads:
            lang = "en" if load.url.startswith("en/") else "sv"
            raw, gz, files = pageloads.weigh(site, load.paths)
            html_raw, html_gz = pageloads.sizes(pageloads.file_for(site, "/" + load.url))
            search_gz = pageloads.weigh(site, load.on_search)[1]
            rows.append([count, lang, kb(html_raw), kb(html_gz), len(files), kb(raw), kb(gz),
                         "+" + kb(search_gz) if load.searched else "no results"])
            figure(TITLE, f"{count} programmes ({lang}): page and everything it loads, gzipped", kb(gz), f"≤ {kb(target)}",
                   gz <= target)
    say()
    table(["programmes", "lang", "HTML raw", "HTML gz", "files", "total raw", "total gz", "first search adds gz"], rows)
    say(f"  Chromium {version}; page /{page} and /en/{page}. Sizes in kB of 1000 bytes, gzip -9 per file.")
