"""Small hand-made tables for the report's unit tests: articles with chosen dates and theme tags."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from russia_taliban.tag.tables import Tables

THEMES = ["security", "economics"]


def make_tables(articles: list[dict], *, themes: list[str] = THEMES) -> Tables:
    """`articles`: dicts with id, published ("" for undated), author, outlet and `tags`, a list of
    per-paragraph sets of themes (one entry per content paragraph)."""
    arows, prows = [], []
    for a in articles:
        arows.append({"article_id": a["id"], "title": a.get("title", f"Title {a['id']}"), "author": a.get("author", ""),
                      "outlet": a.get("outlet", "Outlet"), "published": a.get("published", ""),
                      "date_precision": "day", "date_source": "metadata", "source_file": f"{a['id']}.txt",
                      "sha256": (a["id"] * 64)[:64], "encoding": "utf-8", "words": 100 * len(a["tags"])})  # fmt: skip
        for i, tags in enumerate(a["tags"]):
            row = {"article_id": a["id"], "paragraph_id": f"{a['id']}-{i:03d}", "position": i, "kind": "body",
                   "text": a.get("texts", {}).get(i, f"Paragraph {i} of {a['id']}."), "duplicate_of": ""}  # fmt: skip
            for t in themes:
                row[t] = int(t in tags)
                row[f"{t}_score"] = 3.0 if t in tags else 0.0
            prows.append(row)
    lexicon = {
        "sources": ["test"],
        "short_words": 25,
        "themes": {
            t: {
                "description": f"About {t}.",
                "threshold": 2.5,
                "short_threshold": 1.0,
                "terms": [[t, 2.0], [f"{t}-ish", 1.0]],
                "exclude": [],
                "source": "test",
                "fingerprint": f"fp-{t}",
            }
            for t in themes
        },
    }
    empty = pd.DataFrame
    return Tables(
        articles=pd.DataFrame(arows),
        paragraphs=pd.DataFrame(prows),
        mentions=empty(columns=["article_id", "paragraph_id", "actor", "actor_type", "surface", "start", "end"]),
        events=empty(columns=["article_id", "paragraph_id", "date", "date_precision", "actors", "text"]),
        quotes=empty(columns=["article_id", "paragraph_id", "speaker", "quote"]),
        evidence=empty(columns=["article_id", "paragraph_id", "theme", "term", "surface", "start", "end", "weight"]),
        lexicon=lexicon,
    )


@pytest.fixture
def tables_of() -> Callable[..., Tables]:
    return make_tables
