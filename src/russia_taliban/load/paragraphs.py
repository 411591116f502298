"""Former home of the loader's paragraph code, kept only so that callers outside load/ keep importing.

Use `load.kinds` (CONTENT_KINDS, content_mask, content_paragraphs) and `text.words` (words,
fewer_words) instead; this module goes once nothing imports it.
"""

from ..text.words import fewer_words, words
from .kinds import CONTENT_KINDS

__all__ = ["CONTENT_KINDS", "fewer_words", "words"]
