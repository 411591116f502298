"""Keyword in context: every match of a lexicon term in content paragraphs, with its window."""

import pandas as pd
import pytest

from russia_taliban.report.explore import KWIC_COLUMNS, kwic


def _paragraphs(rows: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame({"article_id": "a", "paragraph_id": [f"a-{i}" for i in range(len(rows))],
                         "kind": [k for k, _ in rows], "text": [t for _, t in rows]})  # fmt: skip


PARAGRAPHS = _paragraphs([
    ("title", "Sanctions bite"),
    ("body", "The West imposed sanctions; Moscow ignored the sanctioned banks."),
    ("chrome", "Subscribe for sanctions news"),
    ("body", "Drug trafficking rose. drug  trafficking fell."),
])  # fmt: skip


@pytest.mark.parametrize(
    ("term", "matches"),
    [
        ("sanction*", [("a-0", "Sanctions"), ("a-1", "sanctions"), ("a-1", "sanctioned")]),  # chrome left out
        ("drug trafficking", [("a-3", "Drug trafficking"), ("a-3", "drug  trafficking")]),  # any spacing
        ("opium", []),
    ],
)
def test_kwic_finds_the_term_in_content_paragraphs_in_reading_order(term, matches) -> None:
    frame = kwic(PARAGRAPHS, term)
    assert list(frame.columns) == KWIC_COLUMNS
    assert list(zip(frame.paragraph_id, frame.match, strict=True)) == matches


def test_kwic_context_is_the_window_either_side() -> None:
    [row] = kwic(_paragraphs([("body", "0123456789 opium 0123456789")]), "opium", window=4).itertuples()
    assert (row.left, row.match, row.right) == ("789 ", "opium", " 012")


def test_kwic_window_stops_at_the_paragraph_edges() -> None:
    [row] = kwic(_paragraphs([("body", "opium")]), "opium", window=40).itertuples()
    assert (row.left, row.right) == ("", "")
