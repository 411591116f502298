import pandas as pd

from russia_taliban.tag.actors import builtin_gazetteer, find_mentions
from russia_taliban.tag.events import find_events
from tests.conftest import paragraphs_frame


def events(text: str, published: str = "2021-09-07") -> pd.DataFrame:
    paragraphs = paragraphs_frame(text)
    articles = pd.DataFrame({"article_id": ["a"], "published": [published]})
    return find_events(paragraphs, articles, find_mentions(paragraphs, builtin_gazetteer()))


def test_event_has_date_precision_sentence_and_actors() -> None:
    found = events("Talks stalled. On August 25, Zhirnov met Muttaqi in Kabul. Nothing followed.")
    assert found[["date", "date_precision", "actors", "text"]].values.tolist() == [
        ["2021-08-25", "day", "Dmitry Zhirnov; Amir Khan Muttaqi", "On August 25, Zhirnov met Muttaqi in Kabul."]
    ]


def test_month_and_year_precision() -> None:
    found = events("Sanctions have applied since 2003, and in March 2024 Russia hosted talks.")
    assert found[["date", "date_precision"]].values.tolist() == [["2003", "year"], ["2024-03", "month"]]


def test_without_publication_date_the_latest_year_in_the_article_stands_in() -> None:
    found = events("In October 2023 Russia hosted Azizi. On June 3rd, Russia recognised the Taliban.", published="")
    assert found.date.tolist() == ["2023-10", "2023-06-03"]


def test_seed_trt_august_25_resolves_to_2021(seeds) -> None:
    from russia_taliban.tag.lexicon import builtin_lexicon
    from russia_taliban.tag.tables import build_tables

    tables = build_tables(seeds, builtin_lexicon())
    trt = tables.events[tables.events.article_id == "000_0b1ea58b017ac20d"]
    assert "2021-08-25" in trt[trt.text.str.startswith("On August 25")].date.tolist()
