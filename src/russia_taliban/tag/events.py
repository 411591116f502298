"""Dated events: each explicit date in a content sentence, resolved against the publication date."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

import pandas as pd

from ..load.kinds import CONTENT_KINDS
from ..text import sentences
from ..text.dates import ABBREVIATED_MONTH_STOP, MONTHS, DateMention, PartialDate, find_dates, parse_iso, resolve

EVENT_COLUMNS = ["article_id", "paragraph_id", "date", "date_precision", "actors", "text"]

# The month names are dates.MONTHS (name -> number, every spelling the finder reads): a month's longest
# name is the month written out.
_FULL_MONTHS = [max((n for n, m in MONTHS.items() if m == month), key=len) for month in range(1, 13)]

# Every date the finder keeps holds a digit or a month name written with a capital (lower-case "may" and
# "march" are verbs, see dates._CAPITAL): a paragraph with neither dates nothing. Two plain searches
# cost a tenth of the finder, and two paragraphs in three of ordinary prose hold neither. Every name of
# a month starts with its first three letters, the first a capital ("Jan", "Sept", "June").
_DIGIT = re.compile(r"\d")
_MONTH_START = re.compile("|".join(f"{name[0].upper()}(?i:{name[1:3]})" for name in _FULL_MONTHS))


def may_date(text: str) -> bool:
    """False only where `find_dates(text)` is certainly empty: no digit and no capitalised month name."""
    return _DIGIT.search(text) is not None or _MONTH_START.search(text) is not None


_Dated = Callable[[str, list[DateMention]], Iterator[tuple[int, int, DateMention]]]


def find_events(paragraphs: pd.DataFrame, articles: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per date mention: the resolved date, its precision, the sentence and its actors.

    A date without a year takes the year that puts it closest before publication (or after it, for
    future tense and deadlines; see dates.resolve). Where the article has no publication date, the
    latest explicit year in the article stands in; a mention that still cannot be dated is left out.
    Dates are found once per paragraph and given to their sentence by offset (`find_events_reference`
    searches every sentence of a dated paragraph again, the specification this is tested against).
    """
    return _find_events(paragraphs, articles, mentions, _dated_sentences, may_date)


def find_events_reference(paragraphs: pd.DataFrame, articles: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """`find_events` as first written: no prefilter, the date finder run on each sentence of every dated paragraph."""
    return _find_events(paragraphs, articles, mentions, _dated_sentences_reference, lambda text: True)


def _dated_sentences_reference(text: str, found: list[DateMention]) -> Iterator[tuple[int, int, DateMention]]:
    if not found:
        return
    for start, end in sentences.spans(text):
        for mention in find_dates(text[start:end]):
            yield start, end, mention


def _dated_sentences(text: str, found: list[DateMention]) -> Iterator[tuple[int, int, DateMention]]:
    """(sentence start, sentence end, the mention with offsets in the sentence) for each date `found` in `text`."""
    if not found:
        return
    # A date match holds whitespace only after a letter or digit, or after the dot of an abbreviated month
    # ("Jan. 5"); a sentence ends at a stop followed by whitespace. So only where a month abbreviation's
    # dot is followed by whitespace (dates.ABBREVIATED_MONTH_STOP, built from the same word list) can a
    # date cross a sentence boundary; there the sentences are searched one by one, as the reference does.
    if ABBREVIATED_MONTH_STOP.search(text):
        yield from _dated_sentences_reference(text, found)
        return
    bounds = iter(sentences.spans(text))
    start, end = next(bounds)
    for mention in found:  # in order, as the sentences are
        while mention.start >= end:
            start, end = next(bounds)
        yield start, end, DateMention(mention.start - start, mention.end - start, mention.surface, mention.date,
                                      mention.lead)  # fmt: skip


def _find_events(paragraphs: pd.DataFrame, articles: pd.DataFrame, mentions: pd.DataFrame,
                 dated: _Dated, may_hold_dates: Callable[[str], bool]) -> pd.DataFrame:  # fmt: skip
    published = {
        a: parse_iso(p) if p else None
        for a, p in zip(articles.article_id.tolist(), articles.published.tolist(), strict=True)
    }
    content = paragraphs[paragraphs.kind.isin(CONTENT_KINDS)]
    columns = (content.article_id.tolist(), content.paragraph_id.tolist(), content.text.tolist())
    found = [find_dates(text) if may_hold_dates(text) else [] for text in columns[2]]  # once, for both uses
    undated = {a for a, d in published.items() if d is None}
    fallback = _latest_years(zip(columns[0], found, strict=True), undated) if undated else {}
    dated_ids = {pid for pid, dates in zip(columns[1], found, strict=True) if dates}
    # only the mentions in dated paragraphs are grouped (most paragraphs date nothing)
    by_paragraph = _by_paragraph(mentions[mentions.paragraph_id.isin(dated_ids)]) if dated_ids else {}
    rows = []
    for article_id, paragraph_id, text, dates in zip(*columns, found, strict=True):
        reference = published.get(article_id) or fallback.get(article_id)
        for start, end, mention in dated(text, dates):
            sentence = text[start:end]
            date = resolve(mention, reference, sentence)
            if date is None:
                continue
            found = by_paragraph.get(paragraph_id, ())
            actors = "; ".join(dict.fromkeys(a for s, e, a in found if s >= start and e <= end))
            rows.append((article_id, paragraph_id, date.iso, date.precision, actors, sentence))
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)


def _by_paragraph(mentions: pd.DataFrame) -> dict[str, list[tuple[int, int, str]]]:
    out: dict[str, list[tuple[int, int, str]]] = {}
    columns = (mentions[c].tolist() for c in ("paragraph_id", "start", "end", "actor"))
    for paragraph_id, start, end, actor in zip(*columns, strict=True):
        out.setdefault(paragraph_id, []).append((start, end, actor))
    return out


def _latest_years(found: Iterable[tuple[str, list[DateMention]]], undated: set[str]) -> dict[str, PartialDate]:
    """The latest explicit year each undated article mentions, as its last day (a stand-in reference)."""
    latest: dict[str, PartialDate] = {}
    for article_id, mentions in found:
        if article_id not in undated:
            continue
        for mention in mentions:
            year = mention.date.year
            if year and (article_id not in latest or year > latest[article_id].year):
                latest[article_id] = PartialDate(year, 12, 31)
    return latest
