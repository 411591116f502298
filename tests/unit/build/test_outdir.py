"""The output folder guard: only new, empty or marked folders are written; nothing else is touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from russia_taliban import config
from russia_taliban.build import outdir
from russia_taliban.errors import BuildLockedError, OutputFolderError


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
