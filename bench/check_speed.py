"""Figure: check speed. `python -m exitguide check` as a whole process (start-up included), as a maintainer and
CI run it: on the real data, on 290 synthetic programmes (median of 3; target under 1 s) and on 10,000, the
most data/programs.yaml may hold (one run; wall time and peak memory). The synthetic programmes are
bench/synthetic.py's, as in the growth figure. The test suite only guards against quadratic growth
(tests/test_validation.py counts calls); the timings live here."""
from __future__ import annotations

import shutil
import statistics
import sys

import yaml

from . import runs, synthetic
from .report import figure, heading, kb, say, secs, table

TITLE = "check speed"
TARGET_290 = 1.0


def check(project) -> runs.Run:
    run = runs.run_timed([sys.executable, "-m", "exitguide", "--data", str(project / "data"), "check"], project)
    if run.returncode != 0:
        raise runs.BenchError(f"check of {project / 'data'} failed (exit {run.returncode}):\n{runs.tail(run.output, 8)}")
    return run


def data_only(workspace, count: int):
    """A folder with the core and data/ only (no build needed), holding `count` synthetic programmes."""
    folder = workspace.folder / f"check-{count}"
    for part in ("exitguide", "data", "docs"):
        shutil.copytree(workspace.snapshot / part, folder / part)
    synthetic.write_programs(folder, count)
    return folder


def run(workspace) -> None:
    heading("Check speed: `python -m exitguide check` as a whole process (start-up included)")
    real_programmes = len(yaml.safe_load((workspace.snapshot / "data" / "programs.yaml").read_text(encoding="utf-8"))["programs"])
    rows, medians, peaks = [], {}, {}
    for label, folder, count, repeats in (("real data", workspace.snapshot, real_programmes, 3),
                                          ("synthetic", data_only(workspace, 290), 290, 3),
                                          ("synthetic", data_only(workspace, 10_000), 10_000, 1)):
        timed = [check(folder) for _ in range(repeats)]
        medians[count] = statistics.median(r.seconds for r in timed)
        peaks[count] = max(r.peak_rss_kib for r in timed) / 1024
        rows.append([label, f"{count:,}", kb((folder / "data" / "programs.yaml").stat().st_size), secs(medians[count]),
                     "median of 3" if repeats > 1 else "one run", f"{peaks[count]:,.0f} MiB"])
    table(["data", "programmes", "programs.yaml", "wall time", "", "peak RSS"], rows)
    say()
    figure(TITLE, "check, 290 programmes (median of 3)", secs(medians[290]), f"< {TARGET_290:.0f} s", medians[290] < TARGET_290)
    figure(TITLE, "check, 10,000 programmes (one run)", f"{secs(medians[10_000])}, {peaks[10_000]:,.0f} MiB peak")
    figure(TITLE, "check, per 1,000 programmes (from the 10,000 run)", secs(medians[10_000] / 10))
