"""Defaults shared by the command line, the build and the loader, kept in one place."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_CORPUS = Path("seeds")  # the project's own articles, relative to where the command runs
DEFAULT_OUTPUT = Path("reports")
FORMATS = ("html", "pdf")  # what `--format all` renders
MAX_ARTICLE_BYTES = 20 * 1024 * 1024  # no article is this long; a larger file is a dump of many
OUTPUT_MARKER = ".russia-taliban-output"  # proves a folder is the build's own (see build/outdir.py)
#: Placeholders a version-controlled output folder keeps; a folder holding only these counts as empty.
OUTPUT_PLACEHOLDERS = frozenset({"README.md", ".gitkeep"})


def default_jobs() -> int:
    """Notebooks run at once: one per core."""
    return os.cpu_count() or 1
