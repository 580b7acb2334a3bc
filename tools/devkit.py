"""Helpers that the tests (tests/conftest.py), the benchmark (bench/) and the audit (tools/audit.py) share,
so that each of them copies the project, builds it, serves it and starts Chromium the same way.

- copy_project: a scratch copy of the checkout without virtualenvs, outputs, caches of tools, .git.
- build_command / strict_build: `python -m mkdocs build --strict` (or `properdocs`) as a maintainer runs it.
- serve_site: a static server for a built site on 127.0.0.1, optionally compressing text with gzip as the
  production host does, always recording which paths were requested.
- serve_project: `mkdocs serve` on a free port, stopped with Ctrl-C as a maintainer would.
- chromium_path / require_chromium / CHROMIUM_ARGS: one browser lookup for the tests, the bench, the audit
  and CI (`python tools/devkit.py chromium` prints the path or fails saying what was tried).

Runs inside those programs; imports only the standard library, so CI can call it before the venv exists.
"""
from __future__ import annotations

import contextlib
import functools
import gzip
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent

# What a scratch copy leaves out: environments, build outputs, installed npm tools, git and tool caches.
# .cache (compiled theme templates, keyed by checksum) is kept: copies then build as fast as the checkout.
COPY_IGNORE = shutil.ignore_patterns(".venv", ".venv-*", "site", "build", "node_modules", ".git", "__pycache__",
                                     ".pytest_cache", ".hypothesis", "lighthouse")


def copy_project(destination: Path, source: Path = ROOT) -> Path:
    shutil.copytree(source, destination, ignore=COPY_IGNORE)
    return destination


def build_env(source_date_epoch: str | None = None, **extra: str) -> dict[str, str]:
    """The environment of every build: no MkDocs 2 / ProperDocs banners in the logs, no bytecode files in the
    project, and (when given) a pinned SOURCE_DATE_EPOCH so dated output does not depend on the day."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "DISABLE_MKDOCS_2_WARNING": "true",
           "PYTHONDONTWRITEBYTECODE": "1", **extra}
    if source_date_epoch is not None:
        env["SOURCE_DATE_EPOCH"] = source_date_epoch
    return env


def build_command(project: Path, site: Path, *, generator: str = "mkdocs", config: str = "mkdocs.yml",
                  strict: bool = True) -> list[str]:
    """The build command line; `generator` is "mkdocs" or "properdocs" (the maintained fork, same CLI). No -q:
    a quiet build drops warnings before strict mode counts them, so a strict quiet build could never fail on one."""
    return [sys.executable, "-m", generator, "build", *(["--strict"] if strict else []),
            "-f", str(Path(project) / config), "-d", str(site)]


def strict_build(project: Path, site: Path, *, generator: str = "mkdocs", env: dict | None = None,
                 config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    """A strict build of `project` into `site`, as a maintainer would run it; output captured as text."""
    return subprocess.run(build_command(project, site, generator=generator, config=config), capture_output=True,
                          text=True, env=env or build_env(), cwd=project)


# ---------------------------------------------------------------------------------------------------------------
# Static server for a built site


@dataclass
class Request:
    at: float      # time.monotonic() when answered
    path: str      # URL path, unquoted, without the query
    status: int


@dataclass
class SiteServer:
    url: str                                        # http://127.0.0.1:PORT, no trailing slash
    requests: list[Request] = field(default_factory=list)


class _SiteHandler(SimpleHTTPRequestHandler):
    """Files of a built site. Text files go out gzip-compressed when `compress` is set and the request
    accepts gzip, as the production host (GitHub Pages) sends them; every answered request is recorded."""
    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")
    compress = False
    record: list[Request] = []

    def log_message(self, *args):
        pass

    def log_request(self, code="-", size="-"):
        status = int(code) if str(code).isdigit() else 0
        self.record.append(Request(time.monotonic(), urllib.parse.unquote(urllib.parse.urlsplit(self.path).path), status))

    def send_head(self):
        if not self.compress or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.is_file() and path.suffix in self.TEXT) or not self.path.split("?")[0].endswith(("/", path.name)):
            return super().send_head()  # directories without a slash (redirects), binaries, 404s
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve_site(site: Path, *, compress: bool = False) -> Iterator[SiteServer]:
    """Serve `site` on a free 127.0.0.1 port for the duration of the `with` block."""
    server = SiteServer("")
    handler = type("SiteHandler", (_SiteHandler,), {"compress": compress, "record": server.requests})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    server.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()


# ---------------------------------------------------------------------------------------------------------------
# `mkdocs serve`


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 2.0) -> tuple[str, dict] | None:
    """Body and headers of a GET, or None when nothing answers (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace"), dict(response.headers)
    except (urllib.error.URLError, OSError, ValueError):
        return None


@dataclass
class ServeSession:
    process: subprocess.Popen
    url: str          # http://127.0.0.1:PORT/
    log: Path         # everything `mkdocs serve` printed

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextlib.contextmanager
def serve_project(project: Path, log: Path, env: dict | None = None) -> Iterator[ServeSession]:
    """`mkdocs serve` of `project` on a free port, its output in `log`; stopped with Ctrl-C on exit."""
    port = free_port()
    with open(log, "wb") as sink:
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                                    "-f", str(Path(project) / "mkdocs.yml")],
                                   cwd=project, env=env or build_env(), stdout=sink, stderr=subprocess.STDOUT)
        try:
            yield ServeSession(process, f"http://127.0.0.1:{port}/", log)
        finally:
            stop_process(process)


def wait_for_page(session: ServeSession, path: str, contains: str = "", timeout: float = 120) -> float:
    """Poll until `path` is served (and holds `contains`); the seconds it took. Raises with the serve log."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        answer = fetch(session.url + path.lstrip("/"))
        if answer and contains in answer[0]:
            return time.perf_counter() - start
        if session.process.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited with {session.process.returncode}:\n{session.log_text()[-3000:]}")
        time.sleep(0.05)
    raise TimeoutError(f"{session.url}{path.lstrip('/')} did not show {contains!r} within {timeout:.0f} s:\n"
                       f"{session.log_text()[-3000:]}")


def stop_process(process: subprocess.Popen) -> None:
    """Ctrl-C (SIGINT) first, as a maintainer stops the server; escalate only if it hangs."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=5)  # `mkdocs serve` stops within a second when idle; under load it once hung on Ctrl-C
    except subprocess.TimeoutExpired:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# ---------------------------------------------------------------------------------------------------------------
# Chromium

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
# For the tests and the bench (launch_chromium), not the audit: one renderer process per tab, not one per site.
# The browser suite leaves 127.0.0.1 for the quick exit's neutral page (a stub) and comes back on every page it
# walks, and a new process for each of those navigations was a tenth of the suite's CPU; nothing a test checks
# depends on how Chromium splits processes. Lighthouse measures with Chromium's defaults.
ONE_PROCESS_PER_TAB = ["--disable-site-isolation-trials", "--disable-features=IsolateOrigins,site-per-process"]

# Where a Chromium-family browser may be, in order. $CHROMIUM is ours; $CHROME_BIN is the usual name on CI
# images; Debian installs /usr/bin/chromium; GitHub's Ubuntu runners ship Google Chrome and Chromium.
# `chromium-browser` comes last: on current Ubuntu it is a transitional package that only starts a snap.
CHROMIUM_ENV = ("CHROMIUM", "CHROME_BIN")
CHROMIUM_NAMES = ("/usr/bin/chromium", "chromium", "google-chrome", "google-chrome-stable", "chrome", "chromium-browser")


class ChromiumNotFound(RuntimeError):
    pass


def chromium_candidates() -> list[tuple[str, str | None]]:
    """(what was tried, the executable it names or None) for every place in the lookup order."""
    found = [(f"${name}", os.environ.get(name) or None) for name in CHROMIUM_ENV]
    for name in CHROMIUM_NAMES:
        found.append((name, (name if Path(name).exists() else None) if name.startswith("/") else shutil.which(name)))
    return found


def chromium_path() -> str | None:
    for _, candidate in chromium_candidates():
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK) and not _snap_stub(candidate):
            return candidate
    return None


def _snap_stub(path: str) -> bool:
    """Ubuntu's transitional chromium-browser is a shell script that runs /snap/bin/chromium."""
    try:
        head = Path(path).read_bytes()[:4096]
    except OSError:
        return False
    return head.startswith(b"#!") and b"/snap/bin/" in head


def chromium_missing_message() -> str:
    tried = "; ".join(f"{label}: {value} is not an executable browser" if value
                      else f"{label}: {'unset' if label.startswith('$') else 'not found'}"
                      for label, value in chromium_candidates())
    return (f"no Chromium or Chrome found (tried {tried}). Install Debian's `chromium`, "
            "or set CHROMIUM=/path/to/chromium.")


def require_chromium() -> str:
    path = chromium_path()
    if not path:
        raise ChromiumNotFound(chromium_missing_message())
    return path


def launch_chromium(playwright):
    """Playwright's Chromium driver on the system browser (never a downloaded one)."""
    return playwright.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS + ONE_PROCESS_PER_TAB)


def main(argv: list[str]) -> int:
    if argv[1:] == ["chromium"]:
        try:
            print(require_chromium())
        except ChromiumNotFound as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        return 0
    print("usage: python tools/devkit.py chromium   # print the browser the tests, bench and audit use", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
