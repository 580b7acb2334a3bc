"""The maintainer's loop under `mkdocs serve` (a copy of the project, a free port): the open page reloads
itself after a save, without a Content-Security-Policy error; warnings that need no action print once per
session, not on every rebuild; and a normal build's policy never carries the serve-only allowance."""
from __future__ import annotations

import re

import pytest

from conftest import BUILD_ENV, copy_project, devkit
from helpers import edit

CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
WARNING = re.compile(r"exitguide: (data/\S+: warning: .*)")


@pytest.fixture(scope="module")
def serving(tmp_path_factory):
    work = tmp_path_factory.mktemp("serve")
    project = copy_project(work / "project")
    with devkit.serve_project(project, work / "serve.log", env=BUILD_ENV) as session:
        devkit.wait_for_page(session, "arbetet/", "</html>")
        yield project, session


def test_the_open_page_reloads_itself_after_a_save_without_a_csp_error(serving, browser):
    project, session = serving
    context = browser.new_context()
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.goto(session.url + "arbetet/", wait_until="load")
    edit(project / "docs" / "sv" / "arbetet.md", "# Så går arbetet till\n", "# Så går arbetet till\n\nEtt nytt stycke från testet.\n")
    page.wait_for_selector("text=Ett nytt stycke från testet.", timeout=30_000)  # no navigation: live reload did it
    context.close()
    assert "log: Enabled live reload" in console
    assert not [line for line in console if "Content Security Policy" in line], console


def test_warnings_print_once_per_session_however_often_data_changes(serving):
    project, session = serving
    programs = project / "data" / "programs.yaml"
    for word in ("Ändrad.", "Ändrad igen."):  # real edits: each rebuild validates the data anew
        text = programs.read_text(encoding="utf-8")
        programs.write_text(text.replace("flytta till en ny stad.", f"flytta till en ny stad. {word}", 1), encoding="utf-8")
        devkit.wait_for_page(session, "program/malmo-konsultationsteamet/", word, timeout=60)
    log = session.log_text()
    assert log.count("Building documentation...") >= 3  # the first build and at least the two rebuilds
    warnings = WARNING.findall(log)
    assert warnings, "the real data has passed due dates; expected their warnings in the first build"
    assert len(warnings) == len(set(warnings)), "a warning was printed again on a rebuild:\n" + "\n".join(warnings)


def test_a_build_never_carries_the_serve_allowance(site, serving):
    _, session = serving
    built = (site / "arbetet" / "index.html").read_text(encoding="utf-8")
    served = devkit.fetch(session.url + "arbetet/")[0]
    built_policy, served_policy = CSP.search(built).group(1), CSP.search(served).group(1)
    assert "'unsafe-inline'" not in built_policy and "'sha256-" in built_policy
    assert "script-src 'self' 'unsafe-inline';" in served_policy
    # Under serve only script-src differs; every other directive is the built one.
    without_scripts = [re.sub(r"script-src [^;]*;", "", policy) for policy in (built_policy, served_policy)]
    assert without_scripts[0] == without_scripts[1]
    for page in site.rglob("*.html"):
        policy = CSP.search(page.read_text(encoding="utf-8"))
        assert policy and "'unsafe-inline'" not in policy.group(1), page
