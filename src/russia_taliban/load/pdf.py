"""Reading an article saved as a PDF, with pypdf.

A PDF's text layer comes as lines per page, with the page furniture (running headers, footers, page
numbers) on every page, words hyphenated at line ends and typographic ligatures (ﬁ, ﬂ) as single
characters. Those are removed, undone and normalised here; paragraphs are where a line ends a
sentence well short of the column's width. A PDF without a text layer (a scan) is one clear error.
"""

from __future__ import annotations

import io
import re
from collections import Counter

from ..errors import CorpusError

_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–—]?\s*\d{1,4}\s*(?:(?:/|of)\s*\d{1,4})?\s*[-–—]?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;”\"’)]\s*$")
_FURNITURE_LINES = 2  # lines at the top and bottom of a page that may be running headers or footers


def pdf_text(data: bytes, *, where: str) -> str:
    """The article text of a PDF, furniture removed, one paragraph per block between blank lines."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [(page.extract_text() or "").translate(_LIGATURES) for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise CorpusError(f"cannot read the PDF ({exc})", where=where, fix="save the article as .txt instead") from None
    lines = [[line.strip() for line in page.splitlines() if line.strip()] for page in pages]
    if not any(lines):
        raise CorpusError(
            "the PDF has no text layer (a scanned image?)",
            where=where,
            fix="run OCR on it (e.g. ocrmypdf) or save the article's text as .txt",
        )
    body = [line for page in _without_furniture(lines) for line in page]
    return _paragraphs(body)


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line.lower())


def _without_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Pages without page numbers and the header and footer lines that repeat across pages."""
    edges: Counter[str] = Counter()
    for page in pages:
        edges.update({_shape(line) for line in page[:_FURNITURE_LINES] + page[-_FURNITURE_LINES:]})
    repeated = {shape for shape, n in edges.items() if len(pages) >= 2 and n >= max(2, len(pages) // 2 + 1)}
    out = []
    for page in pages:
        keep = []
        for i, line in enumerate(page):
            at_edge = i < _FURNITURE_LINES or i >= len(page) - _FURNITURE_LINES
            if at_edge and (_PAGE_NUMBER.match(line) or _shape(line) in repeated):
                continue
            keep.append(line)
        out.append(keep)
    return out


def _paragraphs(lines: list[str]) -> str:
    """Lines re-joined: hyphenation at line ends undone, a paragraph ending at a short line that ends a sentence."""
    if not lines:
        return ""
    width = sorted(len(line) for line in lines)[int(len(lines) * 0.9)]
    blocks: list[str] = []
    current = ""
    for line in lines:
        if current.endswith("-") and line[:1].islower() and current[-2:-1].isalpha():
            current = current[:-1] + line
        elif current:
            current += " " + line
        else:
            current = line
        if (_SENTENCE_END.search(line) and len(line) < 0.8 * width) or len(line) < 0.5 * width:
            blocks.append(current)
            current = ""
    if current:
        blocks.append(current)
    return "\n\n".join(blocks)
