"""Counting words: one definition of a word for word counts, short-paragraph thresholds and pull quotes."""

from __future__ import annotations

import functools
import re

WORD = re.compile(r"\w++(?:[’'-]\w++)*+")  # possessive: no backtracking, twice as fast on long paragraphs


def words(text: str) -> int:
    """The number of words in `text` (hyphenated and apostrophised words count once)."""
    return len(WORD.findall(text))


def fewer_words(text: str, n: int) -> bool:
    """`words(text) < n`, reading no further than the n-th word."""
    return _first_words(n).match(text) is None


@functools.cache
def _first_words(n: int) -> re.Pattern[str]:
    return re.compile(rf"(?:\W*+{WORD.pattern}){{{n}}}")


#: `capped_words` is exact up to this count; every loader rule compares with a threshold below it.
WORD_CAP = 64
_HEAD = 512  # characters: a prefix this long of ordinary prose holds more than WORD_CAP words


@functools.lru_cache(maxsize=8192)
def capped_words(text: str) -> int:
    """`words(text)` where that is at most WORD_CAP; some number above WORD_CAP otherwise.

    The loader's rules (a title has at most 30 words, a body paragraph at least 20) ask about the
    same paragraph many times and never need a long paragraph's full count, so the count is memoised
    (a str caches its hash, so a repeat costs nothing) and reads only the first characters where
    they already hold more than WORD_CAP words. A cut can only shorten the last word, never add one.
    """
    if len(text) > _HEAD:
        head = words(text[:_HEAD])
        if head > WORD_CAP:
            return head
    return words(text)
