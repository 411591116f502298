import pandas as pd
import pytest

from russia_taliban.cli import main
from russia_taliban.tag.lexicon import builtin_lexicon
from russia_taliban.tag.validate import scores, validate


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ([1, 1, 0, 0], [1, 0, 1, 0], (0.5, 0.5, 0.5)),
        ([1, 1, 1, 0], [1, 1, 1, 0], (1.0, 1.0, 1.0)),
        ([0, 0, 0, 0], [0, 0, 0, 0], (1.0, 1.0, 1.0)),  # nothing to find, nothing found
        ([0, 0, 0, 0], [1, 0, 0, 0], (1.0, 0.0, 0.0)),
    ],
)
def test_precision_recall_and_f1(predicted: list[int], gold: list[int], expected: tuple[float, float, float]) -> None:
    assert scores(pd.Series(predicted), pd.Series(gold)) == pytest.approx(expected)


def test_validation_meets_the_targets() -> None:
    table = validate(builtin_lexicon()).set_index("theme")
    assert list(table.index) == ["security", "economics", "diplomacy", "humanitarian"]
    for theme in ("security", "economics", "diplomacy"):
        assert table.loc[theme, "f1"] >= 0.85
        assert table.loc[theme, "loao_f1"] >= 0.80
        assert table.loc[theme, "heldout_f1"] >= 0.85
    assert (table[["f1", "loao_f1", "heldout_f1"]] >= 0.75).all().all()


def test_seed_coding_covers_exactly_the_content_paragraphs(seeds) -> None:
    from russia_taliban.tag.validate import coding

    frame = seeds.paragraphs_frame
    content = set(frame[frame.kind.isin(["title", "standfirst", "heading", "body"])].paragraph_id)
    assert set(coding("seeds").paragraph_id) == content


def test_cli_validate_prints_the_table(capsys) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "security" in out and "heldout_f1" in out
