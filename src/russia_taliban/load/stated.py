"""Metadata as the article's text states it: title, author, outlet and publication date.

Reads the classified paragraphs (`kinds`). The title is the headline line (two lines when it breaks
after a colon), without a byline, desk credit or date glued to it. The author comes from a byline,
then a byline glued to the headline, then an author note at the end, then a wire credit ("Reporting
by A in Kazan and B in Kabul; Editing by C" gives A and B). The outlet rule is in `_outlet`.

The date rule, where the text gives several candidates:
1. a date line below the headline (or a date glued to it, or a dated byline) labelled or unlabelled
   as publication wins over one labelled "Updated"; among equals the first below the headline wins (a
   header timestamp above the headline is the page's, often stale, and is used only when nothing below
   it gives a date); a date printed in figures and in words is one date;
2. else a scraper's leading metadata line ("date 2021-08-19 …"), then a date labelled "Published"
   in a header line that names several ("Received 3 Jun 2024, Accepted …, Published online: 14 Jan 2025");
3. else a wire dateline ("MOSCOW, Oct 7 (Reuters) -", "MOSCOW, July 3. /TASS/.") with the year that
   puts it closest before the latest year the text names or a one-year copyright line gives (wire copy
   dates its own day and names past years, rarely later ones);
4. else a year-less time stamp ("JUL 3, 18:01") in that latest year.
Relative stamps ("3 days ago") are date lines but give no date: the article is then undated.
A scraper's metadata block (`scraper_fields`: trafilatura, newspaper3k, Readability headers) was
read from the page's markup and overrides all of these for the fields it gives.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..text.dates import PartialDate, find_dates, resolve
from ..text.wordlists import alternation
from ..text.words import capped_words
from .kinds import is_caption, name_like
from .lines import (
    MENU_GAP,
    bio_name,
    byline,
    date_stamp,
    dated_byline,
    is_chrome,
    is_nav,
    label_outlet,
    scraper_date,
    wire_dateline,
)
from .outlets import (
    canonical,
    domain_name,
    known_outlet,
    masthead_outlet,
    mentioned_outlet,
    outlet_shaped,
    statement_outlet,
    word_set,
)
from .split import Paragraph


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
    glued: Glued | None = None
    if title_at is not None:
        out.title = paragraphs[title_at].text
        for p in paragraphs[title_at + 1 : title_at + 2]:
            if p.kind == "title":  # a headline broken over two lines (PDF copies)
                out.title = f"{out.title} {p.text}"
        glued = glued_title(out.title)
        if glued:
            out.title = glued.title
        out.title = _LEADING_SYMBOLS.sub("", out.title)
        out.title = _without_glued_label(out.title, paragraphs[:title_at])
    for p in paragraphs:
        if p.kind == "byline":
            b = byline(p.text) or ((d := dated_byline(p.text)) and byline(d.head))
            if b and b.author and not out.author:
                out.author = b.author
            if b and b.outlet and not out.outlet:
                out.outlet = canonical(b.outlet)
    if not out.author and glued and glued.author:
        out.author = glued.author
    if not out.author:
        out.author = next((n for p in paragraphs if p.kind == "boilerplate" and (n := bio_name(p.text))), "")
    if not out.author:
        out.author = next((n for p in paragraphs if p.kind != "body" and (n := reporting_credit(p.text))), "")
    out.published = publication_date(paragraphs, title_at or 0, glued.date if glued else None)
    if not out.outlet:
        out.outlet = _outlet(paragraphs, author=out.author)
    return _with_fields(out, scraper_fields(paragraphs))


def _with_fields(out: Stated, fields: dict[str, str]) -> Stated:
    """A scraper's metadata block (`scraper_fields`) overrides what the text around it states: the
    block was read from the page's markup, and the text under it is often headless."""
    if title := fields.get("title"):
        out.title = title
    if (raw := fields.get("author")) is not None:
        names = [n.strip(" '\"") for n in raw.strip("[]").split(",")] if raw.startswith("[") else [raw]
        found = [a for n in names if n and (a := _field_author(n))]
        if found:
            out.author = " and ".join(found)
        elif _names_no_author(raw):
            out.author = ""  # a desk credit ("Web Desk") or "[]": the markup names no author
        # else a value the rules cannot read (an e-mail address): the byline the text gives stands
    if (raw := fields.get("published")) and (dated := [d.date for d in find_dates(raw) if d.date.year]):
        out.published = dated[0]
    if name := fields.get("outlet"):
        out.outlet = canonical(name)
    return out


def _field_author(text: str) -> str:
    """The name in an author field ("Wahid Noorzai — Special Correspondent", "By Jane Doe", "Jane Doe
    (Kabul)", and a catalogue's inverted "Doe, Jane")."""
    text = _FIELD_PLACE.sub("", text.strip())
    head, *rest = re.split(r"\s+[—–|-]\s+|,\s+", text, maxsplit=1)
    if rest and _INVERTED.fullmatch(f"{head}, {rest[0]}") and rest[0].lower() not in word_set("byline_roles"):
        head = f"{rest[0]} {head}"  # "Doe, Jane": one surname, one given name
    b = byline(head) or byline(f"By {head}")
    return b.author if b and b.author else ""


_FIELD_PLACE = re.compile(r"\s*\([^()]{1,40}\)\s*$")  # "Jane Doe (Kabul)": the place a reporter files from
_INVERTED = re.compile(r"[A-Z][\w’'-]+, [A-Z][\w’'-]+(?: [A-Z]\.)?")


def _names_no_author(raw: str) -> bool:
    """An author field that says the markup names no one: empty ("[]", "None") or a desk credit ("Web
    Desk", "Staff")."""
    value = raw.strip().strip("[]").strip(" '\"")
    if not value or value.lower() in _empty_values():
        return True
    words = value.split()
    return len(words) <= 3 and words[-1].lower() in word_set("byline_roles") and value[:1].isupper()


_FIELD = re.compile(
    r"^(?P<key>[A-Za-z][\w :]{0,30}?)\s*:\s*(?P<value>.*)$"
    r"|^(?P<gapkey>[A-Z][A-Z ]{0,20}?[A-Z])(?:\s{2,}|\t)\s*(?P<gapvalue>\S.*)$"  # "TITLE    …", "AUTHORS  …"
)


def scraper_fields(paragraphs: list[Paragraph]) -> dict[str, str]:
    """Title, author, published and outlet from a metadata block at the top of the text: two or more
    `key: value` (or `KEY    value`) lines with keys of boilerplate.yaml `scraper_fields`, before the
    first long paragraph. A field the scraper left empty ("None", "[]") gives nothing."""
    found: dict[str, str] = {}
    values = [value for _, value in field_lines(paragraphs).values()]
    for name, value in field_lines(paragraphs).values():
        if name == "author" and (not value or value.lower() in _empty_values()):
            found.setdefault(name, "")  # the scraper found no author: none is read from the text either
        elif name != "other" and value and value.lower() not in _empty_values():
            found.setdefault(name, value)
    if "title" in found and (m := _TITLE_SITE.match(found["title"])) and _is_site(m.group("site"), values):
        found["title"] = m.group("title")  # "Headline | Gulf Asia Times": the page title's site suffix
        found.setdefault("outlet", m.group("site"))
    return found


def _is_site(suffix: str, values: list[str]) -> bool:
    """Whether a page title's suffix names the site: a known outlet, an outlet-shaped name, or the name
    the block's web address spells ("Pamir Letters" for pamirletters.net); never a section label
    ("Headline | Analysis") or the second half of a headline ("Russia and the Taliban - A Marriage of
    Convenience")."""
    if suffix.lower() in word_set("nav_words"):
        return False
    if known_outlet(suffix) or outlet_shaped(suffix):
        return True
    domains = [m.group(1) for v in values for m in _DOMAIN.finditer(v)]
    return any(domain_name(d, [suffix]) == suffix for d in domains)


_DOMAIN = re.compile(r"(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,6})\b", re.IGNORECASE)


def field_lines(paragraphs: list[Paragraph]) -> dict[int, tuple[str, str]]:
    """The lines of a scraper's metadata block, by position, with the field each gives ("title", "author",
    "published", "outlet" or "other") and its value; empty unless two or more lines have known keys."""
    keys = _field_keys()
    lines: dict[int, tuple[str, str]] = {}
    for p in paragraphs[:20]:
        if capped_words(p.text) >= 20 and not _FIELD.match(p.text):
            break
        m = _FIELD.match(p.text.strip())
        if m is None:
            continue
        key = (m.group("key") or m.group("gapkey")).strip().lower()
        value = (m.group("value") if m.group("key") else m.group("gapvalue")).strip()
        if key in keys:
            lines[p.position] = (keys.get(key, "other"), value)
    return lines if len(lines) >= 2 else {}


_TITLE_SITE = re.compile(r"^(?P<title>.{10,}?)\s+[|–—-]\s+(?P<site>[A-Z][\w&.’' -]{1,40})$")


@functools.cache
def _field_keys() -> dict[str, str]:
    """A field key, lower-cased -> the field it gives (boilerplate.yaml `scraper_fields`; "other" for
    keys that mark a line of the block but give no field of ours: url, tags, top image …)."""
    from .lines import boilerplate_data

    table = boilerplate_data().get("scraper_fields", {})
    return {key.lower(): field for field, keys in table.items() for key in keys}


@functools.cache
def _empty_values() -> frozenset[str]:
    """The values of a field the scraper found empty ("None", "[]"), lower-cased (boilerplate.yaml)."""
    from .lines import boilerplate_data

    return frozenset(v.lower() for v in boilerplate_data().get("scraper_empty_values", []))


_LEADING_SYMBOLS = re.compile(r"^[^\w\"“‘'(\[]+")  # "⚡️ Moscow format: …", "▶ …": emoji and marks before a headline


@dataclass(frozen=True, slots=True)
class Glued:
    """A headline with the next line glued on by copying: a capitals byline, a desk credit or a date."""

    title: str
    author: str = ""
    date: PartialDate | None = None


_GLUE_POINT = re.compile(r"(?<=[a-z0-9’'”?!)])(?=[A-Z])|(?<=[a-z])(?=\d)")


def glued_title(text: str) -> Glued | None:
    """Split "…at St Petersburg forumJAMES HARTLEY", "…govtWeb Desk", "…to recognise TalibanApril 17, 2025"."""
    for m in _GLUE_POINT.finditer(text):
        head, tail = text[: m.start()].rstrip(), text[m.start() :].strip()
        if len(head.split()) < 3:
            continue
        tokens = tail.split()
        if 2 <= len(tokens) <= 4 and tail.isupper() and all(t.isalpha() or "-" in t or "’" in t for t in tokens):
            b = byline(tail)
            return Glued(head, b.author if b else "")
        if len(tokens) <= 3 and tokens[-1].lower() in word_set("byline_roles"):
            return Glued(head)  # "Web Desk", "Staff Reporter": a credit, no author
        if (stamp := date_stamp(tail)) is not None and stamp.date.year:
            return Glued(head, date=stamp.date)
    return None


_REPORTING = re.compile(r"^\(?\s*reporting by\s+(?P<names>[^;)]{3,200})", re.IGNORECASE)


def reporting_credit(text: str) -> str | None:
    """The reporters of a wire credit "(Reporting by A in Kazan and B in Kabul; Editing by C)"."""
    m = _REPORTING.match(text.strip())
    if not m:
        return None
    names = [byline(n.strip()) for n in re.split(r",\s*|\s+and\s+", m.group("names"))]
    found = [b.author for b in names if b and b.author]
    return " and ".join(found) if found else None


def publication_date(
    paragraphs: list[Paragraph], title_at: int = 0, glued: PartialDate | None = None
) -> PartialDate | None:
    """The publication date by the rule in the module docstring."""
    below: list[tuple[bool, PartialDate]] = [(False, glued)] if glued else []
    above: list[tuple[bool, PartialDate]] = []
    yearless: list[PartialDate] = []
    for i, p in enumerate(paragraphs):
        if p.kind == "byline":  # "Posted by X on March 12, 2023", "Dilara Kaya | 03.07.2025"
            dated = [d.stamp.date] if (d := dated_byline(p.text)) else []
            dated = dated or [d.date for d in find_dates(p.text) if d.date.year]
            if dated:
                (below if i >= title_at else above).append((False, dated[0]))
            continue
        if p.kind != "dateline":
            continue
        stamp = date_stamp(p.text)
        if stamp and stamp.date.year is None:
            yearless.append(stamp.date)
        elif stamp:
            (below if i >= title_at else above).append((stamp.updated, stamp.date))
    for candidates in (below, above):
        if candidates:
            return min(candidates, key=lambda c: c[0])[1]  # min is stable: the first non-updated one
    for p in paragraphs[:3]:
        if (d := scraper_date(p.text)) is not None:
            return d
    for p in paragraphs[: title_at + _HEADER_LINES]:
        if p.kind != "body" or capped_words(p.text) < 40:
            for m in _PUBLISHED_AT.finditer(p.text):
                dated = find_dates(p.text[m.end() : m.end() + 40])
                if dated and dated[0].start == 0 and dated[0].date.year:
                    return dated[0].date  # "Received 3 Jun 2024, Accepted …, Published online: 14 Jan 2025"
    wire = _wire(paragraphs)
    in_url = url_date(own_address_lines(paragraphs, title_at))
    year = in_url.year if in_url else None
    if not year and ((wire and wire.date) or yearless):
        year = max(latest_year(p.text for p in paragraphs) or 0, _copyright_year(paragraphs) or 0) or None
    if wire and wire.date:
        mention = find_dates(wire.date)
        if mention and year:
            return resolve(mention[0], PartialDate(year))
    if yearless and year:
        return PartialDate(year, yearless[0].month, yearless[0].day)  # a time stamp without its year
    if in_url and in_url.day:
        return in_url
    if title_at < len(paragraphs) and paragraphs[title_at].kind == "title":
        for m in _BRACKETED.finditer(paragraphs[title_at].text):
            dated = [d.date for d in find_dates(m.group(1)) if d.date.year and d.date.month]
            if dated:
                return dated[0]  # "Humanitarian Access Snapshot (July 2025)": a report dated in its title
    return None


_URL_DATE = re.compile(
    r"(?:https?://)?\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}(?:/[^\s/]+)*?/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])(?:[/-]?(0[1-9]|[12]\d|3[01]))?(?=[/_.-]|$)",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"[(\[]([^()\[\]]{4,40})[)\]]")


def own_address_lines(paragraphs: list[Paragraph], title_at: int) -> list[str]:
    """The lines that can give the article's own web address: the header above the headline, the chrome
    before the first body paragraph, and a line labelled as the page's address anywhere (boilerplate.yaml
    `own_address`: "URL: …", "Printed from …", "Archived copy of …"). A link inside the text, or in a
    related-articles list, is another page's address and never dates this one."""
    labels = _own_address_label()
    first_body = next((i for i, p in enumerate(paragraphs) if p.kind == "body"), len(paragraphs))
    return [
        p.text
        for i, p in enumerate(paragraphs)
        if i < title_at
        or (i < first_body and p.kind == "boilerplate")
        or (p.kind != "body" and labels.match(p.text.strip()))
    ]


@functools.cache
def _own_address_label() -> re.Pattern[str]:
    from .lines import boilerplate_data

    labels = sorted(boilerplate_data().get("own_address", []), key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(map(re.escape, labels))})\s*:?\s*(?:https?://|www\.|[\w-]+\.[a-z]{{2,6}}/)", re.I)


def url_date(texts: Iterable[str]) -> PartialDate | None:
    """The date in the path of a page's web address ("…/2025/07/04/…", "…/20250704/…"), the first
    found: sites file their pages by the day of publication. Used for a wire dateline's year, and as
    the date when the text states none."""
    for text in texts:
        if "/" not in text or len(text) > 600:
            continue
        if m := _URL_DATE.search(text):
            year, month, day = (int(g) if g else None for g in m.groups())
            return PartialDate(year, month, day)
    return None


def _without_glued_label(title: str, above: list[Paragraph]) -> str:
    """A section label glued to the headline ("PakistanIslamabad says …"), when the label is an item
    of a menu above it or a section name of outlets.yaml `nav_words`: the headline without it."""
    m = _GLUED_LABEL.match(title)
    if m is None:
        return title
    label = m.group("label").lower()
    items = {i.strip().lower() for p in above if p.kind == "boilerplate" for i in MENU_GAP.split(p.text)}
    return title[m.end() :] if label in items or label in word_set("nav_words") else title


_GLUED_LABEL = re.compile(r"^(?P<label>[A-Z][a-z]{2,20})(?=[A-Z][a-z])")


def _wire(paragraphs: list[Paragraph]):
    """The wire dateline opening one of the first three body paragraphs (a photo caption or an
    "Item 1 of 2" gallery line may come before the text)."""
    body = (p for p in paragraphs if p.kind == "body")
    return next((w for p in itertools.islice(body, 3) if (w := wire_dateline(p.text))), None)


_HEADER_LINES = 8  # lines below the headline searched for a labelled publication date
_PUBLISHED_AT = re.compile(r"\b(?:first\s+)?published(?:\s+online)?\s*(?:on\s*)?:?\s*", re.IGNORECASE)


_COPYRIGHT_YEAR = re.compile(r"^(?:©|\(c\)|copyright)[\s©]*(?:[^\d]{0,60}?)\b((?:19|20)\d\d)\b(?!\s*[-–]\s*\d)", re.I)


def _copyright_year(paragraphs: list[Paragraph]) -> int | None:
    """The year of a copyright line naming one year ("© 2025 TASS"), not a range ("2005–2024"), which a
    site prints for all its pages."""
    for p in paragraphs:
        m = _COPYRIGHT_YEAR.match(p.text.strip()) if p.kind == "boilerplate" else None
        if m and not re.search(r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d", p.text):
            return int(m.group(1))
    return None


def latest_year(texts: Iterable[str]) -> int | None:
    """The latest year any date in `texts` names, or None."""
    return max((d.date.year for t in texts for d in find_dates(t) if d.date.year), default=None)


def _outlet(paragraphs: list[Paragraph], *, author: str = "") -> str:
    """The publisher, from the first of these that names one (the order is the rule):

    1. a wire dateline's agency ("MOSCOW, Oct 7 (Reuters) -", "/TASS/");
    2. a repost or syndication note ("first published by X", "Source: X"): the original publisher;
    3. a label or masthead line in the header ("Analysis | X", "The Moscow Times", "thediplomat.com");
    4. an e-mail's sender ("From: Central Asia Brief <…>");
    5. the site's own lines: copyright, disclaimer, "Support X", "A Message from X", "Thanks for reading X";
    6. a known outlet named in any chrome line other than a photo credit ("Follow AP’s coverage");
    A byline naming an outlet ("By Jane Doe | Reuters") is read before all of these, in stated_metadata.
    """
    first_body = next((i for i, p in enumerate(paragraphs) if p.kind == "body"), len(paragraphs))
    wire = _wire(paragraphs)
    if wire:
        return canonical(wire.agency)
    chrome = [p for p in paragraphs if p.kind in ("boilerplate", "byline", "dateline")]
    for p in chrome:
        if name := statement_outlet(p.text, reposts_only=True):
            return name
    header = [p for p in paragraphs[: max(first_body, 1) + 2] if p.kind != "body" or p.position < first_body]
    domain = ""
    for p in header:
        if p.kind in ("boilerplate", "title", "standfirst", "byline") and (
            name := label_outlet(p.text) or (masthead_outlet(p.text) if p.kind != "title" else None)
        ):
            if not _BARE_DOMAIN.fullmatch(name):
                return canonical(name)
            if named := domain_name(name, [q.text for q in paragraphs]):
                return canonical(named)
            domain = domain or name  # a domain only: the rules below may name the publisher
        elif (m := _CHANNEL.match(p.text.strip())) and outlet_shaped(m.group("name")):
            return canonical(m.group("name"))  # "Kabul Insider, [03.07.2025 14:22]": a channel's post
    for p in paragraphs[:6]:
        if p.kind == "boilerplate" and (m := _SENDER.match(p.text)):
            return canonical(m.group("name"))
    for p in reversed(chrome):
        if (name := statement_outlet(p.text)) and name != author:  # "© 2025 Marta Kowalczyk": a person
            return name
    for p in reversed(chrome):
        if not is_caption(p.text) and not _CREDIT.match(p.text) and (name := mentioned_outlet(p.text)):
            return name
    return domain or _site_name(paragraphs)


def _site_name(paragraphs: list[Paragraph]) -> str:
    """The site's name as the first line of the page, above the headline: a short run of capitalised
    words ("The Steppe and Beyond") that no rule made the headline and that is no menu or known chrome."""
    title_at = next((i for i, p in enumerate(paragraphs) if p.kind == "title"), 0)
    if title_at == 0 or paragraphs[0].kind != "boilerplate":
        return ""
    text = paragraphs[0].text.strip()
    if not 2 <= len(text.split()) <= 5 or not name_like(text) or is_nav(text) or is_chrome(text):
        return ""
    return text


_CHANNEL = re.compile(r"^(?P<name>[^,\[\]|]{3,60}?),?\s*\[[^\]]{6,30}\]$")
_BARE_DOMAIN = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+")


_SENDER = re.compile(r"^from:\s*(?P<name>[^<@]{2,60}?)\s*<[^>]+>\s*$", re.IGNORECASE)
_CREDIT = re.compile(rf"^{alternation('credit_labels')}s?\b|.*\b{alternation('photo_words')}s?\s*[:,]", re.I)
