"""Finding and resolving date expressions in English prose.

A general date parser (dateutil, dateparser) answers "what date is this string?"; prose needs "where
are the dates in this sentence, and how precise is each?", so mentions are found with one compiled
pattern and resolved here against the article's publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .wordlists import alternation, wordlists

_NAMES, _ABBREVIATIONS = wordlists()["month_names"], wordlists()["month_abbreviations"]
#: lower-cased month names and abbreviations -> the month's number (an abbreviation starts its name)
MONTHS = {name.lower(): number for number, name in enumerate(_NAMES, start=1)} | {
    short.lower(): next(n for n, name in enumerate(_NAMES, start=1) if name.lower().startswith(short.lower()))
    for short in _ABBREVIATIONS
}

_MONTH = rf"(?:{alternation('month_names')}|{alternation('month_abbreviations')}\.?)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19[5-9]\d|20\d\d)"
# Words that make a bare month or year a date rather than a name or a number ("May" the verb).
_PREPOSITIONS, _MODIFIERS = wordlists()["date_prepositions"], wordlists()["date_modifiers"]
# ("end of" stood in the list when it was a regex under re.VERBOSE, which read it as "endof", so it
# never matched: it is left out rather than made to match, which would change dates found.)
_LEADS = [*_PREPOSITIONS, *_MODIFIERS, *wordlists()["date_seasons"]]
_LEAD = "(?:" + "|".join(map(re.escape, sorted(_LEADS, key=len, reverse=True))) + ")"
_MODIFIER_GROUP = alternation("date_modifiers")
_MODIFIER_WORDS = frozenset(w.lower() for w in _MODIFIERS)
_PREPOSITION_WORDS = frozenset(w.lower() for w in _PREPOSITIONS)

DATE_PATTERN = re.compile(
    rf"""
    (?P<iso>\b(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])(?:-(?P<id>0[1-9]|[12]\d|3[01]))?(?![\d-]))
  | (?P<ymd>\b(?P<yy>{_YEAR})(?P<ysep>[./])(?P<ym>0?[1-9]|1[0-2])(?P=ysep)(?P<yd>0?[1-9]|[12]\d|3[01])\b)
  | (?P<num>\b(?P<nd>0?[1-9]|[12]\d|3[01])(?P<sep>[./])(?P<nm>0?[1-9]|[12]\d|3[01])(?P=sep)(?P<ny>{_YEAR})\b)
  | (?P<dmy>\b(?P<d1>{_DAY})\s+(?:of\s+)?(?P<m1>{_MONTH})(?:,?\s+(?P<y1>{_YEAR}))?\b)
  | (?P<mdy>\b(?P<m2>{_MONTH})\s+(?P<d2>{_DAY})\b(?!\s*{alternation("date_count_words")})(?:,?\s+(?P<y2>{_YEAR}))?\b)
  | (?P<my>\b(?P<m3>{_MONTH})(?:,)?\s+(?P<y3>{_YEAR})\b)
  | (?P<mo>\b(?P<lead_m>{_LEAD})[\s-]+(?:{_MODIFIER_GROUP}[\s-]+)?(?P<m4>{_MONTH})\b(?!\s+\d))
  | (?P<yo>\b(?P<lead_y>{_LEAD})\s+(?:{_MODIFIER_GROUP}[\s-]+)?(?P<y4>{_YEAR})\b(?![\-–]\d|\s*{alternation("date_year_count_words")}))
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Month names are proper nouns: a lower-case "may"/"march" is a verb, so month groups must be capitalised.
_CAPITAL = re.compile(r"[A-Z]")

_PAST = re.compile(rf"\b{alternation('past_markers', space=' ')}\b|\b\w+ed\b", re.IGNORECASE)
_FUTURE = re.compile(rf"\b{alternation('future_markers', space=' ')}\b", re.IGNORECASE)
_PRECEDING = re.compile(rf"\b({alternation('date_preceding_leads', space=' ')})\s+$")
_DEADLINE = frozenset(w.lower() for w in wordlists()["date_deadline_leads"])


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to year, month or day precision; `year` may be missing until resolved."""

    year: int | None
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        if self.year is None:
            return ""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def first_day(self) -> dt.date:
        """The earliest calendar day the date can mean, for ordering and plotting."""
        return dt.date(self.year or 1, self.month or 1, self.day or 1)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    surface: str
    date: PartialDate
    lead: str = ""  # the preposition before it ("by", "since"), which hints at tense


def parse_iso(value: str) -> PartialDate:
    """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError otherwise."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if not m:
        raise ValueError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in m.groups())
    dt.date(year, month or 1, day or 1)  # raises ValueError for month 13 or 30 February
    return PartialDate(year, month, day)


def _month(token: str) -> int:
    name = token.rstrip(".").lower()
    if name not in MONTHS:  # a letter that only case-insensitive matching folds ("Aprıl", "ſept")
        name = next(n for n in MONTHS if re.fullmatch(n, name, re.IGNORECASE))
    return MONTHS[name]


def _valid(year: int | None, month: int, day: int | None) -> bool:
    try:
        dt.date(year or 2000, month, day or 1)
    except ValueError:
        return False
    return True


# Where a date expression can start. Every match holds an anchor: a digit at a word start, or a month
# name (possibly in lower case; `_mentions` drops those later, but the scan must consume them as the plain
# one does) followed by a non-word character. Only the leads of the `mo` and `yo` branches ("in", "since",
# "early" ...) stand before their anchor, separated from it by spaces or hyphens. So the matches are
# found by trying DATE_PATTERN at each anchor and at the one or two lead words just before it, never at
# the words in between. The scan's first character is a set (sre then skips to candidates in C: digits,
# the month names' initials and any non-ASCII letter, which case-insensitive matching can fold to one);
# the lookbehinds then check the word boundary and the initial as `re.IGNORECASE` would.


def _word_start(words: Iterable[str], *, digits: bool = False) -> tuple[str, str]:
    """A set of first characters and the rest, for a word (or digit) at a word start, in any case.

    The set leads the pattern, so sre skips to candidates in C (a leading `\\b` makes it try every
    position): the words' initials in both cases and any non-ASCII character (case-insensitive matching
    folds some onto ASCII letters: "ſ" is an "s"); a lookbehind then checks the word boundary, and one
    per initial the initial itself, as `re.IGNORECASE` does.
    """
    by_initial: dict[str, list[str]] = {}
    for word in words:
        by_initial.setdefault(word[0].lower(), []).append(word[1:])
    initials = "".join(sorted({c for i in by_initial if i.isascii() for c in (i.lower(), i.upper())}))
    rests = "|".join(
        f"(?<={re.escape(i)})(?:{'|'.join(map(re.escape, sorted(set(r), key=lambda x: (-len(x), x))))})"
        for i, r in sorted(by_initial.items())
    )
    digit = r"\d" if digits else ""
    first = rf"[{digit}{re.escape(initials)}\x80-\U0010ffff](?<!\w.)"
    return first, f"(?i:{rests})"


_FIRST, _MONTH_REST = _word_start(MONTHS, digits=True)
_ANCHOR = re.compile(rf"{_FIRST}(?:(?<=\d)|{_MONTH_REST}(?!\w))")
#: An abbreviated month's full stop before whitespace ("Jan. 5"), the one place a date holds a stop that
#: may end a sentence: `\b(?:jan|…|dec)\.\s` with re.IGNORECASE, written to skip in C as _ANCHOR does.
ABBREVIATED_MONTH_STOP = re.compile("".join(_word_start(_ABBREVIATIONS)) + r"\.\s")
# The text before an anchor, read backwards: separators, a word no longer than the longest lead,
# separators and the word before that (a lead, when the first word is "early", "mid" or "late"). Every
# part may be empty, so a match that runs to the end of what was read says to read further back.
_LONGEST = max(map(len, _LEADS))
_BEFORE = re.compile(rf"[\s-]*(?:(\w{{1,{_LONGEST}}})(?!\w)[\s-]*(?:(\w{{1,{_LONGEST}}})(?!\w))?)?")
# The anchored scan knows leads of one word each; a list with another kind is scanned the plain way.
_PLAIN_LEADS = all(re.fullmatch(r"\w+", word) for word in [*_LEADS, *MONTHS])
_LEAD_WORD = re.compile(_LEAD, re.IGNORECASE | re.VERBOSE)
_MODIFIER = re.compile(_MODIFIER_GROUP, re.IGNORECASE)
_BACK = 48  # characters read back from an anchor at first


def _starts(text: str, anchor: int, last: int) -> list[int]:
    """Where a date whose first anchor is at `anchor` can start, leftmost first, none before `last`."""
    lo = max(0, anchor - _BACK)
    while True:
        behind = text[lo:anchor][::-1]
        b = _BEFORE.match(behind)
        if b.end() < len(behind) or lo == 0:
            break
        lo = max(0, lo - 4 * (anchor - lo))  # separators or a word fill what was read: read further back
    starts = []
    if b.group(1) and _LEAD_WORD.fullmatch(text, w1 := anchor - b.end(1), e1 := anchor - b.start(1)):
        if b.group(2) and _MODIFIER.fullmatch(text, w1, e1):
            w2 = anchor - b.end(2)
            if w2 >= last and _LEAD_WORD.fullmatch(text, w2, anchor - b.start(2)):
                starts.append(w2)
        if w1 >= last:
            starts.append(w1)
    starts.append(anchor)
    return starts


def _matches(text: str) -> Iterator[re.Match[str]]:
    """DATE_PATTERN's matches, as `finditer` gives them, trying the pattern only where a date can start.

    The leftmost match after the previous one has its first anchor at or after it; the anchors are taken
    in order and each is tried with the starts `_starts` gives, so the first success is `finditer`'s next
    match. `find_dates_reference` scans every position and the tests check the two agree.
    """
    if not _PLAIN_LEADS:
        yield from DATE_PATTERN.finditer(text)
        return
    pos = last = 0
    search, match = _ANCHOR.search, DATE_PATTERN.match
    while (anchor := search(text, pos)) is not None:
        for start in _starts(text, anchor.start(), last):
            if found := match(text, start):
                yield found
                pos = last = found.end()
                break
        else:
            pos = anchor.end()


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in `text`, in order; years are missing where the text omits them."""
    return _mentions(text, _matches(text))


def find_dates_reference(text: str) -> list[DateMention]:
    """`find_dates` the plain way, every position scanned: the specification the fast path is tested against."""
    return _mentions(text, DATE_PATTERN.finditer(text))


def _mentions(text: str, matches: Iterable[re.Match[str]]) -> list[DateMention]:
    found: list[DateMention] = []
    for m in matches:
        g = m.groupdict()
        month_token = g["m1"] or g["m2"] or g["m3"] or g["m4"]
        if month_token and not _CAPITAL.match(month_token):
            continue
        lead = (g["lead_m"] or g["lead_y"] or "").lower()
        start = m.start()
        if g["iso"]:
            date = PartialDate(int(g["iy"]), int(g["im"]), int(g["id"]) if g["id"] else None)
        elif g["ymd"]:  # 2025/04/18, 2025.04.18
            date = PartialDate(int(g["yy"]), int(g["ym"]), int(g["yd"]))
        elif g["num"]:  # 26.03.2024, 30/12/2024: day first, unless only month first makes a date (12/30/2024)
            first, second = int(g["nd"]), int(g["nm"])
            day, month = (second, first) if second > 12 and first <= 12 else (first, second)
            date = PartialDate(int(g["ny"]), month, day)
        elif g["dmy"] or g["mdy"]:
            day = int(re.match(r"\d+", g["d1"] or g["d2"]).group())
            year = g["y1"] or g["y2"]
            date = PartialDate(int(year) if year else None, _month(month_token), day)
        elif g["my"]:
            date = PartialDate(int(g["y3"]), _month(month_token))
        elif g["mo"]:
            date = PartialDate(None, _month(month_token))
            start = m.start("m4") if lead not in _MODIFIER_WORDS else m.start()
            if lead in _PREPOSITION_WORDS:
                start = m.start("lead_m") + len(g["lead_m"]) + 1
        else:
            date = PartialDate(int(g["y4"]))
            start = m.start("y4")
        if date.month and not _valid(date.year, date.month, date.day):
            continue
        preceding = text[max(0, start - 12) : start].lower()
        if not lead:
            lead_m = _PRECEDING.search(preceding)
            lead = lead_m.group(1) if lead_m else ""
        found.append(DateMention(start, m.end(), text[start : m.end()], date, lead))
    return found


def resolve(mention: DateMention, reference: PartialDate | None, sentence: str = "") -> PartialDate | None:
    """Give a year-less date the year that puts it closest before `reference`.

    Future tense just before the date in its clause ("will hold drills from September 7") or a
    deadline ("by 16 September") takes the closest year on or after the reference instead; "the
    promises made in Moscow in July" stays in the past although the sentence says "will keep".
    `sentence` is the text `mention` was found in. Returns None when there is no reference year.
    """
    date = mention.date
    if date.year is not None:
        return date
    if reference is None or reference.year is None:
        return None
    ref = reference.first_day() if reference.precision == "day" else _last_day(reference)
    future = mention.lead in _DEADLINE or _future_clause(sentence[: mention.start])
    candidates = [PartialDate(y, date.month, date.day) for y in (ref.year - 1, ref.year, ref.year + 1)]
    candidates = [c for c in candidates if _valid(c.year, c.month or 1, c.day)]
    if future:
        after = [c for c in candidates if _last_day(c) >= ref]
        return after[0] if after else candidates[-1]
    before = [c for c in candidates if c.first_day() <= ref]
    return before[-1] if before else candidates[0]


def _future_clause(before: str) -> bool:
    """A future marker governs the date if no past-tense verb stands between them."""
    markers = list(_FUTURE.finditer(before))
    if not markers:
        return False
    between = before[markers[-1].end() :]
    return not _PAST.search(between) and not re.search(r"[;:]", between)


def _last_day(date: PartialDate) -> dt.date:
    if date.day:
        return dt.date(date.year, date.month, date.day)
    if date.month:
        nxt = dt.date(date.year + (date.month == 12), date.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(date.year, 12, 31)
