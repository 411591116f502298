"""Package data files (lexicons, gazetteer, boilerplate patterns), read once per process."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any


@functools.cache
def package_yaml(name: str) -> Any:
    """Parse a YAML file shipped in `russia_taliban/data` through the strict reader, checked against
    `data/schemas/<stem>.yaml` when that schema exists; cached because it never changes at run time."""
    from .yamlio import parse_yaml  # yamlio reads its schemas through this module

    stem = name.removesuffix(".yaml")
    has_schema = resources.files("russia_taliban").joinpath("data", "schemas", f"{stem}.yaml").is_file()
    return parse_yaml(package_text("data", name), where=f"data/{name}", schema=stem if has_schema else None)


@functools.cache
def package_words(name: str, section: str) -> frozenset[str]:
    """A list section of a shipped YAML file, lower-cased, for case-insensitive membership tests."""
    return frozenset(word.lower() for word in package_yaml(name)[section])


def package_text(*parts: str) -> str:
    return resources.files("russia_taliban").joinpath(*parts).read_text(encoding="utf-8")
