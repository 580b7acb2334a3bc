"""What a page costs a visitor, measured from what Chromium actually loads: each page opens in a fresh browser
context (empty cache) from a local static server (tools/devkit.py), and every request that server answers
is counted; then, for pages asked to, the visitor opens search and types a word, and what loads then is the
cost of searching. Sizes are those files' bytes, raw and gzip -9 (each file compressed on its own).
Used by the page-weight and comparison-page figures. Needs Playwright and a Chromium (devkit's lookup)."""
from __future__ import annotations

import functools
import gzip
import time
from dataclasses import dataclass, field
from pathlib import Path

from .runs import BenchError, devkit

SEARCH_FIELD = "input.md-search__input"      # Material's search box (the theme's markup, used here only)
SEARCH_RESULT = ".md-search-result__item"


@dataclass
class PageLoad:
    url: str                                        # site-relative, e.g. "en/jamforelse/"
    paths: set[str] = field(default_factory=set)    # everything loaded when the page opens
    on_search: set[str] = field(default_factory=set)  # added when search is opened and used
    searched: bool = False                          # search showed results
    missing: set[str] = field(default_factory=set)  # requests answered 404
    other_hosts: set[str] = field(default_factory=set)


def file_for(site: Path, url_path: str) -> Path | None:
    candidate = site / url_path.lstrip("/")
    if url_path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


@functools.lru_cache(maxsize=None)
def _sizes(path: str, mtime_ns: int, size: int) -> tuple[int, int]:
    data = Path(path).read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=9))


def sizes(path: Path) -> tuple[int, int]:
    """(raw bytes, gzip -9 bytes) of one file."""
    stat = path.stat()
    return _sizes(str(path), stat.st_mtime_ns, stat.st_size)


def weigh(site: Path, paths: set[str]) -> tuple[int, int, list[tuple[str, int, int]]]:
    """(raw total, gzip total, per file) of the files behind the given URL paths."""
    rows = []
    for path in sorted(paths):
        file = file_for(site, path)
        if file is not None:
            rows.append((path, *sizes(file)))
    return sum(r[1] for r in rows), sum(r[2] for r in rows), rows


def _wait_for_quiet(requests: list, mark: int, quiet: float = 0.8, limit: float = 8.0) -> None:
    """Until the server has answered nothing for `quiet` seconds: the search worker imports its language
    files only after the index has arrived, so network idle alone comes too early."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        last = requests[-1].at if len(requests) > mark else 0.0
        if time.monotonic() - last > quiet:
            return
        time.sleep(0.1)


def record(site: Path, urls: list[str], search_in: set[str] = frozenset(), search_word: str = "avhopp") -> tuple[list[PageLoad], str]:
    """Load every url in Chromium; for those in `search_in`, then open search and type `search_word`.
    Returns the loads and the browser's version."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise BenchError("Playwright is not installed; page weights are measured in Chromium") from exc
    loads = []
    with devkit.serve_site(site) as served, sync_playwright() as playwright:
        try:
            browser = devkit.launch_chromium(playwright)
        except devkit.ChromiumNotFound as exc:
            raise BenchError(str(exc)) from exc
        version = browser.version
        try:
            for url in urls:
                context = browser.new_context()
                page = context.new_page()
                load = PageLoad(url)
                page.on("request", lambda r, load=load: load.other_hosts.add(r.url)
                        if not r.url.startswith((served.url, "data:", "blob:")) else None)
                mark = len(served.requests)
                page.goto(f"{served.url}/{url}", wait_until="load")
                page.wait_for_load_state("networkidle")
                _wait_for_quiet(served.requests, mark)
                for request in served.requests[mark:]:
                    (load.paths if request.status < 400 else load.missing).add(request.path)
                if url in search_in:
                    mark = len(served.requests)
                    box = page.locator(SEARCH_FIELD).first
                    box.click(force=True)
                    box.type(search_word, delay=30)
                    try:
                        page.wait_for_selector(SEARCH_RESULT, timeout=8000)
                        load.searched = True
                    except Exception:  # Playwright's TimeoutError: reported as "no results", never hidden
                        load.searched = False
                    _wait_for_quiet(served.requests, mark)
                    for request in served.requests[mark:]:
                        (load.on_search if request.status < 400 else load.missing).add(request.path)
                    load.on_search -= load.paths
                context.close()
                loads.append(load)
        finally:
            browser.close()
    return loads, version
