"""Splitting an article into paragraphs and telling content from site chrome.

Web copies separate paragraphs by blank lines or by single newlines, and put chrome (labels, reading
times, captions, bios) on lines of their own. Every line ends up in exactly one paragraph, so nothing
of the source is lost; `classify` gives each paragraph a kind by pattern (boilerplate.yaml) and by
position (title and byline at the top, bios and navigation stubs at the bottom).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..resources import package_yaml
from ..text.dates import find_dates
from ..text.normalise import fold

KINDS = ("title", "standfirst", "byline", "dateline", "heading", "body", "pull_quote", "boilerplate")
CONTENT_KINDS = ("title", "standfirst", "heading", "body")

_WRAP_WIDTH = 60  # hard-wrapped copy breaks at 60-80 columns; headlines above captions are shorter
_BULLET = re.compile(r"^\s*[•·▪◦‣∙*-]\s+")
_SENTENCE_END = re.compile(r"[.!?:;…\"”’)\]]\s*$")
_BYLINE = re.compile(r"^(?:by|written by|author:?)\s+(?P<name>[^|,;]{3,80}?)(?:\s*[|,;].*)?$", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.-]*|(?:al|el|bin|van|von|de|der|da|di|du|ibn)-?)$")
_NOT_NAME = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "in",
        "on",
        "for",
        "to",
        "with",
        "from",
        "at",
        "by",
        "is",
        "are",
        "was",
        "were",
        "new",
        "why",
        "how",
        "what",
        "when",
        "where",
        "who",
        "analysis",
        "opinion",
        "news",
        "commentary",
        "analyses",
        "cooperation",
    ]
)
_DATELINE = re.compile(
    r"^(?:(?:published|updated|posted|last updated|date)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?P<date>.{4,40}?)"
    r"(?:\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}(?:[+-]\d+)?)?)?\s*$",
    re.IGNORECASE,
)
_WIRE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .’'-]{2,40}),\s+(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2})\s*\((?P<agency>[A-Za-z][\w .&-]{1,30})\)\s*[-–—]"
)
_BIO = re.compile(r"^[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3}\s+(?:is|was)\s+(?:a|an|the)\s+\S")
_QUOTED = re.compile(r"^\s*[\"“‘'].{20,}[\"”’']\s*[.,]?\s*$", re.DOTALL)


@dataclass(slots=True)
class Paragraph:
    position: int
    line: int  # 1-based line of the file where the paragraph starts
    text: str
    kind: str = "body"
    duplicate_of: int | None = None  # position of the original, for pull quotes


def split(text: str) -> list[Paragraph]:
    """Paragraphs in reading order: blocks between blank lines, one per line unless a line runs on.

    A line runs on (is hard-wrapped) when it lacks closing punctuation and either the next line starts
    in lower case or the line is as long as wrapped text is (headlines and labels are shorter); such
    lines are joined. Bullets always start a paragraph.
    """
    paragraphs: list[Paragraph] = []
    current: list[str] = []
    start = 0
    lines = text.split("\n")
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            if current:
                paragraphs.append(Paragraph(len(paragraphs), start, " ".join(current)))
                current = []
            continue
        runs_on = (
            current
            and not _BULLET.match(raw)
            and not _SENTENCE_END.search(current[-1])
            and (line[:1].islower() or len(current[-1]) >= _WRAP_WIDTH)
        )
        if runs_on:
            current.append(line)
            continue
        if current:
            paragraphs.append(Paragraph(len(paragraphs), start, " ".join(current)))
        current, start = [line], number
    if current:
        paragraphs.append(Paragraph(len(paragraphs), start, " ".join(current)))
    return paragraphs


@functools.cache
def _chrome_patterns() -> tuple[re.Pattern[str], ...]:
    patterns = package_yaml("boilerplate.yaml")["patterns"]
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns.values())


def is_chrome(text: str) -> bool:
    """True when a paragraph matches one of the site-chrome patterns in boilerplate.yaml."""
    stripped = text.strip()
    return any(p.fullmatch(stripped) for p in _chrome_patterns())


_WORD = re.compile(r"\w++(?:[’'-]\w++)*+")  # possessive: no backtracking, twice as fast on long paragraphs


def words(text: str) -> int:
    return len(_WORD.findall(text))


def fewer_words(text: str, n: int) -> bool:
    """`words(text) < n`, reading no further than the n-th word."""
    return _first_words(n).match(text) is None


@functools.cache
def _first_words(n: int) -> re.Pattern[str]:
    return re.compile(rf"(?:\W*+{_WORD.pattern}){{{n}}}")


def is_date_line(text: str) -> bool:
    """A paragraph that is nothing but a date, optionally with a label and a time."""
    m = _DATELINE.match(text.strip())
    if not m:
        return False
    found = find_dates(m.group("date"))
    return (
        len(found) == 1
        and found[0].surface.strip() == m.group("date").strip().rstrip(",")
        and found[0].date.year is not None
    )


def byline_name(text: str) -> str | None:
    """The author's name if the paragraph is a byline: "By NAME" or a bare personal name."""
    text = text.strip()
    m = _BYLINE.match(text)
    if m:
        return m.group("name").strip()
    tokens = text.split()
    if 2 <= len(tokens) <= 4 and all(_NAME_TOKEN.match(t) and t.lower() not in _NOT_NAME for t in tokens):
        return text
    return None


def bio_name(text: str) -> str | None:
    """The name an author note starts with ("Giorgio Cafiero is the CEO of ...")."""
    if words(text) > 60 or not _BIO.match(text):
        return None
    return re.split(r"\s+(?:is|was)\s+", text, maxsplit=1)[0]


def wire_dateline(text: str) -> str | None:
    """The date part of a wire-service opening ("MOSCOW, Oct 7 (Reuters) -"), if any."""
    m = _WIRE_DATELINE.match(text)
    return m.group("date") if m else None


def _is_heading(text: str) -> bool:
    n = words(text)
    return 1 <= n <= 14 and text[:1].isupper() and not re.search(r"[.;,:]\s*$", text) and not _QUOTED.match(text)


def _is_title(text: str) -> bool:
    return 3 <= words(text) <= 25 and not re.search(r"[.;,]\s*$", text) and not _QUOTED.match(text)


def _is_body(p: Paragraph) -> bool:
    return p.kind == "body" and words(p.text) >= 20


def classify(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Give each paragraph its kind in place; see the module docstring for the rules."""
    for p in paragraphs:
        if is_chrome(p.text):
            p.kind = "boilerplate"
        elif is_date_line(p.text):
            p.kind = "dateline"
    _classify_header(paragraphs)
    _classify_body(paragraphs)
    _classify_trailer(paragraphs)
    mark_pull_quotes(paragraphs)
    return paragraphs


def _classify_header(paragraphs: list[Paragraph]) -> None:
    """Label, title, byline and standfirst: the paragraphs before the first long body paragraph."""
    title_seen = standfirst_open = False
    for p in paragraphs:
        if p.kind != "body":
            continue
        if _is_body(p) and not (title_seen and standfirst_open and _single_sentence(p.text)):
            break
        if not title_seen:
            if words(p.text) <= 2 and not p.text.rstrip().endswith("?"):
                p.kind = "boilerplate"  # a section label or topic tag above the headline
            elif byline_name(p.text) and _BYLINE.match(p.text):
                p.kind = "byline"
            elif _is_title(p.text):
                p.kind, title_seen, standfirst_open = "title", True, True
            else:
                break
        elif byline_name(p.text):
            p.kind = "byline"
        elif words(p.text) <= 2:
            p.kind = "boilerplate"  # a topic tag between headline and text
        elif standfirst_open and _single_sentence(p.text) and words(p.text) <= 60:
            p.kind, standfirst_open = "standfirst", False
        else:
            break


def _single_sentence(text: str) -> bool:
    return len(re.findall(r"[.!?](?:\s|$)", text.strip())) <= 1


def _classify_body(paragraphs: list[Paragraph]) -> None:
    """Headings between body paragraphs; a headline followed by a photo caption is a related link."""
    for i, p in enumerate(paragraphs):
        if p.kind != "body" or not _is_heading(p.text):
            continue
        after = next((q for q in paragraphs[i + 1 :] if q.kind != "dateline"), None)
        if after is not None and after.kind == "boilerplate" and _is_caption(after.text):
            p.kind = "boilerplate"
        elif after is not None and after.kind == "body" and any(_is_body(q) for q in paragraphs[:i]):
            p.kind = "heading"


def _is_caption(text: str) -> bool:
    return bool(re.search(r"\[[^\]]{2,40}\]\s*$|\((?:photo|image|credit|source)\s*:", text, re.IGNORECASE))


def _classify_trailer(paragraphs: list[Paragraph]) -> None:
    """After the last long body paragraph: author notes and short navigation stubs are chrome."""
    last = max((i for i, p in enumerate(paragraphs) if _is_body(p)), default=-1)
    for p in paragraphs[last + 1 :]:
        if p.kind == "body" and (bio_name(p.text) or words(p.text) <= 4):
            p.kind = "boilerplate"
    # an author note can also stand just before trailing chrome ("X is ... . Follow him on Twitter")
    if last >= 0 and bio_name(paragraphs[last].text) and all(q.kind == "boilerplate" for q in paragraphs[last + 1 :]):
        paragraphs[last].kind = "boilerplate"


def mark_pull_quotes(paragraphs: list[Paragraph], *, min_words: int = 8) -> None:
    """Mark repeats of a sentence as `pull_quote`, keeping the copy inside the running text as original.

    Two content paragraphs are copies when one's folded words contain the other's, or they share a run
    of words covering most of the shorter one. In each group of copies the original is the one that
    does not open with a quotation mark (pull quotes are set in quotes), then the longest, then the
    latest (pull quotes precede the passage they repeat); every other copy points at it.
    """
    candidates = [p for p in paragraphs if p.kind in ("body", "standfirst") and words(p.text) >= min_words]
    folded = {p.position: fold(_strip_attribution(p.text)) for p in candidates}
    # Copies share a run of at least `min_words` words, so they share a shingle of that many words:
    # comparing shingle sets first skips the word-by-word comparison for almost every pair.
    shingles = {k: _shingles(v.split(), min_words) for k, v in folded.items()}
    group_of = {p.position: p.position for p in candidates}

    def root(x: int) -> int:
        while group_of[x] != x:
            x = group_of[x]
        return x

    for i, a in enumerate(candidates):
        for b in candidates[i + 1 :]:
            if shingles[a.position].isdisjoint(shingles[b.position]) or root(a.position) == root(b.position):
                continue
            if _copies(folded[a.position], folded[b.position], min_words):
                group_of[root(b.position)] = root(a.position)
    groups: dict[int, list[Paragraph]] = {}
    for p in candidates:
        groups.setdefault(root(p.position), []).append(p)
    for members in groups.values():
        if len(members) < 2:
            continue
        original = min(members, key=lambda p: (p.text.lstrip()[:1] in "\"“‘'", -words(p.text), -p.position))
        for p in members:
            if p is not original:
                p.kind, p.duplicate_of = "pull_quote", original.position


def _shingles(tokens: list[str], n: int) -> set[int]:
    return {hash(tuple(tokens[i : i + n])) for i in range(len(tokens) - n + 1)}


def _strip_attribution(text: str) -> str:
    # '"...," writes Ramani.' repeats the sentence; the attribution is not part of it
    return re.sub(r"[,.]?[\"”’]\s*(?:writes|said|says|wrote|told)\s+[^.]{1,60}\.?\s*$", "", text)


def _copies(a: str, b: str, min_words: int) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if f" {short} " in f" {long} ":
        return True
    # a pull quote that repeats part of a sentence: a shared run of words covering most of it
    short_words = short.split()
    if len(short_words) > 60:
        return False
    run = _longest_shared_run(short_words, long.split())
    return run >= min_words and run >= 0.5 * len(short_words)


def _longest_shared_run(a: list[str], b: list[str]) -> int:
    positions: dict[str, list[int]] = {}
    for j, w in enumerate(b):
        positions.setdefault(w, []).append(j)
    best = 0
    for i in range(len(a)):
        for j in positions.get(a[i], ()):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            best = max(best, k)
    return best
