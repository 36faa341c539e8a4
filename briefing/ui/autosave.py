"""Autosaves of unsaved work in the user data folder, and finding the ones a crashed session left (Qt-free)."""
from __future__ import annotations

import datetime as _dt
import json
import os
from pathlib import Path

from briefing import project as projects
from briefing.project import Project


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


class Autosaves:
    """One session's autosave file, named after its process so a live session's file is left alone."""

    def __init__(self, folder: Path, owner: int):
        self.path = Path(folder) / f"session-{os.getpid()}-{owner:x}.briefing"

    def write(self, project: Project, project_path: Path | None) -> Path:
        """Whole or not at all; raises OSError."""
        data = projects.to_dict(project, project_path)
        data["autosave"] = {"project": str(project_path or ""), "pid": os.getpid(),
                            "time": _dt.datetime.now().isoformat(timespec="seconds")}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        projects.write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1).encode())
        return self.path

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)

    def restorable(self) -> list[Path]:
        """Autosaves left by a session that did not close (not this one's, not a live process's), newest first."""
        folder = self.path.parent
        out = []
        for p in sorted(folder.glob("session-*.briefing")) if folder.is_dir() else []:
            if p == self.path:
                continue
            try:
                pid = int(p.name.split("-")[1])
            except (IndexError, ValueError):
                pid = 0
            if pid and pid != os.getpid() and pid_alive(pid):
                continue     # another Briefing is running and owns it
            out.append(p)
        return sorted(out, key=lambda p: p.stat().st_mtime, reverse=True)

    @staticmethod
    def read(path: Path) -> tuple[Project, dict] | None:
        """An autosave's project and its note (original project path, time); None, and the file
        deleted, if it cannot be read: it would be offered again at every start."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            proj = projects.from_dict(data, path.name)
        except (OSError, ValueError, projects.ProjectError):
            path.unlink(missing_ok=True)
            return None
        return proj, data.get("autosave", {})
