"""The shared word lists (data/wordlists.yaml): titles, name particles, name stop-words, abbreviations, agencies.

One file, read once and schema-checked, so the loader and the tagger cannot drift apart on what a title
or a wire agency is.
"""

from __future__ import annotations

import functools
from typing import Any

from ..resources import package_words, package_yaml


def wordlists() -> dict[str, Any]:
    """The parsed data/wordlists.yaml (validated against data/schemas/wordlists.yaml)."""
    return package_yaml("wordlists.yaml")


def words_of(section: str) -> frozenset[str]:
    """A list section of wordlists.yaml, lower-cased, for case-insensitive membership tests."""
    return package_words("wordlists.yaml", section)


@functools.cache
def agencies() -> dict[str, str]:
    """Wire agencies and outlets: the short form a dateline or byline uses -> the outlet's name."""
    return dict(wordlists()["agencies"])
