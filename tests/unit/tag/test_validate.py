"""Validation against the human coding: the tidy table, its wide form, and a user's own coding."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from russia_taliban.errors import UserError
from russia_taliban.tag.classifier import coding
from russia_taliban.tag.lexicon import builtin_lexicon
from russia_taliban.tag.validate import TIDY_COLUMNS, leave_one_article_out, scores, validate, validation, wide

THEMES = ["security", "economics", "diplomacy", "humanitarian"]


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ([1, 1, 0, 0], [1, 0, 1, 0], (0.5, 0.5, 0.5)),
        ([1, 1, 1, 0], [1, 1, 0, 0], (2 / 3, 1.0, 0.8)),
        ([0, 0], [0, 0], (1.0, 1.0, 1.0)),  # nothing to find, nothing found
        ([0, 0], [1, 1], (1.0, 0.0, 0.0)),
    ],
)
def test_scores_count_hits_and_misses(predicted, gold, expected) -> None:
    assert scores(np.array(predicted), np.array(gold)) == pytest.approx(expected)


@pytest.fixture(scope="module")
def tidy() -> pd.DataFrame:
    return validation(builtin_lexicon())


def test_validation_has_one_row_per_theme_and_split(tidy: pd.DataFrame) -> None:
    assert list(tidy.columns) == TIDY_COLUMNS
    assert sorted(tidy.groupby("theme").split.apply(frozenset).unique()[0]) == sorted(
        ["test", "dev_loao", "seeds", "heldout", "human"]
    )
    counts = tidy[tidy.split != "human"].set_index(["theme", "split"])
    for theme in THEMES:
        for split, name in (("test", "coded_test"), ("dev_loao", "coded_dev"), ("seeds", "seeds")):
            frame = coding(name)
            assert counts.loc[(theme, split), "paragraphs"] == len(frame)
            assert counts.loc[(theme, split), "positives"] == frame[theme].sum()
    assert tidy[tidy.split == "human"].f1.between(0.9, 1.0).all()  # the agreement file, as shipped


def test_the_wide_table_keeps_the_test_and_dev_figures_beside_the_human_ones(tidy: pd.DataFrame) -> None:
    table = wide(tidy).set_index("theme")
    by = tidy.set_index(["theme", "split"])
    for theme in THEMES:
        assert table.loc[theme, "test_f1"] == by.loc[(theme, "test"), "f1"]
        assert table.loc[theme, "dev_loao_recall"] == by.loc[(theme, "dev_loao"), "recall"]
        assert table.loc[theme, "human_f1"] == by.loc[(theme, "human"), "f1"]


def test_a_user_theme_without_coding_has_no_validation_rows() -> None:
    lexicon = builtin_lexicon().with_keywords("narcotics", "heroin, opium")
    assert "narcotics" not in set(validation(lexicon).theme)


def test_leave_one_article_out_never_trains_on_the_article_it_tags(monkeypatch) -> None:
    # Poison one article's codes in training: if its own codes were used, its tags would follow.
    from russia_taliban.tag import validate as v

    dev = coding("coded_dev")
    first = dev.article_id.iloc[0]
    seen = []
    real = v.fit_theme

    def spy(d, j, gold, rows, **kw):
        seen.append(set(dev.article_id.to_numpy()[rows]))
        return real(d, j, gold, rows, **kw)

    monkeypatch.setattr(v, "fit_theme", spy)
    leave_one_article_out(dev[dev.article_id.isin(dev.article_id.unique()[:4])], builtin_lexicon())
    assert seen and all(len(s) == 3 for s in seen)
    assert any(first not in s for s in seen)


def test_a_user_coding_is_scored_against_its_own_codes(tmp_path: Path) -> None:
    path = tmp_path / "gold.csv"
    pd.DataFrame(
        {
            "paragraph_id": ["x-000", "x-001"],
            "kind": ["body", "body"],
            "text": [
                "Moscow fears ISIS-K militants will stage terrorist attacks across the border.",
                "Wheat prices rose.",
            ],
            "security": [1, 0],
        }
    ).to_csv(path, index=False)
    table = validate(builtin_lexicon(), gold=path).set_index("theme")
    assert list(table.index) == ["security"]
    assert table.loc["security", "paragraphs"] == 2 and table.loc["security", "coded_positive"] == 1


def test_an_unreadable_coding_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "gold.csv"
    path.write_text("text,security\nhello,1\n", encoding="utf-8")
    with pytest.raises(UserError, match="no paragraph_id column"):
        validate(builtin_lexicon(), gold=path)
