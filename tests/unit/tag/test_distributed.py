"""The driver's side of the Dask path, without a cluster: which files are kept, how parts are joined."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from russia_taliban.errors import CorpusError, UserError
from russia_taliban.load.folder import Skipped
from russia_taliban.tag import distributed
from russia_taliban.tag.distributed import Engine, current_engine, using


def test_exact_duplicates_are_skipped_naming_the_first_copy() -> None:
    files = [Path("a.txt"), Path("b.txt"), Path("c.txt")]
    skipped: list[Skipped] = []
    kept = distributed._kept(files, ["h1", "h2", "h1"], skipped)
    assert kept == files[:2] and skipped == [Skipped("c.txt", "duplicate of a.txt")]


def test_two_files_with_one_article_id_are_refused() -> None:
    with pytest.raises(CorpusError, match=r"also the id of a b\.txt"):
        distributed._kept([Path("a b.txt"), Path("a_b.txt")], ["h1", "h2"], [])


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([["x", "y"], ["z"]], ["x", "y", "z"]),  # string parts
        ([[None, None], ["z"]], [None, None, "z"]),  # a part whose column is all null (no type) joins a typed one
    ],
)
def test_parquet_parts_join_in_order_into_one_table(tmp_path: Path, parts: list, expected: list) -> None:
    paths = []
    for i, values in enumerate(parts):
        path = tmp_path / f"part-{i:05d}.parquet"
        pd.DataFrame({"v": pd.Series(values, dtype=object), "n": range(len(values))}).to_parquet(path, index=False)
        paths.append(path)
    distributed._join_parquet(paths, tmp_path / "joined.parquet")
    joined = pd.read_parquet(tmp_path / "joined.parquet")
    assert [None if pd.isna(v) else v for v in joined.v] == expected and joined.n.tolist() == [
        n for values in parts for n in range(len(values))
    ]


def test_csv_parts_join_with_one_header(tmp_path: Path) -> None:
    staging = tmp_path / ".parts"
    for i, frame in enumerate([pd.DataFrame({"a": [1, 2]}), pd.DataFrame({"a": []}), pd.DataFrame({"a": [3]})]):
        for name in distributed.TABLES:
            (staging / name).mkdir(parents=True, exist_ok=True)
            frame.to_csv(staging / name / f"part-{i:05d}.csv", index=False)
    rows = [{name: n for name in distributed.TABLES} for n in (2, 0, 1)]
    distributed._assemble(staging, tmp_path, "csv", rows)
    assert (tmp_path / "quotes.csv").read_text() == "a\n1\n2\n3\n" and not staging.exists()


def test_the_engine_is_local_unless_the_command_line_chose_dask() -> None:
    assert not current_engine().distributed
    with using(Engine("dask", workers=2)) as engine:
        assert current_engine() is engine and current_engine().distributed
    assert not current_engine().distributed


def test_dask_missing_is_one_line_naming_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    with pytest.raises(UserError, match=r"russia-taliban\[scale\]"), distributed._client(Engine("dask")):
        pass
