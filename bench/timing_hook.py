"""Timers around the guide's MkDocs hook handlers, for the build-overhead figure's breakdown.

bench/overhead.py writes, into its copy of the project, one stand-in hook file per hook in mkdocs.yml; each
stand-in loads the real hook file and exposes its on_* handlers wrapped in timers (same names, same event
priorities, since functools.wraps copies the priority MkDocs' event_priority sets). Per page it also notes
when our handlers ran, which splits the time between them into each page's Markdown and theme steps (_phases).
At exit everything goes to the JSON file named by $BENCH_TIMINGS. Uses only MkDocs' public hook mechanism.
"""
from __future__ import annotations

import atexit
import functools
import importlib.util
import json
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

LOADED = time.perf_counter()  # MkDocs is loading the config's hooks: imports and plugin set-up are done
PROGRAMME_PAGE = re.compile(r"^(?:[a-z]{2}/)?program/(?!index\.md$)[^/]+\.md$")
times: dict[str, float] = defaultdict(float)
calls: dict[str, int] = defaultdict(int)
marks: dict[str, dict[str, float]] = defaultdict(dict)


def page_kind(page) -> str:
    return "programme pages" if PROGRAMME_PAGE.match(page.file.src_uri) else "docs pages"


def timed_handlers(hook_file: str) -> dict:
    """The on_* handlers of the hook file at `hook_file`, each wrapped in a timer."""
    spec = importlib.util.spec_from_file_location(f"timed_{Path(hook_file).stem}", hook_file)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return {name: _timed(name[3:], handler) for name, handler in vars(module).items()
            if name.startswith("on_") and callable(handler)}


def _timed(event: str, handler):
    @functools.wraps(handler)
    def timed(*args, **kwargs):
        page = kwargs.get("page")
        start = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            end = time.perf_counter()
            key = f"{event} ({page_kind(page)})" if page is not None else event
            times[key] += end - start
            calls[key] += 1
            if page is not None:
                noted = marks[page.file.src_uri]
                noted[f"{event}.end"] = end
                noted[f"{event}.time"] = noted.get(f"{event}.time", 0.0) + end - start
                noted.setdefault(f"{event}.start", start)
                noted["kind"] = page_kind(page)
    return timed


def _phases() -> dict[str, float]:
    """Markdown conversion and theme rendering per page kind, outside our handlers.

    MkDocs first turns every page of a language into HTML (on_page_markdown, Markdown, on_page_content), then
    renders every page with the theme (…, on_post_page). Within one language's pass, the time from one page's
    on_page_content to the next is that page's Markdown step, and from one on_post_page to the next its theme
    step (search indexing included); our handlers' own time is taken out."""
    phases: dict[str, float] = defaultdict(float)
    passes: dict[str, list[dict]] = defaultdict(list)
    for uri, noted in marks.items():
        passes[uri.partition("/")[0]].append(noted)
    for pages in passes.values():
        converted = sorted((n for n in pages if "page_content.end" in n), key=lambda n: n["page_content.end"])
        previous = converted[0].get("page_markdown.start", converted[0]["page_content.end"]) if converted else 0.0
        for noted in converted:
            own = noted.get("page_markdown.time", 0.0) + noted.get("page_content.time", 0.0)
            phases[f"Markdown to HTML ({noted['kind']})"] += noted["page_content.end"] - previous - own
            previous = noted["page_content.end"]
        rendered = sorted((n for n in pages if "post_page.end" in n), key=lambda n: n["post_page.end"])
        for noted in rendered:
            phases[f"theme and search indexing ({noted['kind']})"] += noted["post_page.end"] - previous - noted["post_page.time"]
            previous = noted["post_page.end"]
    return dict(phases)


@atexit.register
def _write() -> None:
    target = os.environ.get("BENCH_TIMINGS")
    if target:
        Path(target).write_text(json.dumps({"in_process": time.perf_counter() - LOADED, "hooks": dict(times),
                                            "calls": dict(calls), "phases": _phases()}, indent=1), encoding="utf-8")
