"""Figure: growth. Full builds with 1, 29 and 290 synthetic programmes (bench/synthetic.py: varied, real-sized
entries that replace the real ones; every other data file and all pages stay), median of 3 each.
growth = (t290 / t29) / (290 / 29): 1.0 means build time grows in proportion to the programmes (target ≤ 1.2).
marginal growth = ((t290 − t1) / (t29 − t1)) / (289 / 28) takes the 1-programme build as the fixed cost, so it
shows whether each added programme costs more as the data grows (for information, against the same 1.2)."""
from __future__ import annotations

import statistics

from . import runs
from .pageloads import file_for, sizes
from .report import figure, heading, kb, say, secs, table

TITLE = "growth"
COUNTS = (1, 29, 290)
REPEATS = 3
TARGET_GROWTH = 1.2


def run(workspace) -> None:
    heading("Growth: full builds with 1, 29 and 290 synthetic programmes (median of 3 each)")
    results = {}
    for count in COUNTS:
        project, site = workspace.project(count), workspace.folder / f"scale-{count}"
        timed = [runs.build(project, site) for _ in range(REPEATS)]
        workspace.keep_site(count, site)
        index = {lang: file_for(site, f"/{prefix}search/search_index.json") for lang, prefix in (("sv", ""), ("en", "en/"))}
        results[count] = {"t": statistics.median(r.seconds for r in timed), "runs": [r.seconds for r in timed],
                          "rss": max(r.peak_rss_kib for r in timed), "output": runs.tree_size(site),
                          "index": {lang: sizes(path) if path else (0, 0) for lang, path in index.items()}}
        say(f"  {count:>3} programmes: builds {', '.join(f'{s:.2f}' for s in results[count]['runs'])} s")
    say()
    table(["programmes", "build (median)", "per programme", "peak RSS", "output", "files", "search index sv raw / gz",
           "en raw / gz"],
          [[count, secs(r["t"]), f"{r['t'] / count * 1000:,.0f} ms", f"{r['rss'] / 1024:.0f} MiB",
            f"{r['output'][0] / 1e6:.1f} MB", r["output"][1], f"{kb(r['index']['sv'][0])} / {kb(r['index']['sv'][1])}",
            f"{kb(r['index']['en'][0])} / {kb(r['index']['en'][1])}"] for count, r in results.items()])
    say()
    t1, t29, t290 = (results[c]["t"] for c in COUNTS)
    growth = (t290 / t29) / (290 / 29)
    marginal = ((t290 - t1) / (t29 - t1)) / (289 / 28)
    figure(TITLE, "build time, 29 / 290 programmes (median of 3)", f"{secs(t29)} / {secs(t290)}")
    figure(TITLE, "marginal time per added programme, 1→29 / 29→290",
           f"{(t29 - t1) / 28 * 1000:.0f} / {(t290 - t29) / 261 * 1000:.0f} ms")
    figure(TITLE, "growth = (t290 / t29) / (290 / 29)", f"{growth:.2f}", f"≤ {TARGET_GROWTH}", growth <= TARGET_GROWTH)
    figure(TITLE, "marginal growth = ((t290−t1)/(t29−t1)) / (289/28)", f"{marginal:.2f}", f"≤ {TARGET_GROWTH}",
           marginal <= TARGET_GROWTH, info=True)
    figure(TITLE, "search index at 290 programmes, sv gzipped", kb(results[290]["index"]["sv"][1]))
    say("    growth compares whole build times, so the fixed cost (docs pages, theme, start-up) dilutes it; marginal")
    say("    growth subtracts the 1-programme build. If either misses, profile the 290 build to see which part grows:")
    say("    python -m cProfile -s cumulative -m mkdocs build -q -d /tmp/site   (in a project with 290 programmes, --keep)")
