"""Hostile data reaches no reader's browser as code: renderers fed markup-like strings (bypassing the
validator, which would refuse them) produce pages on which Chromium runs no injected script."""
from __future__ import annotations

import datetime as dt

from helpers import minimal_data
from exitguide import render_compare, render_program, render_reference
from exitguide.guide import Guide
from exitguide.validate import validate

PAYLOADS = ['"><img src=x onerror="window.__pwned=1">', "<script>window.__pwned=1</script>",
            "javascript:window.__pwned=1", "</title><svg onload=window.__pwned=1>"]


def hostile_guide(tmp_path) -> Guide:
    guide = Guide.from_result(validate(minimal_data(tmp_path)), now=dt.date(2026, 11, 23))
    program = guide.programs[0]
    program["name"]["en"] = PAYLOADS[0]
    program["summary"]["en"] = PAYLOADS[1]
    program["where"]["place"]["en"] = PAYLOADS[3]
    program["outcomes"][0]["counts"][0]["label"]["en"] = PAYLOADS[3]   # goes into the SVG chart
    program["contacts"][0]["label"]["en"] = PAYLOADS[3]
    program["id"] = PAYLOADS[0]                                              # goes into data-* attributes
    guide.sources["src-a"]["short"] = PAYLOADS[1]
    guide.sources["src-a"]["url"] = PAYLOADS[2]
    guide.terms[0]["explanation"]["en"] = PAYLOADS[0]
    return guide


def test_no_injected_script_runs_in_chromium(tmp_path, browser):
    guide = hostile_guide(tmp_path)
    body = "".join([
        render_program.fact_box(guide, guide.programs[0], "en", "program/x/"),
        render_program.source_list(guide, ["src-a"], "en", "program/x/"),
        render_compare.comparison(guide, "en", "jamforelse/"),
        render_reference.sources_block(guide, "en", "kallor/"),
        render_reference.glossary_block(guide, "en", "ordlista/"),
        render_reference.program_list_block(guide, "en", "program/"),
    ])
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.set_content(f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None and not dialogs
    text = page.inner_text("body")
    assert PAYLOADS[1] in text and PAYLOADS[0] in text  # shown as text, not run
    assert page.locator("script").count() == 0 and page.locator("img").count() == 0
    page.close()
