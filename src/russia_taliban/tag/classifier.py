"""Theme tags learned from the human coding: a logistic regression on a paragraph's lexicon hits.

Why: the hand-set rule (a sum of term weights against a threshold of 2.5) is precise but misses a
third of what coders see, because coders count a theme on one strong term and on cues the weights
got wrong. The model keeps the lexicon as its vocabulary, so every tag still rests on matched terms with spans, and learns from
the development split of the coding (`data/coding/coded_dev.csv`, never the frozen test split):

- `score`: the theme's rule score (the weights of its counted hits), `terms`: distinct terms hit;
- one count per term of the theme, more strongly shrunk, so a term the coders disagree with can
  lose weight and a term the coding never saw keeps its lexicon weight through `score`;
- `strong`, `weak`: hits of terms that name the theme (weight 2 or more) and of terms that count
  only alongside others (under 1), so the coding can re-weigh the lexicon's tiers;
- `short` (under the lexicon's short-paragraph limit) and `log_chars` (longer paragraphs have
  more chances of a passing word);
- the other themes' scores (a paragraph full of trade terms uses "agreement" in another sense);
- the article around it (below).

Training is a few Newton steps of L2-penalised logistic regression in numpy: deterministic, about
a tenth of a second per theme, done when a lexicon is first used (so a --lexicon build learns from
the terms it actually uses). Every feature's contribution to a paragraph's decision is returned by
`explain`. Themes without a column in the coding (a user's --lexicon or --keywords theme) keep the
hand rule and are reported as unvalidated.

The article around the paragraph counts too (`context`): the previous and next content paragraphs'
scores for the theme, the headline's (title or standfirst), the mean of the article's other content
paragraphs, and short x previous, since coders read a paragraph in its article and a short or
elliptical one ("Q: And Russia's role?") takes its theme from there. Training and validation read the
coded articles through the loader (`as_loaded`), so credits and "Related:" lines are non-content as in
a user's build. Development split (43 articles, 567 paragraphs), leave one article out, F1 security /
economics / diplomacy / humanitarian: 0.804 / 0.813 / 0.789 / 0.828 without the context features,
0.805 / 0.841 / 0.790 / 0.824 with them (with the coded kinds instead of the loader's: 0.802 / 0.804 /
0.775 / 0.820 and 0.814 / 0.830 / 0.785 / 0.833). Penalties per theme, chosen by nested
cross-validation, gave 0.826 / 0.849 / 0.796 / 0.819, but the choice changed from fold to fold (only
security's stronger L2 was stable), so the penalties stay shared.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..load.kinds import CONTENT_KINDS
from ..resources import package_text

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from .lexicon import Lexicon

TRAINING = "coded_dev"  # the development split; the frozen test split is only ever scored
CUT = 0.4  # probability from which a paragraph carries the theme (F1 favours recall at this base rate)
L2 = 1.0  # penalty on the shared features
L2_TERMS = 10.0  # penalty on per-term counts: they move a term's weight only where the coding insists
OTHER_CAP = 6.0  # another theme's score counts up to this (two strong terms and some): it is a hint
NEWTON_STEPS = 30
BASE = ("score", "terms", "strong", "weak", "short", "log_chars")
# The article around a paragraph, from the theme's capped score (see `context`): the previous and next
# content paragraphs' of the same article, the headline's (title or standfirst), the mean of the
# article's other content paragraphs, and short x previous (an elliptical line follows its lead-in).
CONTEXT = ("previous", "next", "headline", "article_mean", "short_x_previous")
HEADLINE_KINDS = ("title", "standfirst")


@dataclass(frozen=True)
class Design:
    """What the model reads for every paragraph and theme, computed from the lexicon's hits.

    `base[j]` is a (paragraphs x features) matrix for theme j (BASE, then the other themes' scores);
    per-term counts are kept as the counted hits themselves (`row`, `theme`, `term`), so a corpus of
    millions of hits never becomes a dense matrix.
    """

    names: list[str]
    base: list[np.ndarray]
    row: np.ndarray
    theme: np.ndarray
    term: np.ndarray  # index into `terms`
    terms: list[str]

    def feature_names(self, j: int) -> list[str]:
        return [*BASE, *CONTEXT, *(f"other_{n}" for k, n in enumerate(self.names) if k != j)]

    def term_matrix(self, j: int, n: int) -> tuple[np.ndarray, list[str]]:
        """Dense per-term counts of theme j (for training on a few hundred coded paragraphs)."""
        import numpy as np

        mine = self.theme == j
        used = np.unique(self.term[mine])
        column = np.full(len(self.terms), -1, dtype=np.int64)
        column[used] = np.arange(len(used))
        matrix = np.zeros((n, len(used)))
        np.add.at(matrix, (self.row[mine], column[self.term[mine]]), 1.0)
        return matrix, [self.terms[i] for i in used.tolist()]


def design(
    paragraphs: pd.DataFrame,
    names: Sequence[str],
    scores: np.ndarray,
    row: np.ndarray,
    theme: np.ndarray,
    term: np.ndarray,
    terms: list[str],
    short: np.ndarray,
    weight: np.ndarray,
    first: np.ndarray,
) -> Design:
    """The model's features from the rule's arrays: `scores` (paragraphs x themes), the counted hits
    (`row`, `theme`, `term`, with their lexicon `weight` and whether each is its term's `first` in the
    paragraph) and which paragraphs are short."""
    import numpy as np

    n = len(paragraphs)
    content = paragraphs["kind"].isin(CONTENT_KINDS).to_numpy()
    chars = paragraphs["text"].str.len().to_numpy(dtype=np.float64)
    capped = np.minimum(scores, OTHER_CAP) / 2
    cell = row * len(names) + theme  # one (paragraph, theme) pair per hit; bincount, not np.add.at
    size = n * len(names)

    def per_cell(mask: np.ndarray) -> np.ndarray:
        return np.bincount(cell[mask], minlength=size).reshape(n, len(names)).astype(np.float64)

    distinct = per_cell(first)  # a term's first counted hit in the paragraph
    strong = per_cell(weight >= 2)  # hits of terms that name the theme
    weak = per_cell(weight < 1)  # hits of terms that count only alongside others
    in_content = content.astype(np.float64)
    shortf = short.astype(np.float64)
    log_chars = np.log1p(chars)
    around = context(paragraphs, capped * in_content[:, None], shortf)
    base = []
    for j in range(len(names)):
        columns = [scores[:, j] / 2, distinct[:, j], strong[:, j], weak[:, j], shortf, log_chars]
        columns += [c[:, j] for c in around]
        columns += [capped[:, k] for k in range(len(names)) if k != j]
        base.append(np.column_stack(columns) * in_content[:, None])
    return Design(list(names), base, row, theme, term, terms)


def context(paragraphs: pd.DataFrame, capped: np.ndarray, short: np.ndarray) -> list[np.ndarray]:
    """The CONTEXT features, each (paragraphs x themes), from every paragraph's capped theme scores.

    Why: coders read a paragraph in its article, so a short or elliptical one ("Q: And Russia's role?",
    "Others will follow.") takes its theme from what surrounds it. Neighbours are the previous and next
    content paragraphs of the same article (a credit or byline between two paragraphs is skipped);
    `paragraphs` is in reading order, `capped` is zero on non-content rows. Without an `article_id`
    column the paragraphs are one article.
    """
    import numpy as np
    import pandas as pd

    n = len(paragraphs)
    if "article_id" in paragraphs.columns:
        article = pd.factorize(paragraphs["article_id"])[0]
    else:
        article = np.zeros(n, dtype=np.int64)
    content = paragraphs["kind"].isin(CONTENT_KINDS).to_numpy()
    rows = np.flatnonzero(content)
    same = article[rows[1:]] == article[rows[:-1]]
    previous, following = np.zeros_like(capped), np.zeros_like(capped)
    previous[rows[1:]] = np.where(same[:, None], capped[rows[:-1]], 0.0)
    following[rows[:-1]] = np.where(same[:, None], capped[rows[1:]], 0.0)
    articles = int(article.max()) + 1 if n else 0
    heads = content & paragraphs["kind"].isin(HEADLINE_KINDS).to_numpy()
    best = np.zeros((articles, capped.shape[1]))
    np.maximum.at(best, article[heads], capped[heads])
    headline = np.where((content & ~heads)[:, None], best[article], 0.0)
    total = np.column_stack([np.bincount(article, weights=c, minlength=articles) for c in capped.T])
    others = np.bincount(article, weights=content, minlength=articles)[article] - 1
    mean = np.where(content[:, None], (total[article] - capped) / np.maximum(others, 1)[:, None], 0.0)
    return [previous, following, headline, mean, short[:, None] * previous]


@dataclass(frozen=True)
class ThemeModel:
    """One theme's learned weights: shared features by name, per-term corrections, the cut."""

    theme: str
    intercept: float
    coef: dict[str, float]
    terms: dict[str, float]
    cut: float
    paragraphs: int
    articles: int
    positives: int

    def logit(self, d: Design, j: int) -> np.ndarray:
        import numpy as np

        weights = np.array([self.coef.get(name, 0.0) for name in d.feature_names(j)])
        z = self.intercept + d.base[j] @ weights
        mine = d.theme == j
        term_weight = np.array([self.terms.get(t, 0.0) for t in d.terms])
        if mine.any():
            z += np.bincount(d.row[mine], weights=term_weight[d.term[mine]], minlength=len(z))
        return z

    def record(self) -> dict:
        """The model as JSON-ready data (the method notes)."""
        return {"method": "logistic regression on lexicon hits", "cut": self.cut,
                "intercept": round(self.intercept, 4), "coef": {k: round(v, 4) for k, v in self.coef.items()},
                "terms": {k: round(v, 4) for k, v in sorted(self.terms.items()) if abs(v) >= 1e-4},
                "trained_on": {"coding": TRAINING, "paragraphs": self.paragraphs, "articles": self.articles,
                               "positives": self.positives}}  # fmt: skip


def probability(z: np.ndarray) -> np.ndarray:
    import numpy as np

    return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


def fit_logistic(x: np.ndarray, y: np.ndarray, penalty: np.ndarray) -> tuple[float, np.ndarray]:
    """L2-penalised logistic regression by Newton's method (the intercept is not penalised).

    Deterministic and exact to 1e-8; the system solved is (features x features) or, when there are
    more features than paragraphs, (paragraphs x paragraphs) through the Woodbury identity.
    """
    import numpy as np
    from threadpoolctl import threadpool_limits

    # One BLAS thread: these systems are a few hundred wide, and OpenBLAS's threads spinning against
    # each other on a busy machine made each solve 500 times slower.
    with threadpool_limits(limits=1, user_api="blas"):
        return _newton(np.column_stack([np.ones(len(x)), x]), y, penalty)


def _newton(x1: np.ndarray, y: np.ndarray, penalty: np.ndarray) -> tuple[float, np.ndarray]:
    import numpy as np

    p_diag = np.r_[1e-6, penalty]
    w = np.zeros(x1.shape[1])
    for _ in range(NEWTON_STEPS):
        p = probability(x1 @ w)
        g = x1.T @ (p - y) + p_diag * w
        d = np.clip(p * (1 - p), 1e-9, None)
        if x1.shape[1] <= x1.shape[0]:
            step = np.linalg.solve((x1 * d[:, None]).T @ x1 + np.diag(p_diag), g)
        else:
            inv = 1.0 / p_diag
            a = inv * g
            k = np.diag(1.0 / d) + (x1 * inv) @ x1.T
            step = a - inv * (x1.T @ np.linalg.solve(k, x1 @ a))
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), w[1:]


def fit_theme(d: Design, j: int, gold: np.ndarray, rows: np.ndarray, *, articles: int, cut: float = CUT) -> ThemeModel:
    """Train theme j on the paragraphs `rows` of the design, with their 0/1 codes `gold`."""
    import numpy as np

    base = d.base[j][rows]
    term_matrix, term_names = d.term_matrix(j, len(d.base[j]))
    term_matrix = term_matrix[rows]
    keep = term_matrix.any(axis=0)  # a term never seen in training keeps its lexicon weight alone
    term_matrix, term_names = term_matrix[:, keep], [t for t, k in zip(term_names, keep, strict=True) if k]
    x = np.column_stack([base, term_matrix])
    penalty = np.r_[np.full(base.shape[1], L2), np.full(term_matrix.shape[1], L2_TERMS)]
    intercept, w = fit_logistic(x, gold.astype(np.float64), penalty)
    names = d.feature_names(j)
    return ThemeModel(
        theme=d.names[j],
        intercept=intercept,
        coef=dict(zip(names, w[: len(names)].tolist(), strict=True)),
        terms=dict(zip(term_names, w[len(names) :].tolist(), strict=True)),
        cut=cut,
        paragraphs=len(rows),
        articles=articles,
        positives=int(gold.sum()),
    )


def coding(name: str) -> pd.DataFrame:
    """A shipped coding file as paragraphs in reading order: article_id, paragraph_id, kind, text
    and one 0/1 column per coded theme (`coded_dev`, `coded_test`; `seeds` and `heldout` too)."""
    import pandas as pd

    frame = pd.read_csv(io.StringIO(package_text("data", "coding", f"{name}.csv")), keep_default_na=False)
    if "paragraph_id" not in frame.columns:
        if "article_id" not in frame.columns:  # heldout.csv: forty single paragraphs
            frame["article_id"] = [f"heldout-{i:03d}" for i in range(len(frame))]
            frame["position"] = 0
        frame["paragraph_id"] = frame["article_id"] + "-" + frame["position"].astype(str).str.zfill(3)
    if "article_id" not in frame.columns:
        frame["article_id"] = frame["paragraph_id"].str.rsplit("-", n=1).str[0]
    if "kind" not in frame.columns:
        frame["kind"] = "body"
    return frame


def as_loaded(frame: pd.DataFrame) -> pd.DataFrame:
    """A coding with each paragraph's kind as the loader finds it in a real load.

    Why: coders mark a credit, a "Related:" line or an author note as boilerplate inside the body, and
    the loader makes them non-content, so a user's tags never come from them; training and validation
    should see the articles as a user's build does. Each article is written as a plain-text file (its
    paragraphs between blank lines) and read with `load.corpus.read_article`; a coded paragraph takes
    the kind of the loaded paragraph with the same text (its coded kind if the loader joined it to another).
    """
    from pathlib import Path

    import numpy as np

    from ..load.corpus import read_article
    from ..text.normalise import normalise

    kinds: list[str] = []
    for article_id, part in frame.groupby("article_id", sort=False):
        data = ("\n\n".join(part["text"]) + "\n").encode()
        loaded: dict[str, str] = {}
        for p in read_article(Path(f"{article_id}.txt"), article_id=str(article_id), data=data).paragraphs:
            loaded.setdefault(p.text.strip(), p.kind)
        kinds += [loaded.get(normalise(t).strip(), k) for t, k in zip(part["text"], part["kind"], strict=True)]
    in_kind_order = np.empty(len(frame), dtype=object)
    in_kind_order[frame.groupby("article_id", sort=False).ngroup().to_numpy().argsort(kind="stable")] = kinds
    return frame.assign(kind=in_kind_order.astype(str))


def train(lexicon: Lexicon, frame: pd.DataFrame | None = None) -> dict[str, ThemeModel]:
    """One model per theme of `lexicon` that the coding has a column for (default: the dev split,
    with the loader's kinds)."""
    import numpy as np

    from .themes import rule_design

    frame = as_loaded(coding(TRAINING)) if frame is None else frame
    d = rule_design(frame, lexicon)
    rows = np.arange(len(frame))
    articles = frame["article_id"].nunique()
    return {
        name: fit_theme(d, j, frame[name].to_numpy(dtype=np.int64), rows, articles=articles)
        for j, name in enumerate(d.names)
        if name in frame.columns
    }


_TRAINED: dict[str, dict[str, ThemeModel]] = {}


def models_for(lexicon: Lexicon) -> dict[str, ThemeModel]:
    """The trained models for a lexicon, trained once per process and lexicon fingerprint."""
    key = lexicon.fingerprint()
    if key not in _TRAINED:
        _TRAINED[key] = train(lexicon)
    return _TRAINED[key]


def explain(paragraphs: pd.DataFrame, lexicon: Lexicon, theme: str) -> pd.DataFrame:
    """Each content paragraph's decision for a learned theme, feature by feature: the value, its
    contribution to the log-odds, the probability and the tag. The matched terms' own contributions
    are in the evidence table's `weight` column."""
    import numpy as np
    import pandas as pd

    from .themes import rule_design

    model = models_for(lexicon).get(theme)
    if model is None:
        raise KeyError(f"{theme} has no coding, so no learned model: its tags follow the lexicon's rule")
    d = rule_design(paragraphs, lexicon)
    j = d.names.index(theme)
    names = d.feature_names(j)
    weights = np.array([model.coef[n] for n in names])
    z = model.logit(d, j)
    frame = pd.DataFrame(d.base[j] * weights, columns=[f"{n}_contribution" for n in names], index=paragraphs.index)
    frame.insert(0, "paragraph_id", paragraphs["paragraph_id"].to_numpy())
    frame["term_corrections"] = z - model.intercept - (d.base[j] @ weights)  # the per-term weights
    frame["intercept"] = model.intercept
    frame["probability"] = probability(z)
    frame[theme] = (frame["probability"] >= model.cut).astype(int)
    return frame[paragraphs["kind"].isin(CONTENT_KINDS).to_numpy()]


__all__ = [
    "CONTEXT",
    "CUT",
    "Design",
    "ThemeModel",
    "as_loaded",
    "coding",
    "context",
    "explain",
    "fit_theme",
    "models_for",
    "train",
]
