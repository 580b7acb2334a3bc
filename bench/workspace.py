"""The benchmark's temporary folder: a snapshot of the project (the repository is never touched), projects
with N synthetic programmes, and their built sites, each made once and shared by the figures that need it.
Created by bench/__main__.py; deleted when the run ends unless --keep."""
from __future__ import annotations

import shutil
from pathlib import Path

from . import runs, synthetic


class Workspace:
    def __init__(self, folder: Path, source: Path):
        self.folder = folder
        self.snapshot = runs.devkit.copy_project(folder / "project", source)
        self._projects: dict[int, Path] = {}
        self._sites: dict[int | None, Path] = {}

    def project(self, programmes: int | None = None) -> Path:
        """The snapshot itself (None), or a copy whose data/programs.yaml holds `programmes` generated ones."""
        if programmes is None:
            return self.snapshot
        if programmes not in self._projects:
            project = self.folder / f"project-{programmes}"
            shutil.copytree(self.snapshot, project)
            synthetic.write_programs(project, programmes)
            self._projects[programmes] = project
        return self._projects[programmes]

    def site(self, programmes: int | None = None) -> Path:
        """The built site of project(programmes), built once (untimed) on first use."""
        if programmes not in self._sites:
            site = self.folder / f"site-{programmes or 'real'}"
            runs.build(self.project(programmes), site)
            self._sites[programmes] = site
        return self._sites[programmes]

    def keep_site(self, programmes: int | None, site: Path) -> None:
        """A figure that built this project anyway (timed) offers its output to the others."""
        self._sites.setdefault(programmes, site)
