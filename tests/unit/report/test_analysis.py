import pandas as pd
import pytest

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
