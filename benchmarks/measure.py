"""Measurements run in a fresh interpreter each (`python -m benchmarks.measure KIND ...`), so that
peak memory and timings belong to that measurement alone. Each prints one JSON object."""

from __future__ import annotations

import collections
import json
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path


class TreeSampler:
    """Memory and CPU of this process and every process under it (workers, the fork server), sampled.

    `resource.getrusage` sees only this process and the children it has waited for: not the workers a
    fork server starts, nor the sum over processes that are alive at once. So the whole tree is read
    every `interval` seconds with psutil: the peak of the summed RSS (what `top` adds up, counting
    shared pages once per process) and of the summed PSS (shared pages split between the processes
    sharing them: what the tree really costs the machine), and each process's last CPU times.
    """

    def __init__(self, interval: float = 0.25) -> None:  # a chunk takes seconds: 4 Hz sees its peak
        import psutil

        self._psutil, self._interval = psutil, interval
        self._root = psutil.Process()
        self.peak_rss = self.peak_pss = self.peak_largest_rss = self.processes = 0
        self._cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._cpu_start = self._root.cpu_times()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self.sample()

    def sample(self) -> None:
        rss = pss = largest = 0
        tree = [self._root, *self._root.children(recursive=True)]
        for process in tree:
            try:
                info = process.memory_full_info()  # PSS from /proc/PID/smaps_rollup
                times = process.cpu_times()
            except (self._psutil.NoSuchProcess, self._psutil.AccessDenied, self._psutil.ZombieProcess):
                continue
            rss, pss, largest = rss + info.rss, pss + info.pss, max(largest, info.rss)
            self._cpu[process.pid] = times.user + times.system
        self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
        self.peak_largest_rss, self.processes = max(self.peak_largest_rss, largest), max(self.processes, len(tree))

    @property
    def cpu_seconds(self) -> float:
        """CPU time of the tree during the run (this process's time before it excluded)."""
        before = self._cpu_start.user + self._cpu_start.system
        return sum(self._cpu.values()) - before

    def record(self) -> dict:
        mb = 1 / 2**20
        return {
            "peak_tree_rss_mb": round(self.peak_rss * mb, 1),
            "peak_tree_pss_mb": round(self.peak_pss * mb, 1),
            "peak_largest_process_rss_mb": round(self.peak_largest_rss * mb, 1),
            "processes": self.processes,
            "cpu_s": round(self.cpu_seconds, 2),
        }


class _BudgetSpentError(Exception):
    pass


def tagging(folder: str, workers: int, budget_s: float = 0) -> dict:
    """Load and tag every article (themes, actors, dates, quotes): throughput, CPU and whole-tree memory.

    With `budget_s`, stop after the chunk that ends past that many seconds (`partial` in the result):
    the tree's memory is flat by construction (workers keep one chunk, the parent at most two per
    worker), so a budgeted run on a large folder measures its peak where a full run would take hours.
    """
    from russia_taliban.tag.actors import builtin_gazetteer
    from russia_taliban.tag.batch import tag_folder
    from russia_taliban.tag.lexicon import builtin_lexicon

    builtin_lexicon().compiled()  # compile the matchers before the clock starts (once per process)
    builtin_gazetteer()
    done = []

    def progress(total) -> None:
        done[:] = [total]
        if budget_s and time.perf_counter() - start > budget_s:
            raise _BudgetSpentError

    with TreeSampler() as tree:
        start = time.perf_counter()
        try:
            summary = tag_folder(folder, workers=workers, progress=progress)
        except _BudgetSpentError:
            summary = done[0]
        seconds = time.perf_counter() - start
    mb = summary.bytes / 1e6
    record = tree.record()
    return {
        "articles": summary.articles,
        "mb": mb,
        "seconds": seconds,
        "mb_per_s": mb / seconds,
        # MB per CPU-second of the whole tree: what one core does, less sensitive to other load on the machine
        "mb_per_cpu_s": mb / record["cpu_s"] if record["cpu_s"] > 0 else None,
        "paragraphs": summary.paragraphs,
        **record,
        "load_average_1m": round(os.getloadavg()[0], 2),  # other work on the machine during the run
        "partial": summary.articles < len(list(Path(folder).glob("*.txt"))),
    }


def dask(folder: str, workers: int) -> dict:
    """`export --engine dask` on a local cluster of `workers` processes: throughput, overhead and memory."""
    import tempfile

    from russia_taliban.tag.distributed import Engine, tag_to_folder
    from russia_taliban.tag.lexicon import builtin_lexicon

    lexicon = builtin_lexicon()
    lexicon.compiled()
    mb = sum(f.stat().st_size for f in Path(folder).glob("*.txt")) / 1e6
    with tempfile.TemporaryDirectory() as out, TreeSampler() as tree:
        start = time.perf_counter()  # the cluster's start is part of the run, as it is for a user
        result = tag_to_folder(folder, lexicon, out, fmt="parquet", engine=Engine("dask", workers=workers))
        seconds = time.perf_counter() - start
    return {
        "articles": len(result.articles),
        "mb": mb,
        "seconds": seconds,
        "mb_per_s": mb / seconds,
        "paragraphs": result.rows["paragraphs"],
        **tree.record(),
        "load_average_1m": round(os.getloadavg()[0], 2),
    }


# Where one core's time goes: each step's function is wrapped with a timer where its caller looks it
# up (module, name); a name a refactor has removed is left out. Wrapping is exact and cheap (one call
# per article or per chunk), where an in-process sampling profiler would over-sample I/O (it can only
# look when the main thread drops the GIL). Nested steps are not double-counted: none calls another.
STEPS = {
    "read file": ("pathlib", "Path.read_bytes"),
    "decode": ("russia_taliban.load.corpus", "decode"),
    "normalise": ("russia_taliban.load.corpus", "normalise"),
    "split paragraphs": ("russia_taliban.load.corpus", "split"),
    "classify paragraphs (kinds, pull quotes)": ("russia_taliban.load.corpus", "classify"),
    "stated metadata (title, byline, date line)": ("russia_taliban.load.corpus", "stated_metadata"),
    "articles frame (word counts)": ("russia_taliban.tag.tables", "Corpus.articles_frame"),
    "paragraphs frame": ("russia_taliban.tag.tables", "Corpus.paragraphs_frame"),
    "themes": ("russia_taliban.tag.tables", "tag_themes"),
    "actors": ("russia_taliban.tag.tables", "find_mentions"),
    "events (date finder, sentences)": ("russia_taliban.tag.tables", "find_events"),
    "quotes": ("russia_taliban.tag.tables", "find_quotes"),
    "summary": ("russia_taliban.tag.batch", "summarise"),
}


def _wrap(totals: dict[str, float], step: str, function: Callable) -> Callable:
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            totals[step] += time.perf_counter() - start

    return timed


def profile(folder: str) -> dict:
    """Where one core's load + tag time goes (`tag_folder` on one worker), by step, as shares of the whole."""
    import importlib

    from russia_taliban.tag.actors import builtin_gazetteer
    from russia_taliban.tag.batch import tag_folder
    from russia_taliban.tag.lexicon import builtin_lexicon

    builtin_lexicon().compiled()
    builtin_gazetteer()
    totals: dict[str, float] = collections.defaultdict(float)
    restore = []
    for step, (module_name, name) in STEPS.items():
        owner: object = importlib.import_module(module_name)
        *path, attr = name.split(".")
        for part in path:
            owner = getattr(owner, part, None)
        original = getattr(owner, attr, None) if owner is not None else None
        if original is None:
            continue
        if isinstance(original, property):
            wrapped = property(_wrap(totals, step, original.fget))
        else:
            wrapped = _wrap(totals, step, original)
        setattr(owner, attr, wrapped)
        restore.append((owner, attr, original))
    try:
        start = time.perf_counter()
        summary = tag_folder(folder, workers=1)
        seconds = time.perf_counter() - start
    finally:
        for owner, attr, original in restore:
            setattr(owner, attr, original)
    shares = {step: round(t / seconds, 3) for step, t in sorted(totals.items(), key=lambda x: -x[1])}
    shares["other (hashing, ids, concat, chunking)"] = round(1 - sum(totals.values()) / seconds, 3)
    mb = summary.bytes / 1e6
    return {"mb": mb, "seconds": round(seconds, 2), "mb_per_s": mb / seconds, "shares": shares}


def matching(folder: str, naive_articles: int) -> dict:
    """Theme and actor matching and tagging on one core, against one Python `re` search per term."""
    from russia_taliban.load.corpus import Corpus, read_article
    from russia_taliban.load.kinds import CONTENT_KINDS
    from russia_taliban.tag.actors import builtin_gazetteer, find_mentions
    from russia_taliban.tag.lexicon import builtin_lexicon
    from russia_taliban.tag.terms import term_regex
    from russia_taliban.tag.themes import tag_themes

    files = sorted(Path(folder).glob("*.txt"))
    corpus = Corpus(None, [read_article(f) for f in files])
    paragraphs = corpus.paragraphs_frame
    content = paragraphs[paragraphs.kind.isin(CONTENT_KINDS)]
    texts = content.text.tolist()
    rows = range(len(texts))
    mb = sum(len(t.encode()) for t in texts) / 1e6
    lexicon, gazetteer = builtin_lexicon(), builtin_gazetteer()
    matcher, _ = lexicon.compiled()

    def rate(task):  # best of three: these machines are shared; returns (seconds, what the task returned)
        best, result = float("inf"), None
        for _ in range(3):
            start = time.perf_counter()
            result = task()
            best = min(best, time.perf_counter() - start)
        return best, result

    # Matching: every hit with its character offsets, in the batches the taggers use.
    themes_s, theme_hits = rate(lambda: matcher.scan_rows(texts, rows))
    actors_s, actor_hits = rate(lambda: gazetteer.matcher.scan_rows(texts, rows))
    # Tagging: the same plus the rules (scores, tags and evidence rows; leftmost-longest mentions).
    tag_s, _ = rate(lambda: tag_themes(paragraphs, lexicon))
    mentions_s, _ = rate(lambda: find_mentions(paragraphs, gazetteer))
    hits = len(theme_hits.key) + len(actor_hits.key)
    # The naive way: one compiled Python regex per lexicon term, searched in every paragraph.
    sample = [
        t for t, a in zip(texts, content.article_id, strict=True) if a in {f.stem for f in files[:naive_articles]}
    ]
    sample_mb = sum(len(t.encode()) for t in sample) / 1e6
    patterns = [re.compile(term_regex(t), 0 if t.isupper() else re.IGNORECASE) for t in matcher.terms]
    start = time.perf_counter()
    naive_hits = sum(1 for p in patterns for t in sample for _ in p.finditer(t))
    naive_s = time.perf_counter() - start
    return {
        "content_mb": mb,
        "theme_terms": len(matcher.terms),
        "actor_aliases": len(gazetteer.matcher.terms),
        "hits_per_mb": round(hits / mb),
        "themes_mb_per_s": mb / themes_s,
        "actors_mb_per_s": mb / actors_s,
        "themes_and_actors_mb_per_s": mb / (themes_s + actors_s),
        "tag_themes_mb_per_s": mb / tag_s,
        "find_mentions_mb_per_s": mb / mentions_s,
        "naive_sample_mb": sample_mb,
        "naive_hits": naive_hits,
        "naive_themes_mb_per_s": sample_mb / naive_s,
    }


def report_pdf(folder: str, rounds: int = 3) -> dict:
    """The whole report's PDF alone: the executed notebooks of a built folder combined and printed, as
    the build's last step does; the first round starts the printing process, the rest reuse it."""
    import nbformat

    from russia_taliban.build import render
    from russia_taliban.build.pipeline import TITLE

    executed = Path(folder) / "executed"
    order = sorted(executed.glob("*.ipynb"), key=lambda p: (p.stem != "overview", p.stem))
    combined = render.combine([nbformat.read(p, as_version=4) for p in order], title=TITLE, date="benchmark")
    times = []
    with tempfile.TemporaryDirectory() as scratch:
        for i in range(rounds):
            t = time.perf_counter()
            render.to_pdf(combined, Path(scratch) / f"report-{i}.pdf", toc=True)
            times.append(time.perf_counter() - t)
    return {"first_s": round(times[0], 2), "warm_median_s": round(statistics.median(times[1:] or times), 2)}


if __name__ == "__main__":
    kind, *args = sys.argv[1:]
    if kind == "tagging":
        result = tagging(args[0], int(args[1]), float(args[2]) if len(args) > 2 else 0)
    elif kind == "profile":
        result = profile(args[0])
    elif kind == "dask":
        result = dask(args[0], int(args[1]))
    elif kind == "report_pdf":
        result = report_pdf(args[0])
    else:
        result = matching(args[0], int(args[1]))
    print(json.dumps(result))
