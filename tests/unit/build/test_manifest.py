"""The manifest lists exactly the files beside it; a file that no longer matches its hash is not intact."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from russia_taliban.build import manifest


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "themes").mkdir()
    (tmp_path / "report.html").write_text("report")
    (tmp_path / "themes" / "a.html").write_text("a")
    (tmp_path / "manifest.json").write_text("{}")
    return tmp_path


def test_file_hashes_cover_every_file_but_the_manifest(folder: Path) -> None:
    hashes = manifest.file_hashes(folder)
    assert hashes == {
        rel: hashlib.sha256((folder / rel).read_bytes()).hexdigest() for rel in ["report.html", "themes/a.html"]
    }


@pytest.mark.parametrize(
    ("change", "intact"),
    [
        (lambda f: None, True),
        (lambda f: (f / "report.html").write_text("edited"), False),
        (lambda f: (f / "report.html").write_text(""), False),
        (lambda f: (f / "report.html").unlink(), False),
    ],
)
def test_published_file_counts_only_while_it_matches_its_hash(folder: Path, change, intact: bool) -> None:
    manifest.write({"files": manifest.file_hashes(folder)}, folder / "manifest.json")
    change(folder)
    assert manifest.Published(folder).intact("report.html") is intact
    assert manifest.Published(folder).intact("themes/a.html")


def test_a_file_the_manifest_does_not_list_is_not_intact(folder: Path) -> None:
    manifest.write({"files": {}}, folder / "manifest.json")
    assert not manifest.Published(folder).intact("report.html")
    assert not manifest.Published(None).intact("report.html")
