"""All-or-nothing publishing: every build becomes a complete generation, switched in by one rename.

The output folder holds its generations in `.generations/<id>/` and a symlink `.current` naming the
published one; each entry of a generation (`report.html`, `manifest.json`, `themes/`, `executed/` ...)
is a fixed link `name -> .current/name`. A build writes its new files into a staging generation, links in the
unchanged files of the published one, writes the manifest of exactly those files, and then replaces
`.current` with one `rename(2)`: readers see the old reports or the new ones, never a mix, whatever
signal arrives when. Leftovers of a killed build are removed by the next one (under the lock).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

GENERATIONS = ".generations"
CURRENT = ".current"
_GENERATION = re.compile(r"[0-9a-f]+-\d+(\.staging)?")
FAULT_ENV = "RUSSIA_TALIBAN_FAULT"  # tests: kill the build at a named point (see `fault`)


def fault(point: str) -> None:
    """Die here, as `kill -9` would, if the tests asked for it: deterministic interrupts."""
    if os.environ.get(FAULT_ENV) == point:
        os.kill(os.getpid(), signal.SIGKILL)


def current(out: Path) -> Path | None:
    """The published generation, if any."""
    link = out / CURRENT
    return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None


def clean_leftovers(out: Path) -> None:
    """Remove what a killed build left: staging folders, unpublished generations, half-made links."""
    keep = current(out)
    for path in (out / GENERATIONS).glob("*"):
        if _GENERATION.fullmatch(path.name) and path.resolve() != keep:
            shutil.rmtree(path, ignore_errors=True)
    for path in out.glob("*.tmp-*"):
        if path.is_symlink():  # a link made for publishing, never a user's file
            path.unlink()


@contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A fresh generation folder to build into; removed unless it was published."""
    stage = out / GENERATIONS / f"{time.time_ns():x}-{os.getpid()}.staging"
    stage.mkdir(parents=True)
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def carry_over(stage: Path, out: Path) -> None:
    """Link the published generation's files that this build did not remake into the staging one.

    Hard links cost nothing and leave the published files untouched (every new file was written
    under a new name, never into an existing one); a file system without them gets copies.
    """
    old = current(out)
    if old is None:
        return
    for path in old.rglob("*"):
        rel = path.relative_to(old)
        target = stage / rel
        if path.is_dir() or target.exists() or rel.as_posix() == "manifest.json":
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)


def link_entries(generation: Path, out: Path) -> None:
    """The fixed links `name -> .current/name` for each entry of a generation (report.html, themes/ ...),
    made where missing (a first build, a new format, or `rm reports/*`)."""
    for name in sorted(p.name for p in generation.iterdir()):
        link = out / name
        if not link.is_symlink():
            made = out / f"{name}.tmp-{os.getpid()}"
            made.unlink(missing_ok=True)
            os.symlink(f"{CURRENT}/{name}", made)
            os.replace(made, link)  # a plain file of that name in the tool's folder is replaced, a folder refused


def publish(stage: Path, out: Path) -> Path:
    """Make the complete staging generation the published one, atomically; return its folder."""
    generation = stage.with_name(stage.name.removesuffix(".staging"))
    stage.rename(generation)
    link_entries(generation, out)
    fault("before-swap")
    tmp = out / f"{CURRENT}.tmp-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    os.symlink(f"{GENERATIONS}/{generation.name}", tmp)
    os.replace(tmp, out / CURRENT)  # the one step that publishes
    fault("after-swap")
    clean_leftovers(out)
    return generation


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM unwinds like Ctrl-C, so staging is removed and the lock released."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (a notebook or a test calling build)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
