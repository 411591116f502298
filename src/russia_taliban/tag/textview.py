"""The views of a text that Hyperscan scans, and the word-boundary checks they need.

Hyperscan reports byte offsets. The ASCII view has one byte per character (typographic quotes and
dashes mapped to ASCII, any other non-ASCII character "?"), so its offsets are character offsets; the
UTF-8 view, scanned only for terms with other letters, needs its byte offsets converted.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

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
_WORD_BYTES = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"


def ascii_view(text: str) -> bytes:
    """`text` as ASCII bytes, one per character: typographic quotes and dashes become their ASCII
    forms, any other non-ASCII character becomes "?" (a non-word byte; see `whole_word`)."""
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


def char_offsets(utf8: bytes, offsets: np.ndarray) -> np.ndarray:
    """Byte offsets into `utf8` as character offsets (each offset at a character boundary)."""
    import numpy as np

    if len(utf8) == 0 or not len(offsets):
        return offsets
    code = np.frombuffer(utf8, dtype=np.uint8)
    starts = np.zeros(len(code) + 1, dtype=np.int64)  # characters before each byte position
    np.cumsum((code & 0xC0) != 0x80, out=starts[1:])
    return starts[offsets]


@functools.cache
def _ascii_table() -> np.ndarray:
    import numpy as np

    table = np.full(0x10000, ord("?"), dtype=np.uint8)  # code point (BMP) -> byte in the view
    for typographic, plain in _TYPOGRAPHIC:
        table[ord(typographic)] = ord(plain)
    return table


@functools.cache
def word_bytes() -> np.ndarray:
    """For each byte of the ASCII view: is it a word character (Hyperscan's ASCII \\w)."""
    import numpy as np

    table = np.zeros(256, dtype=bool)
    table[list(_WORD_BYTES)] = True
    return table


def is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def whole_word(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> bool:
    """False if the hit [start, end) is glued to a letter on either side, within text[lo:hi].

    In the ASCII view a non-ASCII letter is "?", a non-word byte, so Hyperscan's \\b lets "ochowski"
    match inside "Żochowski"; the UTF-8 view has no \\b at all. Either way this decides.
    """
    hi = len(text) if hi is None else hi
    if start > lo and is_word(text[start - 1]) and is_word(text[start]):
        return False
    return not (end < hi and is_word(text[end]) and is_word(text[end - 1]))
