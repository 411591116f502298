"""Russia–Taliban engagement report: load commentary, tag its framing, build the report."""

from .corpus import Corpus, load_corpus

__all__ = ["Corpus", "load_corpus"]
__version__ = "0.1.0"
