"""How sure a theme share is: a two-stage bootstrap over articles, then paragraphs.

A share of paragraphs pooled over a few articles varies for two reasons: which articles were written
(one author's framing moves a period) and which paragraphs each article happens to contain. Each
replicate therefore draws the period's articles with replacement, then each drawn article's
paragraphs with replacement; for one theme the second stage is a binomial draw on the article's own
share, which is what lets thousands of replicates run as one array operation. The interval is the
percentile interval of the replicates. With one article in a period only the paragraph stage varies,
so the interval is too narrow to speak for the press; `findings` says so with the number.

The generator is seeded, so the same tables give the same intervals in every build.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

REPLICATES = 2000
LEVEL = 0.95
SEED = 20210815  # the fall of Kabul: any fixed number would do


@dataclass(frozen=True)
class Draws:
    """Bootstrap replicates of each theme's share in one group (rows: replicates, columns: themes)."""

    themes: list[str]
    share: np.ndarray  # observed pooled share per theme
    replicates: np.ndarray  # shape (REPLICATES, themes)
    articles: int
    paragraphs: int

    def interval(self, level: float = LEVEL) -> tuple[np.ndarray, np.ndarray]:
        tail = (1 - level) / 2 * 100
        return np.percentile(self.replicates, tail, axis=0), np.percentile(self.replicates, 100 - tail, axis=0)


def draws(content: pd.DataFrame, themes: list[str], *, replicates: int = REPLICATES, stream: int = 0) -> Draws:
    """Replicates of the pooled theme shares of `content` (one row per paragraph, `article_id` and a
    0/1 column per theme).

    The article draws come from one stream per group and each theme's paragraph draws from a stream
    of its own, so a theme's interval is the same whichever other themes are computed beside it (a
    theme chapter and the overview quote the same figures)."""
    if content.empty:
        empty = np.full((replicates, len(themes)), np.nan)
        return Draws(themes, np.full(len(themes), np.nan), empty, 0, 0)
    grouped = content.groupby("article_id", sort=True)
    tagged = grouped[themes].sum().to_numpy(dtype=float)  # (articles, themes)
    sizes = grouped.size().to_numpy(dtype=np.int64)  # paragraphs per article
    m = len(sizes)
    picked = np.random.default_rng([SEED, stream]).integers(0, m, size=(replicates, m))  # stage 1: articles
    n = sizes[picked]  # (replicates, m)
    reps = np.empty((replicates, len(themes)))
    for j, theme in enumerate(themes):
        rng = np.random.default_rng([SEED, stream, zlib.crc32(theme.encode())])
        hits = rng.binomial(n, tagged[picked, j] / n)  # stage 2: each drawn article's paragraphs
        reps[:, j] = hits.sum(axis=1) / n.sum(axis=1)
    share = tagged.sum(axis=0) / sizes.sum()
    return Draws(themes, share, reps, m, int(sizes.sum()))


def grouped_draws(
    content: pd.DataFrame, themes: list[str], by: str, *, replicates: int = REPLICATES
) -> dict[str, Draws]:
    """`draws` per value of column `by` (a period), in order of appearance, each from its own streams."""
    return {
        str(group): draws(frame, themes, replicates=replicates, stream=i + 1)
        for i, (group, frame) in enumerate(content.groupby(by, sort=False))
    }


def table(groups: dict[str, Draws], level: float = LEVEL) -> pd.DataFrame:
    """One row per (group, theme): share, low, high, articles, paragraphs."""
    rows = []
    for group, d in groups.items():
        low, high = d.interval(level)
        for j, theme in enumerate(d.themes):
            rows.append((group, theme, d.share[j], low[j], high[j], d.articles, d.paragraphs))
    return pd.DataFrame(rows, columns=["period", "theme", "share", "low", "high", "articles", "paragraphs"])


@dataclass(frozen=True)
class Difference:
    """`later` minus `earlier` for one theme, with its bootstrap interval (shares, not points)."""

    theme: str
    earlier: float
    later: float
    low: float
    high: float

    @property
    def change(self) -> float:
        return self.later - self.earlier

    @property
    def within_noise(self) -> bool:
        """The interval of the difference includes no change."""
        return bool(self.low <= 0 <= self.high)


def difference(earlier: Draws, later: Draws, theme: str, level: float = LEVEL) -> Difference:
    """The change in one theme's share between two independently resampled groups."""
    j = earlier.themes.index(theme)
    delta = later.replicates[:, j] - earlier.replicates[:, j]
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(delta, [tail, 100 - tail])
    return Difference(theme, float(earlier.share[j]), float(later.share[j]), float(low), float(high))


def lead_margin(group: Draws, first: str, second: str, level: float = LEVEL) -> tuple[float, float]:
    """Interval of `first` minus `second` within one group (the same replicates, so paired)."""
    i, j = group.themes.index(first), group.themes.index(second)
    delta = group.replicates[:, i] - group.replicates[:, j]
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(delta, [tail, 100 - tail])
    return float(low), float(high)
