"""Russia–Taliban engagement report: load commentary, tag its framing, build the report."""

from __future__ import annotations

from typing import Any

__all__ = ["Corpus", "build", "kwic", "load_corpus"]
__version__ = "0.1.0"

_LAZY = {"Corpus": "load.corpus", "load_corpus": "load.corpus", "kwic": "report.explore", "build": "build.pipeline"}


def __getattr__(name: str) -> Any:
    # Imported on first use, so `russia-taliban build` with nothing to do never pays for pandas.
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
