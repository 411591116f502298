"""Measurements run in a fresh interpreter each (`python -m benchmarks.measure KIND ...`), so that
peak memory and timings belong to that measurement alone. Each prints one JSON object."""

from __future__ import annotations

import json
import re
import resource
import sys
import time
from pathlib import Path


def tagging(folder: str, workers: int) -> dict:
    """Load and tag every article (themes, actors, dates, quotes): throughput and peak memory."""
    from russia_taliban.tag.actors import builtin_gazetteer
    from russia_taliban.tag.batch import tag_folder
    from russia_taliban.tag.lexicon import builtin_lexicon

    builtin_lexicon().compiled()  # compile the matchers before the clock starts (once per process)
    builtin_gazetteer()
    start = time.perf_counter()
    summary = tag_folder(folder, workers=workers)
    seconds = time.perf_counter() - start
    return {
        "articles": summary.articles,
        "mb": summary.bytes / 1e6,
        "seconds": seconds,
        "mb_per_s": summary.bytes / 1e6 / seconds,
        "paragraphs": summary.paragraphs,
        "peak_rss_mb": max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        )
        / 1024,
    }


def matching(folder: str, naive_articles: int) -> dict:
    """Theme and actor matching and tagging on one core, against one Python `re` search per term."""
    from russia_taliban.load.corpus import Corpus, read_article
    from russia_taliban.load.paragraphs import CONTENT_KINDS
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


if __name__ == "__main__":
    kind, *args = sys.argv[1:]
    result = tagging(args[0], int(args[1])) if kind == "tagging" else matching(args[0], int(args[1]))
    print(json.dumps(result))
