"""Loading a folder of article texts into articles, paragraphs and sentences tables.

Reads bytes, decodes them (text.py), splits and classifies paragraphs (paragraphs.py), reads the
metadata the text states (title, byline, date, outlet) and lets the folder's metadata file fill gaps
and win where both speak. Problems a user can fix raise a CorpusError with one line.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import CorpusError, MetadataError
from ..text import sentences
from ..text.dates import PartialDate, find_dates
from ..text.normalise import decode, looks_binary, normalise
from . import paragraphs as para
from .metadata import Fact, find_metadata_file, published_date, read_metadata

#: An article file larger than this is refused: no article is this long, a dump of many is.
MAX_FILE_BYTES = 20 * 1024 * 1024

ARTICLE_COLUMNS = [
    "article_id", "title", "author", "outlet", "published", "date_precision", "date_source",
    "source_file", "sha256", "encoding", "words",
]  # fmt: skip
PARAGRAPH_COLUMNS = ["article_id", "paragraph_id", "position", "kind", "text", "duplicate_of"]
SENTENCE_COLUMNS = ["article_id", "paragraph_id", "sentence", "start", "end", "text"]

_OUTLET = [
    re.compile(
        r"(?:views|beliefs|policies|position)[^.]*?\bof\s+(?:the\s+)?(?P<outlet>[A-Z][\w&.’' -]{1,60}?)\s*\.?\s*$"
    ),
    re.compile(
        r"^(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?P<outlet>[A-Z][\w&.’' -]{1,60}?)\.?(?:\s+all rights reserved.*)?$",
        re.I,
    ),
    re.compile(
        r"originally (?:appeared|published) (?:in|on|by) (?:the\s+)?(?P<outlet>[A-Z][\w&.’' -]{1,60}?)[.,]", re.I
    ),
]


@dataclass(slots=True)
class Article:
    article_id: str
    source_file: str
    sha256: str
    encoding: str
    paragraphs: list[para.Paragraph]
    title: str = ""
    author: str = ""
    outlet: str = ""
    published: PartialDate | None = None
    date_source: str = ""  # "metadata", "text" or "" when unknown
    warnings: list[str] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(para.words(p.text) for p in self.paragraphs if p.kind in para.CONTENT_KINDS)

    def paragraph_id(self, position: int) -> str:
        return f"{self.article_id}-{position:03d}"

    @property
    def label(self) -> str:
        """A short name for charts: title, else outlet and date."""
        if self.title:
            return self.title
        return " ".join(x for x in (self.outlet, self.published.iso if self.published else "") if x) or self.article_id


@dataclass(slots=True)
class Skipped:
    """A file in the corpus folder that is not loaded as an article, and why."""

    file: str
    reason: str


@dataclass(slots=True)
class Corpus:
    root: Path | None
    articles: list[Article]
    skipped: list[Skipped] = field(default_factory=list)
    metadata_file: str = ""

    def __len__(self) -> int:
        return len(self.articles)

    def article(self, article_id: str) -> Article:
        return next(a for a in self.articles if a.article_id == article_id)

    @property
    def articles_frame(self) -> pd.DataFrame:
        rows = [
            {
                "article_id": a.article_id,
                "title": a.title,
                "author": a.author,
                "outlet": a.outlet,
                "published": a.published.iso if a.published else "",
                "date_precision": a.published.precision if a.published else "",
                "date_source": a.date_source,
                "source_file": a.source_file,
                "sha256": a.sha256,
                "encoding": a.encoding,
                "words": a.words,
            }
            for a in self.articles
        ]
        return pd.DataFrame(rows, columns=ARTICLE_COLUMNS).astype({"words": "int64"})

    @property
    def paragraphs_frame(self) -> pd.DataFrame:
        rows = [
            (
                a.article_id,
                a.paragraph_id(p.position),
                p.position,
                p.kind,
                p.text,
                a.paragraph_id(p.duplicate_of) if p.duplicate_of is not None else "",
            )
            for a in self.articles
            for p in a.paragraphs
        ]
        return pd.DataFrame(rows, columns=PARAGRAPH_COLUMNS).astype({"position": "int64"})

    @property
    def sentences_frame(self) -> pd.DataFrame:
        rows = [
            (a.article_id, a.paragraph_id(p.position), n, s, e, p.text[s:e])
            for a in self.articles
            for p in a.paragraphs
            for n, (s, e) in enumerate(sentences.spans(p.text))
        ]
        return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def article_id_for(path: Path) -> str:
    """A stable id from the file name: its stem, made safe for file names and URLs."""
    return re.sub(r"[^\w.-]+", "_", path.stem, flags=re.ASCII).strip("._") or "article"


def read_article(path: Path, *, article_id: str | None = None, data: bytes | None = None) -> Article:
    """Read one article file; raise CorpusError naming the file if it cannot be an article."""
    if data is None:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CorpusError(
                f"file is {size / 2**20:.0f} MB, over the {MAX_FILE_BYTES // 2**20} MB limit for one article",
                where=str(path),
                fix="split it into one file per article",
            )
        data = path.read_bytes()
    if looks_binary(data):
        raise CorpusError(
            "file is binary, not text", where=str(path), fix="remove it or save the article as plain text"
        )
    text, encoding = decode(data)
    text = normalise(text)
    if not text.strip():
        raise CorpusError("file is empty", where=str(path), fix="remove it or paste the article's text into it")
    paragraphs = para.classify(para.split(text))
    article = Article(
        article_id=article_id or article_id_for(path),
        source_file=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        paragraphs=paragraphs,
    )
    if encoding == "utf-8+replace":
        article.warnings.append(f"{path.name}: bytes that no encoding decodes were replaced by U+FFFD")
    _read_stated_metadata(article)
    return article


def _read_stated_metadata(article: Article) -> None:
    """Title, author, date and outlet as the text itself states them."""
    ps = article.paragraphs
    article.title = next((p.text for p in ps if p.kind == "title"), "")
    bylines = [para.byline_name(p.text) for p in ps if p.kind == "byline"]
    bios = [para.bio_name(p.text) for p in ps if p.kind == "boilerplate"]
    article.author = next((n for n in [*bylines, *bios] if n), "")
    for p in ps:
        if p.kind == "dateline":
            dates = [d.date for d in find_dates(p.text) if d.date.year]
            if dates:
                article.published, article.date_source = dates[0], "text"
                break
    if article.published is None:
        first_body = next((p for p in ps if p.kind == "body"), None)
        wire = para.wire_dateline(first_body.text) if first_body else None
        if wire:
            year = _latest_year(p.text for p in ps)
            mention = find_dates(wire)
            if mention and year:
                d = mention[0].date
                article.published, article.date_source = PartialDate(year, d.month, d.day), "text"
    for p in reversed(ps):
        if p.kind != "boilerplate":
            continue
        for pattern in _OUTLET:
            m = pattern.search(p.text)
            if m:
                article.outlet = m.group("outlet").strip()
                return


def _latest_year(texts: Iterable[str]) -> int | None:
    years = [d.date.year for t in texts for d in find_dates(t) if d.date.year]
    return max(years) if years else None


def apply_metadata(article: Article, facts: dict[str, Fact]) -> None:
    """Metadata-file values win over the text; an empty value there means "known to be absent"."""
    for name in ("title", "author", "outlet"):
        if name in facts:
            setattr(article, name, facts[name].value)
    if "published" in facts:
        article.published = published_date(facts)
        article.date_source = "metadata" if article.published else ""


def load_corpus(path: str | Path, *, metadata: str | Path | None = None) -> Corpus:
    """Load every `.txt` article in a folder (sorted by name) with the folder's metadata file.

    Other files are listed in `Corpus.skipped`, as are exact duplicates of an earlier article (same
    bytes under another name), which are counted once.
    """
    root = Path(path)
    if not root.exists():
        raise CorpusError(
            "corpus folder does not exist", where=str(root), fix="pass --corpus with a folder of .txt articles"
        )
    if not root.is_dir():
        raise CorpusError(
            "corpus path is not a folder", where=str(root), fix="pass --corpus with a folder of .txt articles"
        )
    meta_path = Path(metadata) if metadata else find_metadata_file(root)
    facts = read_metadata(meta_path) if meta_path else {}
    files = sorted(p for p in root.iterdir() if p.is_file() and not p.name.startswith("."))
    texts = [p for p in files if p.suffix.lower() == ".txt"]
    skipped = [Skipped(p.name, "not a .txt file") for p in files if p.suffix.lower() != ".txt" and p != meta_path]
    if not texts:
        raise CorpusError("no .txt articles in the corpus folder", where=str(root), fix="add one article per .txt file")
    unknown = sorted(set(facts) - {p.name for p in texts})
    if unknown:
        raise MetadataError(
            f"names {len(unknown)} article(s) not in the folder: {', '.join(unknown)}",
            where=str(meta_path),
            fix="fix the file names or remove those entries",
        )
    articles: list[Article] = []
    seen: dict[str, str] = {}
    ids: dict[str, str] = {}
    for p in texts:
        article = read_article(p)
        if article.sha256 in seen:
            skipped.append(Skipped(p.name, f"duplicate of {seen[article.sha256]}"))
            continue
        if article.article_id in ids:
            raise CorpusError(
                f"article id {article.article_id!r} is also the id of {ids[article.article_id]}",
                where=str(p),
                fix="rename one of the two files",
            )
        seen[article.sha256] = ids[article.article_id] = p.name
        if p.name in facts:
            apply_metadata(article, facts[p.name])
        articles.append(article)
    return Corpus(root=root, articles=articles, skipped=skipped, metadata_file=meta_path.name if meta_path else "")
