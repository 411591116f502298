"""The shared word lists (data/wordlists.yaml): titles, names, abbreviations, agencies, and the words
the loader's line patterns and the tagger's phrase rules are built from.

One file, read once and schema-checked, so the loader and the tagger cannot drift apart on what a title
or a wire agency is, and a word is added by editing data, not a regular expression.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..errors import UserError
from ..resources import package_words, package_yaml


@functools.cache
def wordlists() -> dict[str, Any]:
    """The parsed data/wordlists.yaml (validated against data/schemas/wordlists.yaml, then `check`ed)."""
    data = package_yaml("wordlists.yaml")
    check(data, where="data/wordlists.yaml")
    return data


def check(data: dict[str, Any], *, where: str) -> None:
    """What a JSON Schema cannot say: each month abbreviation starts a month's name ("Sept", not "Spt"),
    so text/dates.py can give it that month's number (an edited entry must fail as one line, naming it)."""
    names = [name.lower() for name in data["month_names"]]
    for i, short in enumerate(data["month_abbreviations"]):
        if not any(name.startswith(short.lower()) for name in names):
            raise UserError(
                f"the month abbreviation {short!r} starts no month name",
                where=f"{where}: month_abbreviations[{i}]",
                fix="write it as the first letters of its month (Sept for September), or remove it",
            )


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
