"""Whole-word multi-pattern matching in one pass, for lexicon terms and gazetteer aliases.

Terms (syntax in `terms`) are compiled into Hyperscan databases, so a paragraph is scanned once
whatever the number of terms (a Python regex alternation re-tries every term at every position: see
the benchmark). Compiled databases are cached on disk (`dbcache`).
"""

from __future__ import annotations

import array
import functools
import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

import hyperscan

from ..errors import LexiconError
from ..yamlio import shown
from . import dbcache
from .hits import Hit, Hits, make_hit
from .terms import MAX_TOTAL_CHARS, MAX_TRACKED_CHARS, TermError, is_regex, spellings, term_regex
from .textview import ascii_view, char_offsets, whole_word, word_bytes

if TYPE_CHECKING:
    import numpy as np  # imported where used: a no-op build never scans

_FIX = "fix or remove the term; see the term syntax in the README"
_SOM = hyperscan.HS_FLAG_SOM_LEFTMOST
_UNICODE = hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_UCP | _SOM


class Matcher:
    """Find every whole-word occurrence of many terms in a text, with character offsets."""

    def __init__(self, terms: Sequence[str], *, caseless: Sequence[bool] | None = None, source: str = "") -> None:
        self.terms = list(terms)
        caseless = list(caseless) if caseless is not None else [True] * len(self.terms)
        self._source = source
        # Start-of-match tracking more than halves Hyperscan's speed, and most terms do not need it:
        # a term that always spans the same number of words starts that many word starts before its
        # end (looked up for all hits at once). Regexes go to a second database that tracks starts;
        # terms with non-ASCII letters to a third, over the UTF-8 text.
        self._ids: list[tuple[int, int]] = []  # per Hyperscan id of the counted database: (term key, words)
        counted, tracked, unicode = [], [], []
        for key, (term, fold) in enumerate(zip(self.terms, caseless, strict=True)):
            flag = hyperscan.HS_FLAG_CASELESS if fold else 0
            try:
                if not term.isascii():
                    unicode.append((term_regex(term, unicode=True).encode(), key, flag | _UNICODE))
                    continue
                variants = spellings(term)
                if variants is None:
                    tracked.append((ascii_view(term_regex(term)), key, flag | _SOM))
                    continue
            except TermError as exc:
                raise self._invalid(key, exc) from None
            for expression, words in variants:
                counted.append((ascii_view(expression), len(self._ids), flag))
                self._ids.append((key, words))
        self._check_budget([key for _, key, _ in tracked + unicode])
        self._counted = self._compile(counted, [key for key, _ in self._ids])
        self._tracked = self._compile(tracked, [key for _, key, _ in tracked])
        self._unicode = self._compile(unicode, [key for _, key, _ in unicode])
        self._unicode_regex = any(is_regex(self.terms[key]) for _, key, _ in unicode)

    def _check_budget(self, tracked: list[int]) -> None:
        """Refuse, before compiling, terms whose compile time would run to minutes (see `terms`)."""
        total, slow = sum(map(len, self.terms)), sum(len(self.terms[key]) for key in tracked)
        if total > MAX_TOTAL_CHARS or slow > MAX_TRACKED_CHARS:
            raise LexiconError(
                f"the terms hold {total:,} characters, {slow:,} of them in `re:`, non-Latin or many-hyphen terms "
                f"(limits {MAX_TOTAL_CHARS:,} and {MAX_TRACKED_CHARS:,}: compile time grows with them)",
                where=self._source,
                fix="use fewer or shorter terms",
            )

    def _invalid(self, key: int, why: object) -> LexiconError:
        return LexiconError(
            f"term {shown(self.terms[key])} is not a valid pattern ({why})", where=self._source, fix=_FIX
        )

    def _compile(self, patterns: list[tuple[bytes, int, int]], keys: list[int]) -> hyperscan.Database | None:
        if not patterns:
            return None
        expressions, ids, flags = (list(x) for x in zip(*patterns, strict=True))
        cached = dbcache.cache_file(expressions, ids, flags)
        db = dbcache.read(cached)
        if db is not None:
            return db
        db = hyperscan.Database()
        try:
            db.compile(expressions=expressions, ids=ids, elements=len(ids), flags=flags)
        except hyperscan.error:
            for expression, flag, key in zip(expressions, flags, keys, strict=True):  # find the culprit
                try:
                    hyperscan.Database().compile(expressions=[expression], ids=[0], elements=1, flags=[flag])
                except hyperscan.error as exc:
                    raise self._invalid(key, exc) from None
            raise  # pragma: no cover - the set failed although every pattern compiles alone
        dbcache.write(cached, db)
        return db

    def __getstate__(self) -> dict[str, object]:
        # Compiling takes seconds; a serialised database loads in a millisecond (worker processes).
        state = {name: value for name, value in self.__dict__.items() if name != "_tables"}
        for name in _DATABASES:
            if state[name] is not None:
                state[name] = hyperscan.dumpb(state[name])
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        for name in _DATABASES:
            if state[name] is not None:
                state[name] = dbcache.loads(state[name])
        self.__dict__.update(state)

    @functools.cached_property
    def _tables(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        import numpy as np

        keys = np.array([key for key, _ in self._ids], dtype=np.int64)
        words = np.array([words for _, words in self._ids], dtype=np.int64)
        spelt = np.bincount(keys, minlength=len(self.terms)) > 1  # terms with several spellings
        return keys, words, spelt

    def scan(self, text: str) -> list[Hit]:
        """All hits in `text`, ordered by start, longest first; overlapping hits are all kept."""
        return self.scan_many([text])[0]

    def scan_many(self, texts: Sequence[str]) -> list[list[Hit]]:
        """`scan` for many texts in one Hyperscan call (the per-call overhead dominates short texts)."""
        import numpy as np

        hits = self.scan_arrays(texts)
        made = list(map(make_hit, zip(hits.key.tolist(), hits.start.tolist(), hits.end.tolist(), strict=True)))
        bounds = np.searchsorted(hits.text, np.arange(len(texts) + 1)).tolist()
        return [made[a:b] for a, b in itertools.pairwise(bounds)]

    def scan_rows(self, texts: Sequence[str], rows: Sequence[int], batch: int = 2000) -> Hits:
        """`scan_arrays` over `texts[i]` for each i in `rows` (ascending), `batch` texts per call
        (so the joined copy stays small); `Hits.text` holds the row numbers."""
        import numpy as np

        rows = np.asarray(rows, dtype=np.int64)
        parts = [Hits(*(np.zeros(0, dtype=np.int64),) * 4)]
        for first in range(0, len(rows), batch):
            chunk = rows[first : first + batch]
            hits = self.scan_arrays([texts[i] for i in chunk.tolist()])
            parts.append(hits._replace(text=chunk[hits.text]))
        return Hits(*(np.concatenate(column) for column in zip(*parts, strict=True)))

    def scan_arrays(self, texts: Sequence[str]) -> Hits:
        """Every hit in `texts` as arrays: the fast path for code that works on all hits at once.

        The texts are joined with NUL (which no term matches) and scanned as an ASCII view with one
        byte per character, so Hyperscan's byte offsets are character offsets.
        """
        import numpy as np

        joined = "\x00".join(texts)
        view = ascii_view(joined)
        code = np.frombuffer(view, dtype=np.uint8)
        parts = [self._counted_hits(view, code)]
        if self._tracked is not None:
            parts.append(_scan_tracked(self._tracked, view))
        in_view = sum(len(k) for k, _, _ in parts)  # hits before this index are in the ASCII view
        if self._unicode is not None and (self._unicode_regex or not joined.isascii()):
            utf8 = joined.encode("utf-8", "surrogatepass")
            k, s, e = _scan_tracked(self._unicode, utf8)
            if len(utf8) != len(joined):
                s, e = char_offsets(utf8, s), char_offsets(utf8, e)
            parts.append((k, s, e))
        key, start, end = (np.concatenate(column) for column in zip(*parts, strict=True))
        unicode = np.arange(len(key)) >= in_view
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        bases = np.zeros(len(texts), dtype=np.int64)
        np.cumsum(lengths[:-1] + 1, out=bases[1:])
        limits = bases + lengths
        text = np.searchsorted(bases, start, side="right") - 1
        keep = end <= limits[text]  # a regex term may run across the separator
        # "?" in the view is a non-ASCII character, which Hyperscan's ASCII \b takes for a non-word;
        # the UTF-8 database has no \b at all: check those hits' edges on the text itself.
        last = len(code) - 1
        glued = ((start > bases[text]) & (code[np.maximum(start - 1, 0)] == 63)) | (
            (end < limits[text]) & (code[np.minimum(end, last)] == 63)
        )
        for i in np.flatnonzero((glued | unicode) & keep).tolist():
            keep[i] = whole_word(joined, int(start[i]), int(end[i]), int(bases[text[i]]), int(limits[text[i]]))
        order = np.lexsort((key, -end, start))
        order = order[keep[order]]
        text, key, start, end = text[order], key[order], start[order], end[order]
        offset = bases[text]
        return Hits(text, key, start - offset, end - offset)

    def _counted_hits(self, view: bytes, code: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Hits of the database without start tracking: each start counted back in words from the end."""
        import numpy as np

        empty = np.zeros(0, np.int64)
        if self._counted is None:
            return empty, empty, empty
        packed = array.array("q")
        add = packed.append
        shift = len(self._ids).bit_length()

        def on_hit(id_: int, _: int, end: int, flags: int, context: object) -> None:
            add(end << shift | id_)  # one call per hit, the price of Hyperscan from Python: keep it lean

        self._counted.scan(view, match_event_handler=on_hit)
        found = np.asarray(packed, dtype=np.int64)
        if not len(found):
            return empty, empty, empty
        found_ids, end = found & ((1 << shift) - 1), found >> shift
        keys, words, spelt = self._tables
        key = keys[found_ids]
        word = word_bytes()[code]
        first = np.empty_like(word)  # a word's first byte
        first[0] = word[0]
        np.greater(word[1:], word[:-1], out=first[1:])
        word_starts = np.flatnonzero(first)
        start = word_starts[np.searchsorted(word_starts, end) - words[found_ids]]
        if spelt[key].any():
            key, start, end = _leftmost(key, start, end, spelt[key])
        return key, start, end


_DATABASES = ("_counted", "_tracked", "_unicode")


def _scan_tracked(db: hyperscan.Database, data: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    import numpy as np

    som = array.array("q")
    add = som.extend

    def on_hit(id_: int, from_: int, to: int, flags: int, context: object) -> None:
        add((id_, from_, to))

    db.scan(data, match_event_handler=on_hit)
    found = np.asarray(som, dtype=np.int64).reshape(-1, 3)
    return found[:, 0], found[:, 1], found[:, 2]


def _leftmost(key: np.ndarray, start: np.ndarray, end: np.ndarray, spelt: np.ndarray) -> tuple[np.ndarray, ...]:
    # Two spellings of one term can end at the same place ("ha-ha*" in "ha haha" as "ha haha" and as
    # "haha"): keep the one that starts first, as Hyperscan's leftmost start of match would.
    import numpy as np

    rows = np.flatnonzero(spelt)
    order = rows[np.lexsort((start[rows], end[rows], key[rows]))]
    same = (key[order][1:] == key[order][:-1]) & (end[order][1:] == end[order][:-1])
    if not same.any():
        return key, start, end
    keep = np.ones(len(key), dtype=bool)
    keep[order[1:][same]] = False
    return key[keep], start[keep], end[keep]
