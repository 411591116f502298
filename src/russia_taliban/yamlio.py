"""The one way every YAML file a user can edit is read: safe, bounded, schema-checked, one-line errors.

PyYAML's `safe_load` keeps the last of two duplicate keys and expands aliases, so a typo silently drops a
theme and a ten-line alias bomb exhausts memory. This loader refuses both, then checks the data against a
JSON Schema from `data/schemas/` (compiled once with fastjsonschema, which imports in milliseconds where
jsonschema's format checkers cost a second). Errors name the file, the place and what to change.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from .errors import UserError
from .resources import package_text

MAX_YAML_BYTES = 5_000_000  # no lexicon or metadata file is this large; a larger one is a mistake
_MAX_SHOWN = 80  # characters of a user's value shown in a message


def shown(value: object) -> str:
    """A user's value for an error message: repr-quoted and cut, so a message stays one short line."""
    text = repr(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and duplicate keys."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (*name) are not allowed; write the value out", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {shown(key)}; keep one", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _StrictLoader.construct_mapping)


@functools.cache
def _validator(schema: str) -> Any:
    import fastjsonschema

    return fastjsonschema.compile(yaml.safe_load(package_text("data", "schemas", f"{schema}.yaml")))


def parse_yaml(
    text: str, *, where: str, schema: str | None = None, error: type[UserError] = UserError, fix: str = ""
) -> Any:
    """Parse `text` strictly and, if `schema` names a file in data/schemas, validate it.

    Raises `error` (a UserError subclass) with `where` and a line and column, never a traceback.
    """
    if len(text) > MAX_YAML_BYTES:
        raise error(f"YAML file over {MAX_YAML_BYTES // 1_000_000} MB", where=where, fix="split or shorten it")
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # _StrictLoader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = f"{where}:{mark.line + 1}:{mark.column + 1}" if mark else where
        raise error(f"not valid YAML: {exc.problem or exc.context}", where=at, fix=fix or "correct the YAML") from None
    except yaml.YAMLError as exc:
        raise error(f"not valid YAML: {str(exc).splitlines()[0]}", where=where, fix=fix or "correct the YAML") from None
    if schema is not None:
        validate(data, schema=schema, where=where, error=error, fix=fix)
    return data


def validate(data: Any, *, schema: str, where: str, error: type[UserError] = UserError, fix: str = "") -> None:
    """Check parsed data against data/schemas/<schema>.yaml; the message names the failing path."""
    import fastjsonschema

    try:
        _validator(schema)(data)
    except fastjsonschema.JsonSchemaValueException as exc:
        message = exc.message.removeprefix("data.") if exc.message.startswith("data.") else exc.message
        hint = exc.definition.get("description") if isinstance(exc.definition, dict) else None
        if exc.rule in {"oneOf", "anyOf"} and hint:  # "valid exactly by one definition" says nothing to a user
            message = f"{message.split(' must ')[0]} must be {hint}"
        message = message.replace("data ", "(top level) ", 1) if message.startswith("data ") else message
        if len(message) > 160:
            message = message[:159] + "…"
        raise error(message, where=where, fix=fix or f"see the {schema} format in the README") from None


def read_yaml(path: Path, *, schema: str | None = None, error: type[UserError] = UserError, fix: str = "") -> Any:
    """Read a user's YAML file (UTF-8) strictly; unreadable files get the same one-line error."""
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            raise error(f"YAML file over {MAX_YAML_BYTES // 1_000_000} MB", where=str(path), fix="split or shorten it")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise error("not UTF-8 text", where=str(path), fix="save the file as UTF-8") from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", where=str(path), fix=fix or "check the path") from None
    return parse_yaml(text, where=str(path), schema=schema, error=error, fix=fix)
