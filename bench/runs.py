"""Running the programs the benchmark times: a whole child process with its wall time and peak RSS, and a
build of a project (the same command line as `make build`, from tools/devkit.py). Used by every figure module."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import devkit  # noqa: E402  (shared with the tests and tools/audit.py)


class BenchError(Exception):
    """A figure could not be measured (a failed build, a page that never came); its module stops, the others run."""


@dataclass
class Run:
    seconds: float
    peak_rss_kib: int
    returncode: int
    output: str


def run_timed(command: list[str], cwd: Path, env: dict | None = None) -> Run:
    """Whole-process wall time and peak RSS of one child (os.wait4 gives that child's own resource usage)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env or devkit.build_env(), stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return Run(elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status), text)


def build(project: Path, site: Path, config: str = "mkdocs.yml", env: dict | None = None) -> Run:
    """A strict build, timed; raises BenchError with the end of its output if it fails."""
    run = run_timed(devkit.build_command(project, site, config=config), project, env)
    if run.returncode != 0:
        raise BenchError(f"build of {project / config} failed (exit {run.returncode}):\n{tail(run.output)}")
    return run


def tail(text: str, lines: int = 25) -> str:
    return "\n".join("    " + line for line in text.splitlines()[-lines:] if line.strip())


def tree_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of everything under `folder`."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)
