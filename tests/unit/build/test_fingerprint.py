"""Content hashes of a build's inputs: what changes them and what does not."""

import hashlib
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from russia_taliban.build import fingerprint as fp


def test_sha256_file_is_the_hash_of_its_bytes_across_read_blocks(tmp_path: Path) -> None:
    data = b"x" * ((1 << 20) + 7)  # more than one read block
    (tmp_path / "f").write_bytes(data)
    assert fp.sha256_file(tmp_path / "f") == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        (({"a": 1, "b": 2},), ({"b": 2, "a": 1},), True),  # key order does not matter
        ((1, 2), (2, 1), False),  # part order does
        (("é",), ("é",), True),
        ((Path("a"),), ("a",), True),  # non-JSON values hash by their str()
        (("a",), ("b",), False),
    ],
)
def test_digest_is_stable_and_short(left, right, same) -> None:
    assert len(fp.digest(*left)) == 20
    assert (fp.digest(*left) == fp.digest(*right)) is same


def test_corpus_files_hash_visible_files_only(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes(b"two")
    (tmp_path / "a.txt").write_bytes(b"one")
    (tmp_path / ".hidden").write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    files = fp.corpus_files(tmp_path)
    assert list(files) == ["a.txt", "b.txt"]
    assert files["a.txt"] == hashlib.sha256(b"one").hexdigest()


def _package(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "changes"),
    [
        ("mod.py", True),
        ("data/actors.yaml", True),
        ("templates/x.j2", True),
        ("data/themes.yaml", False),  # enters the keys per theme, not as code
        ("notes.md", False),  # not a code, data or template suffix
        ("__pycache__/mod.py", False),
    ],
)
def test_code_digest_follows_code_data_and_templates_but_not_the_theme_terms(
    tmp_path: Path, monkeypatch, edit, changes
) -> None:
    _package(tmp_path, {"mod.py": "x = 1", "data/actors.yaml": "a: 1", "data/themes.yaml": "t: 1",
                        "templates/x.j2": "{{ x }}", "notes.md": "n", "__pycache__/mod.py": "c"})  # fmt: skip
    monkeypatch.setattr(fp, "resources", SimpleNamespace(files=lambda _name: tmp_path))
    before = fp.code_digest()
    (tmp_path / edit).write_text("changed", encoding="utf-8")
    assert (fp.code_digest() != before) is changes
    assert len(before) == 20


def test_code_digest_names_the_files_it_hashes(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(fp, "resources", SimpleNamespace(files=lambda _name: tmp_path))
    _package(tmp_path, {"a.py": "x"})
    before = fp.code_digest()
    (tmp_path / "a.py").rename(tmp_path / "b.py")  # same bytes, another module
    assert fp.code_digest() != before


def _notebook(path: Path, cells: list[dict], kernel: str = "python3") -> Path:
    path.write_text(json.dumps({"cells": cells, "metadata": {"kernelspec": {"name": kernel}}}), encoding="utf-8")
    return path


CELL = {"cell_type": "code", "source": ["x = 1\n", "x"], "metadata": {"tags": ["parameters"]}, "outputs": []}


@pytest.mark.parametrize(
    ("other", "kernel", "same"),
    [
        ({**CELL, "outputs": [{"output_type": "stream", "text": "1"}], "execution_count": 3}, "python3", True),
        ({**CELL, "source": "x = 1\nx"}, "python3", True),  # a string source is the joined list
        ({**CELL, "metadata": {"tags": ["parameters"], "collapsed": True}}, "python3", True),
        ({**CELL, "metadata": {"tags": []}}, "python3", False),
        ({**CELL, "source": "x = 2\nx"}, "python3", False),
        ({**CELL, "cell_type": "markdown"}, "python3", False),
        (CELL, "ir", False),
    ],
)
def test_notebook_digest_reads_cells_and_kernel_not_outputs(tmp_path: Path, other, kernel, same) -> None:
    a = fp.notebook_digest(_notebook(tmp_path / "a.ipynb", [CELL]))
    b = fp.notebook_digest(_notebook(tmp_path / "b.ipynb", [other], kernel))
    assert (a == b) is same


def test_versions_name_every_package_and_blank_for_missing_ones(monkeypatch) -> None:
    monkeypatch.setattr(fp, "PACKAGES", ("pyyaml", "no-such-package-rt"))
    found = fp.versions()
    assert list(found) == ["pyyaml", "no-such-package-rt"]
    assert found["pyyaml"].split(".")[0].isdigit()
    assert found["no-such-package-rt"] == ""
