"""Dated events: each explicit date in a content sentence, resolved against the publication date."""

from __future__ import annotations

import pandas as pd

from ..load.kinds import CONTENT_KINDS
from ..text import sentences
from ..text.dates import PartialDate, find_dates, parse_iso, resolve

EVENT_COLUMNS = ["article_id", "paragraph_id", "date", "date_precision", "actors", "text"]


def find_events(paragraphs: pd.DataFrame, articles: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per date mention: the resolved date, its precision, the sentence and its actors.

    A date without a year takes the year that puts it closest before publication (or after it, for
    future tense and deadlines; see dates.resolve). Where the article has no publication date, the
    latest explicit year in the article stands in; a mention that still cannot be dated is left out.
    """
    published = {row.article_id: parse_iso(row.published) if row.published else None for row in articles.itertuples()}
    by_paragraph: dict[str, list[tuple[int, int, str]]] = {}
    for paragraph_id, start, end, actor in mentions[["paragraph_id", "start", "end", "actor"]].itertuples(index=False):
        by_paragraph.setdefault(paragraph_id, []).append((start, end, actor))
    content = paragraphs[paragraphs.kind.isin(CONTENT_KINDS)]
    undated = {a for a, d in published.items() if d is None}
    fallback = _latest_years(content[content.article_id.isin(undated)]) if undated else {}
    rows = []
    for article_id, paragraph_id, text in content[["article_id", "paragraph_id", "text"]].itertuples(index=False):
        if not find_dates(text):  # most paragraphs date nothing: skip splitting them into sentences
            continue
        reference = published.get(article_id) or fallback.get(article_id)
        found = by_paragraph.get(paragraph_id, [])
        for start, end in sentences.spans(text):
            sentence = text[start:end]
            for mention in find_dates(sentence):
                date = resolve(mention, reference, sentence)
                if date is None:
                    continue
                actors = "; ".join(dict.fromkeys(a for s, e, a in found if s >= start and e <= end))
                rows.append((article_id, paragraph_id, date.iso, date.precision, actors, sentence))
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)


def _latest_years(content: pd.DataFrame) -> dict[str, PartialDate]:
    latest: dict[str, PartialDate] = {}
    for article_id, text in content[["article_id", "text"]].itertuples(index=False):
        for mention in find_dates(text):
            year = mention.date.year
            if year and (article_id not in latest or year > latest[article_id].year):
                latest[article_id] = PartialDate(year, 12, 31)
    return latest
