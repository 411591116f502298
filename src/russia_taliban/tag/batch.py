"""Tagging folders too large to hold in memory: articles in chunks, across processes.

The report's build keeps every table in memory, which is right for hundreds or a few thousand
articles. For tens of thousands, `tag_folder` loads and tags a chunk of files at a time, on one or
several worker processes, and keeps only per-chunk results (counts, or whatever `reduce` returns), so
memory stays flat however large the folder is.
"""

from __future__ import annotations

import collections
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..load.corpus import Corpus, read_article
from ..load.kinds import CONTENT_KINDS
from .actors import Gazetteer, load_gazetteer
from .lexicon import Lexicon, load_lexicon
from .tables import Tables, build_tables


@dataclass
class Summary:
    """What a run tagged: sizes, and how many paragraphs carry each theme."""

    articles: int = 0
    bytes: int = 0
    paragraphs: int = 0
    content_paragraphs: int = 0
    mentions: int = 0
    events: int = 0
    quotes: int = 0
    themes: dict[str, int] = field(default_factory=dict)

    def add(self, other: Summary) -> None:
        for name in ("articles", "bytes", "paragraphs", "content_paragraphs", "mentions", "events", "quotes"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for theme, count in other.themes.items():
            self.themes[theme] = self.themes.get(theme, 0) + count


def summarise(tables: Tables, size: int) -> Summary:
    content = tables.paragraphs[tables.paragraphs.kind.isin(CONTENT_KINDS)]
    return Summary(
        articles=len(tables.articles),
        bytes=size,
        paragraphs=len(tables.paragraphs),
        content_paragraphs=len(content),
        mentions=len(tables.mentions),
        events=len(tables.events),
        quotes=len(tables.quotes),
        themes={t: int(content[t].sum()) for t in tables.themes},
    )


_WORKER: tuple[Lexicon, Gazetteer] | None = None


def _init(lexicon: Lexicon, gazetteer: Gazetteer) -> None:
    global _WORKER
    _WORKER = (lexicon, gazetteer)


def _tag_chunk(files: list[str]) -> Summary:
    lexicon, gazetteer = _WORKER
    articles = [read_article(Path(f)) for f in files]
    size = sum(os.path.getsize(f) for f in files)
    return summarise(build_tables(Corpus(None, articles), lexicon, gazetteer), size)


def chunks(files: list[Path], size: int) -> Iterator[list[str]]:
    for i in range(0, len(files), size):
        yield [str(f) for f in files[i : i + size]]


def tag_folder(folder: str | Path, *, lexicon: str | Path | None = None, workers: int = 1, chunk: int = 0,
               progress: Callable[[Summary], None] | None = None) -> Summary:  # fmt: skip
    """Load and tag every `.txt` in `folder` (themes, actors, dates, quotes); return the totals.

    `chunk` articles are tagged at a time (0: at most 250, and small enough to give each worker
    eight chunks, so no worker idles long at the end of a small folder).
    """
    files = sorted(Path(folder).glob("*.txt"))
    chunk = chunk or max(10, min(250, -(-len(files) // (workers * 8))))
    context = None
    if workers > 1:
        context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
        if os.name == "posix":  # the fork server imports the library once; workers start from that, not afresh
            context.set_forkserver_preload([__name__])
            from multiprocessing import forkserver

            forkserver.ensure_running()  # it imports (about a second) while this process reads the lexicon
    # Compiled here, once: workers receive the compiled matchers (serialised), not seconds of compiling each.
    tools = (load_lexicon(lexicon), load_gazetteer())
    tools[0].compiled()
    if context is None:
        _init(*tools)
        return _add_up(map(_tag_chunk, chunks(files, chunk)), progress)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init, initargs=tools) as pool:
        return _add_up(_in_order(pool, chunks(files, chunk), ahead=2 * workers), progress)


def _in_order(pool: ProcessPoolExecutor, items: Iterator[list[str]], *, ahead: int) -> Iterator[Summary]:
    """`pool.map` with at most `ahead` chunks queued: `map` submits every chunk at once, so the queue
    (file names and work items) would grow with the folder; this keeps this process's memory flat."""
    pending: collections.deque[Future[Summary]] = collections.deque()
    for item in items:
        pending.append(pool.submit(_tag_chunk, item))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _add_up(results: Iterator[Summary], progress: Callable[[Summary], None] | None) -> Summary:
    total = Summary()
    for result in results:
        total.add(result)
        if progress:
            progress(total)
    return total
