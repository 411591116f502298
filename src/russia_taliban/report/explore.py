"""Exploring the corpus in JupyterLab: keyword in context."""

from __future__ import annotations

import pandas as pd

from ..load.corpus import Corpus
from ..load.kinds import CONTENT_KINDS
from ..tag.matcher import Matcher

KWIC_COLUMNS = ["article_id", "paragraph_id", "left", "match", "right"]


def kwic(corpus: Corpus | pd.DataFrame, term: str, window: int = 40) -> pd.DataFrame:
    """Every occurrence of `term` (lexicon syntax: "sanction*", "drug trafficking") with `window`
    characters of context on each side, from content paragraphs in reading order."""
    paragraphs = corpus.paragraphs_frame if isinstance(corpus, Corpus) else corpus
    matcher = Matcher([term])
    rows = []
    content = paragraphs[paragraphs.kind.isin(CONTENT_KINDS)]
    for article_id, paragraph_id, text in content[["article_id", "paragraph_id", "text"]].itertuples(index=False):
        for hit in matcher.scan(text):
            left = text[max(0, hit.start - window) : hit.start]
            right = text[hit.end : hit.end + window]
            rows.append((article_id, paragraph_id, left, text[hit.start : hit.end], right))
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)
