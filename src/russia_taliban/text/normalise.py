"""Decoding and normalising text copied from web pages.

Web copies arrive as UTF-8 (with or without a BOM), as Windows-1252, with CRLF or CR line endings,
with HTML entities, non-breaking spaces, zero-width and bidi control characters. Typographic quotes and dashes are kept: they are part of
the text and the quote finder relies on them.
"""

from __future__ import annotations

import html
import re
import unicodedata

_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2009\u200a\u3000]")
# zero-width characters, soft hyphens and bidi embeddings, overrides and isolates (which can make a line
# display in another order than it reads)
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])
_WORD = re.compile(r"\w+")
_TYPOGRAPHIC = "’‘“”„‚—–…«»‹›•·"  # non-word marks common in article text
# ASCII letters lower-cased, digits and "_" kept (the ASCII word characters), everything else a space
_ASCII_FOLD = bytes((c | 32 if chr(c).isalpha() else c) if chr(c).isalnum() or c == 95 else 32 for c in range(128))
_ASCII_FOLD += bytes(range(128, 256))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_DROPPED = re.compile(f"{_INVISIBLE.pattern}|{_CONTROL.pattern}")


class UndecodableError(ValueError):
    """Raised when bytes are neither UTF-8 (nearly) nor plausible single-byte Western text."""


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes, returning the text and the encoding used.

    A BOM is honoured (`utf-8-sig`, `utf-16`). Text that is UTF-8 but for a few stray bytes is decoded
    as UTF-8 with U+FFFD for those bytes and recorded as `utf-8+replace` (`utf-8-sig+replace`,
    `utf-16+replace` likewise), since reading it as cp1252
    would garble every other non-ASCII character. Otherwise cp1252, but only where the result looks
    like Western text: Shift-JIS, KOI8-R or random bytes decoded as cp1252 give runs of accented
    letters and symbols, and are refused (UndecodableError) rather than silently garbled. A BOM does
    not vouch for what follows it: after a UTF-8 BOM the same rules apply, and UTF-16 must read as
    text (`_plausible`).
    """
    sig = data.startswith(b"\xef\xbb\xbf")
    if sig:
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _plausible(data.decode("utf-16", errors="replace"), "UTF-16")
        return text, "utf-16+replace" if "\ufffd" in text else "utf-16"
    try:
        return data.decode("utf-8"), "utf-8-sig" if sig else "utf-8"
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    good = sum(1 for ch in replaced if ord(ch) > 127) - bad
    if good and bad <= max(good, len(replaced) // 1000):
        return replaced, "utf-8-sig+replace" if sig else "utf-8+replace"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise UndecodableError("bytes that are undefined in Windows-1252") from None
    if not _looks_western(text):
        raise UndecodableError("mostly non-ASCII letters in runs, as Shift-JIS, KOI8-R or random bytes give")
    return text, "cp1252"


#: Characters no text file holds: unassigned, private-use, lone surrogates, undecodable units (U+FFFD)
#: and control characters other than whitespace. Random bytes read as UTF-16 give about 15% of them.
_NOT_TEXT_CATEGORIES = frozenset({"Cn", "Co", "Cs", "Cc"})
NOT_TEXT_LIMIT = 0.01  # share of characters; real text in any script has none or nearly none


def _plausible(text: str, encoding: str) -> str:
    """`text` if it reads as text, else UndecodableError: a UTF-16 BOM followed by random bytes still
    decodes (nearly every code unit is some character), but into letters of a dozen scripts mixed with
    unassigned, private-use and lone-surrogate characters, which text in any script lacks."""
    sample = text[:20_000]
    odd = sum(
        1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) in _NOT_TEXT_CATEGORIES and not ch.isspace())
    )
    if odd > NOT_TEXT_LIMIT * len(sample):
        raise UndecodableError(
            f"a {encoding} byte-order mark followed by bytes that are not {encoding} text:"
            f" {odd / max(1, len(sample)):.0%} of the characters are unassigned, private-use, control or undecodable"
        )
    return text


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f\s]{4,}")


def _looks_western(text: str) -> bool:
    """Western text in cp1252 has few non-ASCII characters and no long runs of them ("ÔÏ×ÅÔ")."""
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return True
    non_ascii = sum(1 for ch in visible if ord(ch) > 127)
    runs = len(_NON_ASCII_RUN.findall(text))
    return non_ascii / len(visible) <= 0.3 and runs <= max(1, len(visible) // 2000)


def normalise(text: str) -> str:
    """Unify line endings, entities and spaces; keep typographic punctuation."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    if not text.isascii():  # O(1) in CPython; every character of _SPACES and _INVISIBLE is non-ASCII
        text = _SPACES.sub(" ", text)
    text = _DROPPED.sub("", text)  # invisible and control characters, in one pass
    return unicodedata.normalize("NFC", text)


def looks_binary(data: bytes) -> bool:
    """True for data no text file holds: NUL bytes or mostly control characters."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a BOM: judge the decoded characters
        try:
            chars = head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
        except UnicodeDecodeError:
            return True
        controls = sum(1 for c in chars if ord(c) < 32 and c not in "\t\n\r\f")
        return bool(chars) and controls / len(chars) > 0.1
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return bool(head) and controls / len(head) > 0.1


def fold(text: str) -> str:
    """Lower-case words only, for comparing paragraphs regardless of quotes and punctuation.

    The same as `fold_reference` (one regex over every character), twenty times faster: typographic
    punctuation becomes a space, and text that is then ASCII is mapped by a byte table in C.
    """
    for mark in _TYPOGRAPHIC:
        if mark in text:
            text = text.replace(mark, " ")
    if text.isascii():
        return " ".join(text.encode("ascii").translate(_ASCII_FOLD).decode("ascii").split())
    return fold_reference(text)


def fold_reference(text: str) -> str:
    """Lower-case words only: the plain definition `fold` is tested against."""
    return " ".join(_WORD.findall(text.lower()))


def shorten(text: str, width: int) -> str:
    """`text` cut to `width` characters, the last one an ellipsis when anything was cut."""
    return text if len(text) <= width else text[: width - 1] + "…"
