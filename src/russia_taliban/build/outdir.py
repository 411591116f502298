"""The output folder is the build's own, provably, and one build at a time writes into it.

A build writes only into a folder that is new, empty, or carries the marker file a previous build
wrote. A folder holding only placeholders (README.md, .gitkeep) counts as empty, so a version-controlled
reports/ needs no tracked marker. Anything else (a folder of the user's, `/`, the home folder, the
corpus or a folder holding it) is refused in one line, and `--force` does not change that: it re-runs notebooks, it does not
grant permission to overwrite.
"""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import config
from ..errors import BuildLockedError, OutputFolderError

MARKER_TEXT = "russia-taliban output folder: written by `russia-taliban build`, which may replace anything in it.\n"
_FIX = "choose a new or empty folder with --output"
#: What a folder the user cannot write into, or a full disk, looks like (EFBIG: a file-size limit).
UNWRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def is_marked(out: Path) -> bool:
    marker = out / config.OUTPUT_MARKER
    try:
        return marker.is_file() and marker.read_text(encoding="utf-8").startswith(MARKER_TEXT[:29])
    except (OSError, UnicodeDecodeError):
        return False


def check(out: Path, corpus: Path) -> None:
    """Refuse an output folder the build must not write into; `out` and `corpus` are absolute."""
    if out == Path(out.anchor):
        raise OutputFolderError("the output folder is the file-system root", where=str(out), fix=_FIX)
    if out == Path.home().resolve():
        raise OutputFolderError("the output folder is your home folder", where=str(out), fix=_FIX)
    if out == corpus or corpus.is_relative_to(out):
        raise OutputFolderError(
            "the output folder is the corpus folder or holds it",
            where=str(out),
            fix="keep reports apart from the articles: " + _FIX,
        )
    if out.exists() and not out.is_dir():
        raise OutputFolderError("the output path is a file, not a folder", where=str(out), fix=_FIX)
    if out.is_dir() and not is_marked(out) and any(p.name not in config.OUTPUT_PLACEHOLDERS for p in out.iterdir()):
        raise OutputFolderError(
            "the output folder is not empty and was not made by russia-taliban build",
            where=str(out),
            fix=f"{_FIX} (nothing was changed; --force does not override this)",
        )


def claim(out: Path) -> None:
    """Create or adopt an empty output folder by writing the marker (after `check`)."""
    out.mkdir(parents=True, exist_ok=True)
    if not is_marked(out):
        (out / config.OUTPUT_MARKER).write_text(MARKER_TEXT, encoding="utf-8")


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the folder's lock for the whole build, including the up-to-date check."""
    handle = (out / ".lock").open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise BuildLockedError("another build is writing to this folder", where=str(out),
                               fix="wait for it to finish, or build into another --output") from None  # fmt: skip
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}  # space, quota or file-size limit: freeing space helps


def unwritable_fix(code: int | None, *, what: str = "reports", target: str = "--output") -> str:
    """The fix for a folder that cannot be written, by cause: space helps only when space ran out."""
    unchanged = f"the previous {what} are unchanged"
    if code in _FULL:
        return f"free some space (or raise the quota) or choose another {target}; {unchanged}"
    if code == errno.EROFS:
        return f"the file system is read-only: choose a {target} on a writable one; {unchanged}"
    if code in (errno.EACCES, errno.EPERM):
        return f"give yourself write permission there, or choose a {target} you can write; {unchanged}"
    return f"choose a writable {target}; {unchanged}"


def writable_error(exc: OSError, out: Path) -> OutputFolderError:
    """One line for a folder that cannot be written (read-only, no permission, full)."""
    reason = os.strerror(exc.errno) if exc.errno else str(exc)
    where = exc.filename if isinstance(exc.filename, str) else str(out)
    return OutputFolderError(f"cannot write the reports: {reason}", where=where, fix=unwritable_fix(exc.errno))
