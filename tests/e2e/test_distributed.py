"""The Dask path (`--engine dask`) on a local cluster of two worker processes: the same tables as one process."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from russia_taliban.build import tables as table_cache
from russia_taliban.errors import CorpusError
from russia_taliban.load.corpus import load_corpus
from russia_taliban.tag.distributed import TABLES, Engine, tag_to_folder, using
from russia_taliban.tag.lexicon import load_lexicon
from russia_taliban.tag.tables import Tables, build_tables

from ..conftest import ROOT, SEEDS

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, one thread each: the shape of a real cluster, on this machine."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR) as local:  # fmt: skip
        yield local


@pytest.fixture(scope="module")
def engine(cluster) -> Engine:
    return Engine("dask", scheduler=cluster.scheduler_address, partition=2)  # several partitions per worker


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds with their metadata file, an exact duplicate (skipped), an article of chrome only, a non-article."""
    folder = tmp_path_factory.mktemp("corpus") / "articles"
    shutil.copytree(SEEDS, folder)
    first = sorted(folder.glob("*.txt"))[0]
    shutil.copy(first, folder / "zz_copy_of_first.txt")
    (folder / "zz_short.txt").write_text("Share this article\n\nNo comments:\n", encoding="utf-8")
    (folder / "notes.md").write_text("not an article\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def single(corpus: Path):
    loaded = load_corpus(corpus)
    return build_tables(loaded, load_lexicon(None)), loaded


def _read(path: Path) -> pd.DataFrame:
    frame = pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path, keep_default_na=False)
    return frame.reset_index(drop=True)


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_dask_tables_equal_the_single_process_tables(corpus, single, engine, tmp_path: Path, fmt: str) -> None:
    expected, loaded = single
    result = tag_to_folder(corpus, load_lexicon(None), tmp_path / "dask", fmt=fmt, engine=engine)
    assert result.articles == [a.source_file for a in loaded.articles]
    assert result.skipped == loaded.skipped and any("duplicate of" in s.reason for s in result.skipped)
    assert result.warnings == [w for a in loaded.articles for w in a.warnings]
    assert result.rows == {name: len(getattr(expected, name)) for name in TABLES}
    expected.write(tmp_path / "one", fmt=fmt)
    for name in TABLES:
        want = _read(tmp_path / "one" / f"{name}.{fmt}")
        assert len(want) > 0
        pd.testing.assert_frame_equal(_read(tmp_path / "dask" / f"{name}.{fmt}"), want)
    assert (tmp_path / "dask" / "lexicon.json").read_bytes() == (tmp_path / "one" / "lexicon.json").read_bytes()


def test_a_bad_article_stops_the_run_with_its_one_line_error(engine, tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    shutil.copytree(SEEDS, folder)
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary" * 100)
    with pytest.raises(CorpusError, match=r"broken\.txt.*binary"):
        tag_to_folder(folder, load_lexicon(None), tmp_path / "out", engine=engine)


def test_build_tables_stage_on_dask_writes_what_the_local_stage_writes(engine, tmp_path: Path) -> None:
    lexicon = load_lexicon(None)
    lines: list[str] = []
    local, local_report = table_cache.tables(SEEDS, lexicon, tmp_path / "local", "k", lines.append)
    with using(engine):
        dask, dask_report = table_cache.tables(SEEDS, lexicon, tmp_path / "dask", "k", lines.append)
    assert dask_report == local_report
    assert any("Dask cluster" in line for line in lines)
    ours, theirs = Tables.read(dask), Tables.read(local)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(ours, name), getattr(theirs, name))


def test_export_engine_dask_on_the_command_line_writes_the_same_files(tmp_path: Path) -> None:
    runs = {}
    for engine in ("local", "dask"):
        out = tmp_path / engine
        done = subprocess.run([sys.executable, "-m", "russia_taliban", "export", str(out), "--corpus", str(SEEDS),
                               "--engine", engine, "--workers", "2"], cwd=ROOT, capture_output=True, text=True, check=False)  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
        runs[engine] = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    assert runs["dask"] == runs["local"] and len(runs["local"]) == len(TABLES) + 1


def test_export_engine_dask_with_an_unreachable_scheduler_is_one_line_exit_2(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "russia_taliban", "export", str(tmp_path / "out"), "--corpus", str(SEEDS),
                           "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"], cwd=ROOT, capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Dask scheduler" in done.stderr and "Traceback" not in done.stderr
