import pytest

from russia_taliban.report import plots


@pytest.mark.parametrize(
    ("starts", "widths", "rows"),
    [([0, 10, 20], [5, 5, 5], [0, 0, 0]), ([0, 2, 6], [5, 5, 5], [0, 1, 0]), ([0, 1, 2], [10, 10, 10], [0, 1, 2])],
)
def test_stagger_puts_overlapping_labels_on_other_rows(starts, widths, rows) -> None:
    assert plots.stagger(starts, widths) == rows


def labels_overlap(chart) -> bool:
    fig = chart.figure
    fig.draw_without_rendering()
    texts = [t for ax in fig.axes for t in ax.texts if "(" in t.get_text() and t.get_text().endswith(")")]
    boxes = [t.get_window_extent() for t in texts]
    return any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_central_chart_exports_its_numbers_and_keeps_milestone_labels_apart(tables_of) -> None:
    tables = tables_of([{"id": "a", "published": "2021-08-20", "tags": [{"security"}, set()]},
                        {"id": "b", "published": "2025-07-10", "tags": [{"economics"}] * 3}])  # fmt: skip
    chart = plots.theme_trend(tables)
    periods = chart.data[chart.data.level == "period"]
    assert set(periods.period) == {"2021", "2025"}
    row = periods[(periods.period == "2021") & (periods.theme == "security")].iloc[0]
    assert row.share == 0.5 and row.low <= 0.5 <= row.high and row.articles == 1
    assert "security: 2021 50%" in chart.alt
    assert not labels_overlap(chart)


def test_undated_articles_are_left_out_of_the_time_charts_and_said_so(tables_of) -> None:
    tables = tables_of([{"id": "a", "published": "2022-03-01", "tags": [{"security"}]}, {"id": "b", "tags": [set()]}])
    assert "1 undated article is not shown" in plots.timeline(tables).caption
    assert "1 undated article not shown" in plots.theme_trend(tables).caption


def test_theme_chapter_chart_has_one_row_per_article_or_per_period_when_there_are_many(tables_of) -> None:
    few = tables_of([{"id": "a", "published": "2021-01-01", "tags": [{"security"}, set()]},
                     {"id": "b", "tags": [{"security"}] * 3}])  # fmt: skip
    data = plots.theme_share(few, "security").data
    assert data.level.tolist() == ["article", "article", "corpus"]
    assert data.share.tolist() == [0.5, 1.0, 0.8] and data.label.iloc[1].endswith("undated")
    many = tables_of([{"id": f"x{i}", "published": f"{2021 + i % 3}-05-01", "tags": [{"security"}] * (i % 3 + 1)}
                      for i in range(30)])  # fmt: skip
    data = plots.theme_share(many, "security").data
    assert data.label.tolist() == ["2021", "2022", "2023", "whole corpus"] and data.articles.tolist() == [
        10,
        10,
        10,
        30,
    ]


def test_alt_text_gives_milestones_at_their_own_precision(tables_of) -> None:
    alt = plots.timeline(tables_of([{"id": "a", "published": "2022-06-01", "tags": [set()]}])).alt
    assert "published in June 2022" in alt
    assert "Taliban take Kabul (15 August 2021)" in alt and "Moscow accredits a Taliban envoy (March 2022)" in alt
