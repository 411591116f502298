"""The shared word lists (data/wordlists.yaml): titles, names, abbreviations, agencies, and the words
the loader's line patterns and the tagger's phrase rules are built from.

One file, read once and schema-checked, so the loader and the tagger cannot drift apart on what a title
or a wire agency is, and a word is added by editing data, not a regular expression.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..resources import package_words, package_yaml


def wordlists() -> dict[str, Any]:
    """The parsed data/wordlists.yaml (validated against data/schemas/wordlists.yaml)."""
    return package_yaml("wordlists.yaml")


def words_of(section: str) -> frozenset[str]:
    """A list section of wordlists.yaml, lower-cased, for case-insensitive membership tests."""
    return package_words("wordlists.yaml", section)


@functools.cache
def alternation(section: str, *, space: str = r"\s+") -> str:
    """A list section as a regular-expression group `(?:…|…)` of its entries, written as they are.

    Entries are escaped (a "." or "(" in a word is literal) and tried longest first, so no entry is cut
    short by another that starts it ("features" before "feature"); a space inside an entry matches
    `space` (any run of whitespace unless the pattern wants exactly one). Case follows the pattern's
    flags, so a list read case-sensitively is written in the case it must match.
    """
    entries = sorted(wordlists()[section], key=len, reverse=True)
    return "(?:" + "|".join(space.join(re.escape(part) for part in entry.split(" ")) for entry in entries) + ")"


@functools.cache
def agencies() -> dict[str, str]:
    """Wire agencies and outlets: the short form a dateline or byline uses -> the outlet's name."""
    return dict(wordlists()["agencies"])
