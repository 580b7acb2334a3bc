"""Running the programs the benchmark times: a whole child process with its wall time and peak RSS, and a
build of a project (the same command line as `make build`, from tools/devkit.py). Used by every figure module."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
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


# The timed program runs under a small Python wrapper that starts it and reads its resource usage. Measured from
# this process directly, a child's peak RSS would include this process's own peak: Linux starts a child from its
# parent's memory (fork or vfork) and keeps the larger high-water mark. The wrapper's own peak (about 10 MiB of
# Python start-up) is the floor of every figure instead.
MEASURE = """import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[2:])
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
open(sys.argv[1], "w").write(json.dumps([elapsed, peak, code]))
"""


def run_timed(command: list[str], cwd: Path, env: dict | None = None) -> Run:
    """Wall time and peak RSS (KiB) of one child process, measured around it by the wrapper above."""
    with tempfile.TemporaryDirectory() as tmp:
        figures, log = Path(tmp) / "figures.json", Path(tmp) / "output.txt"
        with open(log, "wb") as out:
            subprocess.run([sys.executable, "-c", MEASURE, str(figures), *command], cwd=cwd, env=env or devkit.build_env(),
                           stdout=out, stderr=subprocess.STDOUT)
        text = log.read_text(encoding="utf-8", errors="replace")
        if not figures.exists():
            raise BenchError(f"could not time {' '.join(command[:4])} …:\n{tail(text)}")
        seconds, peak, code = json.loads(figures.read_text(encoding="utf-8"))
    return Run(seconds, peak, code, text)


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
