"""Pull quotes and repeated paragraphs: kept once as content, every other copy marked.

Linear in the article's size: exact copies are grouped by their folded text, and near copies are
found through an index from word shingles to the first paragraph holding them, so each paragraph is
compared only with the few earlier ones it shares a shingle with (the former pairwise comparison took
194 s on one 8 MB article of repeated paragraphs).
"""

from __future__ import annotations

import re

from ..text.normalise import fold
from ..text.words import words
from .split import Paragraph

_MAX_PARTNERS = 8  # earlier paragraphs compared per paragraph; copies share their shingles with one
_QUOTE_OPEN = "\"“‘'"
_ATTRIBUTION = re.compile(r"[,.]?[\"”’]\s*(?:writes|said|says|wrote|told)\s+[^.]{1,60}\.?\s*$")


def mark_pull_quotes(paragraphs: list[Paragraph], *, min_words: int = 8) -> None:
    """Mark repeats of a sentence as `pull_quote`, keeping the copy inside the running text as original.

    Two content paragraphs are copies when one's folded words contain the other's, or they share a run
    of words covering most of the shorter one. In each group of copies the original is the one that
    does not open with a quotation mark (pull quotes are set in quotes), then the longest, then the
    earliest (a syndicated repeat follows its first copy); every other copy points at it.
    """
    candidates = [p for p in paragraphs if p.kind in ("body", "standfirst") and words(p.text) >= min_words]
    parent = {p.position: p.position for p in candidates}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_text: dict[str, int] = {}
    owner: dict[int, int] = {}  # shingle -> first paragraph holding it
    folded: dict[int, str] = {}
    for p in candidates:
        text = folded[p.position] = fold(_ATTRIBUTION.sub("", p.text))
        if text in by_text:
            parent[root(p.position)] = root(by_text[text])
            continue
        by_text[text] = p.position
        tokens = text.split()
        shingles = [hash(tuple(tokens[i : i + min_words])) for i in range(len(tokens) - min_words + 1)]
        partners: list[int] = []
        for s in shingles:
            other = owner.setdefault(s, p.position)
            if other != p.position and other not in partners:
                partners.append(other)
                if len(partners) >= _MAX_PARTNERS:
                    break
        for other in partners:
            if root(other) != root(p.position) and _copies(folded[other], text, min_words):
                parent[root(p.position)] = root(other)
    groups: dict[int, list[Paragraph]] = {}
    for p in candidates:
        groups.setdefault(root(p.position), []).append(p)
    for members in groups.values():
        if len(members) < 2:
            continue
        original = min(members, key=lambda p: (p.text.lstrip()[:1] in _QUOTE_OPEN, -words(p.text), p.position))
        for p in members:
            if p is not original:
                p.kind, p.duplicate_of = "pull_quote", original.position


def _copies(a: str, b: str, min_words: int) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if f" {short} " in f" {long} ":
        return True
    # a pull quote that repeats part of a sentence: a shared run of words covering most of it
    short_words = short.split()
    if len(short_words) > 60:
        return False
    run = longest_shared_run(short_words, long.split())
    return run >= min_words and run >= 0.5 * len(short_words)


def longest_shared_run(a: list[str], b: list[str]) -> int:
    """The length of the longest run of words that `a` and `b` share."""
    best = 0
    previous = [0] * (len(b) + 1)
    for word in a:
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b, start=1):
            if word == other:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best
