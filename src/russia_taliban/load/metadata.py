"""The corpus folder's metadata file: publication facts the article text does not state.

`metadata.yaml` (or `.yml`) maps file names to fields, each a `{value, source, note}` mapping or a plain
value; `metadata.csv` has a `file` column and one column per field. Values here win over the text.
Both kinds are checked the same way (data/schemas/metadata.yaml through yamlio): unknown fields, wrong
types, invalid dates and duplicate entries are one MetadataError naming the entry.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import MetadataError
from ..text.dates import PartialDate, parse_iso
from ..yamlio import parse_yaml, shown, validate

FIELDS = ("title", "author", "outlet", "published", "url")
FILE_NAMES = ("metadata.yaml", "metadata.yml", "metadata.csv")
_FIX = "write `articles: {file.txt: {field: value}}` with fields among " + ", ".join(FIELDS)


@dataclass(frozen=True, slots=True)
class Fact:
    value: str
    source: str = "record"  # "text" or "record": where the value is attested
    note: str = ""


def find_metadata_file(folder: Path) -> Path | None:
    """The folder's metadata file; two of them is an error, since which one wins would be a guess."""
    present = [folder / name for name in FILE_NAMES if (folder / name).is_file()]
    if len(present) > 1:
        raise MetadataError(
            f"more than one metadata file ({', '.join(p.name for p in present)})",
            where=str(folder),
            fix="merge them into one and remove the others",
        )
    return present[0] if present else None


def read_metadata(path: Path) -> dict[str, dict[str, Fact]]:
    """Read and validate a metadata file; every problem is one MetadataError naming the entry."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise MetadataError(f"cannot read the metadata file ({exc})", where=str(path), fix="save it as UTF-8") from None
    raw = _read_csv(text, path) if path.suffix == ".csv" else _read_yaml(text, path)
    out: dict[str, dict[str, Fact]] = {}
    for name, fields in raw.items():
        where = f"{path}: {name}"
        facts: dict[str, Fact] = {}
        for field, value in fields.items():
            fact = _fact(value)
            if field == "published" and fact.value:
                try:
                    parse_iso(fact.value)
                except ValueError:
                    raise MetadataError(
                        f"invalid date {shown(fact.value)}",
                        where=f"{where}.published",
                        fix="write YYYY-MM-DD, YYYY-MM or YYYY",
                    ) from None
            facts[field] = fact
        out[str(name)] = facts
    return out


def published_date(facts: dict[str, Fact]) -> PartialDate | None:
    fact = facts.get("published")
    return parse_iso(fact.value) if fact and fact.value else None


def _fact(value: object) -> Fact:
    if isinstance(value, dict):
        return Fact(_text(value["value"]), str(value.get("source", "record")), _text(value.get("note")))
    return Fact(_text(value))


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _dates_as_text(value: Any) -> Any:
    # YAML reads an unquoted 2022-04-18 as a date; keep its ISO text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    return value


def _check(data: Any, path: Path) -> dict[str, dict[str, Any]]:
    """Friendly messages for the common mistakes, then the schema for everything else."""
    if not isinstance(data, dict):
        raise MetadataError("top level is not a mapping", where=str(path), fix="start the file with `articles:`")
    articles = data.get("articles", {} if "articles" in data else None)
    if articles is None:
        raise MetadataError("no `articles:` mapping", where=str(path), fix=_FIX)
    if not isinstance(articles, dict):
        raise MetadataError("`articles` is not a mapping of file names", where=str(path), fix=_FIX)
    for name, fields in articles.items():
        where = f"{path}: {name}"
        if not isinstance(fields, dict):
            raise MetadataError("entry is not a mapping of fields", where=where, fix=_FIX)
        for field in fields:
            if field not in FIELDS:
                raise MetadataError(f"unknown field {shown(field)}", where=where, fix=f"use {', '.join(FIELDS)}")
    validate(data, schema="metadata", where=str(path), error=MetadataError, fix=_FIX)
    return articles


def _read_yaml(text: str, path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = parse_yaml(text, where=str(path), error=MetadataError)
    except MetadataError as exc:
        at = exc.where.removeprefix(str(path)).lstrip(":")
        raise MetadataError(
            f"cannot parse the metadata file ({exc.what}{' at line:column ' + at if at else ''})",
            where=str(path),
            fix="fix its syntax (" + _FIX + ")",
        ) from None
    if data is None:
        return {}
    return _check(_dates_as_text(data), path)


def _read_csv(text: str, path: Path) -> dict[str, dict[str, Any]]:
    try:
        rows = list(csv.DictReader(text.splitlines()))
    except csv.Error as exc:
        raise MetadataError(f"cannot parse the metadata file ({exc})", where=str(path), fix="fix the CSV") from None
    if rows and "file" not in rows[0]:
        raise MetadataError(
            "the CSV has no `file` column", where=str(path), fix="add a `file` column with article file names"
        )
    articles: dict[str, dict[str, Any]] = {}
    for number, row in enumerate(rows, start=2):
        name = (row.pop("file") or "").strip()
        if name in articles:
            raise MetadataError(
                f"file {shown(name)} has two rows", where=f"{path}:{number}", fix="keep one row per article"
            )
        if None in row:
            raise MetadataError("row has more cells than the header", where=f"{path}:{number}", fix="quote commas")
        fields: dict[str, Any] = {}
        for column, value in row.items():
            field = column.removesuffix("_source")
            if field not in FIELDS:
                raise MetadataError(
                    f"unknown column {shown(column)}", where=str(path), fix=f"use file, {', '.join(FIELDS)}"
                )
            if column == field and value:
                fields[field] = {"value": value, "source": row.get(f"{field}_source") or "record"}
        articles[name] = fields
    return _check({"articles": articles}, path)
