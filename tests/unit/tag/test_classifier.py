"""The learned theme model: its features, the Newton solver (both paths), the logit and the codings."""

import numpy as np
import pandas as pd
import pytest

from russia_taliban.tag import classifier as clf


@pytest.mark.parametrize(("z", "p"), [(0.0, 0.5), (np.log(3), 0.75), (1e6, 1 / (1 + np.exp(-50))), (-1e6, 0.0)])
def test_probability_is_the_logistic_clipped_against_overflow(z, p) -> None:
    assert clf.probability(np.array([z]))[0] == pytest.approx(p, abs=1e-12)


def _penalised_gradient(x: np.ndarray, y: np.ndarray, penalty: np.ndarray, b: float, w: np.ndarray) -> np.ndarray:
    x1 = np.column_stack([np.ones(len(x)), x])
    full = np.r_[b, w]
    return x1.T @ (clf.probability(x1 @ full) - y) + np.r_[1e-6, penalty] * full


@pytest.mark.parametrize(("rows", "features"), [(60, 3), (8, 20)])  # the direct and the Woodbury solve
def test_fit_logistic_reaches_the_penalised_optimum(rows, features) -> None:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(rows, features))
    y = (x[:, 0] + rng.normal(scale=0.5, size=rows) > 0).astype(float)
    penalty = np.full(features, 1.0)
    b, w = clf.fit_logistic(x, y, penalty)
    assert np.abs(_penalised_gradient(x, y, penalty, b, w)).max() < 1e-6
    assert w[0] > 0  # the informative feature gets the positive weight


def test_a_heavier_penalty_shrinks_the_weights() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(50, 2))
    y = (x[:, 0] > 0).astype(float)
    light = clf.fit_logistic(x, y, np.full(2, 0.1))[1]
    heavy = clf.fit_logistic(x, y, np.full(2, 10.0))[1]
    assert np.abs(heavy).sum() < np.abs(light).sum()


def _design() -> clf.Design:
    paragraphs = pd.DataFrame({"kind": ["body", "chrome", "body"], "text": ["a" * 9, "b" * 99, "c" * 19]})
    scores = np.array([[3.0, 8.0], [2.0, 0.0], [0.0, 1.0]])
    # counted hits: (row, theme, term, weight, first)
    hits = np.array([(0, 0, 0, 2.0, 1), (0, 0, 0, 2.0, 0), (0, 0, 1, 0.5, 1), (0, 1, 2, 4.0, 1),
                     (1, 0, 0, 2.0, 1), (2, 1, 2, 1.0, 1)])  # fmt: skip
    row, theme, term = (hits[:, i].astype(np.int64) for i in range(3))
    return clf.design(paragraphs, ["security", "economics"], scores, row, theme, term, ["sec", "guard*", "trade"],
                      short=np.array([True, False, False]), weight=hits[:, 3], first=hits[:, 4].astype(bool))  # fmt: skip


def test_design_counts_features_per_paragraph_and_zeroes_non_content() -> None:
    d = _design()
    assert d.feature_names(0) == [*clf.BASE, "other_economics"]
    assert d.feature_names(1) == [*clf.BASE, "other_security"]
    security = d.base[0]
    # score/2, distinct terms, strong hits, weak hits, short, log(1 + chars), other theme's capped score / 2
    assert security[0].tolist() == pytest.approx([1.5, 2, 2, 1, 1, np.log(10), clf.OTHER_CAP / 2])
    assert security[1].tolist() == [0.0] * 7  # chrome: the model never sees it
    assert d.base[1][2].tolist() == pytest.approx([0.5, 1, 0, 0, 0, np.log(20), 0.0])


def test_term_matrix_counts_each_themes_hits_per_term() -> None:
    matrix, names = _design().term_matrix(0, 3)
    assert names == ["sec", "guard*"]
    assert matrix.tolist() == [[2, 1], [1, 0], [0, 0]]


def test_logit_adds_intercept_shared_weights_and_term_corrections() -> None:
    d = _design()
    model = clf.ThemeModel("security", intercept=-1.0, coef={"score": 2.0, "short": 0.5}, terms={"sec": 0.25},
                           cut=clf.CUT, paragraphs=3, articles=1, positives=1)  # fmt: skip
    # row 0: -1 + 2 * 1.5 + 0.5 * 1 + two hits of "sec" * 0.25; row 1 (chrome) keeps its one term correction
    assert model.logit(d, 0).tolist() == pytest.approx([3.0, -0.75, -1.0])


def test_record_rounds_and_drops_negligible_term_weights() -> None:
    model = clf.ThemeModel("security", -1.23456, {"score": 0.123456}, {"b": 0.00001, "a": 0.5}, 0.4, 10, 2, 3)
    record = model.record()
    assert (record["intercept"], record["coef"], record["terms"]) == (-1.2346, {"score": 0.1235}, {"a": 0.5})
    assert record["trained_on"] == {"coding": clf.TRAINING, "paragraphs": 10, "articles": 2, "positives": 3}


def test_the_training_coding_has_the_columns_the_model_reads() -> None:
    frame = clf.coding(clf.TRAINING)
    assert {"article_id", "paragraph_id", "kind", "text"} <= set(frame.columns)
    coded = ["security", "economics", "diplomacy", "humanitarian"]
    assert set(coded) <= set(frame.columns)
    assert set(frame[coded].to_numpy().ravel().tolist()) <= {0, 1}
    assert frame.paragraph_id.is_unique


def test_heldout_paragraphs_get_ids_of_their_own() -> None:
    frame = clf.coding("heldout")
    assert frame.paragraph_id.tolist()[:2] == ["heldout-000-000", "heldout-001-000"]
    assert (frame.kind == "body").all()
