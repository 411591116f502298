"""Synthetic corpora for the benchmark: seed paragraphs shuffled and recombined into new articles."""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from russia_taliban.load.corpus import load_corpus


def synthetic_corpus(folder: Path, n: int, *, seeds: Path, seed: int = 0) -> Path:
    """Write `n` articles shaped like the seeds (headline, byline, date line, 8-20 paragraphs, some
    site chrome), plus a metadata.csv naming each outlet. Deterministic for a given `seed`."""
    corpus = load_corpus(seeds)
    frame = corpus.paragraphs_frame
    body = frame[frame.kind == "body"].text.tolist()
    titles = frame[frame.kind == "title"].text.tolist()
    chrome = frame[frame.kind == "boilerplate"].text.tolist()
    outlets = [a.outlet for a in corpus.articles]
    authors = ["Jane Doe", "Ivan Petrov", "Amina Rahimi", "Li Wei", "Omar Khan", "Sara Jensen"]
    rng = random.Random(seed)
    start = dt.date(2021, 8, 15)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "metadata.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "outlet", "outlet_source"])
        for i in range(n):
            day = start + dt.timedelta(days=rng.randrange(0, 1445))
            paragraphs = rng.sample(body, rng.randint(8, 20))
            parts = [
                rng.choice(titles),
                f"By {rng.choice(authors)}",
                f"{day.day} {day:%B %Y}",  # English month names: Python starts in the C locale
                *paragraphs,
            ]
            if rng.random() < 0.5:
                parts.append(rng.choice(chrome))
            name = f"{i:06d}.txt"
            (folder / name).write_text("\n\n".join(parts) + "\n", encoding="utf-8")
            writer.writerow([name, rng.choice(outlets), "record"])
    return folder
