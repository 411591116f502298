"""The build's refusals and its one-line answer to a folder it cannot write, before any notebook runs."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from russia_taliban.build import outdir
from russia_taliban.build.pipeline import BuildOptions, build
from russia_taliban.errors import CorpusError, OutputFolderError

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.EROFS, "Read-only file system"),
        (errno.EACCES, "Permission denied"),
        (errno.ENOSPC, "No space left on device"),
    ],
)
def test_an_unwritable_output_folder_is_one_line(tmp_path: Path, monkeypatch, code: int, reason: str) -> None:
    def refuse(out: Path) -> None:
        raise OSError(code, "injected", str(out))

    monkeypatch.setattr(outdir, "claim", refuse)
    with pytest.raises(OutputFolderError) as info:
        build(
            BuildOptions(corpus=ROOT / "seeds", output=tmp_path / "r", themes=("economics",)), progress=lambda _: None
        )
    assert f"cannot write the reports: {reason}" in info.value.line() and info.value.exit_code == 2


def test_other_os_errors_are_not_disguised_as_an_unwritable_folder(tmp_path: Path, monkeypatch) -> None:
    def vanish(out: Path) -> None:
        raise FileNotFoundError(errno.ENOENT, "gone", str(out))

    monkeypatch.setattr(outdir, "claim", vanish)
    with pytest.raises(FileNotFoundError):
        build(
            BuildOptions(corpus=ROOT / "seeds", output=tmp_path / "r", themes=("economics",)), progress=lambda _: None
        )


def test_a_missing_corpus_is_refused_before_the_output_folder_is_made(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="corpus folder does not exist"):
        build(BuildOptions(corpus=tmp_path / "none", output=tmp_path / "r"), progress=lambda _: None)
    assert not (tmp_path / "r").exists()
