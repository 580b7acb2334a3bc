"""Printing for the benchmark: headings, aligned tables, and each figure next to its target with PASS, MISS or
info; the summary table at the end repeats every figure. Also the machine description printed first.
Used by every figure module; holds no measurement of its own."""
from __future__ import annotations

import datetime as dt
import os
import platform
import re
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

KB = 1000  # sizes are in kB of 1000 bytes; the 100 kB page-weight target is 100,000 bytes gzipped


@dataclass
class Row:
    figure: str    # the module's title, e.g. "page weight"
    metric: str
    value: str
    target: str
    status: str    # PASS, MISS, info (target shown for reference) or "" (no target)


ROWS: list[Row] = []


def say(text: str = "") -> None:
    print(text, flush=True)


def heading(text: str) -> None:
    say()
    say("=" * 100)
    say(text)
    say("=" * 100)


def figure(group: str, metric: str, value: str, target: str = "", ok: bool | None = None, info: bool = False) -> None:
    """One figure, printed now and kept for the summary. `info` figures show a target for comparison only."""
    status = "" if not target else "info" if info else ("PASS" if ok else "MISS")
    line = f"  {metric:<62} {value:>22}"
    if target:
        line += f"   target {target:<14} {status}"
    say(line)
    ROWS.append(Row(group, metric, value, target, status))


def secs(value: float) -> str:
    return f"{value:.2f} s"


def kb(value: float) -> str:
    return f"{value / KB:,.1f} kB"


def table(headers: list[str], rows: list[list], indent: int = 2) -> None:
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row):
        parts = []
        for i, cell in enumerate(row):
            numeric = i > 0 and re.fullmatch(r"[-+]?[\d,.]+\s*(s|ms|kB|MB|MiB|%|×)?|n/a|–", cell or "–") is not None
            parts.append(cell.rjust(widths[i]) if numeric else cell.ljust(widths[i]))
        return " " * indent + "  ".join(parts).rstrip()
    say(line(cells[0]))
    say(" " * indent + "  ".join("-" * w for w in widths))
    for row in cells[1:]:
        say(line(row))


def summary() -> int:
    """The closing table of every figure; returns the number of MISSes."""
    heading("Summary: every figure next to its target")
    table(["figure", "metric", "value", "target", "status"],
          [[r.figure, r.metric, r.value, r.target or "–", r.status or "–"] for r in ROWS])
    misses = [r for r in ROWS if r.status == "MISS"]
    say()
    say(f"  {sum(r.status == 'PASS' for r in ROWS)} PASS, {len(misses)} MISS"
        + (": " + "; ".join(f"{r.figure}: {r.metric}" for r in misses) if misses else ""))
    return len(misses)


def machine(project: Path) -> list[tuple[str, str]]:
    """What the timings depend on: CPU, cores, RAM, Python, OS, package versions, commit, load."""
    def first(path: str, prefix: str) -> str | None:
        try:
            return next((line.split(":", 1)[1].strip() for line in Path(path).read_text().splitlines()
                         if line.startswith(prefix)), None)
        except OSError:
            return None
    ram = first("/proc/meminfo", "MemTotal")
    versions = []
    for package in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "properdocs", "Markdown", "PyYAML", "playwright"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            pass
    head = subprocess.run(["git", "-C", str(project), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(project), "status", "--porcelain"], capture_output=True, text=True).stdout
    commit = (head.stdout.strip() + (" + uncommitted changes" if dirty.strip() else " (clean)")) if head.returncode == 0 \
        else "not a git checkout"
    return [("CPU", first("/proc/cpuinfo", "model name") or platform.processor() or "unknown"),
            ("cores", str(os.cpu_count())),
            ("RAM", f"{int(ram.split()[0]) / 1024 / 1024:.1f} GiB" if ram else "unknown"),
            ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
            ("OS", platform.platform()),
            ("packages", ", ".join(versions)),
            ("project", f"{project} @ {commit}"),
            ("date", dt.datetime.now().astimezone().isoformat(timespec="seconds")),
            ("load avg", load_average() + " (1/5/15 min; other work on the machine skews timings)")]


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())
