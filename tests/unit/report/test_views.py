from pathlib import Path

import pandas as pd

from russia_taliban.report import analysis, sources, views


def test_validation_table_shows_the_rows_there_are_and_marks_uncoded_themes(tables_of) -> None:
    validation = pd.DataFrame(
        {"theme": ["security"], "paragraphs": [10], "f1": [0.9], "test_f1": [0.8], "new_metric": [0.5]}
    )
    frame = views.validation_table(validation, ["security", "narcotics"]).frame
    assert list(frame.columns) == ["theme", "coded paragraphs", "F1 (in-sample)", "F1, test split", "new_metric"]
    assert frame.iloc[0].tolist() == ["security", "10", "0.90", "0.80", "0.50"]
    assert frame.iloc[1, :2].tolist() == ["narcotics", "unvalidated"]


def test_references_fall_back_to_outlet_and_tell_alike_articles_apart(tables_of) -> None:
    tables = tables_of([
        {"id": "a", "author": "Jane Q. Doe", "published": "2022-01-02", "tags": [set()]},
        {"id": "b", "author": "John Doe", "published": "2022-05-02", "tags": [set()]},
        {"id": "c", "author": "", "outlet": "Wire", "published": "", "tags": [set()]},
    ])  # fmt: skip
    assert sources.references(tables).tolist() == ["Doe 2022a", "Doe 2022b", "Wire n.d."]


def test_sources_list_one_row_per_article_and_undated_marked(tables_of) -> None:
    tables = tables_of([{"id": "a", "author": "A B", "published": "2023-01-01", "tags": [set()]},
                        {"id": "b", "author": "C D", "tags": [set()]}])  # fmt: skip
    assert len(views.sources_table(tables).frame) == 2
    published = views.articles_table(tables).frame.published.tolist()
    assert published == ["2023-01-01", views.UNDATED]


def test_quotations_are_in_date_order_with_their_source(tables_of) -> None:
    tables = tables_of([{"id": "late", "author": "Late Author", "published": "2025-01-01", "tags": [set(), set()]},
                        {"id": "early", "author": "Early Author", "published": "2021-01-01", "tags": [set()]}])  # fmt: skip
    tables.quotes = pd.DataFrame({"article_id": ["late", "early"], "paragraph_id": ["late-001", "early-000"],
                                  "speaker": ["X", ""], "quote": ["later words here now", "earlier words here now"]})  # fmt: skip
    frame = views.quotes_table(tables).frame
    assert frame.quotation.tolist() == ["“earlier words here now”", "“later words here now”"]
    assert frame.source.tolist() == ["Author 2021, ¶1", "Author 2025, ¶2"]
    assert frame.speaker.tolist() == ["(unattributed)", "X"]


def test_method_text_follows_the_lexicon_and_corpus(tables_of) -> None:
    tables = tables_of([{"id": "a", "tags": [set()] * 3}])  # no decision recorded: both themes follow the rule
    text = " ".join(views.method(tables, pd.DataFrame({"theme": ["security"]})).lines)
    assert "1 article from 1 outlet, with 3 content paragraphs" in text
    assert "themes are each tagged by the weighted rule" in text and "add up to 2.5 (1 for paragraphs under 25" in text
    assert "No human coding exists for economics" in text


def _learned(tables, theme: str, paragraphs: int, articles: int) -> None:
    tables.lexicon["themes"][theme]["decision"] = {
        "method": "logistic regression on lexicon hits", "cut": 0.4, "intercept": -2.0,
        "coef": {"score": 1.0, "terms": 0.5, "short": -0.1, "other_economics": -0.2}, "terms": {"border": 0.3},
        "trained_on": {"coding": "coded_dev", "paragraphs": paragraphs, "articles": articles, "positives": 9},
    }  # fmt: skip


def test_a_learned_theme_is_described_by_its_model_record_and_a_rule_theme_by_its_thresholds(tables_of) -> None:
    tables = tables_of([{"id": "a", "tags": [set()]}])
    _learned(tables, "security", 123, 7)
    coded = pd.DataFrame({"theme": ["security"]})
    learned = " ".join(views.theme_method(tables, coded, "security").lines)
    assert "logistic regression" in learned and "123 coded development paragraphs from 7 articles" in learned
    assert "reaches 0.4" in learned and "a count for each term and the other themes' scores" in learned
    assert "weighted rule" not in learned and "unvalidated" not in learned
    rule = " ".join(views.theme_method(tables, coded, "economics").lines)
    assert "weighted rule" in rule and "add up to 2.5" in rule and "unvalidated" in rule
    method = " ".join(views.method(tables, coded).lines)
    assert "The security theme is decided by a logistic regression" in method and "123 coded" in method
    assert "The economics theme is tagged by the weighted rule" in method


def test_a_lexicon_theme_in_a_real_build_is_rule_based_and_unvalidated_and_a_coded_one_learned() -> None:
    from russia_taliban.load.corpus import load_corpus
    from russia_taliban.tag.classifier import models_for
    from russia_taliban.tag.lexicon import lexicon_for
    from russia_taliban.tag.tables import build_tables
    from russia_taliban.tag.validate import validation

    lexicon = lexicon_for(None).with_keywords("narcotics", "heroin, drug trafficking")
    tables = build_tables(load_corpus(Path(__file__).parents[3] / "seeds"), lexicon)
    tidy = validation(lexicon)
    trained = models_for(lexicon)["security"]
    security = " ".join(views.theme_method(tables, tidy, "security").lines)
    assert f"{trained.paragraphs} coded development paragraphs from {trained.articles} articles" in security
    narcotics = " ".join(views.theme_method(tables, tidy, "narcotics").lines)
    assert "weighted rule" in narcotics and "unvalidated" in narcotics
    frame = views.validation_table(tidy, tables.themes).frame.set_index("theme")
    assert frame.loc["narcotics"].iloc[0] == "unvalidated"
    assert tables.lexicon["themes"]["narcotics"]["decision"]["method"] == "weighted rule"


def test_a_tidy_validation_shows_test_dev_and_human_figures_and_says_what_each_split_is() -> None:
    rows = []
    for theme, f1 in (("security", 0.8), ("economics", 0.7)):
        for split, articles, paragraphs in (("test", 13, 160), ("dev_loao", 27, 350), ("seeds", 5, 90)):
            rows.append({"theme": theme, "split": split, "paragraphs": paragraphs, "articles": articles,
                         "positives": 5, "precision": f1 + 0.1, "recall": f1 - 0.1, "f1": f1})  # fmt: skip
        rows.append({"theme": theme, "split": "human", "paragraphs": 150, "articles": 12, "positives": 5,
                     "precision": float("nan"), "recall": float("nan"), "f1": 0.95})  # fmt: skip
    table = views.validation_table(pd.DataFrame(rows), ["security", "economics", "narcotics"])
    assert list(table.frame.columns) == ["theme", *views.SPLIT_COLUMNS.values()]
    assert table.frame.iloc[0].tolist() == ["security", "0.90", "0.70", "0.80", "0.90", "0.70", "0.80", "0.95"]
    assert table.frame.iloc[2, :2].tolist() == ["narcotics", "unvalidated"]
    assert "13 articles, 160 paragraphs" in table.caption and "27 articles, 350 paragraphs" in table.caption
    assert "leave one article out" in table.caption and "12 articles, 150 paragraphs" in table.caption


def test_empty_selections_give_empty_tables_even_after_a_parquet_round_trip(tables_of, tmp_path) -> None:
    from russia_taliban.tag.tables import Tables

    tables = tables_of([{"id": "a", "published": "2022-01-01", "tags": [{"security"}]}])
    tables.write(tmp_path)
    tables = Tables.read(tmp_path)  # empty frames come back with their own dtypes
    none = tables.events.iloc[0:0]
    assert views.events_table(tables, none).frame.empty
    assert views.quotes_table(tables, tables.quotes.iloc[0:0]).frame.empty
    assert sources.cite(tables, none.article_id, none.paragraph_id).empty


def test_sources_show_urls_only_when_some_article_has_one(tables_of) -> None:
    tables = tables_of([{"id": "a", "tags": [set()]}, {"id": "b", "tags": [set()]}])
    assert "URL" not in views.sources_table(tables).frame
    tables.articles["url"] = ["https://example.org/a", ""]
    assert views.sources_table(tables).frame.URL.tolist() == ["https://example.org/a", "—"]


def test_a_validation_with_many_measures_turns_to_one_row_per_measure() -> None:
    measures = [
        "precision",
        "recall",
        "f1",
        "loao_f1",
        "heldout_f1",
        "test_precision",
        "test_recall",
        "test_f1",
        "human_f1",
    ]
    validation = pd.DataFrame([{"theme": t, **dict.fromkeys(measures, 0.5)} for t in ["security", "economics"]])
    frame = views.validation_table(validation, ["security", "economics", "narcotics"]).frame
    assert list(frame.columns) == ["measure", "security", "economics", "narcotics"]
    assert frame.measure.tolist()[-1] == "human–human F1" and frame.narcotics.tolist()[0] == "unvalidated"


def test_strongest_passages_are_ordered_by_score_cite_their_source_and_name_their_measure(tables_of) -> None:
    tables = tables_of(
        [{"id": "a", "tags": [{"security"}, {"security"}, set()], "texts": {0: "Guards <b>at</b> posts."}}]
    )
    tables.paragraphs.loc[1, "security_score"] = 0.9
    tables.paragraphs.loc[0, "security_score"] = 0.6
    tables.evidence.loc[0] = ["a", "a-000", "security", "guard", "Guards", 0, 6, 1.0]
    rows = analysis.strongest_paragraphs(tables, "security", n=5)
    assert rows.paragraph_id.tolist() == ["a-001", "a-000"] and rows.spans.tolist() == [[], [(0, 6)]]
    html = views.passages(tables, rows)._repr_html_()
    assert "score 0.9" in html and "<mark>Guards</mark> &lt;b&gt;at&lt;/b&gt;" in html and "<b>" not in html
    _learned(tables, "security", 10, 2)
    assert "probability 0.9" in views.passages(tables, rows)._repr_html_()
