"""Shared fixtures: the seed corpus loaded once, and a helper that writes small article folders."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from russia_taliban.load.corpus import Corpus, load_corpus

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session", autouse=True)
def _pattern_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Compiled pattern databases go to a folder of this test session, not the user's cache."""
    os.environ["RUSSIA_TALIBAN_CACHE"] = str(tmp_path_factory.mktemp("pattern-cache"))


@pytest.fixture(scope="session")
def seeds() -> Corpus:
    return load_corpus(SEEDS)


@pytest.fixture
def write_corpus(tmp_path: Path) -> Callable[..., Path]:
    """Write {name: text-or-bytes} into a fresh folder and return it."""

    def write(files: dict[str, str | bytes], folder: str = "corpus") -> Path:
        root = tmp_path / folder
        root.mkdir(exist_ok=True)
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (root / name).write_bytes(data)
        return root

    return write


def published(folder: Path) -> dict[str, str]:
    """SHA-256 of every file a reader sees in a reports folder (through its top-level names)."""
    import hashlib

    view = {}
    for top in sorted(folder.iterdir()):
        if top.name.startswith("."):
            continue
        for path in [top] if top.is_file() else sorted(top.rglob("*")):
            if path.is_file():
                view[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return view


def copy_reports(source: Path, target: Path) -> Path:
    """A private copy of a built reports folder (without its lock file) for a test to change."""
    shutil.copytree(source, target, symlinks=True, ignore=shutil.ignore_patterns(".lock"))  # links through .current
    return target


def paragraphs_frame(*texts: str, kind: str = "body") -> pd.DataFrame:
    """A paragraphs table of one article "a" with the given texts, for tagging tests."""
    return pd.DataFrame(
        {"article_id": "a", "paragraph_id": [f"a-{i}" for i in range(len(texts))], "kind": kind, "text": list(texts)}
    )
