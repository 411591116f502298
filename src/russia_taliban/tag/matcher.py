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

import array
import functools
import hashlib
import itertools
import os
import platform
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import hyperscan

from ..errors import LexiconError

if TYPE_CHECKING:
    import numpy as np  # imported where used: a no-op build never scans
    import pandas as pd


class Hit(NamedTuple):
    """One match (a tuple: millions are made, so they must be cheap)."""

    key: int  # index of the pattern in the list the Matcher was built from
    start: int  # character offsets into the scanned text
    end: int


_make_hit = functools.partial(tuple.__new__, Hit)  # builds a Hit in C, without NamedTuple's Python __new__


class Hits(NamedTuple):
    """All hits of one `Matcher.scan_arrays` call as parallel arrays, ordered as `Matcher.scan` orders them."""

    text: np.ndarray  # index of the text in the list that was scanned
    key: np.ndarray
    start: np.ndarray  # character offsets into that text
    end: np.ndarray


def term_regex(term: str, *, hyphen: str = r"[\s\-]?") -> str:
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
                    parts.append(hyphen)
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


def spellings(term: str) -> list[tuple[str, int]] | None:
    r"""The term as regexes that each match a fixed number of words, with that number; None if
    the count can vary (a regex, a non-ASCII letter, a wildcard after punctuation, many hyphens).

    A hyphen matches a hyphen, a space or nothing, so "counter-terrorism" is one word or two: it
    becomes two spellings, "counter[\s\-]terrorism" (two words) and "counterterrorism" (one).
    """
    term = term.strip()
    if term.startswith("re:") or not term.isascii() or not _WORD.match(term) or re.search(r"\W\*", term):
        return None
    pieces = term.split("-")
    if len(pieces) > 4:
        return None
    out = []
    for joints in itertools.product(("-", ""), repeat=len(pieces) - 1):
        spelling = pieces[0] + "".join(j + p for j, p in zip(joints, pieces[1:], strict=True))
        out.append((term_regex(spelling, hyphen=r"[\s\-]"), len(_WORD.findall(spelling))))
    return out


class Matcher:
    """Find every whole-word occurrence of many terms in a text, with character offsets."""

    def __init__(self, terms: Sequence[str], *, caseless: Sequence[bool] | None = None, source: str = "") -> None:
        self.terms = list(terms)
        caseless = list(caseless) if caseless is not None else [True] * len(self.terms)
        self._source = source
        # Start-of-match tracking more than halves Hyperscan's speed, and most terms do not need it:
        # a term that always spans the same number of words starts that many word starts before its
        # end (looked up for all hits at once). Only the others (regexes, non-ASCII letters) go to a
        # second database that tracks starts.
        self._ids: list[tuple[int, int]] = []  # per Hyperscan id: (term key, words spanned)
        counted, tracked = [], []
        for key, (term, fold) in enumerate(zip(self.terms, caseless, strict=True)):
            flag = hyperscan.HS_FLAG_CASELESS if fold else 0
            try:
                variants = spellings(term)
                if variants is None:
                    tracked.append((ascii_view(term_regex(term)), key, flag | hyperscan.HS_FLAG_SOM_LEFTMOST))
                    continue
            except ValueError as exc:
                raise LexiconError(f"term {term!r} is not a valid pattern ({exc})", where=source, fix=_FIX) from None
            for expression, words in variants:
                counted.append((ascii_view(expression), len(self._ids), flag))
                self._ids.append((key, words))
        self._counted = self._compile(counted, [key for key, _ in self._ids])
        self._tracked = self._compile(tracked, [key for _, key, _ in tracked])

    def _compile(self, patterns: list[tuple[bytes, int, int]], keys: list[int]) -> hyperscan.Database | None:
        if not patterns:
            return None
        expressions, ids, flags = (list(x) for x in zip(*patterns, strict=True))
        cached = _cache_file(expressions, ids, flags)
        db = _read_database(cached)
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
                    raise LexiconError(
                        f"term {self.terms[key]!r} is not a valid pattern ({exc})", where=self._source, fix=_FIX
                    ) from None
            raise  # pragma: no cover - the set failed although every pattern compiles alone
        _write_database(cached, db)
        return db

    def __getstate__(self) -> dict[str, object]:
        # Compiling takes seconds; a serialised database loads in a millisecond (worker processes).
        state = {name: value for name, value in self.__dict__.items() if name != "_tables"}
        for name in ("_counted", "_tracked"):
            if state[name] is not None:
                state[name] = hyperscan.dumpb(state[name])
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        for name in ("_counted", "_tracked"):
            if state[name] is not None:
                state[name] = _database(state[name])
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
        hits = self.scan_arrays(texts)
        made = list(map(_make_hit, zip(hits.key.tolist(), hits.start.tolist(), hits.end.tolist(), strict=True)))
        import numpy as np

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
        keys, words, spelt = self._tables
        packed, som = array.array("q"), array.array("q")
        shift = len(self._ids).bit_length()
        if self._counted is not None:  # one call per hit, the price of Hyperscan from Python: keep it lean
            add = packed.append

            def on_counted(id_: int, _: int, end: int, flags: int, context: object) -> None:
                add(end << shift | id_)

            self._counted.scan(view, match_event_handler=on_counted)
        found = np.asarray(packed, dtype=np.int64)
        found_ids, end = found & ((1 << shift) - 1), found >> shift
        key = keys[found_ids]
        start = np.zeros(0, np.int64)
        if len(end):
            word = _word_bytes()[code]
            first = np.empty_like(word)  # a word's first byte
            first[0] = word[0]
            np.greater(word[1:], word[:-1], out=first[1:])
            word_starts = np.flatnonzero(first)
            start = word_starts[np.searchsorted(word_starts, end) - words[found_ids]]
            if spelt[key].any():
                key, start, end = _leftmost(key, start, end, spelt[key])
        if self._tracked is not None:
            add = som.extend

            def on_tracked(id_: int, from_: int, to: int, flags: int, context: object) -> None:
                add((id_, from_, to))

            self._tracked.scan(view, match_event_handler=on_tracked)
            tracked = np.asarray(som, dtype=np.int64).reshape(-1, 3)
            key = np.concatenate([key, tracked[:, 0]])
            start = np.concatenate([start, tracked[:, 1]])
            end = np.concatenate([end, tracked[:, 2]])
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        bases = np.zeros(len(texts), dtype=np.int64)
        np.cumsum(lengths[:-1] + 1, out=bases[1:])
        limits = bases + lengths
        text = np.searchsorted(bases, start, side="right") - 1
        keep = end <= limits[text]  # a regex term may run across the separator
        # "?" in the view is a non-ASCII character, which Hyperscan's ASCII \b takes for a non-word
        last = len(code) - 1
        glued = ((start > bases[text]) & (code[np.maximum(start - 1, 0)] == 63)) | (
            (end < limits[text]) & (code[np.minimum(end, last)] == 63)
        )
        for i in np.flatnonzero(glued & keep).tolist():
            keep[i] = _whole_word(joined, int(start[i]), int(end[i]), int(bases[text[i]]), int(limits[text[i]]))
        order = np.lexsort((key, -end, start))
        order = order[keep[order]]
        text, key, start, end = text[order], key[order], start[order], end[order]
        offset = bases[text]
        return Hits(text, key, start - offset, end - offset)


def _database(serialised: bytes) -> hyperscan.Database:
    db = hyperscan.loadb(serialised, hyperscan.HS_MODE_BLOCK)
    db.scratch = hyperscan.Scratch(db)
    return db


def cache_folder() -> Path:
    """Where compiled pattern databases are kept: $RUSSIA_TALIBAN_CACHE, else the user's cache folder."""
    own = os.environ.get("RUSSIA_TALIBAN_CACHE")
    return Path(own) if own else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "russia-taliban"


def _cache_file(expressions: list[bytes], ids: list[int], flags: list[int]) -> Path:
    # Compiling the lexicon takes seconds, every time a command tags; loading it compiled takes a
    # millisecond. The key holds everything the database depends on.
    key = repr((hyperscan.__version__, platform.machine(), expressions, ids, flags)).encode()
    return cache_folder() / "hyperscan" / f"{hashlib.sha256(key).hexdigest()[:32]}.db"


def _read_database(path: Path) -> hyperscan.Database | None:
    try:
        return _database(path.read_bytes())
    except (OSError, hyperscan.error):  # not there, or damaged, or built for another CPU: compile
        return None


def _write_database(path: Path, db: hyperscan.Database) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.write_bytes(hyperscan.dumpb(db))
        os.replace(partial, path)  # atomic: a concurrent reader sees the whole file or none
    except OSError:
        pass  # a read-only cache only costs the compile next time


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
    import numpy as np

    # One code unit per character, mapped through a table (str.encode's error handler and
    # str.translate both go character by character in Python's C loop, several times slower).
    raw, unit = text.encode("utf-16-le", "surrogatepass"), np.uint16
    if len(raw) != 2 * len(text):  # a character beyond U+FFFF took two UTF-16 units
        raw, unit = text.encode("utf-32-le", "surrogatepass"), np.uint32
    codes = np.frombuffer(raw, dtype=unit)
    out = codes.astype(np.uint8)
    high = np.flatnonzero(codes >= 128)
    out[high] = _ascii_table()[np.minimum(codes[high], 0xFFFF)]
    return out.tobytes()


_FIX = "fix or remove the term; see the term syntax in the README"
_WORD = re.compile(r"[A-Za-z0-9_]+")  # a word for Hyperscan's ASCII \w


@functools.cache
def _ascii_table() -> np.ndarray:
    import numpy as np

    table = np.full(0x10000, ord("?"), dtype=np.uint8)  # code point (BMP) -> byte in the view
    for typographic, plain in _TYPOGRAPHIC:
        table[ord(typographic)] = ord(plain)
    return table


@functools.cache
def _word_bytes() -> np.ndarray:
    import numpy as np

    table = np.zeros(256, dtype=bool)
    table[list(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")] = True
    return table


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
