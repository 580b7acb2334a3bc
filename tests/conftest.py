"""Fixtures: the built site (one strict build per test session), a static server, Chromium.
`build` and `copy_project` are imported by tests that build a changed copy of the project.
Copying, building, serving and finding Chromium live in tools/devkit.py, shared with bench/ and tools/audit.py."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tools"))
import devkit  # noqa: E402  (re-exported for tests of the shared helpers)
from helpers import TODAY_EPOCH  # noqa: E402

BUILD_ENV = devkit.build_env(source_date_epoch=TODAY_EPOCH)
CHROMIUM_ARGS = devkit.CHROMIUM_ARGS
chromium_path = devkit.chromium_path


def build(project: Path, site: Path, generator: str = "mkdocs") -> subprocess.CompletedProcess:
    """A strict build of `project` into `site`, as a maintainer would run it (dates pinned to TODAY_EPOCH)."""
    return devkit.strict_build(project, site, generator=generator, env=BUILD_ENV)


def copy_project(destination: Path) -> Path:
    return devkit.copy_project(destination)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = build(ROOT, out)
    assert result.returncode == 0, result.stdout + result.stderr
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
