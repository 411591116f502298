from russia_taliban.report import findings


def corpus(tables_of, later_economics: int):
    """Two years, two articles each: security dominant in 2021, economics in 2025 at a chosen level."""
    early = [{"id": f"e{i}", "published": f"2021-0{i + 1}-10", "tags": [{"security"}] * 8 + [{"economics"}] * 2}
             for i in range(2)]  # fmt: skip
    late = [{"id": f"l{i}", "published": f"2025-0{i + 1}-10",
             "tags": [{"economics"}] * later_economics + [{"security"}] * (10 - later_economics)} for i in range(2)]  # fmt: skip
    return tables_of(early + late)


def test_summary_follows_the_corpus(tables_of) -> None:
    rising = findings.overview(corpus(tables_of, 9))
    flat = findings.overview(corpus(tables_of, 2))
    assert rising != flat
    assert any("economics rose from 20% to 90%" in line for line in rising)
    assert not any("economics rose" in line for line in flat)
    assert any("within the noise" in line and "economics 20% → 20%" in line for line in flat)


def test_summary_names_the_leader_of_each_period_with_its_n(tables_of) -> None:
    lines = findings.overview(corpus(tables_of, 9))
    assert any(line.startswith("In 2021 (2 articles, 20 paragraphs), security leads with 80%") for line in lines)
    assert any(line.startswith("In 2025 (2 articles, 20 paragraphs), economics leads with 90%") for line in lines)


def test_few_articles_are_said_with_their_number(tables_of) -> None:
    lines = findings.overview(corpus(tables_of, 9))
    assert any("With 4 articles in all, 2 of 2 periods rest on 2 articles each" in line for line in lines)


def test_undated_articles_are_named_and_left_out_of_time_comparisons(tables_of) -> None:
    tables = tables_of([{"id": "a", "published": "2022-03-01", "tags": [{"security"}] * 3},
                        {"id": "b", "published": "", "tags": [{"economics"}] * 3}])  # fmt: skip
    lines = findings.overview(tables)
    assert any("1 article without a publication date is left out" in line for line in lines)
    assert any("All dated articles fall in 2022Q1" in line for line in lines)


def test_a_corpus_without_dates_cannot_show_movement(tables_of) -> None:
    tables = tables_of([{"id": "a", "tags": [{"security"}] * 3}, {"id": "b", "tags": [set()] * 2}])
    lines = findings.overview(tables)
    assert any("cannot show how the framing moved" in line for line in lines)
    assert not any(line.startswith("In ") for line in lines)


def test_theme_chapter_opens_with_the_same_figures_as_the_overview(tables_of) -> None:
    tables = corpus(tables_of, 9)
    overview = " ".join(findings.overview(tables))
    chapter = findings.theme(tables, "economics")
    assert chapter[0].startswith("Economics is carried by 55% of 40 content paragraphs in 4 articles")
    rise = next(line for line in chapter if "economics rose" in line)
    assert rise[rise.index("economics rose") :].rstrip(".") in overview


def test_one_article_reads_as_one_article(tables_of) -> None:
    lines = findings.overview(tables_of([{"id": "a", "published": "2024-09-01", "tags": [{"security"}, set()]}]))
    assert lines[0].startswith("In the 1 article (2 content paragraphs)")
    assert any("its one period rests on 1 article:" in line for line in lines)
