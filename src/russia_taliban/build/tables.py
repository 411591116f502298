"""The tagged tables a build's notebooks read, cached in `.cache/tables-<key>/` of the output folder.

A folder is kept while any published executed notebook names it, so every executed notebook can be
re-run after later builds (a `--keywords` build, an edited lexicon) with the tables it was run on.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from .plan import Progress

if TYPE_CHECKING:  # pandas and the tagger load only when tables are made, not for a no-op build
    from ..load.corpus import Corpus
    from ..tag.lexicon import Lexicon

CACHE = ".cache"


def corpus_lines(corpus: Corpus) -> list[str]:
    """What loading left out or had to guess, one line each: skipped files, then warnings."""
    lines = [f"skipped {item.file}: {item.reason}" for item in corpus.skipped]
    return lines + [f"warning: {warning}" for article in corpus.articles for warning in article.warnings]


def folder_for(out: Path, key: str) -> Path:
    return out / CACHE / f"tables-{key}"


def tables(corpus_dir: Path, lexicon: Lexicon, out: Path, key: str, progress: Progress) -> tuple[Path, dict]:
    """Load and tag the corpus once per distinct input; return the folder and the corpus report."""
    folder = folder_for(out, key)
    report_path = folder / "corpus.json"
    if report_path.is_file():
        return folder, json.loads(report_path.read_text(encoding="utf-8"))
    from ..load.corpus import load_corpus
    from ..tag.distributed import current_engine, tag_to_folder
    from ..tag.tables import build_tables
    from ..tag.validate import validation

    partial = folder.with_name(folder.name + f".{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    if (engine := current_engine()).distributed:  # `--engine dask`: the same tables, tagged on a cluster
        result = tag_to_folder(corpus_dir, lexicon, partial, engine=engine, progress=progress)
        for line in result.lines():
            progress(line)
        report = result.report()
    else:
        corpus = load_corpus(corpus_dir)
        for line in corpus_lines(corpus):
            progress(line)
        progress(f"tagging {len(corpus)} article{'s' if len(corpus) != 1 else ''}")
        build_tables(corpus, lexicon).write(partial)
        report = {"articles": [a.source_file for a in corpus.articles], "skipped": [asdict(s) for s in corpus.skipped],
                  "warnings": [w for a in corpus.articles for w in a.warnings]}  # fmt: skip
    validation(lexicon).to_parquet(partial / "validation.parquet", index=False)  # tidy: validation_for widens it
    (partial / "corpus.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")  # last: complete
    shutil.rmtree(folder, ignore_errors=True)  # a damaged copy without its corpus.json
    partial.rename(folder)
    return folder, report


def keep_only(out: Path, keys: set[str]) -> None:
    """Remove cached tables no published notebook reads (and partial ones of killed builds)."""
    for path in (out / CACHE).glob("tables-*"):
        if path.is_dir() and path.name.removeprefix("tables-") not in keys:
            shutil.rmtree(path, ignore_errors=True)
