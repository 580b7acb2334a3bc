"""`make bench` (= python -m bench): every figure of the benchmark, each printed next to its target, then a summary.

It copies the project into a temporary folder first and works only there (bench/workspace.py): the repository is
never modified, and nothing generated is kept unless --keep. The exit status is 0 even when a target is missed;
it is 1 only when a figure could not be measured. bench/README.md explains every figure.

  python -m bench                         all figures (about 5 minutes on 2 cores)
  python -m bench --only weight,scale     some of them: overhead, weight, scale, comparison, check, edit
  python -m bench --keep                  keep the temporary folder (sites, logs) and print where it is
  python -m bench --project DIR           measure another checkout
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import check_speed, comparison, edit_loop, overhead, report, scale, weight
from .runs import ROOT, BenchError
from .workspace import Workspace

FIGURES = {"overhead": overhead, "weight": weight, "scale": scale, "comparison": comparison, "check": check_speed,
           "edit": edit_loop}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(FIGURES), help="figures to run, comma-separated (default: all)")
    parser.add_argument("--project", type=Path, default=ROOT, help="the checkout to measure (default: this one)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    args = parser.parse_args(argv)
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in FIGURES]
    if unknown:
        parser.error(f"unknown figure(s) {', '.join(unknown)}; choose from {', '.join(FIGURES)}")
    started = time.perf_counter()
    report.heading("Benchmark of the guide (python -m bench)")
    for key, value in report.machine(args.project.resolve()):
        report.say(f"  {key:<9} {value}")
    folder = Path(tempfile.mkdtemp(prefix="guide-bench-"))
    failed = []
    try:
        workspace = Workspace(folder, args.project.resolve())
        for name in chosen:
            try:
                FIGURES[name].run(workspace)
            except BenchError as exc:
                failed.append(name)
                report.say(f"\n  {name.upper()} COULD NOT BE MEASURED: {exc}")
                report.figure(FIGURES[name].TITLE, "could not be measured", "error", "measured", False)
        report.summary()
        report.say(f"\n  total {time.perf_counter() - started:.0f} s; load average now {report.load_average()}")
    finally:
        if args.keep:
            report.say(f"  kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
