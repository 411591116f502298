"""Paragraph-level theme tagging with evidence, on all of a corpus's hits at once.

The rule (documented in data/themes.yaml): a paragraph's score for a theme is the sum of its matched
terms' weights, each distinct term counted at most twice, after exclusions and leftmost-longest; it
carries the theme when the score reaches the theme's threshold (its short threshold under
`Lexicon.short_words` words). Lexicons are read and checked in `lexicon`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..load.kinds import CONTENT_KINDS
from ..text.words import fewer_words
from .hits import located, longest_first_mask, run_starts
from .lexicon import Lexicon, Term

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

EVIDENCE_COLUMNS = ["article_id", "paragraph_id", "theme", "term", "surface", "start", "end", "weight"]
MAX_COUNTED_REPEATS = 2  # a term repeated in one paragraph counts at most this often
SCAN_BATCH = 2000  # paragraphs per Hyperscan call


def tag_themes(paragraphs: pd.DataFrame, lexicon: Lexicon) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Theme tags (T, T_score per theme) for each paragraph, and the evidence hits behind them.

    Only content paragraphs (title, standfirst, heading, body) are tagged; pull-quote repeats,
    bylines, datelines and boilerplate get 0, so a repeated sentence counts once. The rule (see
    data/themes.yaml) is applied to all hits at once, as arrays: a corpus has millions of hits.
    """
    import numpy as np
    import pandas as pd  # here, not at module level: a no-op build reads lexicons without pandas

    matcher, owners = lexicon.compiled()
    names = lexicon.names
    rules = _Rules(lexicon, owners)
    texts = paragraphs["text"].tolist()
    content = np.flatnonzero(paragraphs["kind"].isin(CONTENT_KINDS).to_numpy())
    row, key, start, end = matcher.scan_rows(texts, content, SCAN_BATCH)  # ordered by paragraph, then start

    excluded = rules.excluded[key]
    if excluded.any():
        keep = ~(excluded | _blocked(row, rules.theme[key], start, end, excluded))
        row, key, start, end = row[keep], key[keep], start[keep], end[keep]
    theme, weight = rules.theme[key], rules.weight[key]
    # Within a paragraph and theme: leftmost-longest, the heavier term first where two spans tie.
    order = np.lexsort((key, -weight, start - end, start, theme, row))
    row, key, start, end, theme, weight = (x[order] for x in (row, key, start, end, theme, weight))
    keep = longest_first_mask(row * len(names) + theme, start, end)
    row, key, start, end, theme, weight = (x[keep] for x in (row, key, start, end, theme, weight))

    cell = row * len(names) + theme  # one (paragraph, theme) pair
    counted = _rank_within(cell * len(rules.texts) + rules.term[key]) < MAX_COUNTED_REPEATS
    size = len(paragraphs) * len(names)
    scores = np.bincount(cell, weights=weight * counted, minlength=size).reshape(-1, len(names))
    has_hits = np.bincount(cell, minlength=size).reshape(-1, len(names)) > 0
    # The short-paragraph rule matters only where the two thresholds disagree: count words there.
    short = np.zeros(len(paragraphs), dtype=bool)
    undecided = has_hits & ((scores >= rules.threshold) != (scores >= rules.short_threshold))
    for i in np.flatnonzero(undecided.any(axis=1)).tolist():
        short[i] = fewer_words(texts[i], lexicon.short_words)
    limit = np.where(short[:, None], rules.short_threshold, rules.threshold)
    tags = (has_hits & (scores >= limit)).astype(np.int64)
    columns: dict[str, np.ndarray] = {}
    for j, name in enumerate(names):
        columns[name] = tags[:, j]
        columns[f"{name}_score"] = scores[:, j]
    frame = pd.DataFrame(columns, index=paragraphs.index)
    evidence = pd.DataFrame(
        {
            **located(paragraphs, texts, row, start, end),
            "theme": pd.array(names, dtype="str").take(theme),
            "term": pd.array(rules.texts, dtype="str").take(rules.term[key]),
            "weight": weight,
        },
        columns=EVIDENCE_COLUMNS,
    )
    return frame, evidence


class _Rules:
    """The lexicon as arrays indexed by the matcher's pattern number."""

    def __init__(self, lexicon: Lexicon, owners: Sequence[tuple[str, Term | None]]) -> None:
        import numpy as np

        position = {name: i for i, name in enumerate(lexicon.names)}
        self.texts = list(dict.fromkeys(term.text for _, term in owners if term is not None))
        number = {text: i for i, text in enumerate(self.texts)}
        self.theme = np.array([position[theme] for theme, _ in owners], dtype=np.int64)
        self.weight = np.array([term.weight if term else 0.0 for _, term in owners], dtype=np.float64)
        self.term = np.array([number[term.text] if term else 0 for _, term in owners], dtype=np.int64)
        self.excluded = np.array([term is None for _, term in owners], dtype=bool)
        self.threshold = np.array([t.threshold for t in lexicon.themes.values()], dtype=np.float64)
        self.short_threshold = np.array([t.short_threshold for t in lexicon.themes.values()], dtype=np.float64)


def _blocked(
    row: np.ndarray, theme: np.ndarray, start: np.ndarray, end: np.ndarray, excluded: np.ndarray
) -> np.ndarray:
    # Hits that overlap one of their theme's exclusion phrases in the same paragraph (rows are sorted):
    # pair each exclusion with every hit of its paragraph, then test the pairs all at once.
    import numpy as np

    phrase = np.flatnonzero(excluded)
    lo, hi = np.searchsorted(row, row[phrase], side="left"), np.searchsorted(row, row[phrase], side="right")
    count = hi - lo
    hit = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count) + np.repeat(lo, count)
    phrase = np.repeat(phrase, count)
    overlap = (theme[hit] == theme[phrase]) & (start[hit] < end[phrase]) & (start[phrase] < end[hit])
    blocked = np.zeros(len(row), dtype=bool)
    blocked[hit[overlap]] = True
    return blocked


def _rank_within(group: np.ndarray) -> np.ndarray:
    # How many earlier items share each item's group (0 for the first).
    import numpy as np

    order = np.argsort(group, kind="stable")
    first = run_starts(group[order])
    index = np.arange(len(group))
    rank = np.empty(len(group), dtype=np.int64)
    rank[order] = index - np.maximum.accumulate(np.where(first, index, 0))
    return rank
