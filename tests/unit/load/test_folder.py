import os
import socket
import stat
import tempfile
from pathlib import Path

import pytest

from russia_taliban.cli import main
from russia_taliban.load import folder as folder_module
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


def _stat(mode: int) -> os.stat_result:
    return os.stat_result((mode, 0, 0, 1, 0, 0, 0, 0, 0, 0))


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        (stat.S_IFREG | 0o644, None),
        (stat.S_IFCHR | 0o666, "a device, not a file"),
        (stat.S_IFBLK | 0o660, "a device, not a file"),
        (stat.S_IFIFO | 0o600, "a FIFO (named pipe), not a file"),
        (stat.S_IFSOCK | 0o755, "a socket, not a file"),
        (stat.S_IFDIR | 0o755, "a folder"),
        (0o644, "not a regular file"),  # no file type at all
    ],
)
def test_entries_are_classified_from_their_stat_result_alone(mode: int, reason: str | None) -> None:
    assert folder_module.not_a_file(_stat(mode)) == reason


def test_the_classifier_agrees_with_the_real_dev_null() -> None:
    assert folder_module.not_a_file(os.stat("/dev/null")) == "a device, not a file"


def _mknod_allowed() -> bool:
    probe = Path(tempfile.mkdtemp()) / "probe"
    try:
        os.mknod(probe, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except (PermissionError, OSError):
        return False
    finally:
        probe.unlink(missing_ok=True)
        probe.parent.rmdir()
    return True


@pytest.mark.skipif(not hasattr(os, "mknod") or not _mknod_allowed(), reason="mknod of a device is not permitted here")
@pytest.mark.parametrize("kind", [stat.S_IFCHR, stat.S_IFBLK], ids=["char", "block"])
def test_device_files_in_the_folder_are_listed_never_opened(folder: Path, kind: int, capsys) -> None:
    # (1, 3) is /dev/null: opened, it would read as an empty file and fail the load, not be listed
    os.mknod(folder / "null.txt", kind | 0o600, os.makedev(1, 3))
    os.symlink("null.txt", folder / "link.txt")  # a link inside the folder to the device
    corpus = load_corpus(folder)
    assert [a.source_file for a in corpus.articles] == ["a.txt"]
    assert [(s.file, s.reason) for s in corpus.skipped] == [
        ("link.txt", "a device, not a file"),
        ("null.txt", "a device, not a file"),
    ]
    assert main(["corpus", "--corpus", str(folder)]) == 0
    assert "skipped null.txt: a device, not a file" in capsys.readouterr().err


def test_a_symlink_to_a_device_outside_the_folder_is_listed_never_opened(folder: Path) -> None:
    os.symlink("/dev/null", folder / "devnull.txt")
    os.symlink("/dev/zero", folder / "zero.txt")  # read, this would never end
    corpus = load_corpus(folder)
    assert [a.source_file for a in corpus.articles] == ["a.txt"]
    assert {(s.file, s.reason) for s in corpus.skipped} == {
        ("devnull.txt", "symlink to a file outside the corpus folder"),
        ("zero.txt", "symlink to a file outside the corpus folder"),
    }


def test_a_socket_in_the_folder_is_listed_never_opened(tmp_path: Path) -> None:
    root = tmp_path / "c"  # a short path: a socket's address is limited to about 100 bytes
    root.mkdir()
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(root / "sock.txt"))
        corpus = load_corpus(root)
    assert [a.source_file for a in corpus.articles] == ["a.txt"]
    assert [(s.file, s.reason) for s in corpus.skipped] == [("sock.txt", "a socket, not a file")]
