"""CSS that does not parse fails the build's tests, with file, line and column.

Two checks, because a CSS parser never stops at an error: it drops the rule or declaration and goes on,
so a stray "}" silently removes the rule after it (that happened in guide.css).
- Syntax (tinycss2, the CSS Syntax Level 3 parser, pinned in requirements.txt): every stylesheet the built
  site ships, the theme's included. Any parse error (an unmatched bracket, a declaration without ":") fails,
  wherever it is: in a rule's selector, in a declaration list, inside @media.
- What Chromium keeps (Debian's Chromium, as in the browser tests): each rule of the guide's own stylesheets
  (the extra_css files in overrides/), fed to the browser's CSS parser alone, must survive; so must each
  declaration in it. This catches what is well-formed but not CSS, e.g. a misspelt property or pseudo-class.
  The theme's minified stylesheet is left out here: it carries other browsers' prefixes on purpose.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import tinycss2

from helpers import ROOT

OVERRIDES = ROOT / "overrides"
EXTRA_CSS = re.findall(r"^\s*-\s*(\S+\.css)\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("extra_css:", 1)[1]
                       .split("\n\n", 1)[0], re.M)
GUIDE_STYLESHEETS = sorted(OVERRIDES.rglob("*.css"))
GROUP_AT_RULES = {"media", "supports", "layer", "container", "document", "scope", "starting-style"}


def parse(text: str) -> list:
    return tinycss2.parse_stylesheet(text, skip_whitespace=True, skip_comments=True)


def rules(nodes: list):
    """Every rule with its declaration block, at any depth of @media/@supports: (rule, prelude text, kind)."""
    for node in nodes:
        if node.type == "qualified-rule":
            yield node, " ".join(tinycss2.serialize(node.prelude).split()), "style"
        elif node.type == "at-rule" and node.lower_at_keyword in GROUP_AT_RULES and node.content is not None:
            yield from rules(tinycss2.parse_rule_list(node.content, skip_whitespace=True, skip_comments=True))
        elif node.type == "at-rule":
            yield node, " ".join(("@" + node.at_keyword + " " + tinycss2.serialize(node.prelude)).split()), "at"


def errors(tokens) -> list:
    """Parse errors among component values, nested blocks and functions included."""
    found = []
    for token in tokens or []:
        if token.type == "error":
            found.append(token)
        elif getattr(token, "content", None) is not None and token.type in ("() block", "[] block", "{} block"):
            found += errors(token.content)
        elif token.type == "function":
            found += errors(token.arguments)
    return found


def syntax_problems(text: str, name: str) -> list[str]:
    problems = []
    top = parse(text)
    for node in top:
        if node.type == "error":
            problems.append(f"{name}:{node.source_line}:{node.source_column}: error: CSS does not parse: {node.message}.")
    for rule, prelude, kind in rules(top):
        for error in errors(rule.prelude):
            problems.append(f"{name}:{error.source_line}:{error.source_column}: error: CSS does not parse: expected a "
                            f"selector or at-rule prelude, found {error.message!r} before \"{prelude[:60]}\". The browser "
                            "drops this rule. Tip: look for a stray or missing brace above this line.")
        for item in tinycss2.parse_blocks_contents(rule.content or [], skip_whitespace=True, skip_comments=True):
            if item.type == "error":
                problems.append(f"{name}:{item.source_line}:{item.source_column}: error: CSS does not parse in "
                                f"\"{prelude[:60]}\": expected \"property: value;\", found {item.message!r}.")
            elif item.type == "declaration":
                problems += [f"{name}:{e.source_line}:{e.source_column}: error: CSS does not parse in the value of "
                             f"{item.name}: {e.message}." for e in errors(item.value)]
    return problems


def shipped_stylesheets(site: Path) -> list[Path]:
    return sorted(site.rglob("*.css"))


def test_the_guide_ships_exactly_its_own_stylesheets():
    """What is checked in Chromium below is what mkdocs.yml loads on every page."""
    assert GUIDE_STYLESHEETS and sorted("assets/" + p.relative_to(OVERRIDES / "assets").as_posix() for p in GUIDE_STYLESHEETS) == sorted(EXTRA_CSS)


def test_every_shipped_stylesheet_parses(site):
    checked = shipped_stylesheets(site)
    assert any(p.name == "guide.css" for p in checked) and any(p.name.startswith("main.") for p in checked)
    problems = []
    for path in checked:
        name = path.relative_to(site).as_posix()
        name = "overrides/" + name if (OVERRIDES / name).is_file() else name  # the file to edit, not its copy
        problems += syntax_problems(path.read_text(encoding="utf-8"), name)
    assert not problems, "\n".join(problems)


def test_a_stray_brace_is_reported_with_its_line():
    text = ".a { color: red; }\n@media print {\n  .b { color: blue; }\n}\n}\n\n:root { --x: 1; }\n.c { color red; }\n"
    assert syntax_problems(text, "x.css") == [
        'x.css:5:1: error: CSS does not parse: expected a selector or at-rule prelude, found \'Unmatched }\' before '
        '"} :root". The browser drops this rule. Tip: look for a stray or missing brace above this line.',
        'x.css:8:15: error: CSS does not parse in ".c": expected "property: value;", found '
        "'Stop token reached before {} block for a qualified rule.'.",
    ]


CHROMIUM_KEEPS = """
items => items.map(([ruleText, property]) => {
  const sheet = new CSSStyleSheet();
  try { sheet.replaceSync(ruleText); } catch (error) { return false; }
  if (sheet.cssRules.length !== 1) return false;
  if (!property) return true;
  const style = sheet.cssRules[0].style;
  return Boolean(style && style.getPropertyValue(property) !== '');
})
"""


def chromium_checks(text: str, name: str) -> list[tuple[str, str, str]]:
    """(rule text to parse alone, property to find in it or '', message if Chromium drops it)."""
    checks = []
    for rule, prelude, kind in rules(parse(text)):
        where = f"{name}:{rule.source_line}:{rule.source_column}"
        if kind == "at" and rule.content is None:
            checks.append((tinycss2.serialize([rule]), "", f"{where}: error: Chromium drops the at-rule \"{prelude[:60]}\"."))
            continue
        checks.append((prelude + " {}", "", f"{where}: error: Chromium drops the rule \"{prelude[:60]}\": expected a valid "
                                                f"selector or at-rule. Tip: check the spelling of pseudo-classes and brackets."))
        for item in tinycss2.parse_blocks_contents(rule.content or [], skip_whitespace=True, skip_comments=True):
            if item.type != "declaration":
                continue
            value = tinycss2.serialize(item.value).strip() + (" !important" if item.important else "")
            context = prelude if kind == "at" else "*"  # a selector Chromium knows, so only the declaration is tested
            checks.append((f"{context} {{ {item.name}: {value} }}", item.name,
                           f"{name}:{item.source_line}:{item.source_column}: error: Chromium drops the declaration "
                           f"\"{item.name}: {value[:50]}\" in \"{prelude[:40]}\": expected a property and value it "
                           "knows. Tip: check the property's spelling and the value's units."))
    return checks


def dropped_by_chromium(page, checks) -> list[str]:
    kept = page.evaluate(CHROMIUM_KEEPS, [[rule_text, prop] for rule_text, prop, _ in checks])
    return [message for (_, _, message), ok in zip(checks, kept) if not ok]


@pytest.fixture(scope="module")
def blank_page(browser):
    page = browser.new_page()
    page.set_content("<!doctype html><title>CSS</title>")
    yield page
    page.close()


@pytest.mark.parametrize("path", GUIDE_STYLESHEETS, ids=lambda p: p.name)
def test_chromium_keeps_every_rule_and_declaration(blank_page, path):
    name = path.relative_to(ROOT).as_posix()
    checks = chromium_checks(path.read_text(encoding="utf-8"), name)
    assert len(checks) > 100
    assert dropped_by_chromium(blank_page, checks) == []


def test_chromium_check_reports_what_it_would_drop(blank_page):
    text = ".a:hovr { color: red; }\n.b { colr: red; margin: 0 !important; }\n@page { size: A4; }\n"
    assert [m.split(": error:")[0] for m in dropped_by_chromium(blank_page, chromium_checks(text, "x.css"))] == ["x.css:1:1", "x.css:2:6"]
