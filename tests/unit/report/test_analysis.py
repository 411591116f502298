import pandas as pd
import pytest

from russia_taliban.report import analysis
from russia_taliban.report.analysis import among


@pytest.mark.parametrize("dtype", ["str", object])
@pytest.mark.parametrize("values", [["a-1", "b-2"], [], ["zzz"], ["a-1", "a-1", "c-3"]])
def test_among_agrees_with_pandas_isin(dtype, values: list[str]) -> None:
    column = pd.concat(  # two chunks when Arrow-backed, as read from a Parquet file
        [pd.Series(["a-1", "b-2", "c-3"], dtype=dtype), pd.Series(["a-1", "d-4"], dtype=dtype)], ignore_index=True
    )
    expected = column.isin(values)
    found = among(column, pd.Series(values, dtype=dtype))
    pd.testing.assert_series_equal(found, expected)


TEXT = "Moscow has sought to widen its economic ties with Kabul through new sanctions relief and trade corridors."


@pytest.mark.parametrize(("window", "left", "right"), [
    (20, "…Kabul through new ", " relief and trade…"),
    (200, "Moscow has sought to widen its economic ties with Kabul through new ", " relief and trade corridors."),
])  # fmt: skip
def test_context_is_cut_at_word_boundaries(window: int, left: str, right: str) -> None:
    start = TEXT.index("sanctions")
    assert analysis.context(TEXT, start, start + len("sanctions"), window) == (left, right)


@pytest.mark.parametrize(("dates", "expected"), [
    (["2021-08-15", "2025-07-03", None], ["2021", "2025", "undated"]),
    (["2022-01-10", "2022-11-30"], ["2022Q1", "2022Q4"]),
])  # fmt: skip
def test_periods_are_years_unless_the_dates_span_less_than_two(dates, expected) -> None:
    assert analysis.period_labels(pd.Series(pd.to_datetime(dates))).tolist() == expected


def test_kwic_lines_come_from_tagged_paragraphs_with_their_source(tables_of) -> None:
    tables = tables_of(
        [{"id": "a", "tags": [{"security"}, set()], "texts": {0: "the security pact", 1: "security aside"}}]
    )
    tables.evidence = pd.DataFrame({"article_id": ["a", "a"], "paragraph_id": ["a-000", "a-001"], "theme": "security",
                                    "term": "security", "surface": "security", "start": [4, 0], "end": [12, 8],
                                    "weight": 2.0})  # fmt: skip
    lines = analysis.kwic_lines(tables, "security", ["security"])
    assert lines[["left", "match", "right", "paragraph_id"]].values.tolist() == [["the ", "security", " pact", "a-000"]]
