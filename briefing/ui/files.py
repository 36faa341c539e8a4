"""Names and paths: the PDF's default name and the preview folder."""
from __future__ import annotations

import re
from pathlib import Path

# Whether two paths are one file, and the title sources suggest, live in the session (one copy).
from briefing.session import concerns, same_path, suggested_title  # noqa: F401

_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def default_pdf_name(title: str) -> str:
    """A file name from the briefing title, e.g. "China AI race" -> "China-AI-race.pdf"."""
    stem = _UNSAFE_IN_NAME.sub(" ", title).strip()
    stem = re.sub(r"\s+", "-", stem).strip(".-") or "briefing"
    return stem[:80] + ".pdf"


PREVIEW_PREFIX = "briefing-preview-"


def preview_folder() -> Path:
    """A new folder for this window's preview PDFs, named with the process id; the folders of
    windows whose process is gone (killed, crashed) are removed first."""
    import os
    import shutil
    import tempfile

    from briefing.fileio import _alive   # the same "is that writer still running" test as temp files

    base = Path(tempfile.gettempdir())
    for old in base.glob(f"{PREVIEW_PREFIX}*"):
        m = re.match(rf"{PREVIEW_PREFIX}(\d+)-", old.name)
        if m and old.is_dir() and not _alive(int(m.group(1))):
            shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{PREVIEW_PREFIX}{os.getpid()}-"))
