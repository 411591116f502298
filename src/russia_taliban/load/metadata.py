"""The corpus folder's metadata file: publication facts the article text does not state.

`metadata.yaml` (or `.yml`) maps file names to fields, each a `{value, source, note}` mapping or a plain
value; `metadata.csv` has a `file` column and one column per field. Values here win over the text.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import MetadataError
from ..text.dates import PartialDate, parse_iso

FIELDS = ("title", "author", "outlet", "published")
FILE_NAMES = ("metadata.yaml", "metadata.yml", "metadata.csv")


@dataclass(frozen=True, slots=True)
class Fact:
    value: str
    source: str = "record"  # "text" or "record": where the value is attested
    note: str = ""


def find_metadata_file(folder: Path) -> Path | None:
    for name in FILE_NAMES:
        if (folder / name).is_file():
            return folder / name
    return None


def read_metadata(path: Path) -> dict[str, dict[str, Fact]]:
    """Read and validate a metadata file; every problem is one MetadataError naming the entry."""
    try:
        raw = _read_csv(path) if path.suffix == ".csv" else _read_yaml(path)
    except (yaml.YAMLError, csv.Error, UnicodeDecodeError) as exc:
        first = str(exc).strip().splitlines()[0]
        raise MetadataError(
            f"cannot parse the metadata file ({first})",
            where=str(path),
            fix="fix its syntax (YAML mapping `articles: {file.txt: {field: value}}`)",
        ) from None
    out: dict[str, dict[str, Fact]] = {}
    for name, fields in raw.items():
        where = f"{path}: {name}"
        if not isinstance(fields, dict):
            raise MetadataError(
                "entry is not a mapping of fields", where=where, fix=f"give fields among {', '.join(FIELDS)}"
            )
        facts: dict[str, Fact] = {}
        for field, value in fields.items():
            if field not in FIELDS:
                raise MetadataError(f"unknown field {field!r}", where=where, fix=f"use {', '.join(FIELDS)}")
            fact = _fact(value, where=f"{where}.{field}")
            if field == "published" and fact.value:
                try:
                    parse_iso(fact.value)
                except ValueError:
                    raise MetadataError(
                        f"invalid date {fact.value!r}",
                        where=f"{where}.published",
                        fix="write YYYY-MM-DD, YYYY-MM or YYYY",
                    ) from None
            facts[field] = fact
        out[str(name)] = facts
    return out


def published_date(facts: dict[str, Fact]) -> PartialDate | None:
    fact = facts.get("published")
    return parse_iso(fact.value) if fact and fact.value else None


def _fact(value: object, *, where: str) -> Fact:
    if isinstance(value, dict):
        unknown = set(value) - {"value", "source", "note"}
        if unknown or "value" not in value:
            raise MetadataError(
                "a field mapping needs `value` (and optionally `source`, `note`)",
                where=where,
                fix="write {value: ..., source: text|record}",
            )
        source = str(value.get("source", "record"))
        if source not in ("text", "record"):
            raise MetadataError(
                f"source {source!r} is neither text nor record", where=where, fix="write source: text or source: record"
            )
        return Fact(_scalar(value["value"]), source, str(value.get("note", "") or ""))
    return Fact(_scalar(value))


def _scalar(value: object) -> str:
    # YAML reads an unquoted 2022-04-18 as a date; keep its ISO text.
    return "" if value is None else value.isoformat() if hasattr(value, "isoformat") else str(value)


def _read_yaml(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise MetadataError("top level is not a mapping", where=str(path), fix="start the file with `articles:`")
    articles = data.get("articles", data)
    if not isinstance(articles, dict):
        raise MetadataError(
            "`articles` is not a mapping of file names", where=str(path), fix="map each file name to its fields"
        )
    return articles


def _read_csv(path: Path) -> dict:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if rows and "file" not in rows[0]:
        raise MetadataError(
            "the CSV has no `file` column", where=str(path), fix="add a `file` column with article file names"
        )
    out = {}
    for row in rows:
        name = row.pop("file")
        fields = {}
        for field in FIELDS:
            if row.get(field):
                fields[field] = {"value": row[field], "source": row.get(f"{field}_source") or "record"}
        out[name] = fields
    return out
