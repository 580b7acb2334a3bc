"""Build into a temporary folder and swap it in only when the whole build succeeded: nothing half-written.

When: hooks/build.py starts a SiteSwap when `mkdocs build` (or gh-deploy) configures, lets MkDocs write into
`building`, and at the very end either calls swap_in (the build stands) or discard (it failed, or strict mode
will abort it). A `mkdocs serve` build and a --dirty build never get one.
Assumes: the temporary folder is a sibling of the final one (same folder, so the same file system and a
rename is atomic); nothing else writes to either folder meanwhile. Failures raise OSError after putting the
previous site back; the caller decides what to tell the maintainer.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


class SiteSwap:
    def __init__(self, final: Path):
        self.final = Path(final)
        self.final.parent.mkdir(parents=True, exist_ok=True)
        self.building = Path(tempfile.mkdtemp(dir=self.final.parent, prefix=f".{self.final.name}.building-"))

    def swap_in(self) -> None:
        """Put the finished site where the maintainer asked for it: two renames in one folder. If the final
        folder cannot move (a mount point), its entries are swapped instead. On failure the previous site is
        back as it was, and the temporary folders are gone either way."""
        self.building.chmod(0o755)  # mkdtemp makes the folder private; a site is meant to be served
        old = Path(tempfile.mkdtemp(dir=self.final.parent, prefix=f".{self.final.name}.old-"))
        try:
            if self.final.exists() or self.final.is_symlink():
                try:
                    os.replace(self.final, old / self.final.name)
                except OSError:
                    _swap_contents(self.building, self.final, old)
                    return
            try:
                os.replace(self.building, self.final)
            except OSError:
                if (old / self.final.name).exists():
                    os.replace(old / self.final.name, self.final)  # the previous site goes back
                raise
        finally:
            shutil.rmtree(old, ignore_errors=True)
            shutil.rmtree(self.building, ignore_errors=True)

    def discard(self) -> None:
        """A failed build: the previous site stays as it was; the unfinished one goes."""
        shutil.rmtree(self.building, ignore_errors=True)


def _swap_contents(built: Path, final: Path, old: Path) -> None:
    """Move the old site's entries aside, then the new ones in; on failure, put the old ones back."""
    moved_out, moved_in = [], []
    try:
        for entry in list(final.iterdir()):
            os.replace(entry, old / entry.name)
            moved_out.append(entry.name)
        for entry in list(built.iterdir()):
            os.replace(entry, final / entry.name)
            moved_in.append(entry.name)
    except OSError:
        for name in moved_in:
            os.replace(final / name, built / name)
        for name in moved_out:
            os.replace(old / name, final / name)
        raise
