"""Reading an article saved as an HTML page, with trafilatura.

trafilatura finds the article's main text (dropping navigation, comments and footers) and reads
title, author, date, site name and URL from the page's meta tags and JSON-LD. The text it returns
goes through the same splitter and classifier as a .txt file; the page's metadata fills what the
text does not state.
"""

from __future__ import annotations

from ..errors import CorpusError


def html_text(page: str, *, where: str) -> tuple[str, dict[str, str]]:
    """The article text of an HTML page (one paragraph per block) and its metadata (title, author, ...)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    text = (doc.text if doc is not None else "") or ""
    if not text.strip():
        raise CorpusError(
            "no article text found in the HTML page", where=where, fix="save the article's text as .txt instead"
        )
    meta = {
        "title": doc.title or "",
        "author": ", ".join(name.strip() for name in (doc.author or "").split(";") if name.strip()),
        "outlet": doc.sitename or "",
        "published": doc.date or "",
        "url": doc.url or "",
    }
    # one block per line: blank lines keep each block a paragraph of its own
    return "\n\n".join(line for line in text.splitlines() if line.strip()), meta
