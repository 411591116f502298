"""Sentence spans within a paragraph, for evidence and event text.

A rule-based splitter: a sentence ends at . ! or ? (plus any closing quote or bracket) followed by
space and a capital, digit or opening quote, unless the word before the stop is a known abbreviation
("Col.", "U.S.", "St.") or a single initial.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "col",
        "gen",
        "lt",
        "maj",
        "capt",
        "cmdr",
        "adm",
        "sgt",
        "gov",
        "sen",
        "rep",
        "amb",
        "pres",
        "vs",
        "etc",
        "no",
        "nos",
        "fig",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "univ",
        "est",
        "approx",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
    ]
)
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9À-ÖØ-Þ])")


def spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences in `text`, whitespace trimmed."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        before = re.search(r"([\w.]+)\.?$", text[start : m.start() + 1])
        token = before.group(1).lower().rstrip(".") if before else ""
        if m.group().startswith(".") and (token in ABBREVIATIONS or re.fullmatch(r"[a-z]", token)):
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


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in spans(text)]
