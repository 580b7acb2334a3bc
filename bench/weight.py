"""Figure: page weight. Every page of the real site, in both languages, loaded in Chromium with an empty cache:
everything it loads when it opens, gzipped, against 100 kB. Per page type the heaviest page is then opened
again and searched, to show what the search index and its language files add. Also: source maps and lunr
files shipped that no page loads (target 0), 404s and requests to other hosts (target none)."""
from __future__ import annotations

import re
from pathlib import Path

from . import pageloads
from .report import KB, figure, heading, kb, say, table

TITLE = "page weight"
TARGET_PAGE_GZ = 100 * KB


def markers_page(project: Path, marker: str) -> str | None:
    """URL (within a language) of the first Swedish page holding <!-- guide:MARKER -->."""
    for md in sorted((project / "docs" / "sv").rglob("*.md")):
        if re.search(r"<!--\s*guide:" + marker + r"\b", md.read_text(encoding="utf-8")):
            stem = md.relative_to(project / "docs" / "sv").as_posix()[:-3]
            stem = "" if stem == "index" else stem.removesuffix("/index")
            return stem + "/" if stem else ""
    return None


def page_type(url: str, special: dict[str, str]) -> str:
    inner = url.removeprefix("en/")
    if inner in special:
        return special[inner]
    if re.fullmatch(r"program/[^/]+/", inner):
        return "programme"
    return "guide page"


def run(workspace) -> None:
    heading("Page weight: everything a page loads when it opens, in Chromium with an empty cache (gzip -9)")
    project, site = workspace.project(), workspace.site()
    special = {"": "start", "program/": "programme list"}
    for marker, kind in (("compare", "comparison"), ("glossary", "glossary"), ("sources", "sources")):
        url = markers_page(project, marker)
        if url is not None:
            special[url] = kind
    urls = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")
                  if p.parent.relative_to(site).parts[:1] not in (("assets",), ("search",)))
    urls = ["" if u == "./" else u for u in urls]
    loads, version = pageloads.record(site, urls)
    weights = {load.url: pageloads.weigh(site, load.paths) for load in loads}
    # The heaviest page of each type and language is opened again and searched.
    heaviest: dict[tuple[str, str], str] = {}
    for url, (_, gz, _) in weights.items():
        key = (page_type(url, special), "en" if url.startswith("en/") else "sv")
        if key not in heaviest or gz > weights[heaviest[key]][1]:
            heaviest[key] = url
    searched, _ = pageloads.record(site, sorted(set(heaviest.values())), search_in=set(heaviest.values()))
    searched_by_url = {load.url: load for load in searched}
    say(f"  Chromium {version}; {len(loads)} pages from a local server; every request the server answered is counted.")
    say(f"  Sizes in kB of 1000 bytes, each file gzip -9 on its own. Target: ≤ {kb(TARGET_PAGE_GZ)} per page.")
    say()
    rows = []
    order = ["start", "programme list", "programme", "comparison", "guide page", "glossary", "sources"]
    for (kind, lang), url in sorted(heaviest.items(), key=lambda kv: (order.index(kv[0][0]) if kv[0][0] in order else 99, kv[0][1])):
        raw, gz, files = weights[url]
        html_raw, html_gz = pageloads.sizes(pageloads.file_for(site, "/" + url))
        load = searched_by_url[url]
        _, search_gz, _ = pageloads.weigh(site, load.on_search)
        rows.append([kind, lang, "/" + url, kb(html_raw), kb(html_gz), len(files), kb(raw), kb(gz),
                     "+" + kb(search_gz) if load.searched else "no results", kb(gz + search_gz)])
    table(["page type", "lang", "heaviest page", "HTML raw", "HTML gz", "files", "total raw", "total gz",
           "first search adds gz", "with search gz"], rows)
    say("  The search index and its lunr files load only when the visitor opens search (exitguide/lazy_search.js);")
    say("  the last two columns show that cost once per page view.")
    say()
    for kind, lang, url, *_, gz_text, _, _ in rows:
        gz = weights[url[1:]][1]
        figure(TITLE, f"{kind} ({lang}), heaviest of its type: everything, gzipped", gz_text, f"≤ {kb(TARGET_PAGE_GZ)}",
               gz <= TARGET_PAGE_GZ)
    worst_url = max(weights, key=lambda u: weights[u][1])
    worst_raw, worst_gz, worst_files = weights[worst_url]
    over = sorted(u for u, w in weights.items() if w[1] > TARGET_PAGE_GZ)
    figure(TITLE, f"heaviest of all {len(weights)} pages: /{worst_url}", kb(worst_gz), f"≤ {kb(TARGET_PAGE_GZ)}",
           worst_gz <= TARGET_PAGE_GZ)
    figure(TITLE, "pages over the target", str(len(over)) + (f" ({', '.join('/' + u for u in over[:6])})" if over else ""),
           "0", not over)
    search_costs = [pageloads.weigh(site, load.on_search)[1] for load in searched if load.searched]
    figure(TITLE, "search index + lunr files on first search (largest)", kb(max(search_costs)) if search_costs else "n/a")
    if len(search_costs) < len(searched):
        say(f"    search showed no results on {len(searched) - len(search_costs)} of {len(searched)} pages")
    say()
    say(f"  What the heaviest page, /{worst_url}, loads:")
    table(["resource", "raw", "gzip -9"], [[p, f"{r:,}", f"{g:,}"] for p, r, g in worst_files]
          + [["total", f"{worst_raw:,}", f"{worst_gz:,}"]])
    everything = loads + searched
    missing = sorted({p for load in everything for p in load.missing})
    other = sorted({u for load in everything for u in load.other_hosts})
    figure(TITLE, "requests answered 404", str(len(missing)) + (f" ({', '.join(missing[:5])})" if missing else ""), "0", not missing)
    figure(TITLE, "requests to other hosts", str(len(other)) + (f" ({', '.join(other[:3])})" if other else ""), "0", not other)
    unused_assets(site, {p for load in everything for p in load.paths | load.on_search})


def unused_assets(site: Path, loaded: set[str]) -> None:
    """Files under assets/ that no measured page loaded: source maps and lunr languages are trimmed by the build."""
    shipped = ["/" + p.relative_to(site).as_posix() for p in sorted((site / "assets").rglob("*")) if p.is_file()]
    unused = [u for u in shipped if u not in loaded]
    maps = [u for u in unused if u.endswith(".map")]
    lunr = [u for u in unused if "/lunr/" in u]
    other = [u for u in unused if u not in maps and u not in lunr]
    figure(TITLE, "source maps shipped", f"{len(maps)} ({sum((site / u[1:]).stat().st_size for u in maps):,} B)", "0", not maps)
    figure(TITLE, "lunr files shipped that no page loads", f"{len(lunr)} ({sum((site / u[1:]).stat().st_size for u in lunr):,} B)",
           "0", not lunr)
    if other:
        say(f"    other assets no measured page loaded: {', '.join(other[:8])}{' …' if len(other) > 8 else ''}")
