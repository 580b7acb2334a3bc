#!/usr/bin/env python3
"""Performance benchmark of the guide: hook overhead, page weight, scale, validation speed, edit loop.

Run it with `make bench` (= .venv/bin/python bench/bench.py). It copies the project into a temporary
folder first and works only there: the repository is never modified, nothing generated is kept
(unless --keep), nothing is committed. Every figure is printed next to its target with PASS or MISS,
and a summary table closes the output. bench/README.md explains what each figure means.

Sections (numbers as in --only):
  1 hook overhead   our full build vs the same site built by Material with `hooks:` removed
  2 page weight     everything a page loads, per page type and language, recorded in Chromium
  3 scale           29 and 290 synthetic programmes: build time, growth, output and page sizes
  4 validation      `python -m exitguide check` on 290 and 10,000 programmes
  5 edit loop       `mkdocs serve`: time from saving data/programs.yaml to the new text being served
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import functools
import gzip
import html.parser
import json
import os
import platform
import pstats
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
IGNORE = shutil.ignore_patterns(".venv", "site", "build", "node_modules", ".git", "__pycache__", ".pytest_cache",
                                ".hypothesis", "lighthouse", ".cache")
# As `make build` runs MkDocs: the Makefile exports both variables.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONDONTWRITEBYTECODE": "1"}
KB = 1000  # sizes are in kB of 1000 bytes; the 100 kB page-weight target is 100,000 bytes gzipped

TARGET_OVERHEAD = 0.10        # hooks add at most 10 % to a bare Material build
TARGET_PAGE_GZ = 100 * KB     # a page loads at most 100 kB gzipped
TARGET_COMPARISON_290 = 150 * KB  # the comparison page with 290 programmes, everything it loads, gzipped
TARGET_GROWTH = 1.2           # (t290 / t29) / (290 / 29) at most 1.2
TARGET_CHECK_290 = 1.0        # `python -m exitguide check` on 290 programmes, seconds
TARGET_EDIT = 2.0             # edit to served page, seconds

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


class BenchError(Exception):
    pass


# ----------------------------------------------------------------------------------------------------------------
# Reporting


@dataclass
class Row:
    section: str
    metric: str
    value: str
    target: str = ""
    status: str = ""   # PASS, MISS, info, or n/a


ROWS: list[Row] = []


def say(text: str = "") -> None:
    print(text, flush=True)


def heading(text: str) -> None:
    say()
    say("=" * 100)
    say(text)
    say("=" * 100)


def figure(section: str, metric: str, value: str, target: str = "", ok: bool | None = None, summary: bool = True) -> None:
    status = "" if ok is None and not target else ("PASS" if ok else "MISS") if ok is not None else "info"
    line = f"  {metric:<58} {value:>22}"
    if target:
        line += f"   target {target:<12} {status}"
    say(line)
    if summary:
        ROWS.append(Row(section, metric, value, target, status))


def secs(value: float) -> str:
    return f"{value:.2f} s"


def kb(value: float) -> str:
    return f"{value / KB:,.1f} kB"


def table(headers: list[str], rows: list[list], indent: int = 2) -> None:
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def fmt(row):
        parts = []
        for i, cell in enumerate(row):
            numeric = i > 0 and re.fullmatch(r"[-+]?[\d,.]+\s*(s|ms|kB|MB|%|×|x)?|n/a|–", cell or "–") is not None
            parts.append(cell.rjust(widths[i]) if numeric else cell.ljust(widths[i]))
        return " " * indent + "  ".join(parts).rstrip()
    say(fmt(cells[0]))
    say(" " * indent + "  ".join("-" * w for w in widths))
    for row in cells[1:]:
        say(fmt(row))


# ----------------------------------------------------------------------------------------------------------------
# Processes and files


@dataclass
class Run:
    seconds: float
    peak_rss_kb: int
    returncode: int
    output: str


def run_timed(cmd: list[str], cwd: Path, env: dict | None = None) -> Run:
    """Whole-process wall time and peak RSS of one child (os.wait4 gives that child's own rusage)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return Run(elapsed, usage.ru_maxrss, proc.returncode, text)


def mkdocs_build(project: Path, site: Path, config: str = "mkdocs.yml") -> Run:
    run = run_timed([PY, "-m", "mkdocs", "build", "-q", "-f", str(project / config), "-d", str(site)], project)
    if run.returncode != 0:
        raise BenchError(f"mkdocs build of {project / config} failed (exit {run.returncode}):\n{tail(run.output)}")
    return run


def tail(text: str, lines: int = 25) -> str:
    kept = [line for line in text.splitlines() if "│" not in line and line.strip()]  # drop Material's banner box
    return "\n".join("    " + line for line in kept[-lines:])


def copy_project(source: Path, dest: Path) -> Path:
    shutil.copytree(source, dest, ignore=IGNORE)
    return dest


def tree_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


@functools.lru_cache(maxsize=None)
def _sizes(path: str, mtime_ns: int, size: int) -> tuple[int, int]:
    data = Path(path).read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=9))


def sizes(path: Path) -> tuple[int, int]:
    """(raw bytes, gzip -9 bytes) of a file."""
    st = path.stat()
    return _sizes(str(path), st.st_mtime_ns, st.st_size)


def pages_in(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html"))


def page_url(site: Path, html_file: Path) -> str:
    rel = html_file.parent.relative_to(site).as_posix()
    return "" if rel == "." else rel + "/"


class TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml even if it uses !ENV or !!python tags (their values become None)."""


TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_mkdocs_yml(project: Path) -> dict:
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=TolerantLoader) or {}


def without_hooks(config_text: str) -> str:
    """mkdocs.yml with the top-level `hooks:` key (and its list) removed, everything else as it is."""
    out, skipping = [], False
    for line in config_text.splitlines(keepends=True):
        if re.match(r"hooks\s*:", line):
            skipping = True
            continue
        if skipping and (not line.strip() or line[:1] in (" ", "\t", "-") or line.lstrip().startswith("#")):
            continue
        skipping = False
        out.append(line)
    return "".join(out)


# ----------------------------------------------------------------------------------------------------------------
# Machine


def machine_info(project: Path) -> list[tuple[str, str]]:
    cpu = platform.processor() or "unknown"
    with _suppress():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = "unknown"
    with _suppress():
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    os_name = platform.platform()
    with _suppress():
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = f"{line.split('=', 1)[1].strip(chr(34))} ({platform.system()} {platform.release()})"
    from importlib import metadata
    versions = []
    for package in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Markdown", "PyYAML", "playwright"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            pass
    libyaml = "with libyaml" if getattr(yaml, "__with_libyaml__", False) else "pure-Python YAML"
    commit = "not a git checkout"
    with _suppress():
        head = subprocess.run(["git", "-C", str(project), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        if head.returncode == 0:
            dirty = subprocess.run(["git", "-C", str(project), "status", "--porcelain"], capture_output=True, text=True).stdout
            commit = head.stdout.strip() + (" + uncommitted changes" if dirty.strip() else " (clean)")
    return [("CPU", cpu), ("cores", str(os.cpu_count())), ("RAM", ram),
            ("Python", f"{platform.python_implementation()} {platform.python_version()} ({libyaml})"),
            ("OS", os_name), ("packages", ", ".join(versions)), ("project", f"{project} @ {commit}"),
            ("date", dt.datetime.now().astimezone().isoformat(timespec="seconds")),
            ("load avg", " ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1/5/15 min; other work on the machine skews timings)")]


class _suppress:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return exc[0] is not None and issubclass(exc[0], Exception)


# ----------------------------------------------------------------------------------------------------------------
# 1. Hook overhead


PROGRAMME_SRC = re.compile(r"^(?:[a-z]{2}/)?program/(?!index\.md$)[^/]+\.md$")


def instrumented_build(config_file: str, site_dir: str, out_file: str) -> None:
    """One build in this process with timers around every hook handler and each page's two build steps.

    Run in a child process (`bench.py --instrumented-build CONFIG SITE OUT`) so that imports and caches
    match a normal build. Writes a JSON breakdown to OUT.
    """
    t_start = time.perf_counter()
    from mkdocs.commands import build as mk_build
    from mkdocs.config import load_config
    t_imported = time.perf_counter()
    config = load_config(config_file=config_file, site_dir=site_dir)
    t_config = time.perf_counter()
    times: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)

    def kind_of(page) -> str:
        return "programme" if page is not None and PROGRAMME_SRC.match(page.file.src_uri) else "docs"

    plugins = config.plugins
    for event, methods in plugins.events.items():
        for index, method in enumerate(methods):
            origin = plugins._event_origins.get(method, "")
            if not origin.endswith(".py"):  # hooks are registered under their path; plugins under their name
                continue

            def wrapped(*args, _method=method, _event=event, **kwargs):
                start = time.perf_counter()
                try:
                    return _method(*args, **kwargs)
                finally:
                    key = f"hook.{_event}" + (f".{kind_of(kwargs.get('page'))}" if "page" in kwargs else "")
                    times[key] += time.perf_counter() - start
                    counts[key] += 1
            methods[index] = wrapped
            plugins._event_origins[wrapped] = origin

    def timed(name, func):
        def wrapper(page, *args, **kwargs):
            start = time.perf_counter()
            try:
                return func(page, *args, **kwargs)
            finally:
                key = f"{name}.{kind_of(page)}"
                times[key] += time.perf_counter() - start
                counts[key] += 1
        return wrapper
    mk_build._populate_page = timed("populate", mk_build._populate_page)
    mk_build._build_page = timed("build_page", mk_build._build_page)

    config.plugins.on_startup(command="build", dirty=False)
    try:
        mk_build.build(config)
    finally:
        config.plugins.on_shutdown()
    t_end = time.perf_counter()
    result = {"imports": t_imported - t_start, "load_config": t_config - t_imported, "build": t_end - t_config,
              "times": dict(times), "counts": dict(counts)}
    Path(out_file).write_text(json.dumps(result, indent=1), encoding="utf-8")


def run_instrumented(project: Path, config: str, site: Path, out: Path) -> dict:
    run = run_timed([PY, str(Path(__file__).resolve()), "--instrumented-build", str(project / config), str(site), str(out)],
                    project)
    if run.returncode != 0:
        raise BenchError(f"instrumented build failed:\n{tail(run.output)}")
    data = json.loads(out.read_text(encoding="utf-8"))
    data["wall"] = run.seconds
    return data


def breakdown(data: dict) -> dict[str, float]:
    t = defaultdict(float, data["times"])
    parts = {
        "hook on_config (validate data, check markers; once per data state)": t["hook.config"],
        "hook on_env (template bytecode cache)": t["hook.env"],
        "hook on_files (render the programme pages' Markdown)": t["hook.files"],
        "hook on_page_markdown + on_page_content (markers), docs pages": t["hook.page_markdown.docs"] + t["hook.page_content.docs"],
        "hook on_page_markdown + on_page_content, programme pages": (t["hook.page_markdown.programme"]
                                                                      + t["hook.page_content.programme"]),
        "hook on_post_page (CSP, search base, a11y fixes), docs pages": t["hook.post_page.docs"],
        "hook on_post_page, programme pages": t["hook.post_page.programme"],
        "hook on_post_template (404 page)": t["hook.post_template"],
        "hook on_post_build (split index, trim assets, open data)": t["hook.post_build"],
        "docs pages: Markdown to HTML (excluding hooks)": (t["populate.docs"] - t["hook.page_markdown.docs"]
                                                           - t["hook.page_content.docs"]),
        "docs pages: theme + search indexing (excluding hooks)": t["build_page.docs"] - t["hook.post_page.docs"],
        "programme pages: Markdown to HTML (excluding hooks)": (t["populate.programme"] - t["hook.page_markdown.programme"]
                                                                - t["hook.page_content.programme"]),
        "programme pages: theme + search indexing (excluding hooks)": t["build_page.programme"] - t["hook.post_page.programme"],
    }
    accounted = sum(parts.values())
    parts["rest of MkDocs (load config, copy theme, sitemap, search index, i18n)"] = (
        data["load_config"] + data["build"] - accounted)
    parts["Python start-up and imports (wall minus in-process time)"] = data["wall"] - data["load_config"] - data["build"]
    return parts


def section_overhead(work: Path, project: Path, runs: int) -> dict:
    heading("1. Hook overhead: full build (hooks on) vs bare Material build (hooks: removed), both languages")
    (project / "mkdocs.bare.yml").write_text(without_hooks((project / "mkdocs.yml").read_text(encoding="utf-8")),
                                             encoding="utf-8")
    bare_cfg = yaml.load((project / "mkdocs.bare.yml").read_text(encoding="utf-8"), Loader=TolerantLoader)
    if "hooks" in bare_cfg:
        raise BenchError("could not remove `hooks:` from mkdocs.yml")
    full_site, bare_site = work / "site-full", work / "site-bare"
    say(f"  warm-up: one build of each (not counted); then {runs} runs each, alternated (full, bare, bare, full, …)")
    mkdocs_build(project, full_site)
    mkdocs_build(project, bare_site, "mkdocs.bare.yml")
    full_runs, bare_runs = [], []
    for index in range(runs):
        order = [("full", "mkdocs.yml", full_site), ("bare", "mkdocs.bare.yml", bare_site)]
        for name, cfg, site in (order if index % 2 == 0 else order[::-1]):
            run = mkdocs_build(project, site, cfg)
            (full_runs if name == "full" else bare_runs).append(run)
    t_full = statistics.median(r.seconds for r in full_runs)
    t_bare = statistics.median(r.seconds for r in bare_runs)
    n_full, n_bare = len(pages_in(full_site)), len(pages_in(bare_site))
    n_prog = len([p for p in pages_in(full_site) if re.search(r"(^|/)program/[^/]+/index\.html$", p.relative_to(full_site).as_posix())])
    say()
    table(["build", "median", "min", "max", "runs (s)", "peak RSS", "HTML pages", "output"],
          [["full (hooks on)", secs(t_full), secs(min(r.seconds for r in full_runs)), secs(max(r.seconds for r in full_runs)),
            " ".join(f"{r.seconds:.2f}" for r in full_runs), f"{max(r.peak_rss_kb for r in full_runs) / 1024:.0f} MiB",
            n_full, kb(tree_size(full_site)[0])],
           ["bare (no hooks)", secs(t_bare), secs(min(r.seconds for r in bare_runs)), secs(max(r.seconds for r in bare_runs)),
            " ".join(f"{r.seconds:.2f}" for r in bare_runs), f"{max(r.peak_rss_kb for r in bare_runs) / 1024:.0f} MiB",
            n_bare, kb(tree_size(bare_site)[0])]])
    say()
    say(f"  Note: the full build renders {n_prog} programme pages ({n_prog // 2} programmes × 2 languages) that the bare build")
    say("  does not have, and its docs pages carry the tables and lists the markers expand to; in the bare build the")
    say("  markers stay HTML comments. The bare output also keeps the source maps and lunr languages the hook trims.")
    ratio = t_full / t_bare
    figure("1 overhead", "full / bare build time (wall, median)", f"{ratio:.2f}× (+{(ratio - 1) * 100:.0f} %)",
           f"≤ +{TARGET_OVERHEAD * 100:.0f} %", ratio - 1 <= TARGET_OVERHEAD)
    per_page = (t_full / n_full) / (t_bare / n_bare)
    figure("1 overhead", f"per-page time ratio ({n_full} vs {n_bare} pages)", f"{per_page:.2f}× ({(per_page - 1) * 100:+.0f} %)",
           f"≤ +{TARGET_OVERHEAD * 100:.0f} %", per_page - 1 <= TARGET_OVERHEAD)

    say()
    say("  Where the time goes: one instrumented build of each (timers around every hook handler and around each")
    say("  page's Markdown and theme steps; single runs, so ±0.1 s).")
    full_i = run_instrumented(project, "mkdocs.yml", work / "site-full-i", work / "instr-full.json")
    bare_i = run_instrumented(project, "mkdocs.bare.yml", work / "site-bare-i", work / "instr-bare.json")
    full_b, bare_b = breakdown(full_i), breakdown(bare_i)
    rows = []
    for key in full_b:
        f, b = full_b[key], bare_b.get(key, 0.0)
        if abs(f) < 0.0005 and abs(b) < 0.0005:
            continue
        rows.append([key, secs(f), secs(b), f"{f - b:+.2f} s"])
    rows.append(["total (wall of the instrumented run)", secs(full_i["wall"]), secs(bare_i["wall"]),
                 f"{full_i['wall'] - bare_i['wall']:+.2f} s"])
    table(["component", "full", "bare", "difference"], rows)
    hook_code = sum(v for k, v in full_b.items() if k.startswith("hook "))
    prog_cost = sum(v for k, v in full_b.items() if "programme pages" in k or k.startswith("hook on_files"))
    say()
    figure("1 overhead", "time inside our hook handlers (all events, both langs)",
           f"{secs(hook_code)} = {hook_code / t_bare * 100:.0f} % of bare", "", None)
    excl = (t_full - prog_cost) / t_bare
    figure("1 overhead", "full / bare excluding programme pages (estimate)", f"{excl:.2f}× (+{(excl - 1) * 100:.0f} %)",
           f"≤ +{TARGET_OVERHEAD * 100:.0f} %", excl - 1 <= TARGET_OVERHEAD)
    say(f"    (= (full median − {secs(prog_cost)} spent on programme pages, incl. their hook time) / bare median)")
    return {"full_site": full_site, "t_full": t_full, "t_bare": t_bare, "full_breakdown": full_b, "ok": ratio - 1 <= TARGET_OVERHEAD}


# ----------------------------------------------------------------------------------------------------------------
# 2. Page weight


class _RefParser(html.parser.HTMLParser):
    """The resources a page's HTML declares (stylesheets, icons, scripts, images) and Material's __config."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []
        self._in_config = False
        self.config_text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower().split()
            if {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"} & set(rel):
                self.refs.append(a["href"])
        elif tag == "script":
            if a.get("src"):
                self.refs.append(a["src"])
            if a.get("id") == "__config":
                self._in_config = True
        elif tag in ("img", "source", "video", "audio", "iframe", "embed") and a.get("src"):
            self.refs.append(a["src"])
        elif tag == "object" and a.get("data"):
            self.refs.append(a["data"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_config = False

    def handle_data(self, data):
        if self._in_config:
            self.config_text += data


def _local_path(url: str) -> str | None:
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme not in ("http", "https") or parsed.hostname != "bench.invalid":
        return None
    return urllib.parse.unquote(parsed.path)


def file_for(site: Path, url_path: str) -> Path | None:
    rel = url_path.lstrip("/")
    candidate = site / rel
    if url_path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def static_loads(site: Path, url: str) -> tuple[set[str], set[str], set[str]]:
    """What a page loads according to its HTML plus the rules of Material's bundle and search worker.

    Returns (paths at load, paths added when search first opens, external URLs). The bundle starts the
    worker named in __config and fetches <base>/search/search_index.json; the worker then imports
    lunr.stemmer.support + lunr.<lang> for each non-English language of the index and lunr.multi when
    the index has more than one language. Pages carrying the guide's lazy-search script
    (exitguide/lazy_search.js) fetch the index, and so the lunr files, only when search opens.
    """
    base_url = f"http://bench.invalid/{url}"
    html_file = file_for(site, "/" + url)
    parser = _RefParser()
    page_html = html_file.read_text(encoding="utf-8")
    parser.feed(page_html)
    paths, external = {"/" + url}, set()
    on_search = set() if "isSearchIndex" in page_html else paths
    for ref in parser.refs:
        if ref.startswith("data:"):
            continue
        absolute = urllib.parse.urljoin(base_url, ref)
        local = _local_path(absolute)
        (paths.add(local) if local else external.add(absolute))
    with _suppress():
        config = json.loads(parser.config_text)
        base = config.get("base", ".").rstrip("/") or "."
        index_url = urllib.parse.urljoin(base_url, base + "/search/search_index.json")
        on_search.add(_local_path(index_url))
        if config.get("search"):
            paths.add(_local_path(urllib.parse.urljoin(base_url, config["search"])))
        index_file = file_for(site, _local_path(index_url))
        langs = json.loads(index_file.read_text(encoding="utf-8")).get("config", {}).get("lang", ["en"]) if index_file else ["en"]
        lunr_dir = urllib.parse.urljoin(base_url, base + "/assets/javascripts/lunr/min/")
        extra = [f"lunr.{lang}.min.js" for lang in langs if lang != "en"]
        if extra:
            extra.insert(0, "lunr.stemmer.support.min.js")
        if len(langs) > 1:
            extra.append("lunr.multi.min.js")
        for name in extra:
            on_search.add(_local_path(lunr_dir + name))
    return paths, on_search - paths if on_search is not paths else set(), external


class _RecordingHandler(SimpleHTTPRequestHandler):
    log: list = []
    lock = threading.Lock()

    def log_request(self, code="-", size="-"):
        with self.lock:
            self.log.append((time.monotonic(), urllib.parse.urlsplit(self.path).path, int(code) if str(code).isdigit() else 0))

    def log_message(self, *args):
        pass


@dataclass
class PageLoad:
    kind: str
    lang: str
    url: str
    paths: set = field(default_factory=set)
    missing: set = field(default_factory=set)      # requested but 404
    declared_only: set = field(default_factory=set)  # in the HTML, not requested by Chromium
    on_search: set = field(default_factory=set)      # requested only once the visitor opens search
    external: set = field(default_factory=set)
    method: str = "chromium"


def serve_static(site: Path):
    handler_cls = type("Handler", (_RecordingHandler,), {"log": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler_cls, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return httpd, handler_cls


def record_in_chromium(site: Path, targets: list[tuple[str, str, str]]) -> tuple[list[PageLoad], str]:
    """Load each page in a fresh Chromium context and record every request the local server sees."""
    from playwright.sync_api import sync_playwright
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    httpd, handler = serve_static(site)
    origin = f"http://127.0.0.1:{httpd.server_address[1]}"
    loads = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            version = browser.version
            try:
                for kind, lang, url in targets:
                    context = browser.new_context()
                    page = context.new_page()
                    external = set()
                    page.on("request", lambda r, ext=external: ext.add(r.url) if not r.url.startswith((origin, "data:", "blob:")) else None)
                    mark = len(handler.log)
                    page.goto(f"{origin}/{url}", wait_until="load")
                    with _suppress():
                        page.wait_for_load_state("networkidle", timeout=5000)
                    _wait_for_quiet(handler, mark)
                    load = PageLoad(kind, lang, url, external=external)
                    for _, path, code in handler.log[mark:]:
                        (load.paths.add(path) if code < 400 else load.missing.add(path))
                    # Then the visitor opens search and types: whatever loads now is the cost of searching.
                    mark = len(handler.log)
                    with _suppress():
                        field_ = page.locator("input.md-search__input").first
                        field_.click(force=True, timeout=3000)
                        field_.type("avhopp", delay=30, timeout=3000)
                        page.wait_for_selector(".md-search-result__item", timeout=8000)
                    _wait_for_quiet(handler, mark)
                    for _, path, code in handler.log[mark:]:
                        (load.on_search.add(path) if code < 400 else load.missing.add(path))
                    load.on_search -= load.paths
                    context.close()
                    loads.append(load)
            finally:
                browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return loads, version


def _wait_for_quiet(handler, mark: int, quiet: float = 0.8, limit: float = 8) -> None:
    """Wait until the server has seen no request for `quiet` seconds (the search worker imports its lunr
    files only after the index arrives)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        last = handler.log[-1][0] if len(handler.log) > mark else 0
        if time.monotonic() - last > quiet:
            break
        time.sleep(0.1)


def weigh(site: Path, paths: set[str]) -> tuple[int, int, list[tuple[str, int, int]]]:
    rows = []
    for path in sorted(paths):
        file = file_for(site, path)
        if file is None:
            continue
        raw, gz = sizes(file)
        rows.append((path, raw, gz))
    return sum(r[1] for r in rows), sum(r[2] for r in rows), rows


def url_of(md: str) -> str:
    """docs-relative Markdown path -> page URL inside its language (use_directory_urls)."""
    stem = md[:-3]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[:-5]
    return stem + ("/" if stem and not stem.endswith("/") else "")


def marker_page(project: Path, marker: str) -> str | None:
    """URL of the first Swedish page that holds <!-- guide:MARKER -->."""
    for md in sorted((project / "docs" / "sv").rglob("*.md")):
        if re.search(r"<!--\s*guide:" + marker + r"\b", md.read_text(encoding="utf-8")):
            return url_of(md.relative_to(project / "docs" / "sv").as_posix())
    return None


def page_targets(project: Path, site: Path) -> list[tuple[str, str, str]]:
    """One page per type and language: start, programme (the heaviest), comparison, guide page (the heaviest
    page of the nav's Guide section), glossary and sources (found by their markers)."""
    config = read_mkdocs_yml(project)
    langs = ["sv", "en"]

    def nav_section(nav, title):
        for item in nav or []:
            if isinstance(item, dict) and title in item:
                return [v if isinstance(v, str) else next(iter(v.values())) for v in item[title]
                        if isinstance(v, (str, dict))]
        return []

    def heaviest(urls_sv: list[str]) -> str | None:
        sized = [(file_for(site, "/" + u).stat().st_size, u) for u in urls_sv if file_for(site, "/" + u)]
        return max(sized)[1] if sized else None

    guide_urls = [url_of(m) for m in nav_section(config.get("nav"), "Guide") if isinstance(m, str) and m.endswith(".md")]
    programme_urls = [page_url(site, p) for p in sorted((site / "program").glob("*/index.html"))]
    picks = [("start", ""), ("programme", heaviest(programme_urls)),
             ("comparison", marker_page(project, "compare")),
             ("guide page", heaviest(guide_urls)),
             ("glossary", marker_page(project, "glossary")),
             ("sources", marker_page(project, "sources"))]
    targets = []
    for kind, url in picks:
        if url is None:
            say(f"  (no {kind} page found; skipped)")
            continue
        for lang in langs:
            full = url if lang == "sv" else f"{lang}/{url}"
            if file_for(site, "/" + full):
                targets.append((kind, lang, full))
    return targets


def section_weight(project: Path, site: Path, use_browser: bool) -> None:
    heading("2. Page weight: everything a page loads, per page type and language (raw and gzip -9)")
    targets = page_targets(project, site)
    loads: list[PageLoad] = []
    version = None
    if use_browser:
        try:
            loads, version = record_in_chromium(site, targets)
        except Exception as exc:  # no Chromium or Playwright: fall back to reading the HTML
            say(f"  Chromium unavailable ({type(exc).__name__}: {str(exc).splitlines()[0][:120]}); using the HTML-parsing method.")
    if loads:
        say(f"  Method: each page loaded in a fresh {('Chromium ' + version) if version else 'Chromium'} context (empty cache) from a local")
        say("  server; every request the server answered is counted (page, CSS, JS, search worker, index, lunr files,")
        say("  images), plus anything the HTML declares that headless Chromium did not fetch (the favicon).")
        for load in loads:
            declared, _, external = static_loads(site, load.url)
            load.declared_only = {p for p in declared - load.paths if file_for(site, p) and not p.endswith((".json", ".js"))}
            load.paths |= load.declared_only
            load.external |= external
    else:
        say("  Method: the page's HTML (link/script/img) plus what Material's bundle and search worker fetch.")
        for kind, lang, url in targets:
            paths, on_search, external = static_loads(site, url)
            loads.append(PageLoad(kind, lang, url, paths=paths, on_search=on_search, external=external, method="html"))
    say(f"  Sizes in kB of 1000 bytes; gzip -9 via Python's gzip. Target: ≤ {kb(TARGET_PAGE_GZ)} gzipped per page.")
    say()
    rows = []
    weights = {}
    for load in loads:
        raw, gz, detail = weigh(site, load.paths)
        html_raw, html_gz = sizes(file_for(site, "/" + load.url))
        weights[(load.kind, load.lang)] = (raw, gz, detail, load)
        _, search_gz, _ = weigh(site, load.on_search)
        rows.append([load.kind, load.lang, "/" + load.url, kb(html_raw), kb(html_gz), len(detail), kb(raw), kb(gz),
                     "PASS" if gz <= TARGET_PAGE_GZ else "MISS", "+" + kb(search_gz), kb(gz + search_gz)])
    table(["page type", "lang", "page", "HTML raw", "HTML gz", "files", "total raw", "total gz", f"≤ {kb(TARGET_PAGE_GZ)}",
           "on first search gz", "with search gz"], rows)
    say("  'total' is everything the page loads when it opens, search worker included. The search index and its lunr")
    say("  files load only when the visitor opens search (exitguide/lazy_search.js holds the theme's request until")
    say("  then), once per page view; the last two columns show that cost and the page with search used.")
    searched = [weigh(site, load.on_search)[1] for load in loads if load.on_search]
    if searched:
        figure("2 weight", "search index + lunr files, loaded on first search (largest)", f"{kb(max(searched))} gz")
    for (kind, lang), (raw, gz, _, load) in weights.items():
        ROWS.append(Row("2 weight", f"{kind} ({lang}) /{load.url}: everything, gzipped", kb(gz), f"≤ {kb(TARGET_PAGE_GZ)}",
                        "PASS" if gz <= TARGET_PAGE_GZ else "MISS"))
    (h_kind, h_lang), (h_raw, h_gz, h_detail, h_load) = max(weights.items(), key=lambda kv: kv[1][1])
    say()
    say(f"  Heaviest of these: {h_kind} ({h_lang}) /{h_load.url}: {kb(h_raw)} raw, {kb(h_gz)} gzipped. What it loads:")
    table(["resource", "raw", "gzip -9"], [[p + (" (declared, not fetched headless)" if p in h_load.declared_only else ""),
                                           f"{r:,}", f"{g:,}"] for p, r, g in h_detail] + [["total", f"{h_raw:,}", f"{h_gz:,}"]])
    missing = sorted({p for load in loads for p in load.missing})
    if missing:
        say(f"  Requests answered 404 (wasted round trips): {', '.join(missing)}")
    external = sorted({u for load in loads for u in load.external})
    say(f"  Requests to other hosts: {', '.join(external) if external else 'none'}")

    # Every page of the site by the HTML method, to name the heaviest page of all.
    all_weights = []
    for html_file in pages_in(site):
        url = page_url(site, html_file)
        if url.split("/")[0] in ("assets", "search"):
            continue
        paths, _, _ = static_loads(site, url)
        raw, gz, _ = weigh(site, paths)
        all_weights.append((gz, raw, url))
    all_weights.sort(reverse=True)
    if all_weights:
        gz, raw, url = all_weights[0]
        over = [w for w in all_weights if w[0] > TARGET_PAGE_GZ]
        figure("2 weight", f"heaviest page of all {len(all_weights)} (HTML method): /{url}", f"{kb(gz)} gz ({kb(raw)} raw)",
               f"≤ {kb(TARGET_PAGE_GZ)}", gz <= TARGET_PAGE_GZ)
        say(f"    pages over the target: {len(over)}" + (f" ({', '.join('/' + w[2] for w in over[:8])}{' …' if len(over) > 8 else ''})" if over else ""))

    # Assets shipped that no measured page loads.
    loaded = {p for load in loads for p in load.paths | load.on_search}
    shipped = [p for p in sorted((site / "assets").rglob("*")) if p.is_file()] + \
              [p for p in sorted(site.rglob("search/*")) if p.is_file()]
    unused = []
    for path in shipped:
        url = "/" + path.relative_to(site).as_posix()
        if url in loaded:
            continue
        if path.suffix == ".map":
            why = "source map"
        elif "/lunr/" in url and path.name not in ("lunr.sv.min.js", "lunr.stemmer.support.min.js"):
            why = "lunr file no page loads"
        elif url.endswith("search_index.json") or "/search/" in url:
            why = "search file not fetched"
        else:
            why = "not loaded by the measured pages"
        unused.append([url, why, f"{path.stat().st_size:,}"])
    say()
    if unused:
        say("  Shipped but not loaded by any measured page:")
        table(["file", "why", "bytes"], unused)
    maps = [u for u in unused if u[1] == "source map"]
    lunr_other = [u for u in unused if u[1] == "lunr file no page loads"]
    figure("2 weight", "source maps shipped", f"{len(maps)} ({sum(int(u[2].replace(',', '')) for u in maps):,} B)", "0", not maps)
    figure("2 weight", "unused lunr files shipped (other than sv + support)",
           f"{len(lunr_other)} ({sum(int(u[2].replace(',', '')) for u in lunr_other):,} B)", "0", not lunr_other)


# ----------------------------------------------------------------------------------------------------------------
# 3. Scale, 4. validation: synthetic data


def example_entry(project: Path) -> dict:
    """The documented example programme: examples/program.yaml, or the example block in CONTRIBUTING.md."""
    example = project / "examples" / "program.yaml"
    if example.exists():
        return yaml.safe_load(example.read_text(encoding="utf-8"))
    text = (project / "CONTRIBUTING.md").read_text(encoding="utf-8")
    if "<!-- example-program" not in text:
        raise BenchError("no example programme found (examples/program.yaml or the example block in CONTRIBUTING.md)")
    block = text.split("<!-- example-program", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    return yaml.safe_load(block)


def cited_ids(value) -> set[str]:
    found = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "sources" and isinstance(item, list):
                found |= {i for i in item if isinstance(i, str)}
            else:
                found |= cited_ids(item)
    elif isinstance(value, list):
        for item in value:
            found |= cited_ids(item)
    return found


def synthetic_programs_yaml(project: Path, count: int) -> str:
    """`count` clones of the example entry, ids synthetic-0001…, names numbered. Built from one YAML template."""
    entry = example_entry(project)
    today = dt.date.today().isoformat()
    if isinstance(entry.get("last_reviewed"), str) and entry["last_reviewed"] > today:
        entry["last_reviewed"] = today  # the validator refuses review dates in the future
    entry = dict(entry, id="@@ID@@", name={"sv": "Syntetiskt program @@N@@", "en": "Synthetic programme @@N@@"})
    entry["summary"] = {"sv": f"Syntetiskt program nummer @@N@@ för prestandamätning. {entry['summary']['sv']}",
                        "en": f"Synthetic programme number @@N@@ for benchmarking. {entry['summary']['en']}"}
    template = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000)
    template = "\n".join("  " + line if line else line for line in template.splitlines()) + "\n"
    parts = ["# Synthetic data written by bench/bench.py (never committed)\nprograms:\n"]
    for number in range(1, count + 1):
        parts.append(template.replace("@@ID@@", f"synthetic-{number:04d}").replace("@@N@@", f"{number:04d}"))
    return "".join(parts)


def ensure_sources(data_dir: Path, ids: set[str]) -> list[str]:
    """Add stub sources for cited ids that data/sources.yaml lacks (cloned from its first entry)."""
    path = data_dir / "sources.yaml"
    value = yaml.safe_load(path.read_text(encoding="utf-8"))
    known = {s.get("id") for s in value.get("sources", [])}
    missing = sorted(ids - known)
    if missing:
        first = value["sources"][0]
        for source_id in missing:
            value["sources"].append(dict(copy.deepcopy(first), id=source_id))
        path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return missing


def _snapshot_ignore(snapshot: Path):
    """Copy a snapshot without what section 1 added to it (mkdocs.bare.yml) and without bytecode."""
    def ignore(folder, names):
        skip = {n for n in names if n == "__pycache__"}
        if Path(folder) == snapshot:
            skip |= {n for n in names if n == "mkdocs.bare.yml"}
        return skip
    return ignore


def synthetic_project(snapshot: Path, dest: Path, count: int, data_only: bool = False) -> Path:
    if data_only:
        shutil.copytree(snapshot / "data", dest / "data")
        shutil.copytree(snapshot / "exitguide", dest / "exitguide", ignore=IGNORE)
        for extra in ("schemas", "CONTRIBUTING.md", "examples"):
            src = snapshot / extra
            if src.is_dir():
                shutil.copytree(src, dest / extra)
            elif src.exists():
                shutil.copy2(src, dest / extra)
    else:
        shutil.copytree(snapshot, dest, ignore=_snapshot_ignore(snapshot))
    (dest / "data" / "programs.yaml").write_text(synthetic_programs_yaml(snapshot, count), encoding="utf-8")
    ensure_sources(dest / "data", cited_ids(example_entry(snapshot)))
    return dest


def exitguide_check(project: Path) -> Run:
    return run_timed([PY, "-m", "exitguide", "--data", str(project / "data"), "check"], project)


PROFILE_GROUPS = [  # (label, pstats function key matcher) — cumulative time of the outermost matching frame
    ("Markdown to HTML (python-markdown, all pages)", ("markdown/core.py", "convert")),
    ("  of which md_in_html (raw HTML blocks)", ("markdown/extensions/md_in_html.py", "run")),
    ("Material search: parse each page's HTML for the index", ("material/plugins/search/plugin.py", "on_page_context")),
    ("Jinja theme rendering (all pages)", ("jinja2/environment.py", "render")),
    ("i18n: de-duplicate search entries (reconfigure_search)", ("mkdocs_static_i18n/reconfigure.py", "reconfigure_search_duplicates")),
    ("hook on_config: validate data, check pages", ("hooks/guide.py", "on_config")),
    ("hook on_files: programme pages' Markdown", ("hooks/program_pages.py", "on_files")),
    ("hook on_page_markdown: markers", ("hooks/guide.py", "on_page_markdown")),
    ("hook on_page_content: generated HTML into slots", ("hooks/guide.py", "on_page_content")),
    ("hook on_post_page: site fixes", ("hooks/guide.py", "on_post_page")),
    ("hook on_post_build: split index, trim, open data", ("hooks/guide.py", "on_post_build")),
    ("exitguide.export.open_data_files (JSON, CSV, schemas)", ("exitguide/export.py", "open_data_files")),
    ("mkdocs_static_i18n on_post_build (incl. whole en build)", ("mkdocs_static_i18n/plugin.py", "on_post_build")),
    ("Material search on_post_build (write index)", ("material/plugins/search/plugin.py", "on_post_build")),
]


def profile_build(project: Path, site: Path, out: Path) -> pstats.Stats:
    run = run_timed([PY, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                     "-d", str(site)], project)
    if run.returncode != 0:
        raise BenchError(f"profiled build failed:\n{tail(run.output)}")
    return pstats.Stats(str(out))


def profile_groups(stats: pstats.Stats) -> dict[str, float]:
    out = {}
    for label_text, (file_part, func) in PROFILE_GROUPS:
        best = 0.0
        for (filename, _, funcname), (_, _, _, cumtime, _) in stats.stats.items():
            if filename.endswith(file_part) and funcname == func:
                best = max(best, cumtime)
        out[label_text] = best
    return out


def print_top(stats: pstats.Stats, sort: str, limit: int) -> None:
    rows = []
    items = sorted(stats.stats.items(), key=lambda kv: kv[1][3] if sort == "cumulative" else kv[1][2], reverse=True)
    for (filename, line, funcname), (cc, nc, tt, ct, _) in items[:limit]:
        short = re.sub(r"^.*?(site-packages|lib/python3\.\d+)/", "", filename)
        short = re.sub(r"^.*?/(hooks|exitguide)/", r"\1/", short)
        rows.append([f"{short}:{line}({funcname})"[:90], f"{nc:,}", f"{tt:.2f}", f"{ct:.2f}"])
    table(["function", "calls", "tottime s", "cumtime s"], rows, indent=4)


def _realistic_comparison_estimate(work: Path, snapshot: Path, compare_page: str, results: dict) -> None:
    """Clones compress far better than real entries (each table row repeats the one above it), so the
    290-programme figure above flatters the page. Estimate it from the real data instead: the gzipped cost
    of one real programme on the comparison page, times 289, plus the 1-programme page."""
    site = work / "scale-real-site"
    mkdocs_build(snapshot, site)
    real_programs = len(yaml.safe_load((snapshot / "data" / "programs.yaml").read_text(encoding="utf-8"))["programs"])
    real_file, one_file = file_for(site, "/" + compare_page), file_for(results[1]["site"], "/" + compare_page)
    if not real_file or not one_file or real_programs < 2:
        return
    real_gz, one_gz = sizes(real_file)[1], sizes(one_file)[1]
    per_program = max(0, real_gz - one_gz) / (real_programs - 1)
    assets = results[290]["comp"]["sv"][3] - results[290]["comp"]["sv"][1]
    estimate = one_gz + 289 * per_program + assets
    say(f"    clones compress better than real entries; with the real data ({real_programs} programmes) one programme adds")
    say(f"    {per_program / KB:.2f} kB gz to the comparison HTML (clones: {(results[290]['comp']['sv'][1] - one_gz) / 289 / KB:.2f} kB).")
    figure("3 scale", "comparison page, 290 real-like programmes (estimate)", kb(estimate), f"≤ {kb(TARGET_COMPARISON_290)} (info)",
           estimate <= TARGET_COMPARISON_290)


def section_scale(work: Path, snapshot: Path, profile: str) -> dict:
    heading("3. Scale: synthetic data (clones of the example programme), full build of both languages")
    entry = example_entry(snapshot)
    say(f"  Each synthetic programme is a copy of the documented example entry ({entry.get('id')}) with id synthetic-NNNN")
    say("  and a numbered name; the real programmes are replaced, every other data file and all pages stay.")
    known = {s.get("id") for s in yaml.safe_load((snapshot / "data" / "sources.yaml").read_text(encoding="utf-8")).get("sources", [])}
    cited = sorted(cited_ids(entry))
    stubbed = [i for i in cited if i not in known]
    say(f"  Sources it cites: {', '.join(cited)}" + (f"; stub entries added for {', '.join(stubbed)}" if stubbed
                                                       else " (all in data/sources.yaml; no stubs needed)"))
    results = {}
    counts = [1, 29, 290]
    docs_pages = len(list((snapshot / "docs").rglob("*.md")))
    compare_page = marker_page(snapshot, "compare") or "jamforelse/"
    for count in counts:
        project = synthetic_project(snapshot, work / f"scale-{count}", count)
        site = work / f"scale-{count}-site"
        runs = [mkdocs_build(project, site) for _ in range(3)]
        t = statistics.median(r.seconds for r in runs)
        total, files = tree_size(site)
        comp = {}
        for lang, prefix in (("sv", ""), ("en", "en/")):
            comp_file = file_for(site, f"/{prefix}{compare_page}")
            html_raw, html_gz = sizes(comp_file) if comp_file else (0, 0)
            all_raw, all_gz, _ = weigh(site, static_loads(site, f"{prefix}{compare_page}")[0]) if comp_file else (0, 0, [])
            index = file_for(site, f"/{prefix}search/search_index.json")
            comp[lang] = (html_raw, html_gz, all_raw, all_gz, sizes(index) if index else (0, 0))
        results[count] = {"t": t, "runs": [r.seconds for r in runs], "rss": max(r.peak_rss_kb for r in runs),
                          "size": total, "files": files, "comp": comp, "project": project, "site": site}
        say(f"  {count:>3} programmes: builds {', '.join(f'{r.seconds:.2f}' for r in runs)} s")
    say()
    rows = []
    for count in counts:
        r = results[count]
        sv, en = r["comp"]["sv"], r["comp"]["en"]
        rows.append([count, secs(r["t"]), f"{r['t'] / count * 1000:,.0f} ms", f"{r['rss'] / 1024:.0f} MiB",
                     f"{r['size'] / 1e6:.1f} MB", r["files"],
                     f"{kb(sv[0])} / {kb(sv[1])}", f"{kb(sv[3])}", f"{kb(en[3])}",
                     f"{kb(sv[4][0])} / {kb(sv[4][1])}", f"{kb(en[4][0])} / {kb(en[4][1])}"])
    table(["programmes", "build (median of 3)", "per programme", "peak RSS", "output", "files",
           "comparison HTML raw/gz (sv)", "comparison all gz (sv)", "(en)", "search index sv raw/gz", "en raw/gz"], rows)
    say("  'comparison all gz' = the comparison page plus everything it loads when it opens (HTML, CSS, JS, search")
    say("  worker), gzipped; the index and lunr files load only when the visitor opens search.")
    say()
    t1, t29, t290 = results[1]["t"], results[29]["t"], results[290]["t"]
    growth = (t290 / t29) / (290 / 29)
    marginal = ((t290 - t1) / (t29 - t1)) / ((290 - 1) / (29 - 1))
    figure("3 scale", "build time, 29 programmes (median of 3)", secs(t29))
    figure("3 scale", "build time, 290 programmes (median of 3)", secs(t290))
    figure("3 scale", "time per programme at 29 / at 290", f"{t29 / 29 * 1000:.0f} / {t290 / 290 * 1000:.0f} ms")
    figure("3 scale", "marginal time per added programme, 1→29 / 29→290",
           f"{(t29 - t1) / 28 * 1000:.0f} / {(t290 - t29) / 261 * 1000:.0f} ms")
    figure("3 scale", "growth = (t290 / t29) / (290 / 29)", f"{growth:.2f}", f"≤ {TARGET_GROWTH}", growth <= TARGET_GROWTH)
    figure("3 scale", "marginal growth = ((t290−t1)/(t29−t1)) / (289/28)", f"{marginal:.2f}", f"≤ {TARGET_GROWTH} (info)",
           marginal <= TARGET_GROWTH)
    say(f"    growth compares total build times, so the fixed cost ({docs_pages} docs pages, theme, start-up) dilutes it;")
    say("    marginal growth subtracts that fixed cost (the 1-programme build) and shows how the per-programme cost grows.")
    for count in (29, 290):
        sv = results[count]["comp"]["sv"]
        target = TARGET_PAGE_GZ if count == 29 else TARGET_COMPARISON_290
        figure("3 scale", f"comparison page, {count} programmes: everything gz (sv)", kb(sv[3]), f"≤ {kb(target)}",
               sv[3] <= target)
        figure("3 scale", f"search index, {count} programmes (sv raw / gz)", f"{kb(sv[4][0])} / {kb(sv[4][1])}")
    _realistic_comparison_estimate(work, snapshot, compare_page, results)
    missed = growth > TARGET_GROWTH or marginal > TARGET_GROWTH
    if profile == "always" or (profile == "auto" and missed):
        say()
        say("  Profile (cProfile) of one build each with 1, 29 and 290 programmes: cumulative seconds per component")
        say("  (profiling roughly doubles the times), the cost per added programme in each range, and (c290 / c29) / 10.")
        say("  Fixed costs can only pull that last ratio down, so a value above 1.0 means the component certainly grows")
        say("  faster than the number of programmes.")
        profiles = {n: profile_build(results[n]["project"], work / f"prof-{n}-site", work / f"prof-{n}.out") for n in counts}
        groups = {n: profile_groups(profiles[n]) for n in counts}
        totals = {n: profiles[n].total_tt for n in counts}
        rows = []

        def row(label_text, c1, c29, c290):
            return [label_text, f"{c1:.2f}", f"{c29:.2f}", f"{c290:.2f}", f"{(c29 - c1) / 28 * 1000:.1f}",
                    f"{(c290 - c29) / 261 * 1000:.1f}", f"{c290 / c29 / 10:.2f}" if c29 > 0.005 else "–"]
        for label_text in groups[1]:
            rows.append(row(label_text, *[groups[n][label_text] for n in counts]))
        rows.append(row("whole build (profiled)", *[totals[n] for n in counts]))
        table(["component (cumulative s)", "1", "29", "290", "ms/programme 1→29", "29→290", "(c290/c29)/10"], rows)
        p290 = profiles[290]
        say()
        say("  Top functions of the 290-programme build by own time (tottime):")
        print_top(p290, "tottime", 18)
        say()
        say("  Top functions of the 290-programme build by cumulative time:")
        print_top(p290, "cumulative", 30)
    return results


def section_validation(work: Path, snapshot: Path) -> None:
    heading("4. Validation speed: `python -m exitguide check` (whole process wall time)")
    rows = []
    real = [exitguide_check(snapshot) for _ in range(3)]
    rows.append(["real data (as committed)", len(yaml.safe_load((snapshot / "data" / "programs.yaml").read_text(encoding="utf-8"))
                                                      .get("programs") or []),
                 kb((snapshot / "data" / "programs.yaml").stat().st_size), secs(statistics.median(r.seconds for r in real)),
                 f"{max(r.peak_rss_kb for r in real) / 1024:.0f} MiB", real[0].returncode])
    results = {}
    for count, repeats in ((290, 3), (10000, 1)):
        project = synthetic_project(snapshot, work / f"check-{count}", count, data_only=True)
        runs = [exitguide_check(project) for _ in range(repeats)]
        if any(r.returncode != 0 for r in runs):
            raise BenchError(f"check on {count} synthetic programmes failed (exit {runs[0].returncode}):\n{tail(runs[0].output, 8)}")
        results[count] = statistics.median(r.seconds for r in runs)
        rows.append([f"synthetic ({'median of 3' if repeats > 1 else 'one run'})", f"{count:,}",
                     kb((project / "data" / "programs.yaml").stat().st_size), secs(results[count]),
                     f"{max(r.peak_rss_kb for r in runs) / 1024:.0f} MiB", runs[0].returncode])
    table(["data", "programmes", "programs.yaml", "wall time", "peak RSS", "exit"], rows)
    say()
    figure("4 validation", "check, 290 programmes (median of 3)", secs(results[290]), f"< {TARGET_CHECK_290:.0f} s",
           results[290] < TARGET_CHECK_290)
    figure("4 validation", "check, 10,000 programmes (one run)", secs(results[10000]), "", None)
    figure("4 validation", "check, per 1,000 programmes (from the 10,000 run)", secs(results[10000] / 10), "", None)


# ----------------------------------------------------------------------------------------------------------------
# 5. Edit loop


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 2.0) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, ValueError):
        return None


SUMMARY_LINES = re.compile(r"(\n(\s*)summary:\s*\n\2\s+sv:[^\n]*?)(\s*\n\2\s+en:[^\n]*?)(\n)")


def section_edit_loop(work: Path, snapshot: Path, full_build: float | None = None, repeats: int = 3) -> None:
    heading("5. Edit loop: `mkdocs serve`, change a programme's summary in data/programs.yaml, wait until it is served")
    project = work / "serve"
    shutil.copytree(snapshot, project, ignore=_snapshot_ignore(snapshot))
    data_file = project / "data" / "programs.yaml"
    text = data_file.read_text(encoding="utf-8")
    programs = yaml.safe_load(text)["programs"]
    program_id = programs[0]["id"]
    # Before the server starts: add a marker word at the end of the first programme's summary (sv and en).
    match = SUMMARY_LINES.search(text)
    if not match:
        raise BenchError("could not find `summary:` with `sv:` and `en:` lines in data/programs.yaml")
    text = text[:match.start()] + match.group(1) + " benchedit0sv" + match.group(3) + " benchedit0en" + match.group(4) + text[match.end():]
    data_file.write_text(text, encoding="utf-8")
    check = yaml.safe_load(text)["programs"][0]["summary"]
    if not (check["sv"].endswith("benchedit0sv") and check["en"].endswith("benchedit0en")):
        raise BenchError("the marker word did not land in the first programme's summary")
    port = free_port()
    log_path = work / "serve.log"
    log = open(log_path, "wb")
    start = time.perf_counter()
    proc = subprocess.Popen([PY, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
                            cwd=project, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    urls = {"sv": f"{base}program/{program_id}/", "en": f"{base}en/program/{program_id}/"}
    timings = []
    try:
        deadline = time.perf_counter() + 120
        while time.perf_counter() < deadline:
            page = fetch(urls["en"])
            if page and "benchedit0en" in page:
                break
            if proc.poll() is not None:
                raise BenchError(f"mkdocs serve exited with {proc.returncode}:\n{tail(log_path.read_text(errors='replace'))}")
            time.sleep(0.1)
        else:
            raise BenchError(f"mkdocs serve did not serve {urls['en']} within 120 s")
        startup = time.perf_counter() - start
        say(f"  server on 127.0.0.1:{port}, first build served after {startup:.1f} s; page /program/{program_id}/ and /en/…")
        time.sleep(1.5)  # let the first build finish its post-build steps
        for number in range(1, repeats + 1):
            old, new = number - 1, number
            text = text.replace(f"benchedit{old}sv", f"benchedit{new}sv").replace(f"benchedit{old}en", f"benchedit{new}en")
            t0 = time.perf_counter()
            data_file.write_text(text, encoding="utf-8")
            seen = {}
            deadline = t0 + 60
            while len(seen) < 2 and time.perf_counter() < deadline:
                for lang in ("sv", "en"):
                    if lang not in seen:
                        page = fetch(urls[lang])
                        if page and f"benchedit{new}{lang}" in page:
                            seen[lang] = time.perf_counter() - t0
                time.sleep(0.05)
            if len(seen) < 2:
                raise BenchError(f"the edit was not served within 60 s:\n{tail(log_path.read_text(errors='replace'))}")
            timings.append(seen)
            say(f"  edit {number}: sv page updated after {seen['sv']:.2f} s, en page after {seen['en']:.2f} s")
            time.sleep(2.0)  # the rebuild's last steps (search index, open data) finish before the next edit
    finally:
        stop_process(proc)
        log.close()
    say(f"  server stopped (exit {proc.returncode})")
    sv = statistics.median(t["sv"] for t in timings)
    en = statistics.median(t["en"] for t in timings)
    say()
    figure("5 edit loop", f"save → sv programme page shows it (median of {repeats})", secs(sv), f"≤ {TARGET_EDIT:.0f} s", sv <= TARGET_EDIT)
    figure("5 edit loop", f"save → en programme page shows it (median of {repeats})", secs(en), f"≤ {TARGET_EDIT:.0f} s", en <= TARGET_EDIT)
    figure("5 edit loop", "serve start-up until the first page is served", secs(startup))
    built = [float(x) for x in re.findall(r"Documentation built in ([\d.]+) seconds", log_path.read_text(errors="replace"))]
    if len(built) > repeats:
        rebuild = statistics.median(built[-repeats:])
        figure("5 edit loop", "of which the rebuild itself (serve's log, median)", secs(rebuild))
        say(f"    mkdocs serve rebuilds the whole site, both languages, on every save: the rebuild is a full build")
        say(f"    (section 1: {secs(full_build)} median); the remaining {max(sv - rebuild, 0):.2f} s is file-watch latency and serving."
            if full_build else "    (section 1 breaks a full build down by component).")


def stop_process(proc: subprocess.Popen) -> None:
    """Ctrl-C (SIGINT) first, as a maintainer would stop the server; escalate only if it hangs."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# ----------------------------------------------------------------------------------------------------------------
# Main


def summary() -> None:
    heading("Summary")
    table(["section", "figure", "value", "target", "status"],
          [[r.section, r.metric, r.value, r.target or "–", r.status or "–"] for r in ROWS])
    misses = [r for r in ROWS if r.status == "MISS"]
    say()
    say(f"  {len([r for r in ROWS if r.status == 'PASS'])} PASS, {len(misses)} MISS" +
        (": " + "; ".join(f"{r.section}: {r.metric}" for r in misses) if misses else ""))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--project", type=Path, default=ROOT, help="the project to measure (default: this repository)")
    parser.add_argument("--only", default="1,2,3,4,5", help="sections to run, e.g. 1,3 (default: all)")
    parser.add_argument("--runs", type=int, default=5, help="runs per build in section 1 (default 5)")
    parser.add_argument("--profile", choices=["auto", "always", "never"], default="auto",
                        help="profile the scale builds: when a growth target is missed (auto), always, or never")
    parser.add_argument("--no-browser", action="store_true", help="section 2 without Chromium (HTML parsing only)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    parser.add_argument("--instrumented-build", nargs=3, metavar=("CONFIG", "SITE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.instrumented_build:
        instrumented_build(*args.instrumented_build)
        return 0
    sections = {int(s) for s in args.only.split(",") if s.strip()}
    started = time.perf_counter()
    project_root = args.project.resolve()
    heading("Benchmark of the guide's build (bench/bench.py)")
    for key, value in machine_info(project_root):
        say(f"  {key:<9} {value}")
    work = Path(tempfile.mkdtemp(prefix="guide-bench-"))
    try:
        snapshot = copy_project(project_root, work / "project")
        say(f"  snapshot  {snapshot} (a copy; the repository is not touched)")
        site = full_build = None
        failures = []
        for number in sorted(sections):
            if number not in range(1, 6):
                continue
            try:
                if number == 1:
                    overhead = section_overhead(work, snapshot, args.runs)
                    site, full_build = overhead["full_site"], overhead["t_full"]
                elif number == 2:
                    if site is None:
                        site = work / "site-full"
                        mkdocs_build(snapshot, site)
                    section_weight(snapshot, site, not args.no_browser)
                elif number == 3:
                    section_scale(work, snapshot, args.profile)
                elif number == 4:
                    section_validation(work, snapshot)
                elif number == 5:
                    section_edit_loop(work, snapshot, full_build)
            except BenchError as exc:
                failures.append(number)
                say(f"\n  SECTION {number} FAILED: {exc}")
                ROWS.append(Row(f"{number}", "section could not run", "error", "runs", "MISS"))
        summary()
        say(f"\n  total bench time {time.perf_counter() - started:.0f} s; load average now "
            f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        if args.keep:
            say(f"  kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
