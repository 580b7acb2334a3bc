"""A tested way off MkDocs: ProperDocs (the maintained fork of MkDocs 1.6, pinned in requirements.txt) builds
this site into the same files, byte for byte, apart from the generator tag each tool writes into <head>.

ProperDocs lives in the same venv: it is its own package (`properdocs`), and only when it runs does it
answer the `mkdocs.*` imports of Material, mkdocs-static-i18n and our hooks. The comparison runs on the
session's MkDocs build (the `site` fixture) and one ProperDocs build with the same SOURCE_DATE_EPOCH.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

from conftest import ROOT, build

# The only difference the fork is allowed: <meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1">
# against content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1". Nothing else is normalised.
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')
NORMALISED_TAG = b'<meta name="generator" content="(generator)">'


def normalised(data: bytes) -> bytes:
    return GENERATOR_TAG.sub(NORMALISED_TAG, data)


def tree_differences(left: Path, right: Path, shown: int = 3) -> list[str]:
    """What differs between two built sites after normalising the generator tag: files only on one side,
    and for the first `shown` differing files a unified diff excerpt. Empty when they match."""
    left_files = {p.relative_to(left).as_posix() for p in left.rglob("*") if p.is_file()}
    right_files = {p.relative_to(right).as_posix() for p in right.rglob("*") if p.is_file()}
    report = [f"only in the {side} build: {name}" for side, names in (("MkDocs", left_files - right_files),
                                                                      ("ProperDocs", right_files - left_files))
              for name in sorted(names)]
    differing = [name for name in sorted(left_files & right_files)
                 if normalised((left / name).read_bytes()) != normalised((right / name).read_bytes())]
    for name in differing[:shown]:
        a = normalised((left / name).read_bytes()).decode("utf-8", "replace").splitlines()
        b = normalised((right / name).read_bytes()).decode("utf-8", "replace").splitlines()
        excerpt = list(difflib.unified_diff(a, b, f"mkdocs/{name}", f"properdocs/{name}", n=1, lineterm=""))[:12]
        report.append(f"{name} differs:\n" + "\n".join(line[:200] for line in excerpt))
    if len(differing) > shown:
        report.append(f"… and {len(differing) - shown} more differing file(s): {', '.join(differing[shown:shown + 10])}")
    return report


def test_properdocs_builds_the_same_site_as_mkdocs(site, tmp_path):
    properdocs_site = tmp_path / "properdocs-site"
    result = build(ROOT, properdocs_site, generator="properdocs")
    assert result.returncode == 0, f"properdocs build failed:\n{result.stdout}{result.stderr}"
    assert b"ProperDocs" in (properdocs_site / "index.html").read_bytes()  # it really was the fork that built it
    assert "WARNING: MkDocs may break" not in result.stderr and "│" not in result.stderr, "a banner is back in the log"
    differences = tree_differences(site, properdocs_site)
    assert not differences, "ProperDocs and MkDocs builds differ beyond the generator tag:\n" + "\n".join(differences)


def test_the_comparison_sees_a_changed_page_and_a_missing_file(tmp_path):
    left, right = tmp_path / "left", tmp_path / "right"
    for folder in (left, right):
        (folder / "en").mkdir(parents=True)
        (folder / "en" / "index.html").write_bytes(b'<head>\n<meta name="generator" content="mkdocs-1.6.1">\n</head>\n<p>Same</p>\n')
    (right / "en" / "index.html").write_bytes(b'<head>\n<meta name="generator" content="ProperDocs">\n</head>\n<p>Same</p>\n')
    assert tree_differences(left, right) == []  # the generator tag alone is not a difference
    (right / "en" / "index.html").write_bytes(b'<head>\n<meta name="generator" content="ProperDocs">\n</head>\n<p>Other</p>\n')
    (left / "sitemap.xml").write_bytes(b"<urlset/>")
    report = tree_differences(left, right)
    assert report[0] == "only in the MkDocs build: sitemap.xml"
    assert report[1].startswith("en/index.html differs:\n--- mkdocs/en/index.html\n+++ properdocs/en/index.html")
    assert "-<p>Same</p>\n+<p>Other</p>" in report[1]
