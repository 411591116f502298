"""Package data files (lexicons, gazetteer, boilerplate patterns), read once per process."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml


@functools.cache
def package_yaml(name: str) -> dict[str, Any]:
    """Parse a YAML file shipped in `russia_taliban/data`; cached because it never changes at run time."""
    text = resources.files("russia_taliban").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def package_text(*parts: str) -> str:
    return resources.files("russia_taliban").joinpath(*parts).read_text(encoding="utf-8")
