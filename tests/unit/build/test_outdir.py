"""The output folder guard: only new, empty or marked folders are written; nothing else is touched."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from russia_taliban import config
from russia_taliban.build import outdir
from russia_taliban.build.pipeline import BuildOptions, build
from russia_taliban.errors import BuildLockedError, OutputFolderError

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def user_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("the user's own file")
    return folder


def readme_and_user_file(tmp_path: Path) -> Path:
    folder = user_folder(tmp_path)
    (folder / "README.md").write_text("a placeholder beside a real file")
    return folder


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda t: Path("/"), "file-system root"),
        (lambda t: Path.home().resolve(), "home folder"),
        (lambda t: t / "corpus", "is the corpus folder or holds it"),
        (lambda t: t, "is the corpus folder or holds it"),  # a parent of the corpus
        (user_folder, "not empty and was not made by russia-taliban build"),
        (readme_and_user_file, "not empty and was not made by russia-taliban build"),
        (lambda t: (t / "a-file").write_text("x") and t / "a-file", "is a file, not a folder"),
    ],
)
def test_unsafe_output_folders_are_refused(tmp_path: Path, make, message: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    out = make(tmp_path)
    with pytest.raises(OutputFolderError, match=message) as info:
        outdir.check(out, corpus)
    assert info.value.exit_code == 2 and "\n" not in info.value.line()


@pytest.mark.parametrize("state", ["new", "empty", "placeholders", "marked"])
def test_new_empty_and_marked_folders_are_accepted(tmp_path: Path, state: str) -> None:
    out = tmp_path / "reports"
    if state != "new":
        out.mkdir()
    if state == "placeholders":
        (out / "README.md").write_text("reports are generated here")
        (out / ".gitkeep").write_text("")
    if state == "marked":
        outdir.claim(out)
        (out / "report.html").write_text("an earlier build's")
    outdir.check(out, tmp_path / "corpus")
    outdir.claim(out)
    assert outdir.is_marked(out)


def test_a_marker_file_with_other_content_does_not_count(tmp_path: Path) -> None:
    out = user_folder(tmp_path)
    (out / config.OUTPUT_MARKER).write_text("something else")
    assert not outdir.is_marked(out)
    with pytest.raises(OutputFolderError):
        outdir.check(out, tmp_path / "corpus")


def test_refusal_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    out = user_folder(tmp_path)
    with pytest.raises(OutputFolderError):
        outdir.check(out, tmp_path / "corpus")
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_a_second_lock_on_one_folder_is_refused(tmp_path: Path) -> None:
    with (
        outdir.locked(tmp_path),
        pytest.raises(BuildLockedError, match="another build is writing"),
        outdir.locked(tmp_path),
    ):
        pass
    with outdir.locked(tmp_path):  # released
        pass


@pytest.mark.parametrize(
    ("code", "reason", "fix"),
    [
        (errno.EROFS, "Read-only file system", "the file system is read-only: choose a --output on a writable one"),
        (errno.EACCES, "Permission denied", "give yourself write permission there, or choose a --output you can write"),
        (errno.EPERM, "Operation not permitted", "give yourself write permission there"),
        (errno.ENOSPC, "No space left on device", "free some space (or raise the quota) or choose another --output"),
        (errno.EDQUOT, "Disk quota exceeded", "free some space"),
        (errno.EFBIG, "File too large", "free some space"),
    ],
)
def test_an_unwritable_output_folder_gets_the_fix_for_its_cause(
    tmp_path: Path, monkeypatch, code: int, reason: str, fix: str
) -> None:
    # As root, chmod cannot make a folder read-only, so the error is injected where the build first
    # writes under its lock (the lock file); the marker was written, so the folder is the build's.
    real_open = Path.open

    def refusing_open(self: Path, *args, **kwargs):
        if self.name == ".lock":
            raise OSError(code, os.strerror(code), str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    out = tmp_path / "reports"
    with pytest.raises(OutputFolderError) as info:
        build(BuildOptions(corpus=SEEDS, output=out, themes=("economics",)), progress=lambda _: None)
    line = info.value.line()
    assert info.value.exit_code == 2 and "\n" not in line
    assert f"{out / '.lock'}: cannot write the reports: {reason}" in line
    assert fix in line and line.endswith("the previous reports are unchanged")
    assert ("free some space" in line) == (code in {errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


@pytest.mark.parametrize(
    ("code", "space"), [(errno.EROFS, False), (errno.EACCES, False), (errno.ENOSPC, True), (errno.EIO, False)]
)
def test_the_export_fix_names_a_folder_and_offers_space_only_when_it_ran_out(code: int, space: bool) -> None:
    fix = outdir.unwritable_fix(code, what="tables", target="folder")
    assert "--output" not in fix and "folder" in fix and fix.endswith("the previous tables are unchanged")
    assert ("free some space" in fix) is space
