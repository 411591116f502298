"""Reading built PDFs back with Python libraries from the lock file (no pdftotext, no poppler)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pypdf


@cache
def _pages(path: Path, stamp: tuple[int, int]) -> tuple[str, ...]:
    return tuple(page.extract_text() for page in pypdf.PdfReader(path).pages)


def page_texts(path: Path) -> tuple[str, ...]:
    """The text of each page, in order (cached per file content, since extraction takes seconds)."""
    stat = path.stat()
    return _pages(path, (stat.st_size, stat.st_mtime_ns))


def pdf_text(path: Path) -> str:
    return "\n".join(page_texts(path))


def flat(text: str) -> str:
    """Whitespace collapsed, so text that wrapped across lines compares with text as written."""
    return " ".join(text.split())


def contents(path: Path) -> list[tuple[str, int]]:
    """(entry, printed page number) from the contents pages: lines "Name ..... 12", wrapped ones joined."""
    entries: list[tuple[str, int]] = []
    started, pending = False, ""
    for text in page_texts(path)[:4]:
        before = len(entries)
        for line in (raw.strip() for raw in text.splitlines()):
            if not started:
                started = line == "Contents"
                continue
            match = re.match(r"^(.*?)\s*(?:\.\s*){3,}(\d+)$", line)
            if match:
                entries.append((flat(f"{pending} {match.group(1)}"), int(match.group(2))))
                pending = ""
            elif line:
                pending = f"{pending} {line}"
        if started and len(entries) == before and entries:
            break  # a page without entries: the contents ended on the page before
        pending = ""
    return entries


def info(path: Path) -> dict[str, str]:
    return {k: str(v) for k, v in (pypdf.PdfReader(path).metadata or {}).items()}
