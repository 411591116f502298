"""Loading a folder of articles into the articles and paragraphs tables.

Reads each file the folder holds (`folder`), as text, HTML (`html`) or PDF (`pdf`); splits and
classifies paragraphs (`split`, `kinds`); reads the metadata the text states (`stated`) and lets the
folder's metadata file (`metadata`) fill gaps and win where both speak. Problems a user can fix raise
a CorpusError with one line.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..config import MAX_ARTICLE_BYTES
from ..errors import CorpusError, MetadataError
from ..text.dates import PartialDate, parse_iso
from ..text.normalise import UndecodableError, decode, looks_binary, normalise
from ..text.printable import printable
from ..text.words import words
from .folder import FORMATS, Skipped, list_folder
from .kinds import CONTENT_KINDS, classify
from .metadata import Fact, find_metadata_file, published_date, read_metadata
from .split import Paragraph, split
from .stated import stated_metadata

ARTICLE_COLUMNS = [
    "article_id", "title", "author", "outlet", "published", "date_precision", "date_source",
    "source_file", "sha256", "encoding", "words", "format", "url",
]  # fmt: skip
PARAGRAPH_COLUMNS = ["article_id", "paragraph_id", "position", "kind", "text", "duplicate_of"]
_FOLDER_FIX = "pass --corpus with a folder of .txt, .html or .pdf articles"

__all__ = ["ARTICLE_COLUMNS", "PARAGRAPH_COLUMNS", "Article", "Corpus", "Skipped", "load_corpus", "read_article"]


@dataclass(slots=True)
class Article:
    article_id: str
    source_file: str
    sha256: str
    encoding: str
    paragraphs: list[Paragraph]
    title: str = ""
    author: str = ""
    outlet: str = ""
    published: PartialDate | None = None
    date_source: str = ""  # "metadata", "text" or "" when unknown
    format: str = "txt"  # txt, html or pdf
    url: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(words(p.text) for p in self.paragraphs if p.kind in CONTENT_KINDS)

    def paragraph_id(self, position: int) -> str:
        return f"{self.article_id}-{position:03d}"


@dataclass(slots=True)
class Corpus:
    root: Path | None
    articles: list[Article]
    skipped: list[Skipped] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.articles)

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
                "format": a.format,
                "url": a.url,
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


def article_id_for(path: Path) -> str:
    """A stable id from the file name: its stem, made safe for file names and URLs."""
    return re.sub(r"[^\w.-]+", "_", path.stem, flags=re.ASCII).strip("._") or "article"


def read_article(path: Path, *, article_id: str | None = None, data: bytes | None = None) -> Article:
    """Read one article file (.txt, .html or .pdf); raise CorpusError naming the file if it cannot be one."""
    where = printable(str(path))
    if data is None:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise CorpusError(
                f"file is {size / 2**20:.0f} MB, over the {MAX_ARTICLE_BYTES // 2**20} MB limit for one article",
                where=where,
                fix="split it into one file per article",
            )
        data = path.read_bytes()
    fmt = FORMATS.get(path.suffix.lower(), "txt")
    meta: dict[str, str] = {}
    if fmt == "pdf":
        from .pdf import pdf_text

        text, encoding = pdf_text(data, where=where), "pdf"
    else:
        if looks_binary(data):
            raise CorpusError(
                "file is binary, not text", where=where, fix="remove it or save the article as plain text"
            )
        try:
            text, encoding = decode(data)
        except UndecodableError as exc:
            raise CorpusError(
                f"file is not readable as UTF-8, UTF-16 or Windows-1252 text ({exc})",
                where=where,
                fix="remove it if it is not an article, or save it as UTF-8 (e.g. iconv -f SHIFT_JIS -t UTF-8)",
            ) from None
        if fmt == "html":
            from .html import html_text

            text, meta = html_text(text, where=where)
    text = normalise(text)
    if not text.strip():
        raise CorpusError("file is empty", where=where, fix="remove it or paste the article's text into it")
    paragraphs = classify(split(text))
    if meta.get("title"):
        paragraphs = _with_title(paragraphs, normalise(meta["title"]))
    article = Article(
        article_id=article_id or article_id_for(path),
        source_file=printable(path.name),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        paragraphs=paragraphs,
        format=fmt,
    )
    if encoding.endswith("+replace"):
        article.warnings.append(f"{article.source_file}: bytes that no encoding decodes were replaced by U+FFFD")
    stated = stated_metadata(paragraphs)
    article.title, article.author, article.outlet = stated.title, stated.author, stated.outlet
    if stated.published:
        article.published, article.date_source = stated.published, "text"
    _apply_page_metadata(article, meta)
    return article


def _with_title(paragraphs: list[Paragraph], title: str) -> list[Paragraph]:
    """An HTML page's headline (from its meta tags) as the first paragraph, unless the text starts with it."""
    for p in paragraphs:
        if p.text == title:
            p.kind = "title"
            return paragraphs
    shifted = [Paragraph(0, 1, title, "title")]
    for p in paragraphs:
        shifted.append(Paragraph(p.position + 1, p.line, p.text, p.kind if p.kind != "title" else "heading"))
        if p.duplicate_of is not None:
            shifted[-1].duplicate_of = p.duplicate_of + 1
    return shifted


def _apply_page_metadata(article: Article, meta: dict[str, str]) -> None:
    """Title, author, site name, date and URL from an HTML page's meta tags, where the text gave none."""
    for name in ("title", "author", "outlet"):
        if meta.get(name) and not getattr(article, name):
            setattr(article, name, normalise(meta[name]))
    article.url = meta.get("url", "")
    if meta.get("published") and article.published is None:
        with contextlib.suppress(ValueError):  # a page's date in a form other than ISO is left to the text
            article.published, article.date_source = parse_iso(meta["published"][:10]), "text"


def apply_metadata(article: Article, facts: dict[str, Fact]) -> None:
    """Metadata-file values win over the text; an empty value there means "known to be absent"."""
    for name in ("title", "author", "outlet", "url"):
        if name in facts:
            setattr(article, name, facts[name].value)
    if "published" in facts:
        article.published = published_date(facts)
        article.date_source = "metadata" if article.published else ""


def select_files(root: Path, *, metadata: str | Path | None = None) -> tuple[list[Path], list[Skipped], dict]:
    """The article files of a corpus folder, the entries skipped, and the metadata facts, checked.

    One place for the checks every reader of a folder makes (this module and the Dask engine): the folder
    exists, holds at least one article, and its metadata file names only articles it holds.
    """
    if not root.exists():
        raise CorpusError("corpus folder does not exist", where=printable(str(root)), fix=_FOLDER_FIX)
    if not root.is_dir():
        raise CorpusError("corpus path is not a folder", where=printable(str(root)), fix=_FOLDER_FIX)
    meta_path = Path(metadata) if metadata else find_metadata_file(root)
    facts = read_metadata(meta_path) if meta_path else {}
    files, skipped = list_folder(root, ignore=meta_path)
    if not files:
        raise CorpusError(
            "no .txt articles in the corpus folder (nor .html or .pdf)",
            where=printable(str(root)),
            fix="add one article per .txt file (or .html, .pdf)",
        )
    unknown = sorted(set(facts) - {p.name for p in files})
    if unknown:
        raise MetadataError(
            f"names {len(unknown)} article(s) not in the folder: {printable(', '.join(unknown))[:200]}",
            where=printable(str(meta_path)),
            fix="fix the file names or remove those entries",
        )
    return files, skipped, facts


def load_corpus(path: str | Path, *, metadata: str | Path | None = None) -> Corpus:
    """Load every article (.txt, .html, .pdf) in a folder, sorted by name, with the folder's metadata file.

    Other entries are listed in `Corpus.skipped`, as are exact duplicates of an earlier article (same
    bytes under another name), which are counted once.
    """
    root = Path(path)
    files, skipped, facts = select_files(root, metadata=metadata)
    articles: list[Article] = []
    seen: dict[str, str] = {}
    ids: dict[str, str] = {}
    for p in files:
        article = read_article(p)
        if article.sha256 in seen:
            skipped.append(Skipped(printable(p.name), f"duplicate of {seen[article.sha256]}"))
            continue
        if article.article_id in ids:
            raise CorpusError(
                f"article id {article.article_id!r} is also the id of {ids[article.article_id]}",
                where=printable(str(p)),
                fix="rename one of the two files",
            )
        seen[article.sha256] = ids[article.article_id] = printable(p.name)
        if p.name in facts:
            apply_metadata(article, facts[p.name])
        articles.append(article)
    return Corpus(root=root, articles=articles, skipped=skipped)
