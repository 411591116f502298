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
    assert d.feature_names(0) == [*clf.BASE, *clf.CONTEXT, "other_economics"]
    assert d.feature_names(1) == [*clf.BASE, *clf.CONTEXT, "other_security"]
    security = d.base[0]
    # score/2, distinct terms, strong hits, weak hits, short, log(1 + chars), then the context
    # (previous, next, headline, article mean, short x previous: the next content paragraph, row 2,
    # scores 0 for security), then the other theme's capped score / 2
    assert security[0].tolist() == pytest.approx([1.5, 2, 2, 1, 1, np.log(10), 0, 0, 0, 0, 0, clf.OTHER_CAP / 2])
    assert security[1].tolist() == [0.0] * 12  # chrome: the model never sees it
    # row 2's previous content paragraph is row 0 (chrome skipped): economics capped there at 6 / 2
    assert d.base[1][2].tolist() == pytest.approx([0.5, 1, 0, 0, 0, np.log(20), 3.0, 0, 0, 3.0, 0, 0.0])


def _context(kinds: list[str], articles: list[str], score: list[float], short: list[bool]) -> dict[str, list]:
    frame = pd.DataFrame({"article_id": articles, "kind": kinds, "text": "x"})
    content = frame.kind.isin(clf.CONTENT_KINDS).to_numpy()
    capped = np.minimum(np.array(score, dtype=float), clf.OTHER_CAP)[:, None] / 2 * content[:, None]
    columns = clf.context(frame, capped, np.array(short, dtype=float))
    return {name: c[:, 0].tolist() for name, c in zip(clf.CONTEXT, columns, strict=True)}


@pytest.mark.parametrize(
    ("kinds", "articles", "score", "short", "feature", "expected"),
    [
        # neighbours are content paragraphs of the same article: a byline in between is skipped
        (["body", "byline", "body"], ["a"] * 3, [4, 9, 2], [0, 0, 0], "previous", [0, 0, 2]),
        (["body", "byline", "body"], ["a"] * 3, [4, 9, 2], [0, 0, 0], "next", [1, 0, 0]),
        # ... and never the last paragraph of the article before
        (["body", "body", "body"], ["a", "b", "b"], [4, 2, 0], [0, 0, 0], "previous", [0, 0, 1]),
        (["body", "body", "body"], ["a", "b", "b"], [4, 2, 0], [0, 0, 0], "next", [0, 0, 0]),
        # a score counts up to the cap
        (["body", "body"], ["a"] * 2, [20, 0], [0, 0], "previous", [0, clf.OTHER_CAP / 2]),
        # the headline's score (title or standfirst, the stronger) reaches the article's other paragraphs
        (["title", "standfirst", "body", "body", "body"], ["a"] * 4 + ["b"], [2, 4, 0, 1, 0], [0] * 5, "headline",
         [0, 0, 2, 2, 0]),
        # the mean of the article's other content paragraphs (the boilerplate row counts for nothing)
        (["title", "body", "body", "boilerplate"], ["a"] * 4, [2, 4, 0, 6], [0] * 4, "article_mean",
         [1, 0.5, 1.5, 0]),
        (["body"], ["a"], [4], [0], "article_mean", [0]),  # alone in its article
        # short x previous: only a short paragraph takes its lead-in's score this way
        (["body", "body", "body"], ["a"] * 3, [4, 0, 0], [0, 1, 0], "short_x_previous", [0, 2, 0]),
    ],
)  # fmt: skip
def test_context_features_read_the_article_around_a_paragraph(kinds, articles, score, short, feature, expected) -> None:
    assert _context(kinds, articles, score, short)[feature] == pytest.approx(expected)


def test_context_without_article_ids_treats_the_paragraphs_as_one_article() -> None:
    frame = pd.DataFrame({"kind": ["body", "body"], "text": ["x", "y"]})
    previous = clf.context(frame, np.array([[2.0], [0.0]]), np.zeros(2))[0]
    assert previous[:, 0].tolist() == [0.0, 2.0]


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


def test_as_loaded_gives_coded_paragraphs_the_loaders_kinds() -> None:
    body = ("Russia and the Taliban signed a memorandum on fuel supplies on Tuesday, the ministry said, adding "
            "that deliveries would begin within weeks and that payment terms were still being agreed.")  # fmt: skip
    frame = pd.DataFrame({
        "article_id": ["x", "x", "x", "y", "y"],
        "paragraph_id": ["x-0", "x-1", "x-2", "y-0", "y-1"],
        "kind": ["title", "body", "body", "title", "body"],
        "text": ["Russia signs fuel deal with Taliban", body, "Photo: TASS", "Another headline about Kabul", body],
        "economics": [1, 1, 0, 0, 1],
    })  # fmt: skip
    loaded = clf.as_loaded(frame)
    # the credit becomes non-content; the rest stays content (a lead paragraph may become a standfirst)
    assert loaded.kind.tolist()[0::3] == ["title", "title"]
    assert loaded.kind.iloc[2] == "boilerplate"
    assert loaded.kind.drop(index=2).isin(clf.CONTENT_KINDS).all()
    assert loaded.drop(columns="kind").equals(frame.drop(columns="kind"))  # nothing else changes


def test_explain_names_each_context_features_contribution() -> None:
    from russia_taliban.tag.lexicon import builtin_lexicon
    from tests.conftest import paragraphs_frame

    frame = paragraphs_frame("Moscow fears that Islamic State militants will infiltrate Tajikistan.",
                             "Q: And the Taliban's role?")  # fmt: skip
    explained = clf.explain(frame, builtin_lexicon(), "security")
    model = clf.models_for(builtin_lexicon())["security"]
    for name in clf.CONTEXT:
        assert f"{name}_contribution" in explained.columns
    question = explained.iloc[1]
    contributions = [c for c in explained.columns if c.endswith("_contribution")]
    z = question[contributions].sum() + question.term_corrections + question.intercept
    assert clf.probability(np.array([z]))[0] == pytest.approx(question.probability)
    # the lead-in's security score reaches the question through `previous`, with the learned weight
    from russia_taliban.tag.themes import tag_themes

    lead_in = tag_themes(frame, builtin_lexicon(), learned=False)[0].security_score.iloc[0]
    assert lead_in > 0
    expected = model.coef["previous"] * min(lead_in, clf.OTHER_CAP) / 2
    assert question.previous_contribution == pytest.approx(expected)
