"""Building into a temporary folder and swapping it in (exitguide/site_swap.py), on plain folders: the new site
replaces the old one whole, or the old one stays exactly as it was, and no temporary folder is left behind.
The whole build's side (a failed or strict-aborted build) is in tests/test_build.py."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from exitguide import site_swap
from exitguide.site_swap import SiteSwap


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


def write_site(folder: Path, content: str) -> None:
    (folder / "sub").mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(content, encoding="utf-8")
    (folder / "sub" / "page.html").write_text(content, encoding="utf-8")


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def site(tmp_path):
    final = tmp_path / "site"
    write_site(final, "old")
    return final


def test_the_building_folder_is_a_hidden_sibling(tmp_path, site):
    swap = SiteSwap(site)
    assert swap.building.parent == tmp_path and swap.building.name.startswith(".site.building-")
    assert snapshot(site) == {"index.html": "old", "sub/page.html": "old"}


def test_swap_in_replaces_the_site_and_leaves_nothing_behind(tmp_path, site):
    swap = SiteSwap(site)
    write_site(swap.building, "new")
    swap.swap_in()
    assert snapshot(site) == {"index.html": "new", "sub/page.html": "new"}
    assert names(tmp_path) == ["site"]
    assert stat.S_IMODE(site.stat().st_mode) == 0o755  # mkdtemp's folder is private; a site is served


def test_a_first_build_creates_the_site_and_its_parent(tmp_path):
    swap = SiteSwap(tmp_path / "out" / "site")
    write_site(swap.building, "new")
    swap.swap_in()
    assert snapshot(tmp_path / "out" / "site") == {"index.html": "new", "sub/page.html": "new"}
    assert names(tmp_path / "out") == ["site"]


def test_discard_keeps_the_previous_site(tmp_path, site):
    swap = SiteSwap(site)
    write_site(swap.building, "half-written")
    swap.discard()
    assert snapshot(site) == {"index.html": "old", "sub/page.html": "old"} and names(tmp_path) == ["site"]


def failing_replace(monkeypatch, fails):
    """os.replace in site_swap, failing with `fails(source, target, calls)`'s error when it returns one."""
    real_replace, calls = os.replace, []

    def replace(source, target):
        calls.append((Path(source), Path(target)))
        error = fails(Path(source), Path(target), calls)
        if error:
            raise error
        return real_replace(source, target)
    monkeypatch.setattr(site_swap.os, "replace", replace)
    return calls


def test_a_site_folder_that_cannot_move_gets_its_contents_swapped(tmp_path, site, monkeypatch):
    """A site folder that is a mount point cannot be renamed; what is inside it is swapped instead."""
    swap = SiteSwap(site)
    write_site(swap.building, "new")
    failing_replace(monkeypatch, lambda source, target, calls: OSError(16, "Device or resource busy") if source == site else None)
    swap.swap_in()
    assert snapshot(site) == {"index.html": "new", "sub/page.html": "new"} and names(tmp_path) == ["site"]


def test_a_contents_swap_that_fails_half_way_puts_the_previous_site_back(tmp_path, site, monkeypatch):
    swap = SiteSwap(site)
    write_site(swap.building, "new")

    def fails(source, target, calls):
        if source == site:
            return OSError(16, "Device or resource busy")
        if source.parent == swap.building and sum(c[0].parent == swap.building for c in calls) == 2:
            return OSError(28, "No space left on device")  # the second new entry does not fit
    failing_replace(monkeypatch, fails)
    with pytest.raises(OSError, match="No space left"):
        swap.swap_in()
    assert snapshot(site) == {"index.html": "old", "sub/page.html": "old"} and names(tmp_path) == ["site"]


def test_a_new_site_that_cannot_move_in_puts_the_previous_site_back(tmp_path, site, monkeypatch):
    swap = SiteSwap(site)
    write_site(swap.building, "new")
    failing_replace(monkeypatch, lambda source, target, calls: OSError(18, "Invalid cross-device link")
                    if source == swap.building else None)
    with pytest.raises(OSError, match="cross-device"):
        swap.swap_in()
    assert snapshot(site) == {"index.html": "old", "sub/page.html": "old"} and names(tmp_path) == ["site"]
