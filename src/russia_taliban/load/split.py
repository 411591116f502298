"""Splitting an article's text into paragraphs, every line kept.

Web copies separate paragraphs by blank lines or by single newlines, and some are hard-wrapped at a
fixed width. A line is joined to the next only where it is wrapped prose: the next word would not
have fitted on it (the file's lines break at one width), or the next line continues a sentence in
lower case. Lines that state something on their own (a date, a byline, chrome, a bullet, a wire
dateline) are never joined, so a headline is not glued to its byline or to the first paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import byline, date_stamp, is_chrome

_BULLET = re.compile(r"^\s*[•·▪◦‣∙*-]\s+")
_SENTENCE_END = re.compile(r"[.!?:;…\"”’)\]]\s*$")
_MIN_WRAP, _MAX_WRAP = 40, 110  # the widths at which text is hard-wrapped


@dataclass(slots=True)
class Paragraph:
    position: int
    line: int  # 1-based line of the file where the paragraph starts
    text: str
    kind: str = "body"
    duplicate_of: int | None = None  # position of the original, for pull quotes and repeats
    blank_before: bool = False  # a blank line above it: a new block of the page (headline blocks, menus)


def wrap_width(lines: list[str]) -> int | None:
    """The width a file is hard-wrapped at, or None when its lines are not wrapped.

    Wrapped text has no line longer than the width and many lines close to it.
    """
    lengths = [len(line) for line in (raw.strip() for raw in lines) if line]
    if len(lengths) < 3:
        return None
    width = max(lengths)
    if not _MIN_WRAP <= width <= _MAX_WRAP:
        return None
    near = sum(1 for n in lengths if n >= width - 15)
    return width if near >= max(2, len(lengths) // 4) else None


def _stands_alone(line: str) -> bool:
    return bool(_BULLET.match(line)) or is_chrome(line) or date_stamp(line) is not None or byline(line) is not None


def split(text: str) -> list[Paragraph]:
    """Paragraphs in reading order: blocks between blank lines, one per line unless a line runs on."""
    lines = text.split("\n")
    width = wrap_width(lines)
    blank_separated = sum(1 for raw in lines if not raw.strip()) >= 2
    paragraphs: list[Paragraph] = []
    current: list[str] = []
    start = 0
    previous_alone = False
    blank, current_blank = False, False
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            if current:
                paragraphs.append(Paragraph(len(paragraphs), start, " ".join(current), blank_before=current_blank))
                current = []
            blank = True
            continue
        alone = _stands_alone(raw)
        if current and not alone and not previous_alone and _runs_on(current[-1], line, width, blank_separated):
            current.append(line)
            continue
        if current:
            paragraphs.append(Paragraph(len(paragraphs), start, " ".join(current), blank_before=current_blank))
        current, start, previous_alone = [line], number, alone
        current_blank, blank = blank, False
    if current:
        paragraphs.append(Paragraph(len(paragraphs), start, " ".join(current), blank_before=current_blank))
    return paragraphs


def _runs_on(last: str, line: str, width: int | None, blank_separated: bool) -> bool:
    ended = bool(_SENTENCE_END.search(last))
    if not ended and line[:1].islower():
        return True
    if width is None:
        return False
    next_word = line.split(maxsplit=1)[0]
    full = len(last) + 1 + len(next_word) > width - 2  # the next word would not have fitted
    if blank_separated and not ended and len(last) >= 0.75 * width:
        # the file's width is its longest line, which may be a header wider than the prose: inside a
        # block of a blank-separated wrapped file, a long line that ends mid-sentence runs on
        return True
    return full and (not ended or blank_separated)
