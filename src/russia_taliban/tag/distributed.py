"""Tagging a corpus too large for one machine, on a Dask cluster: the same tables, written by the workers.

Tagging is per article (nothing in one article's tables depends on another's), so the corpus's files
are cut into partitions of consecutive names (the order `load_corpus` reads them in), each Dask task
loads and tags one partition and writes its rows of every table as one part file, and each table is
its parts in partition order: row for row the tables `build_tables` makes in one process (tested).

Article text goes from the corpus folder to a worker, and tagged rows from the worker to a part file;
the driver sees file names, hashes and row counts, then joins each table's parts into one file the
way `Tables.write` names it, streaming one part at a time. So neither the driver's nor a worker's
memory bounds the corpus, only disk does. The corpus and output folders must be visible to every
worker under the same path (one machine, or a shared file system such as NFS).
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import logging
import shutil
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from ..errors import CorpusError, UserError
from ..load.corpus import Corpus, apply_metadata, article_id_for, read_article, select_files
from ..load.folder import Skipped
from ..text.printable import printable
from .actors import Gazetteer, load_gazetteer
from .lexicon import Lexicon
from .tables import Tables, build_tables, lexicon_record

_INSTALL_FIX = "install the 'scale' extra: pip install 'russia-taliban[scale]'"
TABLES = [f.name for f in fields(Tables) if f.name != "lexicon"]


@dataclass(frozen=True)
class Engine:
    """Where tagging runs: `local` (this process) or `dask` (a cluster of worker processes).

    For `dask`, `scheduler` is the address of a running cluster (`tcp://host:8786`); without one, a
    local cluster of `workers` processes (0: one per core) is started for the run and stopped after.
    """

    name: str = "local"
    workers: int = 0
    scheduler: str = ""
    partition: int = 250  # articles per task: large enough that a task's overhead is small

    @property
    def distributed(self) -> bool:
        return self.name == "dask"

    def __str__(self) -> str:
        if not self.distributed:
            return "this process"
        return (
            f"the Dask cluster at {self.scheduler}"
            if self.scheduler
            else f"a local Dask cluster of {self.workers or 'all'} worker(s)"
        )


_ENGINE: contextvars.ContextVar[Engine | None] = contextvars.ContextVar("engine", default=None)


def current_engine() -> Engine:
    """The engine the command line chose (`--engine`); the build's table stage asks for it."""
    return _ENGINE.get() or Engine()


@contextlib.contextmanager
def using(engine: Engine) -> Iterator[Engine]:
    token = _ENGINE.set(engine)
    try:
        yield engine
    finally:
        _ENGINE.reset(token)


@dataclass
class Result:
    """What a distributed run tagged: the articles' files, what was skipped, warnings, and the files written."""

    articles: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    paths: list[Path] = field(default_factory=list)

    def lines(self) -> list[str]:
        """What loading left out or had to guess, one line each, as the single-process build prints it."""
        return [f"skipped {s.file}: {s.reason}" for s in self.skipped] + [f"warning: {w}" for w in self.warnings]

    def report(self) -> dict:
        """The build's corpus report (corpus.json)."""
        return {"articles": self.articles, "skipped": [asdict(s) for s in self.skipped], "warnings": self.warnings}


def tag_to_folder(corpus_dir: str | Path, lexicon: Lexicon, folder: str | Path, *, fmt: str = "parquet",
                  engine: Engine | None = None, gazetteer: Gazetteer | None = None,
                  progress: Callable[[str], None] | None = None) -> Result:  # fmt: skip
    """Load and tag every article of `corpus_dir` on `engine` and write the export tables into `folder`.

    The same articles are read, skipped and refused as by `load_corpus` (exact duplicates skipped,
    clashing ids refused, the folder's metadata file applied); a bad article stops the run with its
    CorpusError, as in one process.
    """
    engine = engine or Engine("dask")
    gazetteer = gazetteer or load_gazetteer()
    root, folder = Path(corpus_dir), Path(folder)
    files, skipped, facts = _plan(root)
    lexicon.compiled()  # compiled once here; workers receive the compiled matchers
    with _client(engine) as client:
        say = progress or (lambda line: None)
        say(f"tagging {len(files)} file(s) on {engine}")
        parts = list(_chunks(files, engine.partition))
        hashes = [h for chunk in client.gather(client.map(_hashes, parts, pure=False)) for h in chunk]
        kept = _kept(files, hashes, skipped)
        partitions = list(_chunks(kept, engine.partition))
        folder.mkdir(parents=True, exist_ok=True)
        for name in TABLES:
            _clear(folder / f"{name}.{fmt}")
        staging = folder / ".parts"
        shutil.rmtree(staging, ignore_errors=True)
        tools = client.scatter((lexicon, gazetteer), broadcast=True)
        futures = client.map(
            _tag_partition,
            range(len(partitions)),
            partitions,
            [{p.name: facts[p.name] for p in chunk if p.name in facts} for chunk in partitions],
            tools=tools,
            staging=str(staging),
            fmt=fmt,
            pure=False,
        )
        done = client.gather(futures)
        result = Result(skipped=skipped)
        for sources, warnings, _rows in done:
            result.articles += sources
            result.warnings += warnings
        result.paths = _assemble(staging, folder, fmt, [rows for _, _, rows in done])
        result.rows = {name: sum(rows[name] for _, _, rows in done) for name in TABLES}
    path = folder / "lexicon.json"
    path.write_text(json.dumps(lexicon_record(lexicon), ensure_ascii=False, indent=1), encoding="utf-8")
    result.paths.append(path)
    return result


def _plan(root: Path) -> tuple[list[Path], list[Skipped], dict]:
    """The article files (by name), the skipped entries and the metadata facts, as `load_corpus` finds them."""
    return select_files(root)


def _kept(files: list[Path], hashes: list[str], skipped: list[Skipped]) -> list[Path]:
    """Drop exact duplicates of an earlier file (listed as skipped); refuse two files with one article id."""
    seen: dict[str, str] = {}
    ids: dict[str, str] = {}
    kept = []
    for path, digest in zip(files, hashes, strict=True):
        if digest in seen:
            skipped.append(Skipped(printable(path.name), f"duplicate of {seen[digest]}"))
            continue
        article_id = article_id_for(path)
        if article_id in ids:
            raise CorpusError(
                f"article id {article_id!r} is also the id of {ids[article_id]}",
                where=printable(str(path)),
                fix="rename one of the two files",
            )
        seen[digest] = ids[article_id] = printable(path.name)
        kept.append(path)
    return kept


def _chunks(files: list[Path], size: int) -> Iterator[list[Path]]:
    for i in range(0, len(files), max(1, size)):
        yield files[i : i + size]


def _hashes(files: list[Path]) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in files]


def _tag_partition(index: int, files: list[Path], facts: dict, *, tools: tuple[Lexicon, Gazetteer], staging: str,
                   fmt: str) -> tuple[list[str], list[str], dict[str, int]]:  # fmt: skip
    """One task: load and tag a partition, write each table's rows as part `index`; return what it did."""
    lexicon, gazetteer = tools
    articles = []
    for path in files:
        article = read_article(path)
        if path.name in facts:
            apply_metadata(article, facts[path.name])
        articles.append(article)
    tables = build_tables(Corpus(None, articles), lexicon, gazetteer)
    rows = {}
    for name in TABLES:
        frame = getattr(tables, name)
        part = Path(staging) / name / f"part-{index:05d}.{fmt}"
        part.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "csv":
            frame.to_csv(part, index=False, encoding="utf-8")
        else:
            frame.to_parquet(part, index=False)
        rows[name] = len(frame)
    return [a.source_file for a in articles], [w for a in articles for w in a.warnings], rows


def _assemble(staging: Path, folder: Path, fmt: str, rows: list[dict[str, int]]) -> list[Path]:
    """Join each table's parts, in partition order, into one file (as `Tables.write` makes).

    The parts are streamed through, one at a time, so memory holds one part, never a table. Empty
    parts are left out (a partition without quotes has no column types to say), unless all are empty;
    Parquet parts whose types differ are cast to their unified schema.
    """
    paths = []
    for name in TABLES:
        parts = sorted((staging / name).glob(f"part-*.{fmt}"))
        nonempty = [p for p, r in zip(parts, rows, strict=True) if r[name]] or parts[:1]
        target = folder / f"{name}.{fmt}"
        if fmt == "csv":
            with target.open("wb") as out:
                for i, part in enumerate(nonempty):
                    with part.open("rb") as handle:
                        if i:
                            handle.readline()  # the header, written once
                        shutil.copyfileobj(handle, out)
        else:
            _join_parquet(nonempty, target)
        paths.append(target)
    shutil.rmtree(staging, ignore_errors=True)
    return paths


def _join_parquet(parts: list[Path], target: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schemas = [pq.read_schema(p) for p in parts]
    unified = pa.unify_schemas([s.remove_metadata() for s in schemas], promote_options="permissive")
    unified = unified.with_metadata(schemas[0].metadata)
    with pq.ParquetWriter(target, unified) as writer:
        for part in parts:
            writer.write_table(pq.read_table(part).cast(unified))


def _clear(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


@contextlib.contextmanager
def _client(engine: Engine):
    """A client of the engine's cluster: the given scheduler, or a local cluster started (and stopped) here."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UserError("--engine dask needs Dask, which is not installed", fix=_INSTALL_FIX) from None
    if engine.scheduler:
        try:
            client = Client(engine.scheduler, timeout="10s")
        except OSError as exc:
            raise UserError(
                f"cannot reach the Dask scheduler ({exc})",
                where=engine.scheduler,
                fix="start the cluster, or drop --scheduler to use a local one",
            ) from None
        with client:
            yield client
        return
    import os

    workers = engine.workers or os.cpu_count() or 1
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
        ) as cluster,  # fmt: skip
        Client(cluster) as client,
    ):
        yield client
