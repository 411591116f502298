import os
from pathlib import Path

import pytest

from russia_taliban.cli import main
from russia_taliban.load.corpus import load_corpus

ARTICLE = (
    "Moscow and Kabul\n\nRussia’s envoy met Taliban officials in Kabul to discuss trade, security and recognition.\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda root, out: (out / "secret.txt").write_text("x") and os.symlink(out / "secret.txt", root / "leak.txt"),
         "symlink to a file outside the corpus folder"),
        (lambda root, out: os.symlink(root / "loop.txt", root / "loop.txt"), "symlink loop"),
        (lambda root, out: os.symlink(root / "missing.txt", root / "gone.txt"), "broken symlink"),
        (lambda root, out: os.mkfifo(root / "pipe.txt"), "a FIFO (named pipe), not a file"),
    ],
)  # fmt: skip
def test_entries_that_are_not_files_in_the_folder_are_listed_never_read(folder: Path, make, reason: str) -> None:
    make(folder, folder.parent)
    corpus = load_corpus(folder)
    assert [a.source_file for a in corpus.articles] == ["a.txt"]
    assert reason in [s.reason for s in corpus.skipped]


def test_symlink_to_a_file_inside_the_folder_is_read(folder: Path) -> None:
    (folder / "b.txt").write_text(ARTICLE.replace("trade", "wheat"), encoding="utf-8")
    os.symlink(folder / "b.txt", folder / "c.txt")
    corpus = load_corpus(folder)
    assert [a.source_file for a in corpus.articles] == ["a.txt", "b.txt"]  # c.txt: the same bytes as b.txt
    assert [(s.file, s.reason) for s in corpus.skipped] == [("c.txt", "duplicate of b.txt")]


def test_terminal_escapes_and_bidi_in_file_names_are_printed_escaped(folder: Path, capsys) -> None:
    (folder / "\x1b[31mred\u202etxt.doc").write_text("x")
    assert main(["corpus", "--corpus", str(folder)]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err
    assert "\\x1b[31mred\\u202etxt.doc" in err
