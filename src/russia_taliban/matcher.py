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
from dataclasses import dataclass

import hyperscan

from .errors import LexiconError

_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Hit:
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
                    parts.append("(?:'|’)")
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
        self._db: hyperscan.Database | None = None
        if not self.terms:
            return
        expressions, flags = [], []
        for term, fold in zip(self.terms, caseless, strict=True):
            try:
                expressions.append(term_regex(term).encode("utf-8"))
            except ValueError as exc:
                raise LexiconError(
                    f"term {term!r} is not a valid pattern ({exc})",
                    where=source,
                    fix="fix or remove the term; see the term syntax in the README",
                ) from None
            flags.append(hyperscan.HS_FLAG_SOM_LEFTMOST | (hyperscan.HS_FLAG_CASELESS if fold else 0))
        db = hyperscan.Database()
        try:
            db.compile(
                expressions=expressions, ids=list(range(len(expressions))), elements=len(expressions), flags=flags
            )
        except hyperscan.error:
            self._raise_for_bad_term(expressions, flags, source)
        self._db = db

    def _raise_for_bad_term(self, expressions: list[bytes], flags: list[int], source: str) -> None:
        for term, expression, flag in zip(self.terms, expressions, flags, strict=True):
            try:
                hyperscan.Database().compile(expressions=[expression], ids=[0], elements=1, flags=[flag])
            except hyperscan.error as exc:
                raise LexiconError(
                    f"term {term!r} is not a valid pattern ({exc})",
                    where=source,
                    fix="fix or remove the term; see the term syntax in the README",
                ) from None
        raise LexiconError(
            "the terms could not be compiled together", where=source, fix="report this as a bug"
        )  # pragma: no cover

    def scan(self, text: str) -> list[Hit]:
        """All hits in `text`, ordered by start, longest first; overlapping hits are all kept."""
        if self._db is None or not text:
            return []
        data = text.encode("utf-8")
        raw: list[tuple[int, int, int]] = []

        def on_match(key: int, start: int, end: int, flags: int, context: object) -> None:
            raw.append((key, start, end))

        self._db.scan(data, match_event_handler=on_match)
        if not raw:
            return []
        if len(data) != len(text):  # non-ASCII text: map byte offsets to character offsets
            offsets = _char_offsets(data)
            raw = [(k, offsets[s], offsets[e]) for k, s, e in raw]
        hits = [Hit(k, s, e) for k, s, e in raw if _whole_word(text, s, e)]
        hits.sort(key=lambda h: (h.start, -h.end, h.key))
        return hits

    def scan_many(self, texts: Iterable[str]) -> list[list[Hit]]:
        return [self.scan(t) for t in texts]


def _char_offsets(data: bytes) -> dict[int, int]:
    """Byte offset -> character offset for every character boundary of UTF-8 `data`."""
    offsets, chars = {}, 0
    for i, byte in enumerate(data):
        if byte & 0xC0 != 0x80:  # not a continuation byte: a character starts here
            offsets[i] = chars
            chars += 1
    offsets[len(data)] = chars
    return offsets


def _whole_word(text: str, start: int, end: int) -> bool:
    # Hyperscan's \b is ASCII-only: reject a hit glued to a non-ASCII letter ("ochowski" in "Żochowski").
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (_WORD.match(before) and _WORD.match(text[start])) and not (
        _WORD.match(after) and _WORD.match(text[end - 1])
    )


def longest_first(hits: Iterable[Hit]) -> list[Hit]:
    """Leftmost-longest hits that do not overlap (for resolving aliases such as Daesh / Daesh-K)."""
    chosen: list[Hit] = []
    last_end = -1
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if hit.start >= last_end:
            chosen.append(hit)
            last_end = hit.end
    return chosen
