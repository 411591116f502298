"""Loader throughput (MB/s of article text, one core): `python benchmarks/loader_speed.py [--profile]`.

Three inputs: the seeds and layout fixtures repeated, a synthetic corpus shaped like the seeds
(benchmarks/corpora.py), and body-heavy text (long paragraphs of prose, the bulk of real corpora).
Separate from the tests: no timed assertions there.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpora import synthetic_corpus  # noqa: E402
from russia_taliban.load.corpus import load_corpus, read_article  # noqa: E402
from russia_taliban.text.sentences import spans  # noqa: E402


def _body_heavy(n: int) -> list[tuple[Path, bytes]]:
    """`n` long articles of unique paragraphs: the seeds' body sentences, shuffled into paragraphs of 4-8."""
    corpus = load_corpus(ROOT / "seeds")
    frame = corpus.paragraphs_frame
    sentences = [t[a:e] for t in frame[frame.kind == "body"].text for a, e in spans(t)]
    rng = random.Random(0)
    out = []
    for i in range(n):
        pool = rng.sample(sentences, len(sentences))
        paragraphs = []
        while pool:
            k = rng.randint(4, 8)
            paragraphs.append(" ".join(pool[:k]))
            pool = pool[k:]
        text = "\n\n".join(["Headline of a long analysis", "By Jane Doe", "5 July 2024", *paragraphs])
        out.append((Path(f"heavy{i}.txt"), text.encode()))
    return out


def _inputs(tmp: Path) -> dict[str, list[tuple[Path, bytes]]]:
    fixtures = sorted((ROOT / "seeds").glob("*.txt"))
    for name in ("dev", "dev2"):
        fixtures += sorted((ROOT / "tests" / "fixtures" / "layouts" / name).glob("*.txt"))
    synthetic = sorted(synthetic_corpus(tmp / "synthetic", 300, seeds=ROOT / "seeds").glob("*.txt"))
    heavy = _body_heavy(60)
    return {
        "seeds+fixtures x10": [(p, p.read_bytes()) for p in fixtures] * 10,
        "synthetic (300 articles)": [(p, p.read_bytes()) for p in synthetic],
        "body-heavy (60 articles)": heavy,
    }


def _clear_caches() -> None:
    """Forget the per-line memos (bounded lru caches), so repeats measure reading, not memo hits;
    compiled patterns (unbounded caches) are kept, as in any long-running process."""
    from russia_taliban.load import lines
    from russia_taliban.text import words

    for module in (lines, words):
        for name in dir(module):
            info = getattr(getattr(module, name), "cache_info", None)
            if info is not None and info().maxsize is not None:
                getattr(module, name).cache_clear()


def measure(files: list[tuple[Path, bytes]], repeat: int = 3) -> float:
    size = sum(len(data) for _, data in files)
    best = float("inf")
    for _ in range(repeat):
        _clear_caches()
        start = time.process_time()
        for path, data in files:
            read_article(path, data=data)
        best = min(best, time.process_time() - start)
    return size / best / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = _inputs(Path(tmp))
        read_article(
            inputs["body-heavy (60 articles)"][0][0], data=inputs["body-heavy (60 articles)"][0][1]
        )  # warm the pattern caches
        for name, files in inputs.items():
            if args.profile:
                profiler = cProfile.Profile()
                profiler.enable()
                measure(files, repeat=1)
                profiler.disable()
                print(f"--- {name}")
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
            else:
                mb = sum(len(d) for _, d in files) / 1e6
                print(f"{name:28s} {mb:6.2f} MB  {measure(files):6.2f} MB/s")


if __name__ == "__main__":
    main()
