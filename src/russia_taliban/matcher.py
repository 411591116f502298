"""Whole-word multi-pattern matching in one pass, for lexicon terms and gazetteer aliases.

Terms are compiled into one Hyperscan database, so a paragraph is scanned once whatever the number
of terms (a Python regex alternation re-tries every term at every position: see the benchmark).

Term syntax (lexicon and gazetteer YAML):
- words separated by spaces match across any run of spaces or a hyphen ("drug trafficking" also
  finds "drug-trafficking");
- a hyphen inside a term matches a hyphen, a space or nothing ("counter-terrorism",
  "counter terrorism", "counterterrorism");
- an apostrophe matches ' or ’;
- `*` at the end of a word matches any ending ("sanction*": sanction, sanctions, sanctioned);
- `re:` starts a raw regular expression (Hyperscan syntax) for anything else.
Every term matches whole words only, on the raw characters, so "ISIS-K." at a sentence end matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import hyperscan

from .errors import LexiconError


class Hit(NamedTuple):
    """One match (a tuple: millions are made, so they must be cheap)."""

    key: int  # index of the pattern in the list the Matcher was built from
    start: int  # character offsets into the scanned text
    end: int


def term_regex(term: str) -> str:
    """The whole-word regular expression for one lexicon term (see the module docstring)."""
    term = term.strip()
    lead = tail = r"\b"
    if term.startswith("re:"):
        body = term[3:].strip()
    else:
        lead = r"\b" if re.match(r"\w", term) else ""
        tail = r"\b" if re.search(r"[\w*]$", term) else ""
        words = []
        for word in term.split():
            if "*" in word[:-1]:
                raise ValueError("`*` may only end a word")
            parts = []
            for ch in word:
                if ch == "*":
                    parts.append(r"\w*")
                elif ch == "-":
                    parts.append(r"[\s\-]?")
                elif ch in "'’":
                    parts.append("'")  # the ASCII view turns ’ into '
                elif not ch.isascii():
                    parts.append(".")  # one non-ASCII character: "?" in the ASCII view
                else:
                    parts.append(re.escape(ch))
            words.append("".join(parts))
        body = r"[\s\-]+".join(words)
    if not body or not re.search(r"\w", body):
        raise ValueError("the term has no letters or digits")
    return rf"{lead}(?:{body}){tail}"


class Matcher:
    """Find every whole-word occurrence of many terms in a text, with character offsets."""

    def __init__(self, terms: Sequence[str], *, caseless: Sequence[bool] | None = None, source: str = "") -> None:
        self.terms = list(terms)
        caseless = list(caseless) if caseless is not None else [True] * len(self.terms)
        self._source = source
        # Start-of-match tracking halves Hyperscan's speed, and most terms do not need it: a plain
        # word has a fixed length, and a word with a wildcard ending starts where its word starts.
        # Phrases, hyphenated and regex terms go to a second, smaller database that tracks starts
        # (measured on dense text: each then scans at about 100 MB/s).
        self._length: list[int] = []  # > 0: fixed length; 0: start of the word; -1: reported by Hyperscan
        fast, tracked = [], []
        for key, (term, fold) in enumerate(zip(self.terms, caseless, strict=True)):
            try:
                expression = ascii_view(term_regex(term))
            except ValueError as exc:
                raise LexiconError(f"term {term!r} is not a valid pattern ({exc})", where=source, fix=_FIX) from None
            flag = hyperscan.HS_FLAG_CASELESS if fold else 0
            word = term.strip()
            if _FIXED_WORD.fullmatch(word):
                self._length.append(len(word))
            elif _PREFIX_WORD.fullmatch(word):
                self._length.append(0)
            else:
                self._length.append(-1)
                tracked.append((expression, key, flag | hyperscan.HS_FLAG_SOM_LEFTMOST))
                continue
            fast.append((expression, key, flag))
        self._fast = self._compile(fast)
        self._tracked = self._compile(tracked)

    def _compile(self, patterns: list[tuple[bytes, int, int]]) -> hyperscan.Database | None:
        if not patterns:
            return None
        expressions, ids, flags = (list(x) for x in zip(*patterns, strict=True))
        db = hyperscan.Database()
        try:
            db.compile(expressions=expressions, ids=ids, elements=len(ids), flags=flags)
        except hyperscan.error:
            for expression, key, flag in patterns:  # find the culprit, for the message
                try:
                    hyperscan.Database().compile(expressions=[expression], ids=[0], elements=1, flags=[flag])
                except hyperscan.error as exc:
                    raise LexiconError(
                        f"term {self.terms[key]!r} is not a valid pattern ({exc})", where=self._source, fix=_FIX
                    ) from None
            raise  # pragma: no cover - the set failed although every pattern compiles alone
        return db

    def scan(self, text: str) -> list[Hit]:
        """All hits in `text`, ordered by start, longest first; overlapping hits are all kept."""
        return self.scan_many([text])[0]

    def scan_many(self, texts: Sequence[str]) -> list[list[Hit]]:
        """`scan` for many texts in one Hyperscan call (the per-call overhead dominates short texts).

        The texts are joined with NUL (which no term matches) and scanned as an ASCII view with one
        byte per character, so Hyperscan's byte offsets are character offsets.
        """
        out: list[list[Hit]] = [[] for _ in texts]
        if not texts or not self.terms:
            return out
        joined = "\x00".join(texts)
        view = ascii_view(joined)
        raw: list[tuple[int, int, int]] = []
        append, length = raw.append, self._length

        # Every non-word byte turned into a space: a word's start is then one rfind in C away.
        spaced = view.translate(_NON_WORD_TO_SPACE)
        rfind = spaced.rfind

        def on_fast(key: int, _: int, end: int, flags: int, context: object) -> None:
            n = length[key]
            append((end - n if n else rfind(b" ", 0, end) + 1, -end, key))

        def on_tracked(key: int, start: int, end: int, flags: int, context: object) -> None:
            append((start, -end, key))

        if self._fast is not None:
            self._fast.scan(view, match_event_handler=on_fast)
        if self._tracked is not None:
            self._tracked.scan(view, match_event_handler=on_tracked)
        if not raw:
            return out
        raw.sort()
        i, base, limit = 0, 0, len(texts[0])
        for start, neg_end, key in raw:
            while start > limit:  # hits are sorted by start: move on to the text this one is in
                i += 1
                base = limit + 1
                limit = base + len(texts[i])
            end = -neg_end
            if end > limit:
                continue  # a regex term ran across the separator
            # "?" in the view is a non-ASCII character, which Hyperscan's ASCII \b takes for a non-word
            glued = (start > base and view[start - 1] == 63) or (end < limit and view[end] == 63)
            if glued and not _whole_word(joined, start, end, base, limit):
                continue
            out[i].append(Hit(key, start - base, end - base))
        return out


_TYPOGRAPHIC = (
    ("’", "'"),
    ("‘", "'"),
    ("“", '"'),
    ("”", '"'),
    ("–", "-"),
    ("—", "-"),
    ("\u2010", "-"),
    ("\u2011", "-"),
)


def ascii_view(text: str) -> bytes:
    """`text` as ASCII bytes, one per character: typographic quotes and dashes become their ASCII
    forms, any other non-ASCII character becomes "?" (a non-word byte; see `_whole_word`)."""
    if text.isascii():
        return text.encode("ascii")
    for typographic, plain in _TYPOGRAPHIC:  # str.replace runs in C; str.translate with a dict does not
        if typographic in text:
            text = text.replace(typographic, plain)
    return text.encode("ascii", errors="replace")


_FIX = "fix or remove the term; see the term syntax in the README"
_FIXED_WORD = re.compile(r"[A-Za-z0-9']+")  # a plain word: matches are exactly this long
_PREFIX_WORD = re.compile(r"[A-Za-z0-9]+\*")  # a word with a wildcard ending
_WORD_BYTES = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"  # Hyperscan's \w
_NON_WORD_TO_SPACE = bytes(c if c in _WORD_BYTES else 32 for c in range(256))


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _whole_word(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> bool:
    # In the ASCII view a non-ASCII letter is "?", a non-word byte, so Hyperscan's \b lets "ochowski"
    # match inside "Żochowski": reject hits glued to a letter on either side.
    hi = len(text) if hi is None else hi
    if start > lo and not text[start - 1].isascii() and _is_word(text[start - 1]) and _is_word(text[start]):
        return False
    return not (end < hi and not text[end].isascii() and _is_word(text[end]) and _is_word(text[end - 1]))


def longest_first(hits: Iterable[Hit]) -> list[Hit]:
    """Leftmost-longest hits that do not overlap (for resolving aliases such as Daesh / Daesh-K)."""
    chosen: list[Hit] = []
    last_end = -1
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if hit.start >= last_end:
            chosen.append(hit)
            last_end = hit.end
    return chosen
