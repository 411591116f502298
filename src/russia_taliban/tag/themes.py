"""Paragraph-level theme tagging with evidence, on all of a corpus's hits at once.

The rule (documented in data/themes.yaml): a paragraph's score for a theme is the sum of its matched
terms' weights, each distinct term counted at most twice, after exclusions and leftmost-longest; it
carries the theme when the score reaches the theme's threshold (its short threshold under
`Lexicon.short_words` words). Themes the human coding covers are decided instead by a model learned
from that coding on the same hits (`classifier`). Lexicons are read and
checked in `lexicon`.
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

    from .classifier import Design, ThemeModel

EVIDENCE_COLUMNS = ["article_id", "paragraph_id", "theme", "term", "surface", "start", "end", "weight"]
MAX_COUNTED_REPEATS = 2  # a term repeated in one paragraph counts at most this often
SCAN_BATCH = 2000  # paragraphs per Hyperscan call


def tag_themes(
    paragraphs: pd.DataFrame, lexicon: Lexicon, *, learned: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Theme tags (T, T_score per theme) for each paragraph, and the evidence hits behind them.

    Only content paragraphs (title, standfirst, heading, body) are tagged; pull-quote repeats,
    bylines, datelines and boilerplate get 0, so a repeated sentence counts once. A theme the
    human coding covers is decided by its learned model (`classifier`; T_score is then the
    probability and an evidence row's weight is the hit's learned contribution to the log-odds);
    any other theme, or every theme with `learned=False`, by the lexicon's rule (see
    data/themes.yaml). Both run on all hits at once, as arrays: a corpus has millions of hits.
    """
    import numpy as np
    import pandas as pd  # here, not at module level: a no-op build reads lexicons without pandas

    from .classifier import models_for, probability

    scan = _Scan(paragraphs, lexicon)
    names = lexicon.names
    models = models_for(lexicon) if learned else {}
    scores = scan.scores.copy()
    limit = np.where(scan.short_where_undecided()[:, None], scan.rules.short_threshold, scan.rules.threshold)
    tags = (scan.has_hits & (scores >= limit)).astype(np.int64)
    weight = scan.weight.copy()
    if models:
        d = scan.design()
        content = np.zeros(len(paragraphs), dtype=bool)
        content[scan.content] = True
        for j, name in enumerate(names):
            model = models.get(name)
            if model is None:
                continue
            p = probability(model.logit(d, j))
            tags[:, j] = (content & (p >= model.cut)).astype(np.int64)
            scores[:, j] = np.where(content, np.round(p, 4), 0.0)
            mine = scan.theme == j
            weight[mine] = _learned_weights(model, scan, j)[mine]
    columns: dict[str, np.ndarray] = {}
    for j, name in enumerate(names):
        columns[name] = tags[:, j]
        columns[f"{name}_score"] = scores[:, j]
    frame = pd.DataFrame(columns, index=paragraphs.index)
    evidence = pd.DataFrame(
        {
            **located(paragraphs, scan.texts, scan.row, scan.start, scan.end),
            "theme": pd.array(names, dtype="str").take(scan.theme),
            "term": pd.array(scan.rules.texts, dtype="str").take(scan.rules.term[scan.key]),
            "weight": weight,
        },
        columns=EVIDENCE_COLUMNS,
    )
    return frame, evidence


def rule_design(paragraphs: pd.DataFrame, lexicon: Lexicon) -> Design:
    """The learned models' features for `paragraphs` under `lexicon` (the hits the rule counts)."""
    return _Scan(paragraphs, lexicon).design()


def _learned_weights(model: ThemeModel, scan: _Scan, j: int) -> np.ndarray:
    # Each counted hit's share of the log-odds: its lexicon weight through `score`, its term's own
    # correction, and (for a term's first hit) one more distinct term. Repeats past the cap add 0.
    import numpy as np

    term_weight = np.array([model.terms.get(t, 0.0) for t in scan.rules.texts])
    share = model.coef["score"] * scan.weight / 2 + term_weight[scan.rules.term[scan.key]]
    share = share + model.coef["terms"] * (scan.rank == 0)
    return np.where(scan.counted & (scan.theme == j), np.round(share, 4), 0.0)


class _Scan:
    """One pass of the lexicon over the content paragraphs: the hits the rule counts, as arrays."""

    def __init__(self, paragraphs: pd.DataFrame, lexicon: Lexicon) -> None:
        import numpy as np

        matcher, owners = lexicon.compiled()
        self.paragraphs, self.lexicon = paragraphs, lexicon
        self.rules = rules = _Rules(lexicon, owners)
        self.texts = texts = paragraphs["text"].tolist()
        self.content = np.flatnonzero(paragraphs["kind"].isin(CONTENT_KINDS).to_numpy())
        row, key, start, end = matcher.scan_rows(texts, self.content, SCAN_BATCH)  # by paragraph, then start
        excluded = rules.excluded[key]
        if excluded.any():
            keep = ~(excluded | _blocked(row, rules.theme[key], start, end, excluded))
            row, key, start, end = row[keep], key[keep], start[keep], end[keep]
        theme, weight = rules.theme[key], rules.weight[key]
        # Within a paragraph and theme: leftmost-longest, the heavier term first where two spans tie.
        order = np.lexsort((key, -weight, start - end, start, theme, row))
        row, key, start, end, theme, weight = (x[order] for x in (row, key, start, end, theme, weight))
        keep = longest_first_mask(row * len(lexicon.names) + theme, start, end)
        self.row, self.key, self.start, self.end, self.theme, self.weight = (
            x[keep] for x in (row, key, start, end, theme, weight)
        )
        cell = self.row * len(lexicon.names) + self.theme  # one (paragraph, theme) pair
        self.rank = _rank_within(cell * len(rules.texts) + rules.term[self.key])
        self.counted = self.rank < MAX_COUNTED_REPEATS
        size = len(paragraphs) * len(lexicon.names)
        self.scores = np.bincount(cell, weights=self.weight * self.counted, minlength=size).reshape(
            -1, len(lexicon.names)
        )
        self.has_hits = np.bincount(cell, minlength=size).reshape(-1, len(lexicon.names)) > 0

    def short_where_undecided(self) -> np.ndarray:
        # The short-paragraph rule matters only where the two thresholds disagree: count words there.
        import numpy as np

        short = np.zeros(len(self.texts), dtype=bool)
        r = self.rules
        undecided = self.has_hits & ((self.scores >= r.threshold) != (self.scores >= r.short_threshold))
        for i in np.flatnonzero(undecided.any(axis=1)).tolist():
            short[i] = fewer_words(self.texts[i], self.lexicon.short_words)
        return short

    def design(self) -> Design:
        import numpy as np

        from .classifier import design

        short = np.zeros(len(self.texts), dtype=bool)
        for i in self.content.tolist():
            short[i] = fewer_words(self.texts[i], self.lexicon.short_words)
        counted = self.counted
        return design(self.paragraphs, self.lexicon.names, self.scores, self.row[counted], self.theme[counted],
                      self.rules.term[self.key[counted]], self.rules.texts, short, self.weight[counted],
                      self.rank[counted] == 0)  # fmt: skip


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
