"""The browser lookup that the tests, the bench, the audit and CI share (tools/devkit.py)."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, devkit


def test_lookup_takes_chrome_bin_and_skips_ubuntus_snap_stub(tmp_path, monkeypatch):
    stub = tmp_path / "chromium-browser"
    stub.write_text('#!/bin/sh\nexec /snap/bin/chromium "$@"\n')
    real = tmp_path / "google-chrome"
    real.write_bytes(b"\x7fELF fake browser")
    for path in (stub, real):
        path.chmod(0o755)
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setattr(devkit, "CHROMIUM_NAMES", ("chromium-browser", "google-chrome"))
    monkeypatch.setenv("PATH", str(tmp_path))
    assert devkit.chromium_path() == str(real)  # the stub comes first on PATH and is passed over
    monkeypatch.setenv("CHROME_BIN", str(stub))
    assert devkit.chromium_path() == str(real)
    real.unlink()
    monkeypatch.delenv("CHROME_BIN")
    assert devkit.chromium_path() is None
    assert devkit.chromium_missing_message() == (
        f"no Chromium or Chrome found (tried $CHROMIUM: unset; $CHROME_BIN: unset; "
        f"chromium-browser: {stub} is not an executable browser; google-chrome: not found). "
        "Install Debian's `chromium`, or set CHROMIUM=/path/to/chromium.")


def test_ci_gets_the_path_or_a_clear_failure(tmp_path):
    found = subprocess.run([sys.executable, str(ROOT / "tools" / "devkit.py"), "chromium"], capture_output=True, text=True)
    expected = devkit.chromium_path()  # this machine's browser, or None where there is none
    assert (found.returncode, found.stdout.strip() or None) == ((0, expected) if expected else (1, None))
    missing = subprocess.run([sys.executable, "-c", "import sys, devkit; devkit.CHROMIUM_NAMES = ('/nonexistent/chromium',);"
                              "sys.exit(devkit.main(['devkit', 'chromium']))"],
                             capture_output=True, text=True, cwd=ROOT / "tools", env={"PATH": str(tmp_path)})
    assert missing.returncode == 1
    assert missing.stderr.startswith("error: no Chromium or Chrome found (tried $CHROMIUM: unset;")
