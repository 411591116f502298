"""Hits as tuples and as arrays, and the array helpers the taggers share (leftmost-longest, runs, rows)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import numpy as np  # imported where used: a no-op build never scans
    import pandas as pd


class Hit(NamedTuple):
    """One match (a tuple: millions are made, so they must be cheap)."""

    key: int  # index of the pattern in the list the Matcher was built from
    start: int  # character offsets into the scanned text
    end: int


make_hit = functools.partial(tuple.__new__, Hit)  # builds a Hit in C, without NamedTuple's Python __new__


class Hits(NamedTuple):
    """All hits of one `Matcher.scan_arrays` call as parallel arrays, ordered as `Matcher.scan` orders them."""

    text: np.ndarray  # index of the text in the list that was scanned
    key: np.ndarray
    start: np.ndarray  # character offsets into that text
    end: np.ndarray


def longest_first(hits: Iterable[Hit]) -> list[Hit]:
    """Leftmost-longest hits that do not overlap (for resolving aliases such as Daesh / Daesh-K)."""
    chosen: list[Hit] = []
    last_end = -1
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if hit.start >= last_end:
            chosen.append(hit)
            last_end = hit.end
    return chosen


def located(paragraphs: pd.DataFrame, texts: list[str], row: np.ndarray, start: np.ndarray, end: np.ndarray) -> dict:
    """The columns that place each hit: article, paragraph, matched text and span (`texts` are the
    paragraphs' texts, `row` their positions)."""
    return {
        "article_id": paragraphs["article_id"].array.take(row),  # take: no round trip through Python strings
        "paragraph_id": paragraphs["paragraph_id"].array.take(row),
        "surface": [texts[r][a:b] for r, a, b in zip(row.tolist(), start.tolist(), end.tolist(), strict=True)],
        "start": start,
        "end": end,
    }


def run_starts(values: np.ndarray) -> np.ndarray:
    """True where a run of equal values begins (`values` sorted, or grouped)."""
    import numpy as np

    first = np.empty(len(values), dtype=bool)
    first[:1] = True
    np.not_equal(values[1:], values[:-1], out=first[1:])
    return first


def longest_first_mask(group: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """`longest_first` within each group, for many groups at once: which hits to keep.

    The hits must be sorted by group, then start, longest first. A hit that starts after every
    earlier hit of its group has ended is kept without looking further; only groups where hits
    overlap are walked one hit at a time.
    """
    import numpy as np

    keep = np.ones(len(start), dtype=bool)
    if len(start) < 2:
        return keep
    first = run_starts(group)
    number = np.cumsum(first) - 1
    span = int(end.max()) + 1  # lifts each group's ends above the previous group's: one running max for all
    reach = np.maximum.accumulate(number * span + end) - number * span
    before = np.empty_like(reach)
    before[0] = -1
    before[1:] = reach[:-1]
    before[first] = -1
    clash = np.flatnonzero(start < before)
    if not len(clash):
        return keep
    bounds = [*np.flatnonzero(first).tolist(), len(start)]
    starts, ends = start.tolist(), end.tolist()
    for g in np.unique(number[clash]).tolist():
        last = -1
        for i in range(bounds[g], bounds[g + 1]):
            if starts[i] >= last:
                last = ends[i]
            else:
                keep[i] = False
    return keep
