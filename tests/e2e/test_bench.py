"""A smoke run of the benchmark code on a few dozen articles, so `make bench` keeps working."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpora import synthetic_corpus
from russia_taliban.load.corpus import load_corpus

from ..conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow


def test_synthetic_corpus_is_deterministic_and_loads(tmp_path: Path) -> None:
    a = synthetic_corpus(tmp_path / "a", 12, seeds=SEEDS, seed=3)
    b = synthetic_corpus(tmp_path / "b", 12, seeds=SEEDS, seed=3)
    assert [p.read_bytes() for p in sorted(a.glob("*.txt"))] == [p.read_bytes() for p in sorted(b.glob("*.txt"))]
    corpus = load_corpus(a)
    assert len(corpus) == 12 and all(x.title and x.author and x.published for x in corpus.articles)


def test_benchmark_smoke_run_writes_results(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    done = subprocess.run([sys.executable, "benchmarks/run.py", "--sizes", "30,60", "--quick", "--work", str(tmp_path / "work"),
                           "--output", str(out), "--naive-articles", "10"], cwd=ROOT, capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(out.read_text())
    assert {(t["articles"], t["workers"]) for t in results["tagging"]} >= {(30, 1), (60, 1)}
    assert all(t["mb_per_s"] > 0 and t["cpu_s"] > 0 and t["paragraphs"] > 0 for t in results["tagging"])
    # memory is the whole tree's: with workers, more than one process, and PSS never above RSS
    for t in results["tagging"]:
        assert (
            0 < t["peak_tree_pss_mb"] <= t["peak_tree_rss_mb"]
            and t["peak_largest_process_rss_mb"] <= t["peak_tree_rss_mb"]
        )
        assert t["processes"] > 1 if t["workers"] > 1 else t["processes"] == 1
    summary = results["tagging_summary"]
    assert set(summary["one_core_mb_per_s"]) == {"30", "60"} and summary["peak_memory_at_largest"]["articles"] == 60
    shares = results["profile"]["shares"]  # where one core's time goes, every step measured, adding up to the whole
    assert {"themes", "actors", "quotes", "split paragraphs"} <= set(shares) and abs(sum(shares.values()) - 1) < 0.01
    assert results["dask"]["articles"] == 30 and results["dask"]["paragraphs"] > 0 and results["dask"]["processes"] > 2
    matching = results["matching"]
    assert matching["themes_mb_per_s"] > matching["naive_themes_mb_per_s"] > 0
    assert (
        matching["tag_themes_mb_per_s"] > 0 and matching["find_mentions_mb_per_s"] > 0 and matching["hits_per_mb"] > 0
    )
