"""The tables cache of an output folder: where a key's tables live, what is kept, what loading reports."""

import json
from pathlib import Path
from types import SimpleNamespace

from russia_taliban.build import tables as cache


def test_corpus_lines_list_skipped_files_then_warnings_in_order() -> None:
    corpus = SimpleNamespace(
        skipped=[SimpleNamespace(file="x.docx", reason="not an article format")],
        articles=[SimpleNamespace(warnings=["a.txt: no date"]), SimpleNamespace(warnings=[]),
                  SimpleNamespace(warnings=["c.txt: no author", "c.txt: guessed outlet"])],
    )  # fmt: skip
    assert cache.corpus_lines(corpus) == [
        "skipped x.docx: not an article format",
        "warning: a.txt: no date",
        "warning: c.txt: no author",
        "warning: c.txt: guessed outlet",
    ]


def test_corpus_lines_are_empty_for_a_clean_corpus() -> None:
    assert cache.corpus_lines(SimpleNamespace(skipped=[], articles=[SimpleNamespace(warnings=[])])) == []


def test_folder_for_a_key_is_under_the_hidden_cache(tmp_path: Path) -> None:
    assert cache.folder_for(tmp_path, "abc") == tmp_path / ".cache" / "tables-abc"


def test_tables_with_a_complete_folder_are_read_back_without_loading(tmp_path: Path) -> None:
    folder = cache.folder_for(tmp_path, "k1")
    folder.mkdir(parents=True)
    report = {"articles": ["a.txt"], "skipped": [], "warnings": []}
    (folder / "corpus.json").write_text(json.dumps(report), encoding="utf-8")
    said: list[str] = []
    # a corpus folder that does not exist: any attempt to load it would fail
    assert cache.tables(tmp_path / "missing", None, tmp_path, "k1", said.append) == (folder, report)
    assert said == []


def test_keep_only_removes_unnamed_and_partial_tables_and_leaves_other_files(tmp_path: Path) -> None:
    root = tmp_path / ".cache"
    for name in ["tables-keep", "tables-old", "tables-keep.4242", "other"]:
        (root / name).mkdir(parents=True)
    (root / "tables-file").write_text("not a folder", encoding="utf-8")
    cache.keep_only(tmp_path, {"keep"})
    assert sorted(p.name for p in root.iterdir()) == ["other", "tables-file", "tables-keep"]


def test_keep_only_without_a_cache_does_nothing(tmp_path: Path) -> None:
    cache.keep_only(tmp_path, set())
    assert list(tmp_path.iterdir()) == []
