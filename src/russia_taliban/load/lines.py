"""What a single line states on its own: site chrome, a date or time stamp, a byline, a wire dateline.

These recognisers look at one paragraph without context; `kinds` decides by position what the
paragraph is, and `stated` reads the metadata from the lines they recognise. Patterns are data
(boilerplate.yaml, wordlists.yaml) wherever they are word lists.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import re._parser as sre_parse  # the width of a pattern, for the length cut-off
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from ..resources import package_text
from ..text.dates import _MONTH, DateMention, PartialDate, find_dates
from ..text.wordlists import agencies, alternation, words_of
from ..text.words import capped_words
from ..yamlio import parse_yaml

T = TypeVar("T")


@functools.cache
def boilerplate_data() -> dict:
    """The parsed data/boilerplate.yaml (chrome patterns and scraper field names)."""
    return parse_yaml(package_text("data", "boilerplate.yaml"), where="data/boilerplate.yaml", schema="boilerplate")


@functools.cache
def _chrome_sources() -> tuple[str, ...]:
    return tuple(boilerplate_data()["patterns"].values())


def _branches(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression ("a|b(c|d)" -> ["a", "b(c|d)"])."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]" or (i > 0 and pattern[i - 1] == "[")
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


@functools.cache
def _chrome_by_width() -> tuple[list[int], list[re.Pattern[str]]]:
    """Chrome alternations by the longest text each branch can match as a whole.

    Chrome lines are short: a branch such as `.{0,160}\\bcookies?\\b.{0,200}` cannot match a paragraph
    of 400 characters, and trying it there is the loader's costliest regex work. Entry k of the
    returned patterns holds every branch that can match `cuts[k]` characters or more, and a text of
    length n is tried against the entry of the last cut at or below n, so never against a branch too
    short for a text past the cuts; unbounded branches start with a keyword and fail at the first
    character. Above _EXACT_ABOVE characters every width is a cut (long texts meet no branch too short
    for them); below it, where texts are short and a branch too short for one fails within its width,
    the cuts are _CUT_CHARS characters of pattern apart, so the patterns compiled once per process are
    an eighth as long (with data/boilerplate.yaml of December 2026: 0.62 s of CPU in every process with a
    cut at every width, 0.08 s now; the chrome test itself about 4% slower).
    """
    branches = [(b, sre_parse.parse(b, re.IGNORECASE).getwidth()[1]) for p in _chrome_sources() for b in _branches(p)]
    cuts, kept = [0], sum(len(b) for b, _ in branches)
    for cut in sorted({w + 1 for _, w in branches if w < sre_parse.MAXREPEAT}):  # the set changes past a width
        size = sum(len(b) for b, w in branches if w >= cut)
        if cut > _EXACT_ABOVE or kept - size >= _CUT_CHARS:
            cuts.append(cut)
            kept = size
    patterns = [re.compile("|".join(f"(?:{b})" for b, w in branches if w >= cut), re.IGNORECASE) for cut in cuts]
    return cuts, patterns


_EXACT_ABOVE, _CUT_CHARS = 400, 800


def is_chrome(text: str) -> bool:
    """True when a paragraph matches, as a whole, one of the site-chrome patterns in boilerplate.yaml."""
    return _is_chrome(text) if len(text) <= _MEMO_CHARS else _chrome_match(text)


#: Line tests are memoised for short texts only, so a long run holds no paragraphs in the memo.
_MEMO_CHARS = 600


@functools.lru_cache(maxsize=65536)  # the splitter and the classifier both ask, and chrome lines repeat
def _is_chrome(text: str) -> bool:
    return _chrome_match(text)


def _chrome_match(text: str) -> bool:
    stripped = text.strip()
    cuts, patterns = _chrome_by_width()
    return patterns[bisect.bisect_right(cuts, len(stripped)) - 1].fullmatch(stripped) is not None


def is_chrome_reference(text: str) -> bool:
    """`is_chrome` one pattern at a time: the specification the single pass is tested against."""
    stripped = text.strip()
    return any(re.fullmatch(p, stripped, re.IGNORECASE) for p in _chrome_sources())


# A date line: an optional label, weekday, the date, an optional time and zone, in any order of
# separators; what is left after removing the date must be only these. The words are data/wordlists.yaml's.
_LABEL = rf"(?:{alternation('date_label_prefixes')}\s+)?{alternation('date_labels')}"
_WEEKDAY = rf"{alternation('weekdays')}\.?"
_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?|T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?"
_ZONE = (
    rf"(?:{alternation('time_zones')}|[A-Z]{{1,2}}[SD]?T)(?:\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?)?|Z|[+-]\d{{2}}:?\d{{2}}"
)
_RELATIVE = rf"\d{{1,2}}\s*{alternation('time_units')}\s+ago"
# an episode's or video's length beside its date ("3 July 2025 · 52 min")
_DURATION = rf"\d{{1,3}}\s*{alternation('time_units')}"
# a document's number beside its date ("POLICY BRIEF No. 14 | JULY 2025")
_DOCUMENT = rf"{alternation('document_types')}\s+no\.?\s*\d+"
_RESIDUE = re.compile(
    rf"(?:\s|[,|/·•–—()\-:.]|\b{_LABEL}\b|\b{_WEEKDAY}(?!\w)|(?<!\w)(?:{_TIME})(?!\w)|\b(?:{_ZONE})(?!\w)"
    rf"|[+-]\d{{2}}:?\d{{2}}\b|\b{_RELATIVE}\b|\b{_DOCUMENT}\b|\b{_DURATION}(?!\w))*",
    re.IGNORECASE,
)
_UPDATED = re.compile(rf"\b{alternation('update_labels')}\b", re.IGNORECASE)
_SCRAPER = re.compile(r"^\s*date\s*[:=]?\s*(?P<iso>\d{4}-\d{2}-\d{2})\b.{0,400}$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class Stamp:
    """A date the page states about itself: the date, and whether it is labelled as an update."""

    date: PartialDate
    updated: bool = False


def _short_line_test(limit: int) -> Callable[[Callable[[str], T | None]], Callable[[str], T | None]]:
    """Memoise a line test that no text over `limit` characters (stripped) can pass: such texts get None
    at once, and only short lines, which repeat across the splitter, the classifier and the date rule,
    are kept in the bounded memo (its `cache_clear` and `cache_info` stay reachable)."""

    def wrap(test: Callable[[str], T | None]) -> Callable[[str], T | None]:
        memo = functools.lru_cache(maxsize=65536)(test)

        @functools.wraps(test)
        def short_only(text: str) -> T | None:
            if len(text) > limit and len(text.strip()) > limit:
                return None
            return memo(text)

        short_only.cache_info, short_only.cache_clear = memo.cache_info, memo.cache_clear  # type: ignore[attr-defined]
        return short_only

    return wrap


@_short_line_test(120)
def date_stamp(text: str) -> Stamp | None:
    """The date if the paragraph is nothing but a date or timestamp (label, weekday, time and zone allowed).

    "Thu 19th August 2021", "October 7, 2025 3:05 PM GMT+3", "26.03.2024, 18:40", "2025-05-17 05:08:25",
    "Updated 4:12 PM GMT+3, April 17, 2025", "Published: 5 July 2024 14:32 GMT".
    """
    stripped = text.strip()
    if len(stripped) > 120:
        return None
    stripped = unglue(stripped)
    return _plain_stamp(stripped) or _segmented_stamp(stripped)


_SEGMENTS = re.compile(r"\s*\|\s*|\s{2,}|\s*[\[\]]\s*")
_FIELD_SEGMENT = re.compile(
    r"^(?:[\w .’'-]{1,30}:\s*\S.{0,40}|[\d.,]+[kKmM]?\s+\w+|(?:#\w+\s*)+|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3},?)$"
)


def _segmented_stamp(text: str) -> Stamp | None:
    """A date among short fields set apart by bars, wide gaps or brackets: "Source: Xinhua| 2025-07-04
    01:34:10|Editor: X", "18,442 views  Jul 4, 2025  #Russia", "Channel Name, [03.07.2025 17:40]".
    Exactly one segment is a date stamp; every other is a `key: value` field, a count, hashtags or a
    short capitalised name."""
    if not ("|" in text or "  " in text or "[" in text):
        return None
    segments = [seg for seg in _SEGMENTS.split(text) if seg.strip()]
    stamps = [(i, st) for i, seg in enumerate(segments) if (st := _plain_stamp(seg)) is not None and st.date.year]
    if len(segments) < 2 or len(stamps) != 1:
        return None
    at, stamp = stamps[0]
    others = [seg.strip() for i, seg in enumerate(segments) if i != at]
    if all(_FIELD_SEGMENT.match(seg) and not _is_name(seg.rstrip(",")) for seg in others):
        return stamp  # a person's name beside the date makes a dated byline (`dated_byline`)
    return None


def _plain_stamp(stripped: str) -> Stamp | None:
    found = find_dates(stripped)
    dated = [d for d in found if d.date.year is not None]
    if dated:
        found = dated
    dates = _one_date(found) if len({d.date for d in found}) > 1 else found
    if not dates or any(d.date != dates[0].date for d in dates):
        return None  # none, or two different dates: a sentence, not a stamp ("04/17/2025April 17, 2025" is one)
    rest = stripped
    for d in reversed(found):
        rest = rest[: d.start] + " " + rest[d.end :]
    if _RESIDUE.fullmatch(rest) is None:
        return None
    return Stamp(_month_first(dates[0], rest), bool(_UPDATED.search(rest)))


_US_ZONE = re.compile(rf"\b{alternation('us_time_zones')}\b")  # as written: "et" is no zone
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _month_first(mention: DateMention, rest: str) -> PartialDate:
    """A slashed date beside a US time zone ("07/03/2025 09:14 AM EDT") is read month first, as US
    pages print it; elsewhere figures are read day first (dates.find_dates)."""
    m = _SLASHED.fullmatch(mention.surface)
    if m is None or _US_ZONE.search(rest) is None:
        return mention.date
    month, day, year = (int(g) for g in m.groups())
    try:
        return PartialDate(year, month, day) if month <= 12 and dt.date(year, month, day) else mention.date
    except ValueError:
        return mention.date


def _one_date(found: list[DateMention]) -> list[DateMention]:
    """A date printed twice, in figures and in words ("07/06/2025 July 6, 2025"): the figures read
    month-first when that is what the words say, so the two are one date."""
    worded = [d for d in found if not re.fullmatch(r"[\d./-]+", d.surface)]
    if not worded or any(d.date != worded[0].date for d in worded):
        return found
    target = worded[0].date
    for d in found:
        if d in worded:
            continue
        day, month = d.date.day, d.date.month
        if (d.date.year, day, month) != (target.year, target.month, target.day):
            return found
    return worded


_GLUED = [
    (re.compile(r"\b((?:19|20)\d\d)(?=\d{1,2}[:.]\d\d)"), r"\1 "),  # "20224:51 PM": the year glued to the time
    (re.compile(r"(?<=\d)(?=[A-Za-z]{3})|(?<=[a-z])(?=\d)"), " "),  # "04/17/2025April", "May 5th2024"
    (re.compile(rf"(?<=[a-z0-9])(?={alternation('glued_labels')}\b)"), " "),  # "GMT+3Updated"
]


def unglue(text: str) -> str:
    """Spaces where a page's markup had separated a date, a time and a label that copying glued."""
    if not any(ch.isdigit() for ch in text):
        return text
    for pattern, repl in _GLUED:
        text = pattern.sub(repl, text)
    return text


_RELATIVE_STAMP = re.compile(
    rf"^(?:{alternation('relative_stamp_labels')}\s+)?(?:{alternation('relative_stamp_hedges')}\s+)?"
    rf"(?:\d{{1,2}}\s*(?:{alternation('time_units')}|{alternation('stamp_unit_letters')})\.?(?:\s+ago)?"
    rf"|{alternation('relative_stamp_phrases', space=' ')})\s*(?:•\s*edited)?$",
    re.IGNORECASE,
)


_TIME_ONLY = re.compile(rf"^(?:{_LABEL}\s*:?\s*)*(?:{_TIME})(?:\s*(?:{_ZONE}))?$", re.IGNORECASE)


def is_relative_stamp(text: str) -> bool:
    """A time stamp that gives no date: relative to the reader's now ("3 days ago", "3w", "Updated
    about 17 hours ago") or a time alone after a label ("Updated 5:41 p.m. ET"): a date line without a date."""
    stripped = text.strip()
    if len(stripped) > 40:
        return False
    return _RELATIVE_STAMP.match(stripped) is not None or (
        _TIME_ONLY.match(stripped) is not None and not stripped[:1].isdigit()
    )


def scraper_date(text: str) -> PartialDate | None:
    """The date of a metadata line a scraper put first (" date 2021-08-19 title … url …")."""
    m = _SCRAPER.match(text)
    if not m:
        return None
    dates = find_dates(m.group("iso"))
    return dates[0].date if dates else None


_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.-]*$")
_BY = re.compile(
    rf"^(?:{alternation('byline_leads')}\s+by|{alternation('byline_labels')})\s*:?\s+(?P<rest>.{{3,160}})$",
    re.IGNORECASE,
)
_ON_DATE = re.compile(r"\s+on\s+.*$")
_SPLIT_OUTLET = re.compile(rf"\s*(?:[|,;•·]|\s[-–—]\s|\b{alternation('byline_outlet_links')}\b)\s*")


def _is_name(text: str) -> bool:
    tokens = text.replace(" and ", " ").split()
    if not 2 <= len(tokens) <= 6:
        return False
    particles, stop = words_of("name_particles"), words_of("name_stopwords")
    named = 0
    for token in tokens:
        low = token.lower().rstrip(",")
        if low in particles or low.split("-")[0] in particles:
            continue
        if low in stop or not _NAME_TOKEN.match(token):
            return False
        named += 1
    return named >= 2 or (named == 1 and len(tokens) == 1)


def _title_case(name: str) -> str:
    """A name in capitals ("JANE DOE") as a name is written ("Jane Doe")."""
    if not name.isupper():
        return name
    return " ".join(w if w.lower() in words_of("name_particles") else w.capitalize() for w in name.split())


def agency(text: str) -> str | None:
    """The outlet's name if `text` is a wire agency or outlet named in wordlists.yaml ("AP", "Reuters")."""
    stripped = text.strip().strip("()[]").strip()
    table = agencies()
    return table.get(stripped) or _agencies_folded().get(stripped.lower())


@functools.cache
def _agencies_folded() -> dict[str, str]:
    folded: dict[str, str] = {}
    for short, name in agencies().items():
        folded.setdefault(short.lower(), name)  # the first spelling wins, as in the file's order
    return folded


@dataclass(frozen=True, slots=True)
class Byline:
    author: str = ""
    outlet: str = ""


@_short_line_test(160)
def byline(text: str) -> Byline | None:
    """The author and outlet if the paragraph is a byline (none is over 160 characters).

    "By Jane Doe", "By Jane Doe | Reuters", "By JANE DOE", "By Reuters" (an agency is the outlet, not
    the author), or a bare personal name ("Piotr Żochowski").
    """
    stripped = text.strip().replace(" & ", " and ")  # "A & B" is written "A and B"
    if len(stripped) > 160:
        return None
    from .outlets import word_set

    if stripped.lower().rstrip(":") in word_set("headings"):
        return None  # "KEY HIGHLIGHTS", "Context": a report's section heading, in capitals or not
    stripped = _honorific().sub("", stripped)
    if len(stripped) <= 40 and (name := agency(stripped)):
        return Byline(outlet=name)  # an agency's credit line under the headline ("AFP")
    m = _BY.match(stripped)
    if (names := _name_list(m.group("rest") if m else stripped)) is not None:
        return Byline(names)  # "By A, B and C", "A, B, and C"
    if m and _honorific().match(m.group("rest")):
        return byline(f"By {_honorific().sub('', m.group('rest'))}")  # "By Dr. Jane Doe"
    if m and _is_collective(m.group("rest")):
        return Byline()  # "By the Editorial Board", "By Staff": a credit without an author
    if m:
        parts = [p for p in _SPLIT_OUTLET.split(_ON_DATE.sub("", m.group("rest"))) if p]
        head, tail = _without_place(parts[0]), parts[1:]
        if agency(head):
            return Byline(outlet=agency(head) or "")
        outlet = next((a for p in tail if (a := _outlet_part(p))), "")
        if _is_name(head) or (len(head.split()) == 1 and head[:1].isupper()):
            return Byline(_title_case(head), outlet)
        return None
    head, bar, after = stripped.partition(" | ")
    if bar and (outlet := _outlet_part(after)) and _is_name(_without_place(head)):
        return Byline(_title_case(_without_place(head)), outlet)  # "Viktor Lebedev | Eurasia Daily Wire"
    head, _, role = stripped.partition(", ")
    head = _without_place(head)
    if _is_name(head) and not head.endswith("?") and _two_authors(role):
        return Byline(f"{_title_case(head)} and {_title_case(role.strip())}")  # "A, B": a reader view's two authors
    if _is_name(head) and not head.endswith("?") and (not role or _is_role(role)):
        return Byline(_title_case(head))
    return None


def _two_authors(text: str) -> bool:
    """The part after a name's comma is a second personal name, not a job title or a desk: two or three
    capitalised words of which none is a byline role ("Idris Rahimi", not "Moscow Correspondent")."""
    from .outlets import word_set

    tokens = text.strip().split()
    roles = word_set("byline_roles")
    return (
        2 <= len(tokens) <= 3
        and _is_name(text.strip())
        and not any(t.lower() in roles for t in tokens)
        and not _names_a_place(text)
    )


def _names_a_place(text: str) -> bool:
    """Whether a byline part names where its author writes from ("Islamabad Pakistan", "Kabul,
    Afghanistan", "Mazar-i-Sharif"): a word or two-word run that is a state, its capital or its
    demonym (data/actors.yaml), or a place of wordlists.yaml `place_names`."""
    words = [w.strip(",.") for w in text.split()]
    runs = {" ".join(words[i : i + n]).lower() for n in (1, 2, 3) for i in range(len(words) - n + 1)}
    return not runs.isdisjoint(_place_words())


@functools.cache
def _place_words() -> frozenset[str]:
    data = parse_yaml(package_text("data", "actors.yaml"), where="data/actors.yaml", schema="actors")
    states = {a.lower() for s in data["actors"] if s["type"] == "state" for a in (s["name"], *s["aliases"])}
    return frozenset(states) | words_of("place_names")


@functools.cache
def _honorific() -> re.Pattern[str]:
    """Honorifics written with a stop in wordlists.yaml `titles` ("Dr.", "Prof."), with or without
    it, before a capitalised name: a byline's author is recorded without them."""
    stopped = sorted({t.rstrip(".") for t in honorific_titles() if t.endswith(".")}, key=len, reverse=True)
    return re.compile(rf"^(?:(?:{'|'.join(map(re.escape, stopped))})\.?\s+)+(?=[A-ZÀ-ÖØ-Þ])")


def honorific_titles() -> list[str]:
    """The honorifics of wordlists.yaml `titles` ("Dr.", "Prof."), as written, their stops kept."""
    from ..text.wordlists import wordlists

    return list(wordlists()["titles"])


_LIST_SPLIT = re.compile(r",\s+(?:and\s+)?|\s+(?:and|&)\s+", re.IGNORECASE)


def _name_list(text: str) -> str | None:
    """Three or more personal names in a list ("A, B and C", "A, B, and C") as "A, B and C"; a
    list of two is left to the byline rules, which read "A and B" and "A, Role"."""
    if "," not in text:
        return None
    parts = [_without_place(p.strip()) for p in _LIST_SPLIT.split(text.strip())]
    if len(parts) < 3 or not all(_is_name(p) and len(p.split()) <= 4 for p in parts):
        return None
    names = [_title_case(p) for p in parts]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _is_collective(text: str) -> bool:
    """A desk or board credited as author ("the Editorial Board", "Staff", "the News Desk")."""
    from .outlets import word_set

    words = text.strip().rstrip(".").split()
    return (
        1 <= len(words) <= 4
        and words[-1].lower() in word_set("byline_roles")
        and (words[0].lower() == "the" or len(words) == 1)
    )


def is_name_list(text: str) -> bool:
    """A line that is nothing but a list of three or more personal names: a byline, never a headline."""
    return len(text) <= 160 and _name_list(text.strip()) is not None


_PLACE = re.compile(r"\s+in\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?$")


def _without_place(name: str) -> str:
    """A byline's names without where they write from: "Harriet Kell and Zahra Nawabi in Kabul"."""
    return " and ".join(_PLACE.sub("", part.strip()) for part in name.split(" and "))


def _outlet_part(text: str) -> str | None:
    """The outlet a byline names after its author ("| Reuters", "| Eurasia Daily Wire")."""
    from .outlets import known_outlet, outlet_shaped

    text = text.strip()
    return agency(text) or known_outlet(text) or (text if outlet_shaped(text) else None)


_LABEL_TAIL = re.compile(rf"(?:\b{_LABEL}\b\s*:?\s*)+$", re.IGNORECASE)
_BEFORE_UPDATE = re.compile(rf"[\s|•·,;–—-]*\b{alternation('second_date_labels')}\b", re.IGNORECASE)
_HEAD_STRIP = " \t|•·,;-–—"


@dataclass(frozen=True, slots=True)
class DatedByline:
    """A byline or desk credit with the date on the same line ("Dilara Kaya | 03.07.2025",
    "FP Explainers • April 17, 2025", "By A and BPublished: Oct 05, 2024")."""

    head: str  # the part before the date: a byline, or a short credit that names no author
    author: str
    stamp: Stamp


_DATE_FIRST = re.compile(
    rf"^(?P<lead>{alternation('byline_leads')})\s+on\s+(?P<date>.{{6,60}}?)\s+by\s+(?P<name>.{{3,100}})$",
    re.IGNORECASE,
)


def dated_byline(text: str) -> DatedByline | None:
    """The credit and date of a line that is a byline (or a credit of at most four capitalised words)
    followed by nothing but a date stamp; the split is at the first dated mention, or at its label.
    A blog's "Posted on June 9th, 2024 by X" gives the date first."""
    stripped = text.strip()
    if len(stripped) > 160 or not any(ch.isdigit() for ch in stripped):
        return None
    stripped = unglue(stripped)
    if (first := _DATE_FIRST.match(stripped)) is not None:
        stamp, b = date_stamp(first.group("date")), byline(f"By {first.group('name')}")
        if stamp is not None and stamp.date.year and b is not None and b.author:
            return DatedByline(f"By {first.group('name')}", b.author, stamp)
        return None
    found = [d for d in find_dates(stripped) if d.date.year]
    if not found:
        return None
    start = found[0].start
    if (m := _LABEL_TAIL.search(stripped, 0, start)) is not None:
        start = m.start()
    head, tail = stripped[:start].strip(_HEAD_STRIP), stripped[start:]
    stamp = date_stamp(tail) or date_stamp(_BEFORE_UPDATE.split(tail, maxsplit=1)[0])  # "3.7.2025 - Update: 4.7.2025"
    if not head or stamp is None:
        return None
    b = byline(head)
    if b is None and not (1 <= len(head.split()) <= 4 and all(t[:1].isupper() for t in head.split())):
        return None
    return DatedByline(head, b.author if b else "", stamp)


def is_by_line(text: str) -> bool:
    """A byline introduced as one ("By …", "Posted by …", "Author(s): …"), which no headline is."""
    return _BY.match(text.strip()) is not None and byline(text) is not None


def _is_role(text: str) -> bool:
    """A job title after a name ("Diplomatic Correspondent"): a few capitalised words, no sentence."""
    from .outlets import word_set

    tokens = text.split()
    roles, connectors = word_set("byline_roles"), words_of("job_title_connectors")
    return 1 <= len(tokens) <= 6 and all(
        t[:1].isupper() or t in connectors or t.lower().strip(",") in roles for t in tokens
    )


_BIO = re.compile(
    rf"^(?P<name>[A-ZÀ-ÖØ-Þ][\w’'.-]+(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w’'.-]+|{alternation('name_particles')})){{1,4}})\s+"
    rf"(?:{alternation('author_note_links', space=' ')}\s+{alternation('author_note_openers')}\b"
    rf"|{alternation('author_note_beats', space=' ')}\s)"
)  # case-sensitive: a name's particles are lower case, its words capitalised


def bio_name(text: str) -> str | None:
    """The name an author note starts with ("Giorgio Cafiero is the CEO of ...")."""
    if capped_words(text) > 60:
        return None
    m = _BIO.match(text.strip())
    return m.group("name") if m and _is_name(m.group("name")) else None


_WIRE = re.compile(
    rf"^(?:(?P<place>[A-Z][A-Za-z .’'-]{{1,40}}?)(?:\s*\[[^\]]{{1,40}}\])?,?\s+)??"
    rf"(?P<date>{_MONTH}\s+\d{{1,2}})?\s*\((?P<agency>[A-Za-z][\w .&/-]{{0,30}})\)\s*(?:--|[-–—:])"
)


@dataclass(frozen=True, slots=True)
class Wire:
    """A wire-service opening: "MOSCOW, Oct 7 (Reuters) -", "July 4 (UPI) --", "MOSCOW (AP) —"."""

    date: str  # "Oct 7", or "" when the dateline has none
    agency: str  # the outlet's name


_WIRE_SLASH = re.compile(
    rf"^(?P<place>[A-Z][A-Za-z .’'-]{{1,40}}?),\s+(?P<date>{_MONTH}\s+\d{{1,2}})\.?\s*/(?P<agency>[A-Za-z][\w .&-]{{0,30}})/"
)  # TASS style: "MOSCOW, July 3. /TASS/."


def wire_dateline(text: str) -> Wire | None:
    """The date and agency of a wire-service opening, if the paragraph starts with one."""
    if (slash := _WIRE_SLASH.match(text.strip())) is not None:
        name = slash.group("agency").strip()
        return Wire(slash.group("date"), agency(name) or name)
    m = _WIRE.match(text.strip())
    if not m or not (m.group("place") or m.group("date")):
        return None
    if m.group("place") and not m.group("date") and not m.group("place").isupper():
        return None  # "Kabul (AP) -" needs the capitals of a dateline, or a date
    name = m.group("agency").strip()
    return Wire(m.group("date") or "", agency(name) or name)


_LABEL_OUTLET = re.compile(
    rf"^(?P<label>{alternation('section_labels')}|{alternation('section_labels_leading')})"
    rf"\s*[|•·/–—]\s*(?P<outlet>[A-Z][\w&.’' -]{{1,50}})$",
    re.IGNORECASE,
)
_OUTLET_LABEL = re.compile(
    rf"^(?P<outlet>[A-Z][\w&.’' -]{{1,50}}?)\s*[|•·/–—]\s*"
    rf"(?:{alternation('section_labels')}|{alternation('section_labels_trailing', space=' ')})$",
    re.IGNORECASE,
)


def label_outlet(text: str) -> str | None:
    """The outlet named by a section label line ("Analysis | Example Review")."""
    m = _LABEL_OUTLET.match(text.strip()) or _OUTLET_LABEL.match(text.strip())
    if not m:
        return None
    from .outlets import known_outlet, outlet_shaped, word_set

    name = m.group("outlet").strip()
    if known_outlet(name) or outlet_shaped(name):
        return known_outlet(name) or name
    words = name.split()
    topics = word_set("nav_words") | words_of("name_stopwords")
    if len(words) >= 2 and not all(w.lower() in topics for w in words):
        return name
    return None  # "News | Taliban": a section and a topic


MENU_GAP = re.compile(r"\s{2,}|\t|\s*[|•·]\s*")
"""Between the items of a menu or a row of buttons: a wide gap, a tab or a bar (one pattern for `is_nav`,
the chrome rows of `kinds` and the menu items a glued section label is looked up in)."""


def is_nav(text: str, *, by_words: bool = True) -> bool:
    """A site menu or language switcher: items apart by wide gaps or bars ("Home  Latest  World"), or
    (`by_words`, for lines above a headline) a run of section names ("Home News Sport Culture"), never a
    sentence. Section names alone are not asked for in the running text, where "Russia and Afghanistan"
    is a heading."""
    stripped = text.strip()
    if not stripped or len(stripped) > 200 or re.search(r"[.?!:;,]$", stripped):
        return False
    items = [i for i in MENU_GAP.split(stripped) if i]
    if len(items) >= 3 and all(len(i.split()) <= 4 and not re.search(r"[.?!]$", i) for i in items):
        return True
    tokens = stripped.split()
    if not by_words or len(tokens) < 2 or re.search(r"[.,;:!?\"“”()]", stripped):
        return False
    from .outlets import word_set  # outlets imports lines' neighbours only; no cycle at import time

    nav = word_set("nav_words")
    if len(tokens) == 2:
        return all(t.lower() in nav for t in tokens)
    known = sum(1 for t in tokens if t.lower().strip("’'") in nav or t == "&")
    return all(t[:1].isupper() or t == "&" or t.lower() in nav for t in tokens) and known >= 0.75 * len(tokens)
