"""Files written whole or not at all and never over a source; file digests; leftovers of killed writes.

Every file Briefing writes (a PDF, a project) goes to a temporary file in the destination folder,
is flushed to disk, then renamed over the destination: a crash, a full disk, SIGTERM or kill -9
leaves the previous file whole. The temporary name carries the writer's process id, so the next
write to the same destination can tell a leftover of a dead writer from a live one and remove it.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import secrets
import stat
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from briefing.model import InputError

# A temporary file whose writer left no process id (older Briefing) is stale after this long.
STALE_AFTER_S = 3600


def sha256_file(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:   # read only: a source is never written to
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _temp_pattern(name: str) -> re.Pattern:
    # ".NAME.<pid>.<token>.tmp" (this version) or ".NAME.<random>.tmp" (mkstemp, earlier versions)
    return re.compile(rf"^\.{re.escape(name)}\.(?:(\d+)\.)?[A-Za-z0-9_]+\.tmp$")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True   # exists, owned by someone else
    return True


def stale_temps(out: str | os.PathLike) -> list[Path]:
    """Temporary files of earlier writes to `out` whose writer is gone."""
    out = Path(out)
    pattern = _temp_pattern(out.name)
    found = []
    try:
        entries = list(os.scandir(out.parent))
    except OSError:
        return []
    for entry in entries:
        m = pattern.match(entry.name)
        if not m or not entry.is_file(follow_symlinks=False):
            continue
        pid = m.group(1)
        if pid is not None:
            if not _alive(int(pid)):
                found.append(Path(entry.path))
        else:
            try:
                if time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER_S:
                    found.append(Path(entry.path))
            except OSError:
                pass
    return found


def remove_stale_temps(out: str | os.PathLike) -> int:
    n = 0
    for p in stale_temps(out):
        try:
            p.unlink()
            n += 1
        except OSError:
            pass
    return n


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)   # hard links
    except OSError:
        return False


def check_output(out: str | os.PathLike, protect: Iterable[str | os.PathLike] = (), *,
                 what: str = "file") -> Path:
    """`out` as a Path if a file can be written there without harm, else InputError in one line:
    empty name, a folder, a parent that is a file, or the same file as one of `protect` (a source
    workbook, through symlinks, relative paths and hard links alike)."""
    if not str(out).strip():
        raise InputError(f"no output {what} named (the name is empty)")
    out = Path(out)
    for p in protect:
        if p and _same_file(out, Path(p)):
            raise InputError(f"{out}: refusing to write the {what} over the source {Path(p).name} "
                             "(sources are only ever read); choose another name")
    if out.is_dir():
        raise InputError(f"{out}: is a folder; name the {what} to write inside it")
    parent = out.parent
    for up in (parent, *parent.parents):
        if up.exists():
            if not up.is_dir():
                raise InputError(f"{out}: cannot be written: {up} is a file, not a folder")
            break
    return out


def _mode_for(out: Path) -> int:
    try:
        return stat.S_IMODE(out.stat().st_mode)   # keep the mode of the file being replaced
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_output(out: str | os.PathLike, protect: Iterable[str | os.PathLike] = (), *,
                  what: str = "file") -> Iterator[Path]:
    """Yields a temporary path next to `out`; when the block ends normally it is flushed and renamed
    over `out`, otherwise removed. Leftovers of killed earlier writes to `out` are removed first."""
    out = check_output(out, protect, what=what)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(f"{out}: cannot create the folder {out.parent} ({e.strerror or e})") from None
    remove_stale_temps(out)
    tmp = out.parent / f".{out.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as e:
        raise InputError(f"{out}: cannot be written in {out.parent} ({e.strerror or e})") from None
    os.close(fd)
    try:
        yield tmp
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(out))
        os.replace(tmp, out)   # atomic: the old file stays whole until the new one is complete
        _fsync_dir(out.parent)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise InputError(f"{out}: cannot be written ({e.strerror or e})") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(out: str | os.PathLike, data: bytes, protect: Iterable[str | os.PathLike] = (), *,
                 what: str = "file") -> None:
    with atomic_output(out, protect, what=what) as tmp:
        with open(tmp, "wb") as f:
            f.write(data)


# -- data files, parsed once per change --------------------------------------------------------

def user_cache(kind: str) -> Path | None:
    """The folder of the user's cache for `kind` ("data", "fonts"), None when caching is off
    (BRIEFING_NO_DATA_CACHE=1) or the platform gives no cache folder. Not created here."""
    if os.environ.get("BRIEFING_NO_DATA_CACHE") == "1":
        return None
    # What platformdirs reads on each platform: asked once for each value they take (it cost 0.5 ms
    # a data file, 15 of them in a first import).
    root = _cache_dir_for(os.environ.get("XDG_CACHE_HOME"), os.environ.get("HOME"),
                          os.environ.get("LOCALAPPDATA"))
    return root / kind if root is not None else None


@functools.lru_cache(maxsize=8)
def _cache_dir_for(*_environment) -> Path | None:
    try:
        import platformdirs
        return Path(platformdirs.user_cache_dir("Briefing", appauthor=False))
    except Exception:   # noqa: BLE001 - no cache folder is no cache, never an error
        return None


def read_toml(path: str | os.PathLike) -> dict:
    """A shipped TOML data file (themes, code lists, phrasing), parsed.

    tomllib is pure Python: the code lists alone took 24 ms to parse, in every reader process, for
    every file imported. The parsed data is kept as JSON (read by C, and data only, unlike a pickle)
    in the user's cache folder, one cache file per data file's path, holding the size and modification
    time it was parsed at, so a changed file is parsed again and rewrites its one cache file. Raises
    OSError and tomllib.TOMLDecodeError as tomllib would."""
    import tomllib

    path = Path(path)
    st = path.stat()
    stamp = [st.st_size, st.st_mtime_ns]
    folder = user_cache("data")
    cached = None
    if folder is not None:
        where = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:24]
        cached = folder / f"{path.parent.name}-{path.stem}-{where}.json"
        try:
            with open(cached, "rb") as f:
                kept = json.load(f)
            if kept.get("stamp") == stamp:
                return kept["data"]
        except (OSError, ValueError, AttributeError, KeyError):
            pass
    with open(path, "rb") as f:
        data = tomllib.load(f)
    if cached is not None:
        try:
            text = json.dumps({"stamp": stamp, "data": data}, ensure_ascii=False)   # TypeError for dates
            if json.loads(text)["data"] == data:
                cached.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(cached, text.encode("utf-8"), what="cache file")
        except (OSError, TypeError, ValueError, InputError):
            pass
    return data
