"""Figure: the comparison page as the data grows. With 29 and 290 synthetic programmes (bench/synthetic.py:
names, places, sentences, choices and counts differ from row to row, as real entries do, so gzip gets no
free ride from repeated rows), the comparison page is opened in Chromium with an empty cache and everything
it loads is weighed, gzipped: at 29 programmes against the 100 kB of any page, at 290 against 150 kB. A table
shows where the weight goes (each file of the 290-programme page). Then, at 290 programmes, the page is used
as a reader would: a column is sorted, the matrix is filtered by county, and two programmes are put side by
side; each must work (the time each took is shown for information)."""
from __future__ import annotations

import time

from . import pageloads
from .runs import BenchError, devkit
from .report import KB, figure, heading, kb, say, table
from .weight import markers_page

TITLE = "comparison page"
TARGETS = {29: 100 * KB, 290: 150 * KB}


def run(workspace) -> None:
    heading("Comparison page with 29 and 290 realistic synthetic programmes: everything it loads, gzipped")
    page = markers_page(workspace.project(), "compare")
    if page is None:
        raise BenchError("no Swedish page holds <!-- guide:compare -->")
    rows, files_290 = [], []
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
            if count == 290 and lang == "sv":
                files_290 = files
    say()
    table(["programmes", "lang", "HTML raw", "HTML gz", "files", "total raw", "total gz", "first search adds gz"], rows)
    say(f"  Chromium {version}; page /{page} and /en/{page}. Sizes in kB of 1000 bytes, gzip -9 per file.")
    say()
    say(f"  Where the weight goes: /{page} with 290 programmes, each file it loads")
    table(["file", "raw", "gzip"], [[path, kb(raw), kb(gz)] for path, raw, gz in sorted(files_290, key=lambda f: -f[2])])
    _still_usable(workspace.site(290), page)


def _still_usable(site, page: str) -> None:
    """Sort, filter by county and compare side by side on the 290-programme page, in Chromium."""
    from playwright.sync_api import sync_playwright
    checks = []
    with devkit.serve_site(site) as served, sync_playwright() as playwright:
        browser = devkit.launch_chromium(playwright)
        try:
            tab = browser.new_page(viewport={"width": 375, "height": 800})
            tab.goto(f"{served.url}/{page}", wait_until="networkidle")
            ids = tab.eval_on_selector_all("#compare-overview tbody tr", "rows => rows.map(r => r.dataset.program)")
            started = time.perf_counter()
            tab.locator("#compare-overview thead th").nth(0).locator("button.sort-button").click()
            in_order = tab.eval_on_selector_all(
                "#compare-overview tbody tr th",
                "cells => cells.every((c, i) => !i || cells[i - 1].dataset.sort.localeCompare(c.dataset.sort, 'sv') <= 0)")
            checks.append(("sort 290 rows by programme", time.perf_counter() - started, in_order))
            county = tab.eval_on_selector("#filter-county option:nth-child(2)", "o => o.value")
            started = time.perf_counter()
            tab.select_option("#filter-county", county)
            shown = tab.eval_on_selector_all("#compare-overview tbody tr:not([hidden])", "rows => rows.length")
            checks.append((f"filter by county ({county})", time.perf_counter() - started, 0 < shown < len(ids)))
            tab.select_option("#filter-county", "")
            started = time.perf_counter()
            tab.goto(f"{served.url}/{page}?compare={ids[0]},{ids[1]}", wait_until="networkidle")
            tab.wait_for_function("() => document.querySelectorAll('#side-by-side table').length > 1 && "
                                  "!document.querySelector('.side-by-side-loading').textContent", timeout=30_000)
            tables = tab.eval_on_selector_all("#side-by-side table", "t => t.length")
            checks.append(("side by side from a shared link (fetches the question pages)", time.perf_counter() - started, tables > 1))
        finally:
            browser.close()
    say()
    table(["at 290 programmes, in Chromium at 375 px", "seconds", "works"],
          [[name, f"{seconds:.2f}", "yes" if ok else "NO"] for name, seconds, ok in checks])
    for name, _, ok in checks:
        figure(TITLE, f"290 programmes: {name}", "works" if ok else "fails", "works", ok)
