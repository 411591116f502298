"""Showing a user's strings (file names, text) on a terminal without letting them act on it.

A file name can hold ANSI escape sequences (which recolour or rewrite the terminal) or bidi overrides
(which make a name display reversed); both are shown as visible escapes instead.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and Unicode format characters that change display (bidi, zero-width)
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def printable(text: str) -> str:
    """`text` with every control or display-changing character replaced by a visible escape (\\x1b, \\u202e)."""
    return _UNSAFE.sub(lambda m: _escape(m.group()), text)


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
