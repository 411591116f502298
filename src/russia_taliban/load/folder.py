"""What a corpus folder holds: the article files to read, and every other entry with the reason it is skipped.

The corpus is what the folder holds: a symlink is followed only to a regular file inside the folder;
symlinks leaving it, broken links, loops, FIFOs, sockets and devices are listed and never opened
(opening a FIFO would block the load forever, a device or /etc/passwd would leak into the report).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..text.printable import printable

FORMATS = {".txt": "txt", ".html": "html", ".htm": "html", ".pdf": "pdf"}


@dataclass(slots=True)
class Skipped:
    """A file in the corpus folder that is not loaded as an article, and why."""

    file: str  # the name as printable text (control and bidi characters escaped)
    reason: str


def list_folder(root: Path, *, ignore: Path | None = None) -> tuple[list[Path], list[Skipped]]:
    """The article files of `root` (sorted by name) and the skipped entries; `ignore` is the metadata file."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    inside = root.resolve()
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        path = Path(entry.path)
        if entry.name.startswith(".") or (ignore is not None and path == ignore):
            continue
        reason = _unreadable(path, inside)
        if reason is None and path.suffix.lower() not in FORMATS:
            reason = "not a .txt, .html or .pdf file"
        if reason is None:
            files.append(path)
        elif reason != "a folder":
            skipped.append(Skipped(printable(entry.name), reason))
    return files, skipped


def _unreadable(path: Path, inside: Path) -> str | None:
    """Why `path` must not be read, or None for a regular file within the folder."""
    try:
        status = path.lstat()
        if stat.S_ISLNK(status.st_mode):
            try:
                target = path.resolve(strict=True)
            except RuntimeError:
                return "symlink loop"
            except OSError:
                return "broken symlink"
            if not target.is_relative_to(inside):
                return "symlink to a file outside the corpus folder"
            status = target.stat()
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    return not_a_file(status)


def not_a_file(status: os.stat_result) -> str | None:
    """Why an entry with this stat result is not read as an article (None for a regular file).

    Decided from the stat result alone, before anything is opened: opening a FIFO blocks, a device
    such as /dev/zero never ends, and a socket cannot be read as a file at all."""
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    if not stat.S_ISREG(mode):
        return "not a regular file"
    return None
