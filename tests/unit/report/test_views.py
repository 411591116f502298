import pandas as pd

from russia_taliban.report import sources, views


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
    tables = tables_of([{"id": "a", "tags": [set()] * 3}])
    text = " ".join(views.method(tables, pd.DataFrame({"theme": ["security"]})).lines)
    assert (
        "1 article from 1 outlet, with 3 content paragraphs" in text
        and "reaches 2.5 (1 for paragraphs under 25 words)" in text
    )
    assert "No human coding exists for economics" in text


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
