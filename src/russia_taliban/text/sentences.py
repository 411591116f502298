"""Sentence spans within a paragraph, for evidence and event text.

A rule-based splitter: a sentence ends at . ! or ? (plus any closing quote or bracket) followed by
space and a capital, digit or opening quote, unless the word before the stop is a known abbreviation
("Col.", "U.S.", "St.", listed in data/wordlists.yaml) or a single initial.
"""

from __future__ import annotations

import re

from .wordlists import words_of

_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9À-ÖØ-Þ])")


def spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences in `text`, whitespace trimmed.

    Linear in the paragraph's length: the word before each stop is read backwards from the stop
    (`spans_reference`, which searched the whole sentence so far each time, was quadratic in a
    paragraph of many abbreviations, "Mr. … Gen. … U.S. …", where no boundary is accepted).
    """
    return _spans(text, _token_before)


def spans_reference(text: str) -> list[tuple[int, int]]:
    """`spans` as first written, searching the sentence so far: the specification `spans` is tested against."""
    return _spans(text, lambda t, start, stop: _token_of(re.search(r"([\w.]+)\.?$", t[start : stop + 1])))


def _token_of(m: re.Match[str] | None) -> str:
    return m.group(1).lower().rstrip(".") if m else ""


_TOKEN_BACK = re.compile(r"[\w.]+$")


def _token_before(text: str, start: int, stop: int) -> str:
    """The run of word characters and dots ending at the stop at `stop`, not reaching before `start`."""
    width = 32
    while True:
        low = max(start, stop + 1 - width)
        m = _TOKEN_BACK.search(text, low, stop + 1)
        if m is None:
            return ""
        if m.start() > low or low == start:
            return m.group().lower().rstrip(".")
        width *= 4  # the run fills the window: look further back


def _spans(text: str, token_before) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    abbreviations = words_of("abbreviations")
    for m in _BOUNDARY.finditer(text):
        if m.group().startswith("."):
            token = token_before(text, start, m.start())
            if token in abbreviations or (len(token) == 1 and "a" <= token <= "z"):
                continue
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    trimmed = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed
