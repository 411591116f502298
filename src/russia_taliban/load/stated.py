"""Metadata as the article's text states it: title, author, outlet and publication date.

Reads the classified paragraphs (`kinds`). The date rule, where the text gives several candidates:
1. a date line below the headline labelled or unlabelled as publication wins over one labelled
   "Updated"; among equals the first below the headline wins (a header timestamp above the headline
   is the page's, often stale, and is used only when nothing below it gives a date);
2. else a scraper's leading metadata line ("date 2021-08-19 …");
3. else a wire dateline ("MOSCOW, Oct 7 (Reuters) -") with the year that puts it closest before the
   latest year the text names (wire copy dates its own day and names past years, rarely later ones).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..text.dates import PartialDate, find_dates, resolve
from .lines import agency, bio_name, byline, date_stamp, label_outlet, scraper_date, wire_dateline
from .split import Paragraph

_OUTLET = [
    re.compile(
        r"(?:views|beliefs|policies|position)[^.]*?\bof\s+(?:the\s+)?(?P<outlet>[A-Z][\w&.’' -]{1,60}?)\s*\.?\s*$"
    ),
    re.compile(
        r"^(?:©|\(c\)|copyright)\s*(?:\d{4}(?:[-–]\d{4})?\s*)?(?P<outlet>[A-Z][\w&.’' -]{1,60}?)\.?\s*(?:\d{4})?\.?(?:\s+all rights reserved.*)?$",
        re.I,
    ),
    re.compile(
        r"(?:originally|first) (?:appeared|published|posted) (?:in|on|by|at) (?:the\s+)?(?P<outlet>[A-Z][\w&.’' -]{1,60}?)[.,]",
        re.I,
    ),
]


@dataclass(slots=True)
class Stated:
    title: str = ""
    author: str = ""
    outlet: str = ""
    published: PartialDate | None = None


def stated_metadata(paragraphs: list[Paragraph]) -> Stated:
    """Title, author, outlet and date as the text states them (empty where it does not)."""
    out = Stated()
    title_at = next((i for i, p in enumerate(paragraphs) if p.kind == "title"), None)
    out.title = paragraphs[title_at].text if title_at is not None else ""
    for p in paragraphs:
        if p.kind == "byline":
            b = byline(p.text)
            if b and b.author and not out.author:
                out.author = b.author
            if b and b.outlet and not out.outlet:
                out.outlet = b.outlet
    if not out.author:
        out.author = next((n for p in paragraphs if p.kind == "boilerplate" and (n := bio_name(p.text))), "")
    out.published = publication_date(paragraphs, title_at or 0)
    if not out.outlet:
        out.outlet = _outlet(paragraphs)
    return out


def publication_date(paragraphs: list[Paragraph], title_at: int = 0) -> PartialDate | None:
    """The publication date by the rule in the module docstring."""
    below: list[tuple[bool, PartialDate]] = []
    above: list[tuple[bool, PartialDate]] = []
    for i, p in enumerate(paragraphs):
        if p.kind == "byline":  # "Posted by X on March 12, 2023"
            dated = [d.date for d in find_dates(p.text) if d.date.year]
            if dated:
                (below if i >= title_at else above).append((False, dated[0]))
            continue
        if p.kind != "dateline":
            continue
        stamp = date_stamp(p.text)
        if stamp:
            (below if i >= title_at else above).append((stamp.updated, stamp.date))
    for candidates in (below, above):
        if candidates:
            return min(candidates, key=lambda c: c[0])[1]  # min is stable: the first non-updated one
    for p in paragraphs[:3]:
        if (d := scraper_date(p.text)) is not None:
            return d
    first_body = next((p for p in paragraphs if p.kind == "body"), None)
    wire = wire_dateline(first_body.text) if first_body else None
    if wire and wire.date:
        mention = find_dates(wire.date)
        year = latest_year(p.text for p in paragraphs)
        if mention and year:
            return resolve(mention[0], PartialDate(year))
    return None


def latest_year(texts: Iterable[str]) -> int | None:
    """The latest year any date in `texts` names, or None."""
    return max((d.date.year for t in texts for d in find_dates(t) if d.date.year), default=None)


def _outlet(paragraphs: list[Paragraph]) -> str:
    first_body = next((p for p in paragraphs if p.kind == "body"), None)
    wire = wire_dateline(first_body.text) if first_body else None
    if wire:
        return wire.agency
    for p in paragraphs[:8]:
        if p.kind == "boilerplate" and (name := label_outlet(p.text) or _outlet_line(p.text)):
            return name
    for p in reversed(paragraphs):
        if p.kind != "boilerplate":
            continue
        for pattern in _OUTLET:
            m = pattern.search(p.text)
            if m:
                return m.group("outlet").strip()
    return ""


def _outlet_line(text: str) -> str | None:
    return agency(text)
