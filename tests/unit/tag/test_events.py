import pandas as pd
import pytest

from russia_taliban.tag.actors import builtin_gazetteer, find_mentions
from russia_taliban.tag.events import find_events, find_events_reference, may_date
from russia_taliban.text.dates import MONTHS, find_dates
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


# The fast path (dates found once per paragraph, given to sentences by offset) against the reference
# (the finder run again on every sentence of a dated paragraph).
TRICKY = [
    "Talks stalled. On August 25, Zhirnov met Muttaqi in Kabul. Nothing followed.",
    "On 5 Jan. 2022 Lavrov spoke. In Jan. Kabulov flew to Doha. Feb. 3 was quiet.",
    "Sept. 2023 saw talks. Russia will host the Moscow Format by 16 September. It met in July.",
    "No date here at all, may it please the court; they march on.",
    "The U.S. left in 2021. Col. Smith said on 12/30/2024 that 2024-03-05 mattered. In mid-March, nothing.",
    "“We will meet in October,” Kabulov said. He added: “Since 2019 we talk.” Zhirnov agreed on June 3rd.",
    "MAY 2021 and JUNE 4 in capitals. in may 2021 lower case. Dec. 25, 2021. Dec.\u00a025 2022.",
    "Early 2022, late September and end of May: all vague. 3 troops on May 5 troops.",
    "",
]


@pytest.mark.parametrize("published", ["2021-09-07", "2023", ""])
def test_fast_events_equal_the_reference_on_tricky_paragraphs(published: str) -> None:
    paragraphs = paragraphs_frame(*TRICKY)
    articles = pd.DataFrame({"article_id": ["a"], "published": [published]})
    mentions = find_mentions(paragraphs, builtin_gazetteer())
    expected = find_events_reference(paragraphs, articles, mentions)
    assert len(expected) > 10
    pd.testing.assert_frame_equal(find_events(paragraphs, articles, mentions), expected)


def test_fast_events_equal_the_reference_on_the_seeds(seeds) -> None:
    paragraphs, articles = seeds.paragraphs_frame, seeds.articles_frame
    mentions = find_mentions(paragraphs, builtin_gazetteer())
    expected = find_events_reference(paragraphs, articles, mentions)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(find_events(paragraphs, articles, mentions), expected)


def test_the_prefilter_passes_every_paragraph_the_finder_dates(seeds) -> None:
    texts = [*TRICKY, *seeds.paragraphs_frame.text, "٢٠٢١ in Arabic digits", "JANUARY 5", "Sep 5", "Nov. 2021"]
    dated = [t for t in texts if find_dates(t)]
    assert len(dated) > 10
    assert all(may_date(t) for t in dated)
    assert not may_date("they march on, may it please the court; no numbers")


ABBREVIATED = [name for name in MONTHS if len(name) < max(len(n) for n, m in MONTHS.items() if m == MONTHS[name])]


@pytest.mark.parametrize("month", ABBREVIATED)
def test_an_abbreviated_months_stop_before_a_space_takes_the_sentence_by_sentence_path(month: str) -> None:
    # "On 5 Sept. The …": the date may take the stop with it, so the fast path must agree with the reference
    texts = [f"Talks began on 5 {month.title()}. Zhirnov flew in. In {month.title()}. 2022 they met again."]
    paragraphs = paragraphs_frame(*texts)
    articles = pd.DataFrame({"article_id": ["a"], "published": ["2023-01-01"]})
    mentions = find_mentions(paragraphs, builtin_gazetteer())
    expected = find_events_reference(paragraphs, articles, mentions)
    assert len(expected) >= 2
    pd.testing.assert_frame_equal(find_events(paragraphs, articles, mentions), expected)


@pytest.mark.parametrize("month", list(MONTHS))
def test_the_prefilter_passes_every_month_name_with_its_capital(month: str) -> None:
    assert may_date(f"Talks resumed in {month.title()}") and may_date(f"Talks resumed in {month.upper()}")
