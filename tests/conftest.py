"""Fixtures: the built site (one strict build per test session, shared by the xdist workers), a static
server, Chromium, and the walk over every page (tests/every_page.py), also shared by the workers.
`build` and `copy_project` are imported by tests that build a changed copy of the project.
Copying, building, serving and finding Chromium live in tools/devkit.py, shared with bench/ and tools/audit.py.

`make test` runs the suite on two workers (pytest-xdist, `--dist worksteal`): a worker with nothing left to do
takes tests queued for the other, so the one that finishes its share early joins the walk."""
from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tools"))
import devkit  # noqa: E402  (re-exported for tests of the shared helpers)
import every_page as every_page_walk  # noqa: E402
from helpers import TODAY_EPOCH  # noqa: E402

BUILD_ENV = devkit.build_env(source_date_epoch=TODAY_EPOCH)
CHROMIUM_ARGS = devkit.CHROMIUM_ARGS
chromium_path = devkit.chromium_path


def build(project: Path, site: Path, generator: str = "mkdocs") -> subprocess.CompletedProcess:
    """A strict build of `project` into `site`, as a maintainer would run it (dates pinned to TODAY_EPOCH)."""
    return devkit.strict_build(project, site, generator=generator, env=BUILD_ENV)


def copy_project(destination: Path) -> Path:
    return devkit.copy_project(destination)


def session_folder(tmp_path_factory) -> Path:
    """The test session's temporary folder, the same for every xdist worker (each worker's own is inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The working tree built once per test session: the first worker to need it builds while the other waits
    on a lock, then both read the same site (no test writes into it)."""
    folder = session_folder(tmp_path_factory)
    out, done = folder / "site", folder / "site.built"
    with open(folder / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            result = build(ROOT, out)
            assert result.returncode == 0, result.stdout + result.stderr
            done.touch()
    return out


@pytest.fixture(scope="session")
def server(site):
    with devkit.serve_site(site) as served:
        yield served.url


@pytest.fixture(scope="session")
def browser():
    """The system's Chromium driven by Playwright. Skips locally if absent; in CI (CI=true) a missing browser fails."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or devkit.chromium_path() is None:
        reason = "Playwright is not installed" if sync_playwright is None else devkit.chromium_missing_message()
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} In CI the browser suite must run, not skip.")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        instance = devkit.launch_chromium(playwright)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def walked(tmp_path_factory, browser, server, site) -> dict[str, every_page_walk.Findings]:
    """What the walk over every page found, per language (tests/every_page.py); the test workers share it."""
    return every_page_walk.shared_walk(browser, server, site, session_folder(tmp_path_factory) / "every-page")


@pytest.fixture(params=every_page_walk.LANGUAGES)
def every_page(request, walked) -> every_page_walk.Findings:
    """What the walk found on one language's pages."""
    return walked[request.param]
