"""Names and paths: the PDF's default name, the title sources suggest, whether two paths are one file."""
from __future__ import annotations

import re
from pathlib import Path

_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def default_pdf_name(title: str) -> str:
    """A file name from the briefing title, e.g. "China AI race" -> "China-AI-race.pdf"."""
    stem = _UNSAFE_IN_NAME.sub(" ", title).strip()
    stem = re.sub(r"\s+", "-", stem).strip(".-") or "briefing"
    return stem[:80] + ".pdf"


def suggested_title(sources: list[str]) -> tuple[str, str]:
    """The title and subtitle the CLI would use for these sources (demo sample: its own title)."""
    from briefing.paths import sample_workbook
    if not sources:
        return "Briefing", ""
    if same_path(sources[0], str(sample_workbook())):
        from briefing.pipeline import DEMO_SUBTITLE, DEMO_TITLE
        return DEMO_TITLE, DEMO_SUBTITLE
    return Path(sources[0]).stem, ""


def same_path(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return a == b


def concerns(issue, path: str) -> bool:
    """Whether an import issue concerns `path` (issues may name a file by path or bare name)."""
    return issue.file in (path, Path(path).name) or same_path(issue.file, path)


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
