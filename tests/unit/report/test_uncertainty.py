import numpy as np
import pandas as pd
import pytest

from russia_taliban.report import uncertainty


def paragraphs(per_article: dict[str, tuple[int, int]]) -> pd.DataFrame:
    """{article: (paragraphs, tagged)} -> one row per paragraph with a 0/1 `t` column."""
    rows = [(a, int(i < k)) for a, (n, k) in per_article.items() for i in range(n)]
    return pd.DataFrame(rows, columns=["article_id", "t"])


@pytest.mark.parametrize(
    ("articles", "share"),
    [({"a": (10, 5)}, 0.5), ({"a": (10, 2), "b": (30, 18)}, 0.5), ({"a": (4, 0), "b": (6, 6)}, 0.6)],
)
def test_interval_brackets_the_pooled_share(articles, share) -> None:
    d = uncertainty.draws(paragraphs(articles), ["t"])
    low, high = d.interval()
    assert d.share[0] == pytest.approx(share)
    assert low[0] <= share <= high[0] and low[0] < high[0]


def test_articles_that_agree_completely_leave_no_uncertainty() -> None:
    d = uncertainty.draws(paragraphs({"a": (5, 5), "b": (8, 8)}), ["t"])
    assert d.interval() == (pytest.approx([1.0]), pytest.approx([1.0]))


def test_disagreeing_articles_widen_the_interval_beyond_paragraph_noise() -> None:
    # Same pooled share (50%), but in the second corpus the two articles disagree completely.
    agree = uncertainty.draws(paragraphs({"a": (20, 10), "b": (20, 10)}), ["t"])
    disagree = uncertainty.draws(paragraphs({"a": (20, 0), "b": (20, 20)}), ["t"])
    width = [np.subtract(*d.interval()[::-1])[0] for d in (agree, disagree)]
    assert width[1] > width[0]


def test_same_inputs_give_the_same_interval_whatever_other_themes_are_computed() -> None:
    frame = paragraphs({"a": (12, 3), "b": (9, 7)}).assign(u=lambda f: 1 - f.t)
    alone = uncertainty.draws(frame, ["t"]).interval()
    beside = uncertainty.draws(frame, ["u", "t"]).interval()
    assert alone[0][0] == beside[0][1] and alone[1][0] == beside[1][1]


@pytest.mark.parametrize(
    ("earlier", "later", "within"),
    [({"a": (20, 10), "b": (20, 11)}, {"c": (20, 10), "d": (20, 9)}, True),
     ({"a": (30, 2), "b": (30, 3)}, {"c": (30, 27), "d": (30, 28)}, False)],
)  # fmt: skip
def test_difference_is_within_noise_only_when_its_interval_includes_zero(earlier, later, within) -> None:
    a = uncertainty.draws(paragraphs(earlier), ["t"], stream=1)
    b = uncertainty.draws(paragraphs(later), ["t"], stream=2)
    d = uncertainty.difference(a, b, "t")
    assert d.within_noise is within
    assert d.low <= d.change <= d.high


def test_an_empty_group_has_no_share() -> None:
    d = uncertainty.draws(paragraphs({}).astype({"t": int}), ["t"])
    assert d.articles == 0 and np.isnan(d.share[0])


def test_the_normal_paragraph_stage_for_many_articles_agrees_with_the_exact_one(monkeypatch) -> None:
    rng = np.random.default_rng(7)
    frame = paragraphs({f"a{i}": (int(n), int(k)) for i, (n, k) in enumerate(zip(*_sizes(rng), strict=True))})
    exact = np.array(uncertainty.draws(frame, ["t"]).interval())
    monkeypatch.setattr(uncertainty, "EXACT_LIMIT", 1000)  # forces the normal stage and chunking
    approx = np.array(uncertainty.draws(frame, ["t"]).interval())
    assert np.abs(exact - approx).max() < 0.01


def _sizes(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    n = rng.integers(5, 30, size=300)
    return n, rng.binomial(n, rng.uniform(0.1, 0.9, size=300))
