"""Edge cases through the real CLI: a 10,000-article corpus, unbroken tokens, the build lock, clean stderr."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from .test_outputs import cli

pytestmark = pytest.mark.slow
THEMES = ["security", "economics", "diplomacy", "humanitarian"]
#: One sentence per theme; article i states theme i % 4, so every theme's count is known in advance.
STATEMENTS = [
    "Russia's envoy met Taliban officials in Kabul to discuss border security and terrorism threats from ISIS-K.",
    "Moscow signed a wheat and fuel trade deal with the Taliban government, easing sanctions on exports.",
    "The Kremlin hosted Taliban diplomats for talks on recognition and an embassy in Moscow.",
    "Aid agencies warned of famine and refugees as Russia sent humanitarian relief flights to Kabul.",
]


def small_articles(root: Path, n: int) -> Path:
    """`n` distinct four-paragraph articles (title, byline, a dated statement, a dated follow-up)."""
    root.mkdir(parents=True)
    for i in range(n):
        month, day = 1 + i % 12, 1 + i % 28
        (root / f"a{i:05d}.txt").write_text(
            f"Report {i} on Russia and the Taliban\n\nBy Jane Doe\n\n"
            f"On {day} March 2023, in note {i}: {STATEMENTS[i % 4]}\n\n"
            f"Officials said on {2022 + i % 3}-{month:02d}-{day:02d} that talks number {i} would continue.\n",
            encoding="utf-8",
        )
    return root


def test_a_ten_thousand_article_corpus_exports_every_row(tmp_path: Path) -> None:
    # `export`, not `build`: on two cores export takes about 10 s, an HTML build about 41 s (measured).
    n = 10_000
    corpus = small_articles(tmp_path / "corpus", n)
    done = cli("export", str(tmp_path / "tables"), "--corpus", str(corpus))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "skipped" not in done.stderr
    articles = pd.read_csv(tmp_path / "tables" / "articles.csv")
    paragraphs = pd.read_csv(tmp_path / "tables" / "paragraphs.csv")
    assert len(articles) == n and articles["article_id"].is_unique
    assert sorted(articles["source_file"]) == sorted(p.name for p in corpus.iterdir())
    assert len(paragraphs) == 4 * n and (paragraphs.groupby("article_id").size() == 4).all()
    assert (paragraphs["kind"] == "title").sum() == n
    statements = paragraphs[paragraphs["text"].str.contains(", in note ", regex=False)]
    assert len(statements) == n
    which = statements["article_id"].str[1:].astype(int) % 4
    for k, theme in enumerate(THEMES):  # each theme tags exactly the statements written about it
        assert statements.loc[statements[theme].astype(bool), "article_id"].tolist() == (
            statements.loc[which == k, "article_id"].tolist()
        ), theme
    events = pd.read_csv(tmp_path / "tables" / "events.csv")
    assert events["article_id"].nunique() == n
