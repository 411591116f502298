"""Sources and provenance: short references for citing articles, the sources list, the title-page line.

Readers cite "Ramani 2021", not "000_0b1ea58b017ac20d": every passage, quotation and event in the
report carries the short reference of its article, and the sources section resolves it to title,
author, outlet, date, URL and the file's SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from importlib import metadata

import pandas as pd

from ..tag.tables import Tables
from . import analysis


def _surname(author: str) -> str:
    """The family name of the first author ("Sophia Nina Burna-Asefi and X" -> "Burna-Asefi")."""
    first = re.split(r"\s*(?:,|;|&|\band\b)\s*", author.strip())[0]
    parts = first.split()
    return parts[-1] if parts else ""


def references(tables: Tables) -> pd.Series:
    """A short reference per article id: author surname (else outlet, else file id) and year, with
    a/b/... where two would read alike. Ordered as the sources list: by reference."""
    a = tables.articles
    names = [
        _surname(author) or outlet or article_id
        for author, outlet, article_id in zip(a.author.fillna(""), a.outlet.fillna(""), a.article_id, strict=True)
    ]
    years = [p[:4] if p else "n.d." for p in a.published.fillna("")]
    base = pd.Series([f"{n} {y}" for n, y in zip(names, years, strict=True)], index=a.article_id)
    order = a.assign(base=base.values).sort_values(["base", "published", "article_id"])
    refs = {}
    for _, group in order.groupby("base", sort=False):
        suffixes = [""] if len(group) == 1 else [chr(ord("a") + i) for i in range(len(group))]
        for article_id, suffix in zip(group.article_id, suffixes, strict=True):
            refs[article_id] = group.base.iloc[0] + suffix
    return pd.Series(refs, name="reference").reindex(a.article_id)


def sources(tables: Tables) -> pd.DataFrame:
    """One row per article, sorted by reference: the sources section's contents."""
    a = tables.articles.set_index("article_id")
    refs = references(tables)
    frame = pd.DataFrame(
        {
            "reference": refs,
            "title": a.title.fillna(""),
            "author": a.author.fillna(""),
            "outlet": a.outlet.fillna(""),
            "published": a.published.fillna(""),
            "url": a["url"].fillna("") if "url" in a else "",
            "file": a.source_file,
            "sha256": a.sha256,
        }
    )
    return frame.sort_values("reference").reset_index(names="article_id")


@dataclass(frozen=True)
class Provenance:
    built: str  # ISO date the tables were read into the report
    version: str  # the package's version
    digest: str  # short digest of the inputs, as in manifest.json "inputs" -> "digest"
    articles: int

    def line(self) -> str:
        return (
            f"Built {self.built} by russia-taliban {self.version} from {analysis.plural(self.articles, 'article')}; "
            f"inputs digest {self.digest} (manifest.json, inputs.digest)."
        )


def build_date() -> str:
    """Today (UTC), or SOURCE_DATE_EPOCH's day when set, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else dt.datetime.now(dt.UTC)
    return when.date().isoformat()


def provenance(tables: Tables, inputs_digest: str = "") -> Provenance:
    """What the title page states. Without a build's digest (a notebook run by hand) the digest is
    computed from the articles' hashes and the lexicon's fingerprints, and marked as local."""
    try:
        version = metadata.version("russia-taliban")
    except metadata.PackageNotFoundError:  # pragma: no cover - the package runs installed
        version = "unknown"
    if not inputs_digest:
        parts = sorted(tables.articles.sha256) + [t["fingerprint"] for t in tables.lexicon["themes"].values()]
        inputs_digest = "local-" + hashlib.sha256("".join(parts).encode()).hexdigest()[:12]
    return Provenance(build_date(), version, inputs_digest, len(tables.articles))


def cite(tables: Tables, article_ids: pd.Series, paragraph_ids: pd.Series | None = None) -> pd.Series:
    """ "Ramani 2021, ¶7" for each row: the article's reference and the paragraph's position."""
    refs = article_ids.map(references(tables)).astype(object)
    if paragraph_ids is None:
        return refs
    position = tables.paragraphs.set_index("paragraph_id").position
    where = [", ¶" + str(int(p) + 1) if pd.notna(p) else "" for p in paragraph_ids.map(position)]
    return pd.Series(
        [f"{r}{w}" for r, w in zip(refs, where, strict=True)], index=article_ids.index, dtype=object
    ).astype(str)  # str even when empty
