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


#: Up to this many (replicate, article) draws the paragraph stage is drawn exactly (binomial); beyond
#: it, with many articles, its sum over a replicate's articles is drawn from the normal distribution
#: with the same mean and variance (the sum of many independent binomials), which is what keeps a
#: 10,000-article corpus to a second or two. Also the size of one chunk of replicates in memory.
EXACT_LIMIT = 2_000_000


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
    exact = m * replicates <= EXACT_LIMIT
    shares = tagged / sizes[:, None]
    variance = tagged * (1 - shares)  # n p (1 - p) per article and theme
    articles_rng = np.random.default_rng([SEED, stream])
    theme_rngs = [np.random.default_rng([SEED, stream, zlib.crc32(t.encode())]) for t in themes]
    reps = np.empty((replicates, len(themes)))
    chunk = max(1, EXACT_LIMIT // m)
    for at in range(0, replicates, chunk):
        r = min(chunk, replicates - at)
        picked = articles_rng.integers(0, m, size=(r, m), dtype=np.int32)  # stage 1: articles
        n = sizes[picked]
        total = n.sum(axis=1)
        for j, rng in enumerate(theme_rngs):  # stage 2: each drawn article's paragraphs
            if exact:
                hits = rng.binomial(n, shares[picked, j]).sum(axis=1)
            else:
                mean, var = tagged[picked, j].sum(axis=1), variance[picked, j].sum(axis=1)
                hits = np.clip(mean + np.sqrt(var) * rng.standard_normal(r), 0, total)
            reps[at : at + r, j] = hits / total
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
