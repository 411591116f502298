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
    """(start, end) character spans of the sentences in `text`, whitespace trimmed."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        before = re.search(r"([\w.]+)\.?$", text[start : m.start() + 1])
        token = before.group(1).lower().rstrip(".") if before else ""
        if m.group().startswith(".") and (token in words_of("abbreviations") or re.fullmatch(r"[a-z]", token)):
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
