"""Compiled Hyperscan databases kept on disk: compiling a lexicon takes seconds, loading one a millisecond.

A file is named by a hash of everything the database depends on (patterns, ids, flags, mode, the
Hyperscan version and the CPU architecture), so an edited lexicon compiles afresh; a damaged file or
one built for another CPU is recompiled. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import os
import platform
from pathlib import Path

import hyperscan


def short_hash(data: bytes | str, length: int = 16) -> str:
    """The project's one short hash: the first `length` hex digits of SHA-256."""
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()[:length]


def cache_folder() -> Path:
    """Where compiled pattern databases are kept: $RUSSIA_TALIBAN_CACHE, else the user's cache folder."""
    own = os.environ.get("RUSSIA_TALIBAN_CACHE")
    return Path(own) if own else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "russia-taliban"


def cache_file(expressions: list[bytes], ids: list[int], flags: list[int]) -> Path:
    key = repr((hyperscan.__version__, platform.machine(), expressions, ids, flags))
    return cache_folder() / "hyperscan" / f"{short_hash(key, 32)}.db"


def loads(serialised: bytes) -> hyperscan.Database:
    """A database from `hyperscan.dumpb` bytes, with its scratch space, ready to scan."""
    db = hyperscan.loadb(serialised, hyperscan.HS_MODE_BLOCK)
    db.scratch = hyperscan.Scratch(db)
    return db


def read(path: Path) -> hyperscan.Database | None:
    try:
        return loads(path.read_bytes())
    except (OSError, hyperscan.error):  # not there, or damaged, or built for another CPU: compile
        return None


def write(path: Path, db: hyperscan.Database) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.write_bytes(hyperscan.dumpb(db))
        os.replace(partial, path)  # atomic: a concurrent reader sees the whole file or none
    except OSError:
        pass  # a read-only cache only costs the compile next time
