import json

import pandas as pd
import pytest

from russia_taliban.cli import main
from russia_taliban.report.explore import kwic
from tests.conftest import SEEDS

DESIGN = {
    "articles": ["article_id", "title", "author", "outlet", "published", "date_precision", "date_source", "source_file", "sha256", "encoding", "words", "format", "url"],
    "paragraphs": ["article_id", "paragraph_id", "position", "kind", "text", "duplicate_of"]
    + [c for t in ("security", "economics", "diplomacy", "humanitarian") for c in (t, f"{t}_score")],
    "mentions": ["article_id", "paragraph_id", "actor", "actor_type", "surface", "start", "end"],
    "events": ["article_id", "paragraph_id", "date", "date_precision", "actors", "text"],
    "quotes": ["article_id", "paragraph_id", "speaker", "quote"],
}  # fmt: skip


ADDED = {"mentions": ["in_gazetteer", "role"], "quotes": ["speaker_type", "speaker_role"]}  # after DESIGN's


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_writes_the_design_tables(tmp_path, fmt: str) -> None:
    assert main(["export", str(tmp_path), "--corpus", str(SEEDS), "--format", fmt]) == 0
    for name, columns in DESIGN.items():
        path = tmp_path / f"{name}.{fmt}"
        frame = pd.read_csv(path, keep_default_na=False) if fmt == "csv" else pd.read_parquet(path)
        assert list(frame.columns) == columns + ADDED.get(name, [])
        assert len(frame) > 0
    assert json.loads((tmp_path / "lexicon.json").read_text())["themes"]["security"]["threshold"] == 2.5


def test_kwic_shows_context(seeds) -> None:
    lines = kwic(seeds, "frozen assets", window=20)
    assert len(lines) >= 2
    assert all(m.lower() == "frozen assets" for m in lines.match)
    assert all(len(left) <= 20 for left in lines.left)
