"""Pull quotes and repeated paragraphs: kept once as content, every other copy marked.

Linear in the article's size: exact copies are grouped by their folded text, and near copies are
found through an index from word shingles to the first paragraph holding them, so each paragraph is
compared only with the few earlier ones it shares a shingle with (the former pairwise comparison took
194 s on one 8 MB article of repeated paragraphs).
"""

from __future__ import annotations

import itertools
import re
import re._parser as sre_parse

import numpy as np

from ..text.normalise import fold
from ..text.wordlists import alternation
from ..text.words import capped_words
from .split import Paragraph

_MAX_PARTNERS = 8  # earlier paragraphs compared per paragraph; copies share their shingles with one
_QUOTE_OPEN = "\"“‘'"
_ATTRIBUTION = re.compile(
    rf"[,.]?[\"”’]\s{{0,5}}{alternation('pull_quote_attribution_verbs')}\s{{1,5}}[^.]{{1,60}}\.?\s{{0,5}}$"
)
_ATTRIBUTION_WIDTH = sre_parse.parse(_ATTRIBUTION.pattern).getwidth()[1]  # the longest text it can match


def mark_pull_quotes(paragraphs: list[Paragraph], *, min_words: int = 8) -> None:
    """Mark repeats of a sentence as `pull_quote`, keeping the copy inside the running text as original.

    Two content paragraphs are copies when one's folded words contain the other's, or they share a run
    of words covering most of the shorter one. In each group of copies the original is the one that
    does not open with a quotation mark (pull quotes are set in quotes), then the longest, then the
    earliest (a syndicated repeat follows its first copy); every other copy points at it.
    """
    candidates = [p for p in paragraphs if p.kind in ("body", "standfirst") and capped_words(p.text) >= min_words]
    parent = {p.position: p.position for p in candidates}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_text: dict[str, int] = {}
    owner: dict[int, int] = {}  # shingle -> first paragraph holding it
    folded = {p.position: fold(_without_attribution(p.text)) for p in candidates}
    merged = False
    for p, shingles in zip(candidates, partner_shingles(list(folded.values()), min_words), strict=True):
        text = folded[p.position]
        if text in by_text:
            parent[root(p.position)] = root(by_text[text])
            merged = True
            continue
        by_text[text] = p.position
        if shingles is None:
            continue  # no run of its words is in another paragraph: it has no partners, now or later
        for other in _partners(shingles, p.position, owner):
            if root(other) != root(p.position) and _copies(folded[other], text, min_words):
                parent[root(p.position)] = root(other)
                merged = True
    if not merged:
        return
    groups: dict[int, list[Paragraph]] = {}
    for p in candidates:
        groups.setdefault(root(p.position), []).append(p)
    for members in groups.values():
        if len(members) < 2:
            continue
        original = min(members, key=lambda p: (p.text.lstrip()[:1] in _QUOTE_OPEN, -capped_words(p.text), p.position))
        for p in members:
            if p is not original:
                p.kind, p.duplicate_of = "pull_quote", original.position


_P = 0x100000001B3  # odd, so invertible modulo 2**64
_P_INVERSE = pow(_P, -1, 2**64)
_SMALL = 1 << 12  # characters below which shingles are hashed as word tuples (numpy has a fixed cost)
_BATCH_BYTES = 1 << 21  # texts hashed together, bounding the arrays at ~50 MB


def shingle_hashes(texts: list[str], n: int) -> list[list[int]]:
    """For each folded text, a hash of every run of `n` words, in order (rolling polynomial hashes).

    Computed for a batch of texts at once with numpy: prefix sums of byte * P**i, so a run's hash is a
    difference times P**-start, the same wherever the run stands. A collision (chance 2**-64) only adds
    a candidate that `_copies` then rejects. `shingle_hashes_reference` is the plain equivalent.
    """
    if sum(len(t) for t in texts) < _SMALL:  # a few short paragraphs: tuple hashing beats numpy's fixed cost
        return [_tuple_hashes(text, n) for text in texts]
    out: list[list[int]] = []
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(text)
        size += len(text) + 1
        if size >= _BATCH_BYTES:
            out += _hash_batch(batch, n)
            batch, size = [], 0
    if batch:
        out += _hash_batch(batch, n)
    return out


def shared_shingles(hashes: list[list[int]]) -> set[int]:
    """The shingles that stand in more than one of the texts (set operations in C, no loop per shingle)."""
    seen: set[int] = set()
    shared: set[int] = set()
    for shingles in hashes:
        shared.update(seen.intersection(shingles))
        seen.update(shingles)
    return shared


def partner_shingles(texts: list[str], n: int) -> list[list[int] | None]:
    """Each folded text's shingles (as `shingle_hashes`) where one of them stands in another text, else None.

    Only those texts can have partners, and as the others' shingles are in no other text, leaving them
    out of the owner index changes no later lookup. Most paragraphs share no run of eight words with
    any other, so in one numpy batch the shared hashes are found by sorting, and only the texts holding
    one are turned into lists.
    """
    size = sum(len(t) + 1 for t in texts)
    if size < _SMALL or size >= _BATCH_BYTES:
        lists = shingle_hashes(texts, n)
        shared = shared_shingles(lists)
        return [None if shared.isdisjoint(h) else h for h in lists]
    hashes, text_of = _hash_arrays(texts, n)
    order = np.argsort(hashes, kind="stable")  # equal hashes stay in text order
    h, t = hashes[order], text_of[order]
    pair = (h[1:] == h[:-1]) & (t[1:] != t[:-1])  # one hash in two texts: both hold a shared shingle
    involved = np.zeros(len(texts), dtype=bool)
    involved[t[1:][pair]] = involved[t[:-1][pair]] = True
    bounds = np.searchsorted(text_of, np.arange(len(texts) + 1)).tolist()
    out: list[list[int] | None] = [None] * len(texts)
    for i in np.flatnonzero(involved).tolist():
        out[i] = hashes[bounds[i] : bounds[i + 1]].tolist()
    return out


def _tuple_hashes(text: str, n: int) -> list[int]:
    """The hash of each run of `n` words as a tuple of the words: zip and map loop in C, and the
    words' own hashes are cached, so no substring is built per run."""
    words = text.split(" ") if text else []
    return list(map(hash, zip(*[words[i:] for i in range(n)], strict=False))) if len(words) >= n else []


def _hash_batch(texts: list[str], n: int) -> list[list[int]]:
    hashes, text_of = _hash_arrays(texts, n)
    bounds = np.searchsorted(text_of, np.arange(len(texts) + 1)).tolist()
    values = hashes.tolist()
    return [values[a:b] for a, b in itertools.pairwise(bounds)]


def _hash_arrays(texts: list[str], n: int) -> tuple[np.ndarray, np.ndarray]:
    """The shingle hashes of a batch of texts in order, and the index of the text each is in."""
    data = np.frombuffer("\n".join(texts).encode("utf-8"), dtype=np.uint8)
    size = len(data)
    powers = np.full(size, _P, dtype=np.uint64)
    powers[:1] = 1
    powers = np.cumprod(powers)  # wraps modulo 2**64, as intended
    inverse = np.full(size + 1, _P_INVERSE, dtype=np.uint64)
    inverse[:1] = 1
    inverse = np.cumprod(inverse)
    prefix = np.zeros(size + 1, dtype=np.uint64)
    np.cumsum((data.astype(np.uint64) + np.uint64(1)) * powers, out=prefix[1:])
    breaks = np.flatnonzero((data == 32) | (data == 10))  # folded texts hold words and single spaces only
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [size]))
    text_of = np.concatenate(([0], np.cumsum(data[breaks] == 10)))  # which text each word is in
    if len(starts) < n:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    first, last = starts[: len(starts) - n + 1], ends[n - 1 :]
    inside = (text_of[: len(text_of) - n + 1] == text_of[n - 1 :]) & (last > first)
    hashes = ((prefix[last] - prefix[first]) * inverse[first])[inside]
    return hashes, text_of[: len(text_of) - n + 1][inside]


def shingle_hashes_reference(text: str, n: int) -> list[tuple[str, ...]]:
    """The runs of `n` words themselves: what `shingle_hashes` hashes, for the test that checks it."""
    tokens = text.split()
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def _partners(shingles: list[int], position: int, owner: dict[int, int]) -> list[int]:
    """Earlier paragraphs sharing a shingle with this one (at most _MAX_PARTNERS); registers its shingles.

    Set operations in C do the common case; when more than _MAX_PARTNERS earlier paragraphs share
    shingles, the first ones in reading order are taken, as `_partners_reference` does.
    """
    unique = set(shingles)
    common = unique & owner.keys()
    others = {owner[s] for s in common}
    if len(others) > _MAX_PARTNERS:
        return _partners_reference(shingles, position, owner)
    owner.update(dict.fromkeys(unique - common, position))
    return list(others)


def _partners_reference(shingles: list[int], position: int, owner: dict[int, int]) -> list[int]:
    """The plain loop `_partners` is checked against: shingles in order, stopping at the cap."""
    partners: list[int] = []
    for s in shingles:
        other = owner.setdefault(s, position)
        if other != position and other not in partners:
            partners.append(other)
            if len(partners) >= _MAX_PARTNERS:
                break
    return partners


def _without_attribution(text: str) -> str:
    """`_ATTRIBUTION.sub("", text)`, searching only the tail: a match is anchored at the end and bounded."""
    m = _ATTRIBUTION.search(text, max(0, len(text) - _ATTRIBUTION_WIDTH - 1))  # -1: "$" before a final newline
    return text[: m.start()] + text[m.end() :] if m else text


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
